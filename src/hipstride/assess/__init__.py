"""Scoring the pain screen and the self-tests into findings the planner uses."""
