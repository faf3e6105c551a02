"""Each exercise family's own figure at the far position, where the view can show it.

The bridge and the quadruped hip extension are judged side-on (the hip's line is in the
plane of the picture); the clamshell and the side step from the front (the knees and feet
move across the picture). From the other view the figure is reported as not judged.
"""

from __future__ import annotations

import numpy as np

from hipstride.motion.reps import FAR, Repetition
from hipstride.motion.results import Figure, confidence, unjudged
from hipstride.motion.series import Array, Track, angle_at
from hipstride.motion.view import CameraView

FIGURE = {
    "glute-bridge": ("hip-line-top", "Shoulder-hip-knee angle at the top (180 = in line)", "°"),
    "quadruped-hip-extension": (
        "hip-extension-top",
        "Trunk-thigh angle of the lifted leg at the top (180 = in line)",
        "°",
    ),
    "clamshell": ("knee-opening", "Angle between the thighs at the top", "°"),
    "side-step": ("step-width", "Feet apart at the widest, over hip width", "ratio"),
}
VIEW = {
    "glute-bridge": "side",
    "quadruped-hip-extension": "side",
    "clamshell": "front",
    "side-step": "front",
}


def _far_frames(signal: Array, reps: list[Repetition]) -> list[int]:
    """Frames at the far position of every repetition (within 10 % of its peak)."""
    frames: list[int] = []
    for rep in reps:
        part = signal[rep.start_index : rep.end_index + 1]
        low, high = float(np.nanmin(part)), float(np.nanmax(part))
        near = np.flatnonzero(np.nan_to_num(part, nan=-np.inf) >= low + FAR * (high - low))
        frames += [rep.start_index + int(i) for i in near]
    return frames


def _median(values: Array, frames: list[int]) -> float:
    picked = values[frames]
    picked = picked[~np.isnan(picked)]
    return float(np.median(picked)) if picked.size else float("nan")


def family_figure(
    tk: Track, cam: CameraView, family: str, signal: Array, reps: list[Repetition]
) -> Figure | None:
    """The family's figure, None for the squat (which has its own) or with no repetition."""
    if family not in FIGURE or not reps:
        return None
    figure_id, label, unit = FIGURE[family]
    if cam.view != VIEW[family]:
        return unjudged(figure_id, label, unit)
    frames = _far_frames(signal, reps)
    shoulders = tk.mid("left_shoulder", "right_shoulder")
    hips = tk.mid("left_hip", "right_hip")
    if family == "glute-bridge":
        knees = tk.mid("left_knee", "right_knee")
        value = _median(angle_at(shoulders, hips, knees), frames)
        used: tuple[str, ...] = ("left_shoulder", "left_hip", "left_knee", "right_knee")
    elif family == "quadruped-hip-extension":
        lifted = min(("left", "right"), key=lambda s: _median(tk.point(f"{s}_knee")[:, 1], frames))
        value = _median(
            angle_at(shoulders, tk.point(f"{lifted}_hip"), tk.point(f"{lifted}_knee")), frames
        )
        used = ("left_shoulder", "right_shoulder", f"{lifted}_hip", f"{lifted}_knee")
    elif family == "clamshell":
        thigh_l = tk.point("left_knee") - tk.point("left_hip")
        thigh_r = tk.point("right_knee") - tk.point("right_hip")
        zero = np.zeros_like(thigh_l)
        value = _median(angle_at(thigh_l, zero, thigh_r), frames)
        used = ("left_hip", "right_hip", "left_knee", "right_knee")
    else:
        with np.errstate(invalid="ignore", divide="ignore"):
            ratio = np.linalg.norm(tk.point("left_ankle") - tk.point("right_ankle"), axis=1) / (
                np.linalg.norm(tk.point("left_hip") - tk.point("right_hip"), axis=1)
            )
        value = _median(ratio, frames)
        used = ("left_ankle", "right_ankle", "left_hip", "right_hip")
    return Figure(
        figure_id, label, round(value, 1 if unit == "°" else 2), unit, confidence(tk, used, frames)
    )
