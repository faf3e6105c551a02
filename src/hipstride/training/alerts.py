"""What a linked coach is alerted to: high pain, the pain rule broken, training stopped.

Pure rules over what the runner logged (no store, no clock): pain of 7/10 or more in a set
or a morning check-in; twice carrying on with an exercise after a set above the pain limit
(the pain-monitoring model says stop it there); no session for five days.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from hipstride.plan.progression import PAIN_LIMIT

HIGH_PAIN = 7
BREAKS_FOR_ALERT = 2
IDLE_DAYS = 5


class AlertKind(StrEnum):
    HIGH_PAIN = "high-pain"
    PAIN_RULE = "pain-rule"
    IDLE = "idle"


@dataclass(frozen=True)
class PainedSet:
    """One logged set, in the order it was logged within its session."""

    day: date
    session: str  # which session log
    exercise: str  # which exercise in that session (both sides count as one)
    name: str
    pain: int


@dataclass(frozen=True)
class Alert:
    kind: AlertKind
    day: date | None
    message: str


def _on(day: date) -> str:
    return f"{day:%a %d %b}"


def high_pain(sets: Iterable[PainedSet], mornings: Iterable[tuple[date, int]]) -> list[Alert]:
    """One alert per day with pain of ``HIGH_PAIN`` or more, the worst of that day."""
    worst: dict[date, tuple[int, str]] = {}
    for s in sets:
        if s.pain >= HIGH_PAIN and s.pain > worst.get(s.day, (-1, ""))[0]:
            worst[s.day] = (s.pain, f"in a set of {s.name}")
    for day, pain in mornings:
        if pain >= HIGH_PAIN and pain > worst.get(day, (-1, ""))[0]:
            worst[day] = (pain, "in the morning check-in")
    return [
        Alert(AlertKind.HIGH_PAIN, day, f"Pain {pain}/10 {where} on {_on(day)}.")
        for day, (pain, where) in sorted(worst.items())
    ]


def pain_rule_breaks(sets: Sequence[PainedSet]) -> list[date]:
    """The day of each exercise the runner carried on with after a set above the limit."""
    by_exercise: dict[tuple[str, str], list[PainedSet]] = defaultdict(list)
    for s in sets:
        by_exercise[(s.session, s.exercise)].append(s)
    breaks = []
    for done in by_exercise.values():
        first_over = next((i for i, s in enumerate(done) if s.pain > PAIN_LIMIT), None)
        if first_over is not None and first_over < len(done) - 1:
            breaks.append(done[0].day)
    return sorted(breaks)


def pain_rule(sets: Sequence[PainedSet]) -> Alert | None:
    breaks = pain_rule_breaks(sets)
    if len(breaks) < BREAKS_FOR_ALERT:
        return None
    days = ", ".join(_on(d) for d in breaks)
    return Alert(
        AlertKind.PAIN_RULE,
        breaks[-1],
        f"Carried on after pain above {PAIN_LIMIT}/10 {len(breaks)} times ({days}): "
        "the pain rule says stop that exercise for the day.",
    )


def idle(last_session: date | None, since: date | None, today: date) -> Alert | None:
    """No session for ``IDLE_DAYS`` days, counted from the last one (or from ``since``)."""
    start = last_session or since
    if start is None or (today - start).days < IDLE_DAYS:
        return None
    days = (today - start).days
    what = "No session" if last_session else "No session yet"
    return Alert(AlertKind.IDLE, start, f"{what} for {days} days.")


def alerts(
    sets: Sequence[PainedSet],
    mornings: Iterable[tuple[date, int]],
    *,
    last_session: date | None,
    since: date | None,
    today: date,
) -> list[Alert]:
    """Every alert, the most pressing kind first."""
    found = high_pain(sets, mornings)
    found += [a for a in (pain_rule(sets), idle(last_session, since, today)) if a is not None]
    return found
