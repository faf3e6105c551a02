"""Values the planner takes and returns. Pure data: no I/O, no clock (dates come in)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Literal

Side = Literal["left", "right"]
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def weekday_names(days: Iterable[int], empty: str = "none") -> str:
    """Weekdays 0-6 as 'Mon, Wed, Sat', in week order."""
    return ", ".join(WEEKDAYS[d] for d in sorted(days)) or empty


class Experience(StrEnum):
    NEW = "new"  # new to strength work
    SOME = "some"  # has done some strength training
    REGULAR = "regular"  # trains strength regularly


@dataclass(frozen=True)
class Profile:
    """The runner's week and means. Weekdays are 0 (Monday) to 6 (Sunday)."""

    running_days: frozenset[int]
    long_run_day: int | None = None
    hard_days: frozenset[int] = frozenset()
    race_date: date | None = None
    experience: Experience = Experience.NEW
    equipment: frozenset[str] = frozenset({"mat", "chair"})
    minutes_per_session: int = 30
    sessions_per_week: int = 3
    allow_consecutive: bool = False


@dataclass(frozen=True)
class Findings:
    """What the latest self-tests found, in the terms the planner needs.

    ``squat_outcomes`` and ``bridge_outcomes`` are outcome ids from the self-test content
    (e.g. ``depth-limit``, ``endurance-deficit``, ``hamstring-cramp``).
    """

    squat_score: int | None = None
    squat_outcomes: frozenset[str] = frozenset()
    bridge_score: int | None = None
    bridge_outcomes: frozenset[str] = frozenset()
    bridge_hold_seconds: dict[Side, float] = field(default_factory=dict)
    weaker_side: Side | None = None


@dataclass(frozen=True)
class Prescription:
    """One exercise in one session: which step, how much, and why."""

    family_id: str
    step_id: str
    sets: int
    reps_min: int | None
    reps_max: int | None
    hold_seconds: int | None
    rest_seconds: int
    tempo: str | None = None
    one_side: bool = False
    extra_set_side: Side | None = None
    note: str = ""

    @property
    def dose(self) -> str:
        """E.g. ``3 × 10-15 per side (+1 set left)``."""
        if self.hold_seconds is not None:
            work = f"{self.hold_seconds} s"
        elif self.reps_min == self.reps_max:
            work = f"{self.reps_min}"
        else:
            work = f"{self.reps_min}-{self.reps_max}"
        text = f"{self.sets} × {work}" + (" per side" if self.one_side else "")
        return text + (f" (+1 set {self.extra_set_side})" if self.extra_set_side else "")


class WeekKind(StrEnum):
    BUILD = "build"
    DELOAD = "deload"  # every fourth week: fewer sets
    RACE = "race"  # race week: half volume


@dataclass(frozen=True)
class PlannedSession:
    day: date
    week: int  # 1-based
    week_kind: WeekKind
    items: tuple[Prescription, ...]
    note: str = ""  # e.g. "strength before your run; ideally 6 h apart"


@dataclass(frozen=True)
class Plan:
    start: date
    weeks: int
    sessions: tuple[PlannedSession, ...]
    explanations: tuple[str, ...]  # one line per decision, shown to the runner
