"""Use cases: the one place that combines the core with the store and the other edges."""
