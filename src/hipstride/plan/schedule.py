"""Choosing strength days around the running week.

Strength goes on rest or easy-run days, never on or the day before a long run, a hard
session or a race, and not two days in a row unless the runner allows it. The weekly
pattern is chosen once (the rules are weekly and wrap from Sunday to Monday), then laid
onto the plan's dates, where the race removes its own days.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from itertools import combinations

from hipstride.plan.models import WEEKDAYS, Profile, weekday_names

MIN_SESSIONS, MAX_SESSIONS = 2, 3  # ACSM 2009: 2-3 strength sessions a week for novices
RACE_GAP_DAYS = 2  # no strength in the 2 days before a race (nor on race day)
SHARED_DAY_NOTE = "Do this before your run, ideally about 6 hours apart."


@dataclass(frozen=True)
class WeekPattern:
    """The weekdays (0 = Monday) chosen for strength, and why."""

    weekdays: tuple[int, ...]
    wanted: int
    shared: frozenset[int]  # strength days that are also (easy) running days
    lines: tuple[str, ...]


@dataclass(frozen=True)
class ScheduledDay:
    day: date
    week: int  # 1-based plan week: 7-day blocks from the start date
    slot: int  # index of the weekday in the weekly pattern (for rotating families)
    shared_with_run: bool


def wanted_sessions(profile: Profile) -> int:
    return min(MAX_SESSIONS, max(MIN_SESSIONS, profile.sessions_per_week))


def blocked_weekdays(profile: Profile) -> dict[int, str]:
    """Each weekday that cannot hold strength, with the reason in plain words."""
    blocked: dict[int, str] = {}
    for d in sorted(profile.hard_days):
        blocked.setdefault((d - 1) % 7, "the day before a hard session")
    if profile.long_run_day is not None:
        blocked[(profile.long_run_day - 1) % 7] = "the day before your long run"
    for d in sorted(profile.hard_days):
        blocked[d] = "a hard session"
    if profile.long_run_day is not None:
        blocked[profile.long_run_day] = "your long run"
    return blocked


def _consecutive(days: tuple[int, ...]) -> bool:
    return any((a + 1) % 7 == b or (b + 1) % 7 == a for a, b in combinations(days, 2))


def _min_gap(days: tuple[int, ...]) -> int:
    if len(days) < 2:
        return 7
    ordered = sorted(days)
    return min((b - a) % 7 for a, b in zip(ordered, [*ordered[1:], ordered[0] + 7], strict=True))


def choose_weekdays(profile: Profile) -> WeekPattern:
    """The most spread-out set of allowed days, preferring rest days over easy-run days."""
    wanted = wanted_sessions(profile)
    blocked = blocked_weekdays(profile)
    allowed = [d for d in range(7) if d not in blocked]
    chosen: tuple[int, ...] = ()
    for k in range(wanted, 0, -1):
        options = [
            c for c in combinations(allowed, k) if profile.allow_consecutive or not _consecutive(c)
        ]
        if options:
            chosen = min(
                options, key=lambda c: (sum(d in profile.running_days for d in c), -_min_gap(c), c)
            )
            break
    shared = frozenset(d for d in chosen if d in profile.running_days)
    lines: list[str] = []
    if profile.sessions_per_week != wanted:
        lines.append(
            f"You asked for {profile.sessions_per_week} strength sessions a week; the plan "
            f"uses {wanted}, within the 2-3 a week recommended for strength training."
        )
    if chosen:
        lines.append(
            f"Strength days: {weekday_names(chosen)} - rest or easy days, never a long run, a hard "
            "session or the day before one."
        )
    if len(chosen) < wanted:
        why = [f"{WEEKDAYS[d]} is {reason}" for d, reason in sorted(blocked.items())]
        if not profile.allow_consecutive:
            why.append("strength days are not placed two days in a row")
        lines.append(
            f"Only {len(chosen)} of {wanted} sessions fit your week: " + "; ".join(why) + "."
        )
    for d in sorted(shared):
        lines.append(
            f"{WEEKDAYS[d]} is also a running day: do strength before your run, ideally about "
            "6 hours apart."
        )
    return WeekPattern(chosen, wanted, shared, tuple(lines))


def race_blocked(day: date, race_date: date | None) -> bool:
    """Race day and the 2 days before it stay free of strength."""
    return race_date is not None and race_date - timedelta(days=RACE_GAP_DAYS) <= day <= race_date


def schedule_days(
    profile: Profile, start: date, weeks: int
) -> tuple[tuple[ScheduledDay, ...], tuple[str, ...]]:
    """Every strength date of the plan, and the lines that explain the choice."""
    pattern = choose_weekdays(profile)
    slots = {
        d: i
        for i, d in enumerate(sorted(pattern.weekdays, key=lambda d: (d - start.weekday()) % 7))
    }
    days: list[ScheduledDay] = []
    skipped: list[date] = []
    for offset in range(weeks * 7):
        day = start + timedelta(days=offset)
        wd = day.weekday()
        if wd not in slots:
            continue
        if race_blocked(day, profile.race_date):
            skipped.append(day)
            continue
        days.append(ScheduledDay(day, offset // 7 + 1, slots[wd], wd in pattern.shared))
    lines = list(pattern.lines)
    if skipped and profile.race_date is not None:
        lines.append(
            f"No strength on {', '.join(d.isoformat() for d in skipped)}: the 2 days before "
            f"your race on {profile.race_date.isoformat()} (and race day) stay free."
        )
    return tuple(days), tuple(lines)
