"""hipstride: hip strength for runners.

Self-tests, ladders of exercises, and a plan that fits around the running week.
"""

__version__ = "0.1.0"
