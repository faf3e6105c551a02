"""Runs as the rest of hipstride sees them, and the load they add up to (pure core)."""
