"""The running week as the runs show it, and moving strength sessions to fit it.

What the profile says wins; the runs fill in what it leaves open (no running days, no long
run, no hard days). From the last six weeks: a weekday is a running day when it held a run
in at least half of the weeks; the long-run day is the running day whose typical (median)
run is the longest, if that is clearly longer than a usual run; a run is hard when its pace
or heart rate is well above the runner's usual, or a lap was much faster (intervals).

Re-fitting moves only sessions not yet started, within their own plan week, onto the days
the core loop's rules (plan/schedule.py) choose for the new week. Pure: no I/O, no clock.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from statistics import median

from hipstride.plan.models import WEEKDAYS, Profile, weekday_names
from hipstride.plan.schedule import blocked_weekdays, choose_weekdays, race_blocked
from hipstride.running.records import format_duration

WINDOW_WEEKS = 6
MIN_WEEKS = 3  # fewer weeks of runs say too little about a pattern
LONG_FACTOR = 1.25  # the long run is at least this much longer than a usual run
FAST_PACE = 0.92  # 8 % faster than the usual pace
HIGH_HEART_RATE = 1.06  # 6 % above the usual average heart rate
FAST_LAP = 0.85  # a lap 15 % faster than the usual pace: intervals


@dataclass(frozen=True)
class RunSummary:
    """One run as the week inference needs it (the runner's local day)."""

    day: date
    seconds: float
    distance_m: float = 0.0
    avg_heart_rate: int | None = None
    fastest_lap_pace: float | None = None  # seconds per km of the fastest lap of 400 m or more

    @property
    def pace(self) -> float | None:
        """Seconds per km, when the run has a distance worth dividing by."""
        return self.seconds / (self.distance_m / 1000) if self.distance_m >= 1000 else None


@dataclass(frozen=True)
class InferredWeek:
    running_days: frozenset[int]
    long_run_day: int | None
    hard_days: frozenset[int]
    weeks: int
    runs: int
    typical_seconds: dict[int, float]  # each running day's typical (median) run
    lines: tuple[str, ...]


def _is_hard(run: RunSummary, pace: float | None, heart: float | None) -> bool:
    if pace is not None and run.pace is not None and run.pace <= pace * FAST_PACE:
        return True
    hr = run.avg_heart_rate
    if heart is not None and hr is not None and hr >= heart * HIGH_HEART_RATE:
        return True
    lap = run.fastest_lap_pace
    return pace is not None and lap is not None and lap <= pace * FAST_LAP


def infer_week(runs: Sequence[RunSummary], today: date) -> InferredWeek | None:
    """The week the last six weeks of runs show, or None when there are too few weeks."""
    recent = [r for r in runs if 0 <= (today - r.day).days < WINDOW_WEEKS * 7]
    if not recent:
        return None
    weeks = max((today - r.day).days // 7 for r in recent) + 1
    if weeks < MIN_WEEKS:
        return None
    need = max(2, math.ceil(weeks / 2))
    longest: dict[date, float] = defaultdict(float)
    for r in recent:
        longest[r.day] = max(longest[r.day], r.seconds)
    blocks: dict[int, set[int]] = defaultdict(set)
    dates: dict[int, list[date]] = defaultdict(list)
    for day in sorted(longest):
        blocks[day.weekday()].add((today - day).days // 7)
        dates[day.weekday()].append(day)
    running = frozenset(d for d, seen in blocks.items() if len(seen) >= need)
    typical = {d: median(longest[x] for x in dates[d]) for d in running}
    usual = median(longest.values())
    long_day = max(typical, key=lambda d: (typical[d], -d)) if typical else None
    if long_day is not None and typical[long_day] < usual * LONG_FACTOR:
        long_day = None

    paces = [p for r in recent if (p := r.pace) is not None]
    hearts = [r.avg_heart_rate for r in recent if r.avg_heart_rate is not None]
    pace, heart = (median(paces) if paces else None), (median(hearts) if hearts else None)
    hard_dates = {r.day for r in recent if _is_hard(r, pace, heart)}
    hard = frozenset(
        d
        for d in running - {long_day}
        if sum(x in hard_dates for x in dates[d]) >= max(2, math.ceil(len(dates[d]) / 2))
    )
    lines = [
        f"From {len(recent)} runs over the last {weeks} weeks you run on {weekday_names(running)}."
    ]
    if long_day is not None:
        lines.append(
            f"Your long run is on {WEEKDAYS[long_day]}: typically "
            f"{format_duration(typical[long_day])}, against {format_duration(usual)} for a "
            "usual run."
        )
    if hard:
        lines.append(
            f"Hard sessions on {weekday_names(hard)}: most of those runs were faster or at a "
            "higher heart rate than your usual, or had much faster laps."
        )
    return InferredWeek(running, long_day, hard, weeks, len(recent), typical, tuple(lines))


def fill_profile(profile: Profile, week: InferredWeek | None) -> tuple[Profile, tuple[str, ...]]:
    """The profile with what it leaves open taken from the runs, and lines saying so."""
    if week is None:
        return profile, ()
    taken: list[str] = []
    notes: list[str] = []
    filled = profile
    if not profile.running_days and week.running_days:
        filled = replace(filled, running_days=week.running_days)
        taken.append("running days")
    elif week.running_days and week.running_days != profile.running_days:
        notes.append(
            f"Your profile says you run on {weekday_names(profile.running_days)}, your runs "
            f"fall on {weekday_names(week.running_days)}; the plan keeps your profile "
            "(`hipstride profile --running-days none` lets your runs decide)."
        )
    if profile.long_run_day is None and week.long_run_day is not None:
        filled = replace(
            filled,
            long_run_day=week.long_run_day,
            running_days=filled.running_days | {week.long_run_day},
        )
        taken.append("long-run day")
    if not profile.hard_days and week.hard_days:
        filled = replace(filled, hard_days=week.hard_days)
        taken.append("hard-session days")
    if taken:
        notes.insert(
            0,
            f"Your profile leaves them open, so the plan takes the {', '.join(taken)} from "
            "your runs.",
        )
    return filled, ((*week.lines, *notes) if notes else ())


@dataclass(frozen=True)
class SessionDay:
    """A planned session as re-fitting sees it; ``movable`` means not yet started."""

    key: Hashable
    day: date
    movable: bool


@dataclass(frozen=True)
class Move:
    key: Hashable
    old: date
    new: date | None  # None: no day left for it in its week


def _targets(profile: Profile, week_days: list[date], today: date, fixed: set[date]) -> list[date]:
    pattern = set(choose_weekdays(profile).weekdays)
    out = []
    for d in week_days:
        near_fixed = any(abs((d - f).days) == 1 for f in fixed)
        if (
            d.weekday() in pattern
            and d >= today
            and d not in fixed
            and not race_blocked(d, profile.race_date)
            and (profile.allow_consecutive or not near_fixed)
        ):
            out.append(d)
    return out


def refit(
    sessions: Sequence[SessionDay], profile: Profile, plan_start: date, today: date
) -> tuple[Move, ...]:
    """Where each session not yet started goes so the plan follows ``profile``'s week.

    Sessions stay in their plan week; one already on an allowed day keeps it, the others
    take the free allowed days in order. Running it again moves nothing.
    """
    by_week: dict[int, list[SessionDay]] = defaultdict(list)
    for s in sessions:
        by_week[(s.day - plan_start).days // 7].append(s)
    moves: list[Move] = []
    for week, members in sorted(by_week.items()):
        movable = sorted((s for s in members if s.movable), key=lambda s: s.day)
        if not movable:
            continue
        days = [plan_start + timedelta(days=7 * week + i) for i in range(7)]
        fixed = {s.day for s in members if not s.movable}
        targets = _targets(profile, days, today, fixed)
        free = [d for d in targets if d not in {s.day for s in movable}]
        for i, s in enumerate(s for s in movable if s.day not in targets):
            moves.append(Move(s.key, s.day, free[i] if i < len(free) else None))
    return tuple(moves)


def move_lines(
    moves: Sequence[Move], before: Iterable[int], new: Profile, today: date
) -> tuple[str, ...]:
    """What moved and why: the new strength days, then each move in the coming week.

    ``before`` are the weekdays the sessions not yet started were on.
    """
    if not moves:
        return ()
    was, after = sorted(set(before)), choose_weekdays(new).weekdays
    blocked = blocked_weekdays(new)
    reasons = [f"{WEEKDAYS[d]} is now {blocked[d]}" for d in was if d in blocked]
    why = "; ".join(reasons) if reasons else "to keep strength on easy days, spread out"
    lines = [
        f"Strength days now {weekday_names(after)} (were {weekday_names(was)}): {why}. "
        "Only sessions not yet started moved."
    ]
    for m in sorted(moves, key=lambda m: m.old):
        if m.old >= today + timedelta(days=7):
            continue
        if m.new is None:
            lines.append(f"{m.old:%a %d %b} is dropped: no free day is left in that week.")
        else:
            lines.append(f"{m.old:%a %d %b} moves to {m.new:%a %d %b}.")
    later = sum(m.old >= today + timedelta(days=7) for m in moves)
    if later:
        lines.append(f"{later} later session{'s' if later > 1 else ''} moved the same way.")
    return tuple(lines)
