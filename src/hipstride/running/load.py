"""Running load: weekly volume, exponentially weighted acute and chronic load, advisory flags.

Load is minutes of running a day (moving time), because every run has a time while indoor
runs may lack a trusted distance. Acute and chronic load are exponentially weighted moving
averages over 7 and 28 days with λ = 2/(N+1) (williams-2017), both starting from zero on the
first day of the history; the ratio is shown only once 28 days of history exist.

Flags are advice, never rules: nothing anywhere is blocked by them. The acute:chronic ratio
is flagged above 1.5 (gabbett-2016) with the caveat that its value is disputed
(impellizzeri-2021); week-on-week jumps above 30 % are flagged after nielsen-2014.
Pure: no I/O, no clock (``through``, the last day to count, comes in).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta, tzinfo
from typing import Literal

from hipstride.running.records import RunRecord, Units, in_units

ACUTE_DAYS, CHRONIC_DAYS = 7, 28
RATIO_LIMIT = 1.5  # gabbett-2016: the ratio above which team-sport injuries rose
JUMP_LIMIT = 0.30  # nielsen-2014: weekly distance jumps above 30 %
METHOD_REFS = ("williams-2017",)
RATIO_REFS = ("gabbett-2016", "impellizzeri-2021")
JUMP_REFS = ("nielsen-2014",)

Measure = Literal["distance", "time"]


@dataclass(frozen=True)
class DayRun:
    """One run as load needs it: the runner's local day, metres (0 if unknown) and seconds."""

    day: date
    distance_m: float
    seconds: float


def day_run(record: RunRecord, zone: tzinfo) -> DayRun:
    """Moving time when the device measured it, else elapsed time."""
    seconds = record.moving_seconds if record.moving_seconds > 0 else record.elapsed_seconds
    return DayRun(record.local_day(zone), record.distance_m, seconds)


def smoothing(days: int) -> float:
    """λ of an exponentially weighted average over ``days`` (Williams et al. 2017)."""
    return 2 / (days + 1)


def ewma(values: Sequence[float], days: int) -> list[float]:
    """Each day's weighted average: today × λ + yesterday's average × (1 − λ), from zero."""
    weight = smoothing(days)
    out: list[float] = []
    level = 0.0
    for value in values:
        level = value * weight + (1 - weight) * level
        out.append(level)
    return out


@dataclass(frozen=True)
class WeekLoad:
    """One Monday-to-Sunday week (the current one ends at ``through``)."""

    start: date
    end: date
    runs: int
    distance_m: float
    seconds: float
    distance_known: bool  # every run of the week had a distance
    change: float | None  # against the week before, as a fraction (0.42 = +42 %)
    measure: Measure | None  # what ``change`` compares
    acute: float  # minutes a day, weighted over 7 days, at ``end``
    chronic: float  # minutes a day, weighted over 28 days, at ``end``
    ratio: float | None  # acute / chronic once 28 days of history exist


@dataclass(frozen=True)
class Flag:
    """Advice about one week, with the papers behind it. Never blocks anything."""

    kind: Literal["ratio", "jump"]
    week_start: date
    value: float
    text: str
    references: tuple[str, ...]


@dataclass(frozen=True)
class LoadReport:
    weeks: tuple[WeekLoad, ...]
    flags: tuple[Flag, ...]
    notes: tuple[str, ...]


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _distance(metres: float, units: Units) -> str:
    return f"{in_units(metres, units):.1f} {units}"


def _minutes(seconds: float) -> str:
    total = round(seconds / 60)
    return f"{total // 60} h {total % 60:02d} min" if total >= 60 else f"{total} min"


def _change(
    week: tuple[int, float, float, bool], before: tuple[int, float, float, bool] | None
) -> tuple[float | None, Measure | None]:
    """Distance when both weeks have every distance, else time; none after an empty week."""
    if before is None:
        return None, None
    _, dist, secs, known = week
    _, prev_dist, prev_secs, prev_known = before
    if known and prev_known and prev_dist > 0:
        return dist / prev_dist - 1, "distance"
    if prev_secs > 0:
        return secs / prev_secs - 1, "time"
    return None, None


def _jump_text(week: WeekLoad, before: WeekLoad, units: Units, through: date) -> str:
    so_far = " so far" if week.end == through and week.end.weekday() != 6 else ""
    if week.measure == "distance":
        now, then = _distance(week.distance_m, units), _distance(before.distance_m, units)
    else:
        now, then = _minutes(week.seconds), _minutes(before.seconds)
    assert week.change is not None
    return (
        f"Week of {week.start.day} {week.start:%b}: {now}{so_far}, {week.change * 100:.0f} % "
        f"more than the week before ({then}). Jumps above 30 % a week went with more running "
        "injuries in Nielsen et al. 2014; a steadier build is worth considering."
    )


def _ratio_text(week: WeekLoad) -> str:
    assert week.ratio is not None
    return (
        f"Week of {week.start.day} {week.start:%b}: acute:chronic load {week.ratio:.2f} (7-day "
        f"{week.acute:.0f} against 28-day {week.chronic:.0f} min a day). Above 1.5 went with "
        "more injuries in team sports (Gabbett 2016), though the ratio's worth is disputed "
        "(Impellizzeri et al. 2021): a prompt to look at your week, not a rule."
    )


def load_report(
    runs: Sequence[DayRun], *, through: date, units: Units = "km", weeks: int | None = None
) -> LoadReport:
    """Weekly totals from the first run's week to ``through``, with load and flags.

    ``weeks`` keeps only the last N weeks (and their flags); the averages still use every
    day of the history, which the chronic load needs.
    """
    counted = [r for r in runs if r.day <= through]
    notes = [
        "Load is minutes of running a day; 7-day (acute) and 28-day (chronic) loads are "
        "exponentially weighted averages (Williams et al. 2017)."
    ]
    if not counted:
        return LoadReport(
            (), (), (*notes, "No runs yet: import some with `hipstride runs import`.")
        )
    first = min(r.day for r in counted)
    n_days = (through - first).days + 1
    minutes = [0.0] * n_days
    for r in counted:
        minutes[(r.day - first).days] += r.seconds / 60
    acute, chronic = ewma(minutes, ACUTE_DAYS), ewma(minutes, CHRONIC_DAYS)

    totals: dict[date, tuple[int, float, float, bool]] = {}
    monday = _monday(first)
    while monday <= through:
        totals[monday] = (0, 0.0, 0.0, True)
        monday += timedelta(days=7)
    for r in counted:
        n, dist, secs, known = totals[_monday(r.day)]
        totals[_monday(r.day)] = (
            n + 1,
            dist + r.distance_m,
            secs + r.seconds,
            known and r.distance_m > 0,
        )

    rows: list[WeekLoad] = []
    flags: list[Flag] = []
    for start, week in totals.items():
        end = min(start + timedelta(days=6), through)
        i = (end - first).days
        ratio = acute[i] / chronic[i] if i + 1 >= CHRONIC_DAYS and chronic[i] > 0 else None
        change, measure = _change(week, totals.get(start - timedelta(days=7)))
        row = WeekLoad(start, end, *week, change, measure, acute[i], chronic[i], ratio)
        if rows and change is not None and round(change, 9) > JUMP_LIMIT:
            flags.append(
                Flag("jump", start, change, _jump_text(row, rows[-1], units, through), JUMP_REFS)
            )
        if ratio is not None and ratio > RATIO_LIMIT:
            flags.append(Flag("ratio", start, ratio, _ratio_text(row), RATIO_REFS))
        rows.append(row)
    if n_days < CHRONIC_DAYS:
        notes.append(
            f"The acute:chronic ratio needs 28 days of history; yours has {n_days} so far."
        )
    shown = rows[-weeks:] if weeks else rows
    kept = {w.start for w in shown}
    return LoadReport(tuple(shown), tuple(f for f in flags if f.week_start in kept), tuple(notes))
