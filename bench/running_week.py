"""Running load, week inference and the calendar, each against a bare baseline in the same run.

Load and inference read five years of a runner's history (five runs a week, seeded), as
``hipstride load`` and an import's re-fit do; the baselines do the least the same data needs
(summing minutes per day; one median over the six weeks). The calendar is an eight-week,
24-session plan, against the same events written by icalendar with no zone or reminder.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from statistics import median

from bench.common import median_seconds, report
from hipstride.exports.calendar import CalendarEvent, plan_calendar
from hipstride.running.load import DayRun, load_report
from hipstride.running.week import RunSummary, infer_week

SEED = 20_261_125
TODAY = date(2026, 11, 30)
YEARS = 5
REPEATS = 30
STAMP = datetime(2026, 11, 25, tzinfo=UTC)


def _history(rng: random.Random) -> tuple[list[DayRun], list[RunSummary]]:
    loads, summaries = [], []
    first = TODAY - timedelta(weeks=52 * YEARS)
    for week in range(52 * YEARS):
        for weekday in (1, 2, 3, 5, 6):
            day = first + timedelta(weeks=week, days=weekday)
            minutes = rng.uniform(30, 60) * (2 if weekday == 6 else 1)
            km = minutes / rng.uniform(5, 6)
            loads.append(DayRun(day, km * 1000, minutes * 60))
            hr = rng.randint(135, 165)
            summaries.append(RunSummary(day, minutes * 60, km * 1000, hr, None))
    return loads, summaries


def _bare_minutes(runs: list[DayRun]) -> dict[date, float]:
    per_day: dict[date, float] = {}
    for r in runs:
        per_day[r.day] = per_day.get(r.day, 0.0) + r.seconds / 60
    return per_day


def _bare_calendar(events: list[CalendarEvent]) -> bytes:
    from icalendar import Calendar, Event

    cal = Calendar()
    cal.add("prodid", "-//bench//EN")
    cal.add("version", "2.0")
    for item in events:
        event = Event()
        event.add("uid", str(item.session_id))
        event.add("dtstamp", STAMP)
        event.add("dtstart", datetime.combine(item.day, time(18, 0), tzinfo=UTC))
        event.add("summary", item.summary)
        event.add("description", item.description)
        cal.add_component(event)
    return bytes(cal.to_ical())


def main() -> None:
    rng = random.Random(SEED)
    loads, summaries = _history(rng)
    print(f"Running load, week and calendar ({len(loads)} runs over {YEARS} years)")
    recent = [s for s in summaries if 0 <= (TODAY - s.day).days < 42]

    def ours_load() -> object:
        return load_report(loads, through=TODAY, units="km")

    def bare_load() -> object:
        return _bare_minutes(loads)

    def ours_week() -> object:
        return infer_week(summaries, TODAY)

    def bare_week() -> object:
        return median(s.seconds for s in recent)

    report("load_report, 5 years", *_pair(ours_load, bare_load), "summing minutes per day")
    report("infer_week, 5 years of runs", *_pair(ours_week, bare_week), "one median of 6 weeks")
    events = [
        CalendarEvent(uuid.UUID(int=i), TODAY + timedelta(days=2 * i), 30, "Hip strength", "x")
        for i in range(24)
    ]

    def ours_ics() -> object:
        return plan_calendar(
            events, zone="Europe/Berlin", at=time(18, 0), alarm_minutes=30, now=STAMP
        )

    def bare_ics() -> object:
        return _bare_calendar(events)

    report("plan_calendar, 24 sessions", *_pair(ours_ics, bare_ics), "icalendar, no zone/alarm")


def _pair(ours: Callable[[], object], bare: Callable[[], object]) -> tuple[float, float]:
    """Warm both, then the median of each, one right after the other."""
    ours(), bare()
    return median_seconds(ours, REPEATS), median_seconds(bare, REPEATS)


if __name__ == "__main__":
    main()
