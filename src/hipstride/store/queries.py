"""Small typed queries over the tables. Keyword-only; the caller owns the session and commits."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import ScalarSelect, func, select, update
from sqlalchemy.orm import Session, joinedload, selectinload

from hipstride.store.tables import (
    Account,
    Athlete,
    Checkin,
    Clearance,
    PainScreen,
    Plan,
    PlannedSession,
    Profile,
    SelfTestResult,
    SessionLog,
    WebSession,
)


def athlete_named(session: Session, *, name: str) -> Athlete | None:
    """The (first) athlete called ``name``, if there is one."""
    return session.scalars(
        select(Athlete).where(Athlete.name == name).order_by(Athlete.created_at).limit(1)
    ).first()


def get_or_create_athlete(session: Session, *, name: str, now: datetime) -> Athlete:
    """The (first) athlete called ``name``, created and flushed if there is none."""
    athlete = athlete_named(session, name=name)
    if athlete is None:
        athlete = Athlete(name=name, created_at=now)
        session.add(athlete)
        session.flush()
    return athlete


def latest_profile(session: Session, *, athlete_id: uuid.UUID) -> Profile | None:
    """The current profile: the latest by ``created_at``."""
    query = select(Profile).where(Profile.athlete_id == athlete_id)
    return session.scalars(query.order_by(Profile.created_at.desc()).limit(1)).first()


def latest_pain_screen(session: Session, *, athlete_id: uuid.UUID) -> PainScreen | None:
    query = select(PainScreen).where(PainScreen.athlete_id == athlete_id)
    return session.scalars(query.order_by(PainScreen.taken_at.desc()).limit(1)).first()


def latest_clearance(session: Session, *, athlete_id: uuid.UUID) -> Clearance | None:
    query = select(Clearance).where(Clearance.athlete_id == athlete_id)
    return session.scalars(query.order_by(Clearance.cleared_at.desc()).limit(1)).first()


def latest_results(
    session: Session, *, athlete_id: uuid.UUID, test_id: str
) -> list[SelfTestResult]:
    """The most recent taking of a test: every row with the latest ``taken_at`` (both sides)."""
    of_test = (SelfTestResult.athlete_id == athlete_id, SelfTestResult.test_id == test_id)
    latest = select(func.max(SelfTestResult.taken_at)).where(*of_test).scalar_subquery()
    query = select(SelfTestResult).where(*of_test, SelfTestResult.taken_at == latest)
    return list(session.scalars(query.order_by(SelfTestResult.side)))


def result_history(
    session: Session, *, athlete_id: uuid.UUID, test_id: str
) -> list[SelfTestResult]:
    """Every result of a test, oldest first (for trends)."""
    query = select(SelfTestResult).where(
        SelfTestResult.athlete_id == athlete_id, SelfTestResult.test_id == test_id
    )
    return list(session.scalars(query.order_by(SelfTestResult.taken_at, SelfTestResult.side)))


def active_plan(session: Session, *, athlete_id: uuid.UUID) -> Plan | None:
    """The athlete's active plan (the newest, should there ever be two)."""
    query = select(Plan).where(Plan.athlete_id == athlete_id, Plan.status == "active")
    return session.scalars(query.order_by(Plan.created_at.desc()).limit(1)).first()


def _active_plan_id(athlete_id: uuid.UUID) -> ScalarSelect[uuid.UUID]:
    """The id of ``active_plan``'s plan, to use inside another query."""
    query = select(Plan.id).where(Plan.athlete_id == athlete_id, Plan.status == "active")
    return query.order_by(Plan.created_at.desc()).limit(1).scalar_subquery()


def planned_session_on(
    session: Session, *, athlete_id: uuid.UUID, day: date
) -> PlannedSession | None:
    """The active plan's session on ``day`` with its prescriptions, in one statement."""
    query = (
        select(PlannedSession)
        .where(PlannedSession.plan_id == _active_plan_id(athlete_id), PlannedSession.day == day)
        .options(joinedload(PlannedSession.prescriptions))
    )
    return session.scalars(query).unique().first()


def latest_session_log(session: Session, *, planned_session_id: uuid.UUID) -> SessionLog | None:
    """The newest log of a planned session with its sets, in one statement."""
    query = (
        select(SessionLog)
        .where(SessionLog.planned_session_id == planned_session_id)
        .order_by(SessionLog.started_at.desc())
        .limit(1)
        .options(joinedload(SessionLog.sets))
    )
    return session.scalars(query).unique().first()


def sessions_to_do(
    session: Session, *, plan_id: uuid.UUID, since: date, limit: int
) -> list[PlannedSession]:
    """The first ``limit`` sessions of a plan from ``since`` on that are not done yet, by day,
    with their prescriptions (so a page need not load the whole plan)."""
    done = (
        select(SessionLog.id)
        .where(SessionLog.planned_session_id == PlannedSession.id, SessionLog.status == "done")
        .exists()
    )
    query = (
        select(PlannedSession)
        .where(PlannedSession.plan_id == plan_id, PlannedSession.day >= since, ~done)
        .order_by(PlannedSession.day)
        .limit(limit)
        .options(selectinload(PlannedSession.prescriptions))
    )
    return list(session.scalars(query))


def signed_in(
    session: Session, *, token_hash: str, now: datetime
) -> tuple[Account, WebSession, Athlete] | None:
    """The account, web session and athlete of a live session cookie, in one statement."""
    row = session.execute(
        select(Account, WebSession, Athlete)
        .join(WebSession, WebSession.account_id == Account.id)
        .join(Athlete, Athlete.id == Account.athlete_id)
        .where(WebSession.token_hash == token_hash, WebSession.expires_at > now)
    ).first()
    return None if row is None else (row[0], row[1], row[2])


def replace_active_plans(
    session: Session, *, athlete_id: uuid.UUID, at: datetime, reason: str | None = None
) -> int:
    """Mark the athlete's active plans replaced; returns how many were."""
    result = session.execute(
        update(Plan)
        .where(Plan.athlete_id == athlete_id, Plan.status == "active")
        .values(status="replaced", replaced_at=at, reason=reason)
        .execution_options(synchronize_session="fetch")
    )
    return int(getattr(result, "rowcount", 0) or 0)


def checkins_between(
    session: Session, *, athlete_id: uuid.UUID, start: date, end: date
) -> list[Checkin]:
    """Morning check-ins from ``start`` to ``end`` inclusive, by day."""
    query = select(Checkin).where(Checkin.athlete_id == athlete_id, Checkin.day.between(start, end))
    return list(session.scalars(query.order_by(Checkin.day)))
