"""The runner and their profile."""

from __future__ import annotations

import uuid
from dataclasses import asdict
from datetime import date, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy.orm import Session

from hipstride.plan import models as core
from hipstride.services.convert import profile_to_core
from hipstride.store import queries
from hipstride.store import tables as db


class NeedsProfile(LookupError):
    """No profile yet: the runner must describe their week first."""

    def __init__(self) -> None:
        super().__init__("No profile yet. Run `hipstride profile` to describe your running week.")


def athlete(session: Session, *, name: str, now: datetime) -> db.Athlete:
    """The athlete of that name, created on first use."""
    return queries.get_or_create_athlete(session, name=name, now=now)


class NoRunner(LookupError):
    """No runner of that name yet: nothing has been recorded."""

    def __init__(self, name: str) -> None:
        super().__init__(
            f"No runner called {name!r} yet. Start with `hipstride profile` "
            "(or pick another with --athlete NAME)."
        )


def existing_athlete(session: Session, *, name: str) -> db.Athlete:
    """The athlete of that name; reading commands never create one."""
    found = queries.athlete_named(session, name=name)
    if found is None:
        raise NoRunner(name)
    return found


def current_profile(session: Session, *, athlete_id: uuid.UUID) -> core.Profile:
    row = queries.latest_profile(session, athlete_id=athlete_id)
    if row is None:
        raise NeedsProfile
    return profile_to_core(row)


def save_profile(
    session: Session, *, athlete_id: object, profile: core.Profile, now: datetime
) -> None:
    """A new profile row; the old ones stay as history."""
    fields = asdict(profile)
    session.add(
        db.Profile(
            athlete_id=athlete_id,
            created_at=now,
            running_days=sorted(profile.running_days),
            long_run_day=profile.long_run_day,
            hard_days=sorted(profile.hard_days),
            race_date=profile.race_date,
            experience=profile.experience.value,
            equipment=sorted(profile.equipment),
            minutes_per_session=fields["minutes_per_session"],
            sessions_per_week=fields["sessions_per_week"],
            allow_consecutive=profile.allow_consecutive,
        )
    )


def local_date(session: Session, *, athlete_id: uuid.UUID, moment: datetime) -> date:
    """The runner's calendar day for a stored (UTC) moment, so a late test is not tomorrow."""
    athlete = session.get_one(db.Athlete, athlete_id)
    try:
        zone = ZoneInfo(athlete.time_zone)
    except ZoneInfoNotFoundError:
        zone = ZoneInfo("UTC")
    return moment.astimezone(zone).date()
