"""One entry point: a landmark sequence and what it shows → an ``Analysis``.

Each exercise family is read from one signal that grows towards its far position, in
torso lengths: the hips sinking (squat), the hips rising (bridge), the knees opening
(clamshell), the feet apart (side step: one repetition is one step, apart and together
again) and a knee rising towards hip height (quadruped
hip extension). Self-tests add their own figures on top of the family's repetitions.
"""

from __future__ import annotations

import numpy as np

from hipstride.figures.landmarks import LandmarkSequence
from hipstride.knowledge.models import SelfTest
from hipstride.motion import bridge, squat
from hipstride.motion.families import family_figure
from hipstride.motion.reps import Repetition, repetitions
from hipstride.motion.results import CANNOT_JUDGE, Analysis, Figure, RepFigures, confidence
from hipstride.motion.series import Array, Track, clean, track
from hipstride.motion.view import camera_view

FAMILIES = ("squat", "clamshell", "side-step", "glute-bridge", "quadruped-hip-extension")
TEST_FAMILY = {"deep-squat": "squat", "single-leg-bridge": "glute-bridge"}
MIN_FOUND_S = 1.5
"""Less than this much video with a person in it is too little to analyse."""
MIN_AMPLITUDE = 0.12
"""A movement smaller than this (torso lengths) is not a repetition, whatever its shape."""
SLOW_DOWN_S = 0.8
"""Reaching the far position faster than this is rushing the repetition."""
FADING = 0.7
"""A last repetition shorter than this fraction of the first one lost its range."""

_SIGNAL_LANDMARKS = {
    "squat": ("left_hip", "right_hip", "left_shoulder", "right_shoulder"),
    "glute-bridge": ("left_hip", "right_hip", "left_shoulder", "right_shoulder"),
    "clamshell": ("left_knee", "right_knee", "left_shoulder", "right_shoulder"),
    "side-step": ("left_ankle", "right_ankle", "left_shoulder", "right_shoulder"),
    "quadruped-hip-extension": ("left_hip", "right_hip", "left_knee", "right_knee"),
}

FAMILY_CUES = {
    "squat": "Sit back and down as if onto a chair, keeping the same depth every time.",
    "glute-bridge": "Squeeze your buttocks and lift until shoulders, hips and knees line up.",
    "clamshell": "Open the knee as far as the pelvis stays still, then close it slowly.",
    "side-step": "Step wide enough to feel the side of the hip, and keep the band taut.",
    "quadruped-hip-extension": "Lift the leg only as high as your back stays flat.",
}


class NotAnalysable(ValueError):
    """The sequence cannot be analysed; the message says why and what to do."""


def signal(tk: Track, family: str) -> Array:
    """The family's movement signal in torso lengths, growing towards the far position."""
    torso = tk.torso()
    if family == "squat":
        raw = tk.mid("left_hip", "right_hip")[:, 1] / torso
    elif family == "glute-bridge":
        raw = -tk.mid("left_hip", "right_hip")[:, 1] / torso
    elif family == "clamshell":
        raw = np.linalg.norm(tk.point("left_knee") - tk.point("right_knee"), axis=1) / torso
    elif family == "side-step":
        raw = np.abs(tk.point("left_ankle")[:, 0] - tk.point("right_ankle")[:, 0]) / torso
    elif family == "quadruped-hip-extension":
        sides = [
            clean((tk.point(f"{s}_hip")[:, 1] - tk.point(f"{s}_knee")[:, 1]) / torso, tk.fps)
            for s in ("left", "right")
        ]
        ranges = [float(np.nanpercentile(s, 98) - np.nanpercentile(s, 2)) for s in sides]
        return sides[int(np.argmax(ranges))]
    else:
        raise ValueError(f"unknown exercise family {family!r}; one of {', '.join(FAMILIES)}")
    return clean(np.asarray(raw, dtype=np.float64), tk.fps)


def _rep_figures(rep: Repetition, deep: bool | None = None) -> RepFigures:
    return RepFigures(
        round(rep.start_s, 2),
        round(rep.far_s, 2),
        round(rep.end_s, 2),
        round(rep.amplitude, 3),
        round(rep.down_s, 2),
        round(rep.stay_s, 2),
        round(rep.up_s, 2),
        deep,
    )


def _general_cues(family: str, reps: list[Repetition]) -> list[str]:
    cues: list[str] = []
    if reps and family != "glute-bridge" and min(r.down_s for r in reps) < SLOW_DOWN_S:
        cues.append("Slow down: take about two seconds to go and two to come back.")
    if len(reps) >= 2 and reps[-1].amplitude < FADING * reps[0].amplitude:
        cues.append("Keep the same range to the last repetition; stop the set when it shrinks.")
    if not cues:
        cues.append(FAMILY_CUES[family])
    return cues


def analyze(
    seq: LandmarkSequence, *, family: str, subject: str, test: SelfTest | None = None
) -> Analysis:
    """Repetitions, figures and cues for one clip of ``family`` (``subject`` names it)."""
    if family not in FAMILIES:
        raise ValueError(f"unknown exercise family {family!r}; one of {', '.join(FAMILIES)}")
    tk = track(seq)
    found_s = float(np.count_nonzero(tk.found)) / seq.fps if seq.fps > 0 else 0.0
    if not tk.found.any():
        raise NotAnalysable(
            "no person was found in any frame: film the whole body, head to feet, in good light"
        )
    if found_s < MIN_FOUND_S:
        raise NotAnalysable(
            f"only {found_s:.1f} s of the clip shows a person; film at least "
            f"{MIN_FOUND_S:g} s, with a few repetitions"
        )
    cam = camera_view(tk)
    sig = signal(tk, family)
    reps = repetitions(sig, tk.t, min_amplitude=MIN_AMPLITUDE)
    notes: list[str] = []
    if family == "side-step" and cam.view == "side":
        reps = []
        notes.append(
            f"Side steps: {CANNOT_JUDGE}, the feet move towards the camera. Film from the front."
        )
    elif not reps:
        notes.append("No full repetition was found: film the whole movement, start to finish.")
    figures = [
        Figure(
            "repetitions",
            "Repetitions",
            float(len(reps)),
            "count",
            confidence(tk, _SIGNAL_LANDMARKS[family]),
        ),
        Figure(
            "view-ratio",
            "Shoulder width over torso length",
            round(cam.ratio, 2),
            "ratio",
            cam.confidence,
        ),
    ]
    own = family_figure(tk, cam, family, sig, reps)
    if own is not None:
        figures.append(own)
    cues: list[str] = []
    score: int | None = None
    outcomes: tuple[str, ...] = ()
    holds = []
    deep: list[bool | None] = [None] * len(reps)
    if family == "squat" and cam.view == "side":
        deep = [squat.bottom(tk, cam, r, sig).deep for r in reps]
    if family == "squat" and reps:
        best = max(reps, key=lambda r: r.amplitude)
        at_bottom = squat.bottom(tk, cam, best, sig)
        extra, faults = squat.squat_figures(tk, cam, at_bottom)
        figures += extra
        cues += squat.cues(faults)
        if test is not None:
            score, outcomes = squat.score(test, cam.view, faults)
            if score is None:
                notes.append(
                    "The score needs a side view for the heels, the lean and balance: film "
                    "side-on at hip height."
                )
    if family == "glute-bridge":
        holds = bridge.holds(tk, cam, reps)
        if test is not None:
            score, outcomes = bridge.score(test, holds)
            if score is None:
                notes.append("The score needs a hold on each side: film both sides.")
    cues += [c for c in _general_cues(family, reps) if c not in cues]
    if test is not None:
        notes.append("The camera cannot tell whether anything hurt: stop and score 0 if it did.")
    return Analysis(
        subject=subject,
        family=family,
        view=cam.view,
        view_confidence=cam.confidence,
        duration_s=round(seq.duration_s, 2),
        depth_unit="torso lengths",
        reps=tuple(_rep_figures(r, d) for r, d in zip(reps, deep, strict=True)),
        figures=tuple(figures),
        cues=tuple(cues[:3]),
        score=score,
        outcomes=outcomes,
        holds=tuple(holds),
        notes=tuple(notes),
    )
