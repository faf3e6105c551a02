"""What an analysis reports: figures with a confidence, repetitions, a score, cues."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np

from hipstride.figures.landmarks import INDEX
from hipstride.motion.series import Track

CANNOT_JUDGE = "cannot judge this from this view"
SCREENING = "a screening flag from one 2-D camera, not a measurement"


@dataclass(frozen=True)
class Figure:
    """One measured figure. ``value`` is None when the view cannot support it (``note``)."""

    id: str
    label: str
    value: float | bool | None
    unit: str
    confidence: float
    """0..1, from how well the landmarks it uses were seen."""
    note: str | None = None


@dataclass(frozen=True)
class RepFigures:
    start_s: float
    far_s: float
    end_s: float
    depth: float
    """How far the movement went, in ``Analysis.depth_unit``."""
    down_s: float
    """Leaving rest to reaching the far position (each edge at 10 % of the range)."""
    stay_s: float
    up_s: float
    deep: bool | None = None
    """Squats seen side-on: the thigh reached parallel or below."""


@dataclass(frozen=True)
class SideHold:
    """One side of the bridge test: the hold until the pelvis dropped by more than 10°."""

    side: str
    hold_s: float
    pelvic_drop_deg: float | None
    dropped: bool | None
    hip_extension_deg: float | None
    confidence: float
    note: str | None = None


@dataclass(frozen=True)
class Analysis:
    subject: str
    """The self-test or step id analysed."""
    family: str
    view: str
    view_confidence: float
    duration_s: float
    depth_unit: str
    reps: tuple[RepFigures, ...]
    figures: tuple[Figure, ...]
    cues: tuple[str, ...]
    """At most three, the most useful first."""
    score: int | None = None
    outcomes: tuple[str, ...] = ()
    holds: tuple[SideHold, ...] = ()
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def rep_count(self) -> int:
        return len(self.reps)

    def figure(self, figure_id: str) -> Figure:
        return next(f for f in self.figures if f.id == figure_id)

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["rep_count"] = self.rep_count
        return data


def confidence(track: Track, names: tuple[str, ...], frames: list[int] | None = None) -> float:
    """Mean visibility of ``names`` over ``frames`` (all by default); a dropped frame is 0."""
    rows = np.arange(len(track.t)) if frames is None else np.asarray(frames, dtype=np.int64)
    if rows.size == 0:
        return 0.0
    cols = np.asarray([INDEX[n] for n in names], dtype=np.int64)
    return round(float(np.mean(track.vis[np.ix_(rows, cols)])), 2)


def unjudged(figure_id: str, label: str, unit: str, why: str = CANNOT_JUDGE) -> Figure:
    return Figure(figure_id, label, None, unit, 0.0, why)
