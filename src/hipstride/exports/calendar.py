"""The plan as an iCalendar file: timed events in the runner's zone, each with a reminder.

Each event's UID comes from its planned session's id, so a calendar that imports the file
again (or subscribes to it) moves or updates the same event instead of adding a copy when
the plan changes. The zone's VTIMEZONE (for the plan's years) is written into the file, so
clients need no lookup of their own.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

PRODID = "-//hipstride//strength plan//EN"
UID_DOMAIN = "hipstride"


@dataclass(frozen=True)
class CalendarEvent:
    """One strength session as a calendar shows it."""

    session_id: uuid.UUID
    day: date
    minutes: int
    summary: str
    description: str


def event_uid(session_id: uuid.UUID) -> str:
    """Stable for the life of the planned session, whatever day it moves to."""
    return f"{session_id}@{UID_DOMAIN}"


def plan_calendar(
    events: Sequence[CalendarEvent],
    *,
    zone: str,
    at: time,
    alarm_minutes: int,
    now: datetime,
    name: str = "hipstride strength plan",
) -> bytes:
    """ICS bytes: every event starts at ``at`` on its day in ``zone``; ``now`` is DTSTAMP."""
    from icalendar import Alarm, Calendar, Event

    tz = ZoneInfo(zone)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", zone)
    for item in events:
        start = datetime.combine(item.day, at, tzinfo=tz)
        event = Event()
        event.add("uid", event_uid(item.session_id))
        event.add("dtstamp", now)
        event.add("dtstart", start)
        event.add("dtend", start + timedelta(minutes=item.minutes))
        event.add("summary", item.summary)
        event.add("description", item.description)
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", item.summary)
        alarm.add("trigger", timedelta(minutes=-alarm_minutes))
        event.add_component(alarm)
        cal.add_component(event)
    if events:  # the zone's rules for the plan's years only: long RDATE lists trip up readers
        years = [e.day.year for e in events]
        cal.add_missing_timezones(
            first_date=date(min(years), 1, 1), last_date=date(max(years) + 1, 1, 1)
        )
    return bytes(cal.to_ical())
