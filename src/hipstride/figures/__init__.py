"""Illustrations made by our own code: a 3-D body model posed by content keyframes.

Pure: no I/O, no clock. The pieces, from the inside out:

- ``body``: segment lengths (Winter's table), thicknesses, ``Pose``;
- ``kinematics``: ``pose_points(pose)`` → named 3-D points (MediaPipe names) on the floor;
- ``views``: orthographic cameras for the side, front and front-above views;
- ``keyframes``: range checks, in-between poses, the movement kept in place;
- ``muscles``, ``props``, ``draw``, ``svg``: what is drawn and how;
- ``render``: ``step_svg``, ``self_test_svg`` and the catalog lookups the app calls.
"""
