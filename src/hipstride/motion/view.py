"""Which way the camera looks at the runner: side-on or front-on, and which way they face.

A side camera sees the shoulders almost on top of each other, a front camera sees them a
torso's length apart or more; measured on real clips the ratio of shoulder width to torso
length is 0.07-0.24 side-on and 0.58-0.70 front-on, so 0.4 splits them with room to spare.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np

from hipstride.motion.series import Array, Track

View = Literal["side", "front"]
SIDE_BELOW = 0.4
MARGIN = 0.15
"""How far from ``SIDE_BELOW`` the ratio must be for full confidence in the view."""


@dataclass(frozen=True)
class CameraView:
    view: View
    ratio: float
    """Median shoulder width over torso length."""
    confidence: float
    forward: float
    """+1 when the runner faces right in the picture, -1 when left (side view)."""
    near: Literal["left", "right"]
    """The side nearer the camera (better seen) in a side view."""


def _median(values: Array) -> float:
    valid = values[~np.isnan(values)]
    return float(np.median(valid)) if valid.size else float("nan")


def camera_view(track: Track) -> CameraView:
    """The view from the shoulders, the facing from the feet (toes ahead of heels)."""
    shoulders = np.linalg.norm(track.point("left_shoulder") - track.point("right_shoulder"), axis=1)
    torso = np.linalg.norm(
        track.mid("left_shoulder", "right_shoulder") - track.mid("left_hip", "right_hip"), axis=1
    )
    with np.errstate(invalid="ignore", divide="ignore"):
        ratio = _median(shoulders / torso)
    if np.isnan(ratio):
        return CameraView("front", ratio, 0.0, 1.0, "left")
    view: View = "side" if ratio < SIDE_BELOW else "front"
    certainty = min(1.0, abs(ratio - SIDE_BELOW) / MARGIN)
    seen = track.visibility("left_shoulder", "right_shoulder", "left_hip", "right_hip")
    toes = track.mid("left_foot_index", "right_foot_index")[:, 0]
    heels = track.mid("left_heel", "right_heel")[:, 0]
    ahead = _median(toes - heels)
    forward = -1.0 if ahead < 0 else 1.0
    left = track.visibility("left_hip", "left_knee", "left_ankle")
    right = track.visibility("right_hip", "right_knee", "right_ankle")
    near: Literal["left", "right"] = "left" if left > right else "right"
    return CameraView(view, ratio, round(certainty * min(1.0, seen / 0.8), 2), forward, near)
