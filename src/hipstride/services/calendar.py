"""The active plan as a calendar file, for the CLI now and a web subscription later."""

from __future__ import annotations

import math
import uuid
from datetime import datetime, time

from sqlalchemy.orm import Session

from hipstride.exports.calendar import CalendarEvent, plan_calendar
from hipstride.knowledge.catalog import Catalog
from hipstride.plan.dose import estimate_seconds
from hipstride.services.convert import prescription_to_core
from hipstride.services.load import runner_zone
from hipstride.store import queries
from hipstride.store import tables as db

DEFAULT_TIME = time(18, 0)
DEFAULT_ALARM_MINUTES = 30
KIND_NOTES = {"deload": "lighter week", "race": "race week, half volume"}


class NoPlanToExport(LookupError):
    """No active plan, or one with no sessions."""

    def __init__(self) -> None:
        super().__init__("No plan to put in a calendar yet. Run `hipstride plan` first.")


def session_event(catalog: Catalog, planned: db.PlannedSession) -> CalendarEvent:
    """Summary, contents (exercise, sets × reps or holds, rest) and length of one session."""
    lines = []
    seconds = 0
    for row in planned.prescriptions:
        p = prescription_to_core(row)
        step = catalog.steps.get(p.step_id)
        name = step.name if step else p.step_id
        lines.append(f"• {name}: {p.dose}, rest {p.rest_seconds} s")
        seconds += estimate_seconds(p)
    kind = KIND_NOTES.get(planned.week_kind)
    summary = f"Hip strength, week {planned.week}" + (f" ({kind})" if kind else "")
    if planned.note:
        lines += ["", planned.note]
    lines += ["", "Start it with `hipstride train` or in the web app."]
    minutes = max(10, 5 * math.ceil(seconds / 300))
    return CalendarEvent(planned.id, planned.day, minutes, summary, "\n".join(lines))


def calendar_for(
    session: Session,
    *,
    catalog: Catalog,
    athlete_id: uuid.UUID,
    now: datetime,
    at: time = DEFAULT_TIME,
    alarm_minutes: int = DEFAULT_ALARM_MINUTES,
) -> bytes:
    """Every session of the active plan at ``at`` in the runner's zone, as ICS bytes."""
    plan = queries.active_plan(session, athlete_id=athlete_id)
    if plan is None or not plan.sessions:
        raise NoPlanToExport
    athlete = session.get_one(db.Athlete, athlete_id)
    events = [session_event(catalog, s) for s in plan.sessions]
    return plan_calendar(
        events,
        zone=runner_zone(athlete).key,
        at=at,
        alarm_minutes=alarm_minutes,
        now=now,
        name=f"hipstride: {athlete.name}'s strength plan",
    )
