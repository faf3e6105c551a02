"""The deep squat, seen side-on (depth, lean, heels, balance) or front-on (knee tracking).

Thresholds are in body proportions, so they hold at any distance from the camera:
depth compares the hip's height with the knee's and the heel's, the lean compares the
trunk with the shin (parallel is fine, a trunk well ahead of the shin is a lean), heel lift
is the heel's rise over the toes against standing, in torso lengths.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from hipstride.assess.squat import SquatMeasures, score_squat
from hipstride.knowledge.models import SelfTest
from hipstride.motion.reps import Repetition
from hipstride.motion.results import SCREENING, Figure, confidence, unjudged
from hipstride.motion.series import Array, Track, angle_at, from_vertical
from hipstride.motion.view import CameraView

FULL_DEPTH = 0.2
"""Hip below the knee by a fifth of the knee-to-heel height: buttocks at the heels."""
LEAN_OVER_SHIN_DEG = 15.0
HEEL_LIFT = 0.08
"""Heel rise over the toes, torso lengths, beyond what it was standing."""
FALL_BACK = 0.8
"""Hips this many torso lengths behind the heels: the weight is past the feet."""
PARALLEL_DEG = 15.0
"""A squat is deep when the thigh is within this of horizontal or below: MediaPipe's hip
point sits above the hip crease, so a thigh at parallel reads a little above it."""
KNEES_IN = 0.8
"""Knees closer together than this fraction of the ankles' distance (front view)."""

CUES = {
    "falls-back": "Bring your weight over the middle of your feet; hold a support at the "
    "bottom until you stop tipping back.",
    "heel-lift": "Keep your heels on the floor: go only as low as they stay down.",
    "forward-lean": "Keep your chest up and your arms reaching overhead as you sink.",
    "knees-in": "Let your knees point the way your toes point; do not let them fall inwards.",
    "depth-limit": "Sink a little lower each time, only as far as is comfortable.",
}
"""In order of use: balance and heels first, then the trunk, the knees, then depth."""

LEG = ("hip", "knee", "ankle", "heel", "foot_index")


@dataclass(frozen=True)
class Bottom:
    """Figures at the bottom of one squat, medians over the frames spent there."""

    frames: list[int]
    depth: float
    knee_flexion: float
    trunk_deg: float
    shin_deg: float
    heel_rise: float
    hips_behind: float
    knees_apart: float
    thigh_deg: float
    """The near thigh's slope, hip to knee: positive when the hip is below the knee."""

    @property
    def deep(self) -> bool:
        return bool(self.thigh_deg >= -PARALLEL_DEG)


def _median(values: Array, frames: list[int]) -> float:
    picked = values[frames]
    picked = picked[~np.isnan(picked)]
    return float(np.median(picked)) if picked.size else float("nan")


def bottom(track: Track, cam: CameraView, rep: Repetition, signal: Array) -> Bottom:
    """The rep's bottom: frames within 10 % of its deepest point."""
    part = signal[rep.start_index : rep.end_index + 1]
    deepest = float(np.nanmax(part))
    rest = float(np.nanmin(part))
    frames = [
        rep.start_index + int(i) for i in np.flatnonzero(part >= deepest - 0.1 * (deepest - rest))
    ]
    side = cam.near
    hip, knee, ankle, heel, toe = (track.point(f"{side}_{j}") for j in LEG)
    if cam.view == "front":
        hip, knee, heel = (track.mid(f"left_{j}", f"right_{j}") for j in ("hip", "knee", "heel"))
    torso = track.torso()
    hips = track.mid("left_hip", "right_hip")
    shoulders = track.mid("left_shoulder", "right_shoulder")
    with np.errstate(invalid="ignore", divide="ignore"):
        depth = (hip[:, 1] - knee[:, 1]) / (heel[:, 1] - knee[:, 1])
        apart = np.abs(track.point("left_knee")[:, 0] - track.point("right_knee")[:, 0]) / (
            np.abs(track.point("left_ankle")[:, 0] - track.point("right_ankle")[:, 0])
        )
    rise = (toe[:, 1] - heel[:, 1]) / torso
    standing = list(range(max(0, rep.start_index - 3), rep.start_index + 1))
    return Bottom(
        frames=frames,
        depth=_median(depth, frames),
        knee_flexion=_median(180 - angle_at(hip, knee, ankle), frames),
        trunk_deg=_median(from_vertical(hips, shoulders, cam.forward), frames),
        shin_deg=_median(from_vertical(ankle, knee, cam.forward), frames),
        heel_rise=_median(rise, frames) - _median(rise, standing),
        hips_behind=_median((heel[:, 0] - hips[:, 0]) * cam.forward / torso, frames),
        knees_apart=_median(apart, frames),
        thigh_deg=_median(
            np.degrees(np.arctan2(hip[:, 1] - knee[:, 1], np.abs(knee[:, 0] - hip[:, 0]))),
            frames,
        ),
    )


def squat_figures(track: Track, cam: CameraView, b: Bottom) -> tuple[list[Figure], list[str]]:
    """The figures at one bottom and the faults they show (outcome ids)."""
    leg = tuple(f"{cam.near}_{j}" for j in LEG)
    both = tuple(f"{s}_{j}" for s in ("left", "right") for j in ("hip", "knee", "ankle"))
    c_leg = confidence(track, leg, b.frames)
    c_trunk = confidence(track, ("left_shoulder", "right_shoulder", *leg[:3]), b.frames)
    reached = bool(b.depth >= FULL_DEPTH)
    figures = [
        Figure(
            "hip-depth",
            "Hip below the knee (0 = level, 1 = at the heel)",
            round(b.depth, 2),
            "ratio",
            c_leg if cam.view == "side" else confidence(track, both, b.frames),
        ),
        Figure(
            "reached-depth",
            "Buttocks down to the heels",
            reached,
            "yes/no",
            c_leg if cam.view == "side" else confidence(track, both, b.frames),
        ),
    ]
    faults = [] if reached else ["depth-limit"]
    if cam.view == "side":
        lean = b.trunk_deg - b.shin_deg
        figures += [
            Figure("knee-flexion", "Knee bend at the bottom", round(b.knee_flexion, 1), "°", c_leg),
            Figure("thigh-angle", "Thigh below horizontal", round(b.thigh_deg, 1), "°", c_leg),
            Figure("trunk-angle", "Trunk from vertical", round(b.trunk_deg, 1), "°", c_trunk),
            Figure("trunk-over-shin", "Trunk lean beyond the shin's", round(lean, 1), "°", c_trunk),
            Figure(
                "heel-lift",
                "Heel rise over the toes (torso lengths)",
                round(b.heel_rise, 3),
                "torso",
                c_leg,
            ),
            Figure(
                "hips-behind-heels",
                "Hips behind the heels (torso lengths)",
                round(b.hips_behind, 2),
                "torso",
                c_trunk,
            ),
            unjudged("knees-over-feet", "Knees over the feet", "ratio"),
        ]
        faults += [
            name
            for name, seen in (
                ("falls-back", b.hips_behind > FALL_BACK),
                ("heel-lift", b.heel_rise > HEEL_LIFT),
                ("forward-lean", lean > LEAN_OVER_SHIN_DEG),
            )
            if seen
        ]
    else:
        knees = ("left_knee", "right_knee", "left_ankle", "right_ankle")
        figures += [
            unjudged("knee-flexion", "Knee bend at the bottom", "°"),
            unjudged("thigh-angle", "Thigh below horizontal", "°"),
            unjudged("trunk-angle", "Trunk from vertical", "°"),
            unjudged("trunk-over-shin", "Trunk lean beyond the shin's", "°"),
            unjudged("heel-lift", "Heel rise over the toes (torso lengths)", "torso"),
            unjudged("hips-behind-heels", "Hips behind the heels (torso lengths)", "torso"),
            Figure(
                "knees-over-feet",
                "Knees' distance over the ankles' distance",
                round(b.knees_apart, 2),
                "ratio",
                confidence(track, knees, b.frames),
                SCREENING,
            ),
        ]
        if b.knees_apart < KNEES_IN:
            faults.append("knees-in")
    return figures, faults


def score(test: SelfTest, view: str, faults: list[str]) -> tuple[int | None, tuple[str, ...]]:
    """The rubric's score when the view supports it: side-on, or front-on short of depth."""
    reached = "depth-limit" not in faults
    if view != "side" and reached:
        return None, ()
    result = score_squat(
        test,
        SquatMeasures(
            reached_depth=reached,
            heels_lift="heel-lift" in faults,
            forward_lean="forward-lean" in faults,
            falls_back="falls-back" in faults,
        ),
    )
    return result.score, result.outcomes


def cues(faults: list[str]) -> list[str]:
    return [text for fault, text in CUES.items() if fault in faults]
