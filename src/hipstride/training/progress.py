"""Progress summarised from the log: test trend, ladder steps reached, adherence, volume, pain.

Pure: the service hands in what the store holds and ``today``; nothing is read here.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from hipstride.plan.models import Side


@dataclass(frozen=True)
class TestPoint:
    day: date
    test_id: str
    side: Side | None
    score: int | None
    hold_seconds: float | None


@dataclass(frozen=True)
class LoggedSet:
    day: date
    family_id: str
    reps: int | None
    held_seconds: int | None
    pain: int


@dataclass(frozen=True)
class StepReached:
    family_id: str
    family_name: str
    step_id: str
    step_name: str
    level: int
    of: int


@dataclass(frozen=True)
class Week:
    start: date  # a Monday
    planned: int
    done: int
    sets: int
    max_pain: int | None
    mean_pain: float | None


@dataclass(frozen=True)
class Progress:
    tests: tuple[TestPoint, ...]
    steps: tuple[StepReached, ...]
    weeks: tuple[Week, ...]
    morning_pain: tuple[tuple[date, int], ...]
    adherence: float | None  # sessions done / sessions planned up to today

    @property
    def total_sets(self) -> int:
        return sum(w.sets for w in self.weeks)


def monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def summarise(
    *,
    today: date,
    planned_days: Sequence[date],
    done_days: Sequence[date],
    sets: Sequence[LoggedSet],
    tests: Sequence[TestPoint],
    steps: Sequence[StepReached],
    morning_pain: Sequence[tuple[date, int]],
) -> Progress:
    """Weekly figures from the first planned or logged week up to the week of ``today``."""
    due = [d for d in planned_days if d <= today]
    done = [d for d in done_days if d <= today]
    starts = [monday(d) for d in [*due, *done, *(s.day for s in sets)]]
    weeks: list[Week] = []
    if starts:
        by_week: dict[date, list[LoggedSet]] = defaultdict(list)
        for s in sets:
            by_week[monday(s.day)].append(s)
        week = min(starts)
        while week <= monday(today):
            pains = [s.pain for s in by_week[week]]
            weeks.append(
                Week(
                    start=week,
                    planned=sum(1 for d in due if monday(d) == week),
                    done=sum(1 for d in done if monday(d) == week),
                    sets=len(by_week[week]),
                    max_pain=max(pains) if pains else None,
                    mean_pain=round(sum(pains) / len(pains), 1) if pains else None,
                )
            )
            week += timedelta(days=7)
    adherence = len(set(done) & set(due)) / len(set(due)) if due else None
    return Progress(
        tests=tuple(sorted(tests, key=lambda t: (t.day, t.test_id, t.side or ""))),
        steps=tuple(steps),
        weeks=tuple(weeks),
        morning_pain=tuple(sorted(morning_pain)),
        adherence=adherence,
    )
