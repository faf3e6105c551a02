"""What a logged set holds, and an exercise's sets in one session, as the rules see them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from hipstride.plan.models import Prescription, Side


@dataclass(frozen=True)
class SetResult:
    """One set as done: target and actual side by side, with pain and effort."""

    step_id: str
    set_number: int  # 1-based, counted per side for one-sided steps
    side: Side | None
    target_reps: int | None
    target_hold_seconds: int | None
    reps: int | None  # reps done (None for a hold)
    held_seconds: int | None  # seconds held (None for reps)
    pain: int  # 0-10 during the set
    reps_in_reserve: int | None  # how many more reps were left; None if not answered


@dataclass(frozen=True)
class ExerciseOutcome:
    """One prescription as it went in one session, plus next-morning pain if reported."""

    day: date
    prescription: Prescription
    sets: tuple[SetResult, ...]
    next_morning_pain: int | None = None
