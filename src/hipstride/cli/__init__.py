"""The command line: a thin layer that turns options into service calls and prints the result."""
