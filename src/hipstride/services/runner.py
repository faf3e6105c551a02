"""The runner and their profile."""

from __future__ import annotations

import uuid
from dataclasses import asdict
from datetime import date, datetime, time
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


def zone_or_utc(name: str) -> ZoneInfo:
    """The runner's zone, or UTC when the stored name is unknown (a moment still gets a day).

    Names are checked when saved (``check_time_zone``); this only guards older rows.
    """
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def local_date(session: Session, *, athlete_id: uuid.UUID, moment: datetime) -> date:
    """The runner's calendar day for a stored (UTC) moment, so a late test is not tomorrow."""
    athlete = session.get_one(db.Athlete, athlete_id)
    return moment.astimezone(zone_or_utc(athlete.time_zone)).date()


# --- the profile and settings as entered in a form or an API body --------------------------

MINUTES = (10, 90)
SESSIONS = (2, 3)


class ProfileProblem(ValueError):
    """One field of a profile or settings form is wrong; ``field`` names it for the page."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


def weekdays_from_names(names: list[str], field: str) -> frozenset[int]:
    """['mon', 'Wed'] -> {0, 2}; the same words as ``hipstride profile --running-days``."""
    lower = [w.lower() for w in core.WEEKDAYS]
    days = set()
    for word in names:
        key = word.strip().lower()[:3]
        if key not in lower:
            raise ProfileProblem(field, f"{word!r} is not a weekday; use mon, tue, ... sun")
        days.add(lower.index(key))
    return frozenset(days)


def profile_from_fields(
    *,
    running_days: list[str],
    long_run_day: str | None,
    hard_days: list[str],
    race_date: date | None,
    experience: str,
    equipment: list[str],
    known_equipment: frozenset[str],
    minutes_per_session: int,
    sessions_per_week: int,
    allow_consecutive: bool,
) -> core.Profile:
    """A profile from form or API values, checked as ``hipstride profile`` checks them.

    The long-run day counts as a running day; equipment must be in the catalog.
    """
    runs = weekdays_from_names(running_days, "running_days")
    long_days = weekdays_from_names([long_run_day] if long_run_day else [], "long_run_day")
    hard = weekdays_from_names(hard_days, "hard_days")
    try:
        exp = core.Experience(experience)
    except ValueError:
        raise ProfileProblem("experience", f"{experience!r} is not new, some or regular") from None
    unknown = sorted(set(equipment) - known_equipment)
    if unknown:
        choices = ", ".join(sorted(known_equipment))
        raise ProfileProblem("equipment", f"{', '.join(unknown)} unknown; choose from {choices}")
    if not MINUTES[0] <= minutes_per_session <= MINUTES[1]:
        raise ProfileProblem("minutes_per_session", "give a whole number from 10 to 90")
    if not SESSIONS[0] <= sessions_per_week <= SESSIONS[1]:
        raise ProfileProblem("sessions_per_week", "give 2 or 3")
    return core.Profile(
        running_days=runs | long_days,
        long_run_day=next(iter(long_days), None),
        hard_days=hard,
        race_date=race_date,
        experience=exp,
        equipment=frozenset(equipment),
        minutes_per_session=minutes_per_session,
        sessions_per_week=sessions_per_week,
        allow_consecutive=allow_consecutive,
    )


def profile_fields(profile: core.Profile) -> dict[str, object]:
    """The profile as JSON-ready fields, named like the form and ``hipstride profile --json``."""
    names = [d.lower() for d in core.WEEKDAYS]
    return {
        "running_days": [names[d] for d in sorted(profile.running_days)],
        "long_run_day": names[profile.long_run_day] if profile.long_run_day is not None else None,
        "hard_days": [names[d] for d in sorted(profile.hard_days)],
        "race_date": profile.race_date,
        "experience": profile.experience.value,
        "equipment": sorted(profile.equipment),
        "minutes_per_session": profile.minutes_per_session,
        "sessions_per_week": profile.sessions_per_week,
        "allow_consecutive": profile.allow_consecutive,
    }


def check_time_zone(name: str) -> str:
    """An IANA zone name zoneinfo knows, e.g. Europe/Berlin."""
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ProfileProblem(
            "time_zone", f"{name!r} is not a time zone; use a name like Europe/Berlin"
        ) from None
    return name


def parse_reminder_time(text: str) -> time | None:
    """'07:30' -> 07:30 local time; blank means no reminder."""
    if not text.strip():
        return None
    try:
        parsed = time.fromisoformat(text.strip())
    except ValueError:
        raise ProfileProblem("reminder_time", f"{text!r} is not a time; use HH:MM") from None
    return parsed.replace(second=0, microsecond=0)


def save_settings(
    session: Session,
    *,
    athlete_id: uuid.UUID,
    units: str,
    time_zone: str,
    reminder_time: time | None,
) -> db.Athlete:
    """Units, time zone and reminder, checked, on the athlete row (days follow the new zone)."""
    if units not in ("km", "mi"):
        raise ProfileProblem("units", f"{units!r} is not km or mi")
    found = session.get_one(db.Athlete, athlete_id)
    found.units = units
    found.time_zone = check_time_zone(time_zone.strip())
    found.reminder_time = reminder_time
    return found
