"""The active plan as a calendar file (CLI download, web download) and as a private feed.

A feed is a secret URL a calendar app subscribes to: the token is the only credential, so
only its SHA-256 is kept and a revoked or unknown token reads as nothing there.
"""

from __future__ import annotations

import math
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime, time

from sqlalchemy import select
from sqlalchemy.orm import Session

from hipstride.exports.calendar import CalendarEvent, plan_calendar
from hipstride.knowledge.catalog import Catalog
from hipstride.plan.dose import estimate_seconds
from hipstride.services.accounts import token_hash
from hipstride.services.convert import prescription_to_core
from hipstride.services.load import runner_zone
from hipstride.store import queries
from hipstride.store import tables as db

DEFAULT_TIME = time(18, 0)
DEFAULT_ALARM_MINUTES = 30
MAX_FEEDS = 10
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
    at: time | None = None,
    alarm_minutes: int = DEFAULT_ALARM_MINUTES,
) -> bytes:
    """Every session of the active plan at ``at`` in the runner's zone, as ICS bytes.

    Without ``at``, sessions sit at the runner's reminder time (18:00 when they set none).
    """
    plan = queries.active_plan(session, athlete_id=athlete_id)
    if plan is None or not plan.sessions:
        raise NoPlanToExport
    athlete = session.get_one(db.Athlete, athlete_id)
    if at is None:
        at = session_time(athlete)
    events = [session_event(catalog, s) for s in plan.sessions]
    return plan_calendar(
        events,
        zone=runner_zone(athlete).key,
        at=at,
        alarm_minutes=alarm_minutes,
        now=now,
        name=f"hipstride: {athlete.name}'s strength plan",
    )


def session_time(athlete: db.Athlete) -> time:
    """When the runner's sessions go in their calendar: their reminder time, else 18:00."""
    return athlete.reminder_time or DEFAULT_TIME


class FeedProblem(ValueError):
    """A feed that cannot be made; the message is safe to show."""


@dataclass(frozen=True)
class NewFeed:
    """The row and the token: the URL can be shown only now, as the token is not kept."""

    row: db.CalendarFeed
    token: str


def create_feed(session: Session, *, athlete_id: uuid.UUID, now: datetime) -> NewFeed:
    live = [f for f in list_feeds(session, athlete_id=athlete_id) if f.revoked_at is None]
    if len(live) >= MAX_FEEDS:
        raise FeedProblem(f"You have {MAX_FEEDS} calendar links already: revoke one first.")
    token = secrets.token_urlsafe(32)
    row = db.CalendarFeed(athlete_id=athlete_id, token_hash=token_hash(token), created_at=now)
    session.add(row)
    session.flush()
    return NewFeed(row, token)


def list_feeds(session: Session, *, athlete_id: uuid.UUID) -> list[db.CalendarFeed]:
    """The runner's feeds, newest first, revoked ones included."""
    return list(
        session.scalars(
            select(db.CalendarFeed)
            .where(db.CalendarFeed.athlete_id == athlete_id)
            .order_by(db.CalendarFeed.created_at.desc())
        )
    )


def revoke_feed(
    session: Session, *, athlete_id: uuid.UUID, feed_id: uuid.UUID, now: datetime
) -> bool:
    """Revoke one of the runner's own feeds; False when they have no such feed."""
    row = session.get(db.CalendarFeed, feed_id)
    if row is None or row.athlete_id != athlete_id:
        return False
    if row.revoked_at is None:
        row.revoked_at = now
    return True


def feed_athlete(session: Session, *, token: str, now: datetime) -> uuid.UUID | None:
    """Whose plan a feed token opens (and note the read); None when unknown or revoked."""
    row = session.scalar(
        select(db.CalendarFeed).where(db.CalendarFeed.token_hash == token_hash(token))
    )
    if row is None or row.revoked_at is not None:
        return None
    row.last_read_at = now
    return row.athlete_id


def empty_calendar(session: Session, *, athlete_id: uuid.UUID, now: datetime) -> bytes:
    """A feed with no plan behind it yet: a valid calendar without events."""
    athlete = session.get_one(db.Athlete, athlete_id)
    return plan_calendar(
        [],
        zone=runner_zone(athlete).key,
        at=session_time(athlete),
        alarm_minutes=DEFAULT_ALARM_MINUTES,
        now=now,
        name=f"hipstride: {athlete.name}'s strength plan",
    )
