"""The single-leg bridge hold, per side: how long until the pelvis drops by more than 10°.

Filmed from the feet (front view) the hip line's tilt shows a drop; side-on it cannot, so
the hold then runs until the foot comes down and the drop is reported as not judged. Side-
on shows the shoulder-hip-knee line instead, which the front view cannot.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from hipstride.assess.bridge import BridgeSide, score_bridge
from hipstride.knowledge.models import SelfTest
from hipstride.motion.reps import Repetition
from hipstride.motion.results import CANNOT_JUDGE, SCREENING, SideHold, confidence
from hipstride.motion.series import Array, Track, angle_at, clean
from hipstride.motion.view import CameraView

DROP_DEG = 10.0
LIFT = 0.04
"""One ankle this many torso lengths above the other: that foot is off the floor."""
LIFTED = 0.8
"""The hold starts when the foot is this fraction of its highest: lifted, not lifting."""
SETTLE_S = 0.5
"""The pelvis's level is read over the first half second of the hold."""


def _runs(mask: npt.NDArray[np.bool_]) -> list[tuple[int, int]]:
    """Inclusive index ranges where ``mask`` is true."""
    runs: list[tuple[int, int]] = []
    start = None
    for i, on in enumerate([*mask.tolist(), False]):
        if on and start is None:
            start = i
        elif not on and start is not None:
            runs.append((start, i - 1))
            start = None
    return runs


def hip_tilt(track: Track) -> Array:
    """The hip line's slope in the picture, -90..90°, whichever hip is on the left."""
    d = track.point("right_hip") - track.point("left_hip")
    flip = np.where(d[:, 0] < 0, -1.0, 1.0)
    return np.asarray(np.degrees(np.arctan2(d[:, 1] * flip, np.abs(d[:, 0]))), dtype=np.float64)


def holds(track: Track, cam: CameraView, reps: list[Repetition]) -> list[SideHold]:
    """One hold per repetition that lifted a foot, in the order filmed."""
    torso = track.torso()
    lift = clean(
        (track.point("left_ankle")[:, 1] - track.point("right_ankle")[:, 1]) / torso, track.fps
    )
    tilt = clean(hip_tilt(track), track.fps)
    shoulders = track.mid("left_shoulder", "right_shoulder")
    hips = track.mid("left_hip", "right_hip")
    found: list[SideHold] = []
    for rep in reps:
        window = slice(rep.start_index, rep.end_index + 1)
        part = lift[window]
        up_left = _runs(np.nan_to_num(part, nan=0.0) < -LIFT)
        up_right = _runs(np.nan_to_num(part, nan=0.0) > LIFT)
        candidates = [("left", r) for r in up_left] + [("right", r) for r in up_right]
        if not candidates:
            continue
        side, (a, b) = max(candidates, key=lambda c: c[1][1] - c[1][0])
        height = np.abs(np.nan_to_num(part[a : b + 1], nan=0.0))
        high = np.flatnonzero(height >= LIFTED * height.max())
        a, b, down = a + int(high[0]), b, a + int(high[-1])
        a, b, down = a + rep.start_index, b + rep.start_index, down + rep.start_index
        frames = list(range(a, b + 1))
        hold_s = float(track.t[down] - track.t[a])
        leg = (f"{side}_ankle", f"{side}_hip", "left_hip", "right_hip")
        if cam.view == "front":
            settle = max(a + 1, int(np.searchsorted(track.t, track.t[a] + SETTLE_S)))
            level = float(np.nanmedian(tilt[a:settle]))
            drop = np.abs(tilt[a : b + 1] - level)
            over = np.flatnonzero(np.nan_to_num(drop, nan=0.0) > DROP_DEG)
            if over.size:
                hold_s = float(track.t[a + int(over[0])] - track.t[a])
            found.append(
                SideHold(
                    side,
                    round(hold_s, 2),
                    round(float(np.nanmax(drop)), 1),
                    bool(over.size),
                    None,
                    confidence(track, leg, frames),
                    f"pelvic drop: {SCREENING}; hip extension: {CANNOT_JUDGE}",
                )
            )
        else:
            other = "right" if side == "left" else "left"
            line = angle_at(shoulders, hips, track.point(f"{other}_knee"))
            found.append(
                SideHold(
                    side,
                    round(hold_s, 2),
                    None,
                    None,
                    round(float(np.nanmedian(line[a : b + 1])), 1),
                    confidence(track, leg, frames),
                    f"pelvic drop: {CANNOT_JUDGE} (film from the feet); the hold ran "
                    "until the foot came down",
                )
            )
    return found


def score(test: SelfTest, found: list[SideHold]) -> tuple[int | None, tuple[str, ...]]:
    """The rubric's score from the first hold of each side, when both were filmed."""
    first = {h.side: h for h in reversed(found)}
    if set(first) != {"left", "right"}:
        return None, ()
    left, right = (
        BridgeSide(hold_seconds=first[s].hold_s, pelvic_drop=bool(first[s].dropped))
        for s in ("left", "right")
    )
    result = score_bridge(test, left, right)
    return result.score, result.outcomes
