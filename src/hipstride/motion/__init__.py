"""The camera check's analysis: pure numpy over landmark sequences, no I/O, no clock.

``analyze`` reads a ``LandmarkSequence`` (from the video pipeline or a landmark file) and
returns figures with a confidence each, a score for a self-test, repetitions and cues. It
screens and never diagnoses: what one 2-D camera cannot measure is said plainly.
"""
