"""Running load for a runner: their counted runs, on their local days, in their units.

Next to each week: the strength sessions the plan had that week and how many were done, so
the runner sees volume and adherence side by side.
"""

from __future__ import annotations

import uuid
from collections import Counter
from datetime import date, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from hipstride.running.load import LoadReport, day_run, load_report
from hipstride.running.records import Units
from hipstride.services.runner import zone_or_utc
from hipstride.services.runs import counted_runs
from hipstride.store import queries
from hipstride.store import tables as db


def runner_units(athlete: db.Athlete) -> Units:
    return "mi" if athlete.units == "mi" else "km"


def runner_zone(athlete: db.Athlete) -> ZoneInfo:
    """The runner's zone (UTC when the stored name is unknown)."""
    return zone_or_utc(athlete.time_zone)


def load_for(
    session: Session, *, athlete_id: uuid.UUID, today: date, weeks: int | None = None
) -> tuple[LoadReport, Units]:
    """Weekly volume, load and advisory flags up to ``today`` (the runner's local day)."""
    athlete = session.get_one(db.Athlete, athlete_id)
    zone = runner_zone(athlete)
    runs = [day_run(r, zone) for r in counted_runs(session, athlete_id=athlete_id)]
    units = runner_units(athlete)
    return load_report(runs, through=today, units=units, weeks=weeks), units


def strength_by_week(session: Session, *, athlete_id: uuid.UUID) -> dict[date, tuple[int, int]]:
    """Monday of each week of the active plan → (sessions done, sessions planned)."""
    plan = queries.active_plan(session, athlete_id=athlete_id)
    if plan is None:
        return {}
    done_ids = set(
        session.scalars(
            select(db.SessionLog.planned_session_id)
            .join(db.PlannedSession, db.SessionLog.planned_session_id == db.PlannedSession.id)
            .where(db.PlannedSession.plan_id == plan.id, db.SessionLog.status == "done")
        )
    )

    def monday(day: date) -> date:
        return day - timedelta(days=day.weekday())

    planned = Counter(monday(s.day) for s in plan.sessions)
    done = Counter(monday(s.day) for s in plan.sessions if s.id in done_ids)
    return {week: (done[week], n) for week, n in planned.items()}
