"""A guided session as a state machine, and what a set log holds."""
