"""Running load for a runner: their counted runs, on their local days, in their units."""

from __future__ import annotations

import uuid
from datetime import date
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy.orm import Session

from hipstride.running.load import LoadReport, day_run, load_report
from hipstride.running.records import Units
from hipstride.services.runs import counted_runs
from hipstride.store import tables as db


def runner_units(athlete: db.Athlete) -> Units:
    return "mi" if athlete.units == "mi" else "km"


def runner_zone(athlete: db.Athlete) -> ZoneInfo:
    """The runner's zone, or UTC when the stored name is unknown (a run still gets a day)."""
    try:
        return ZoneInfo(athlete.time_zone)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def load_for(
    session: Session, *, athlete_id: uuid.UUID, today: date, weeks: int | None = None
) -> tuple[LoadReport, Units]:
    """Weekly volume, load and advisory flags up to ``today`` (the runner's local day)."""
    athlete = session.get_one(db.Athlete, athlete_id)
    zone = runner_zone(athlete)
    runs = [day_run(r, zone) for r in counted_runs(session, athlete_id=athlete_id)]
    units = runner_units(athlete)
    return load_report(runs, through=today, units=units, weeks=weeks), units
