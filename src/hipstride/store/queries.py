"""Small typed queries over the tables. Keyword-only; the caller owns the session and commits."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from hipstride.store.tables import (
    Athlete,
    Checkin,
    Clearance,
    PainScreen,
    Plan,
    PlannedSession,
    Prescription,
    Profile,
    SelfTestResult,
    SessionLog,
    SetLog,
)


def get_or_create_athlete(session: Session, *, name: str) -> Athlete:
    """The (first) athlete called ``name``, created and flushed if there is none."""
    athlete = session.scalars(
        select(Athlete).where(Athlete.name == name).order_by(Athlete.created_at).limit(1)
    ).first()
    if athlete is None:
        athlete = Athlete(name=name)
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


def sessions_between(
    session: Session, *, plan_id: uuid.UUID, start: date, end: date
) -> list[PlannedSession]:
    """A plan's sessions from ``start`` to ``end`` inclusive, by day."""
    query = select(PlannedSession).where(
        PlannedSession.plan_id == plan_id, PlannedSession.day.between(start, end)
    )
    return list(session.scalars(query.order_by(PlannedSession.day, PlannedSession.week)))


def prescriptions_for(session: Session, *, planned_session_id: uuid.UUID) -> list[Prescription]:
    """A planned session's prescriptions in order."""
    query = select(Prescription).where(Prescription.planned_session_id == planned_session_id)
    return list(session.scalars(query.order_by(Prescription.position)))


def open_session_log(session: Session, *, athlete_id: uuid.UUID) -> SessionLog | None:
    """The latest session still in progress (to resume after an interruption)."""
    query = select(SessionLog).where(
        SessionLog.athlete_id == athlete_id, SessionLog.status == "in-progress"
    )
    return session.scalars(query.order_by(SessionLog.started_at.desc()).limit(1)).first()


def set_logs_for_step(
    session: Session, *, athlete_id: uuid.UUID, step_id: str, limit: int = 50
) -> list[SetLog]:
    """The athlete's latest ``limit`` sets of a step, returned oldest first."""
    query = (
        select(SetLog)
        .join(SessionLog, SetLog.session_log_id == SessionLog.id)
        .where(SessionLog.athlete_id == athlete_id, SetLog.step_id == step_id)
        .order_by(SetLog.logged_at.desc(), SetLog.set_number.desc())
        .limit(limit)
    )
    return list(reversed(session.scalars(query).all()))


def set_log_by_key(session: Session, *, idempotency_key: str) -> SetLog | None:
    """The set already logged under ``idempotency_key``, if any (for safe retries)."""
    query = select(SetLog).where(SetLog.idempotency_key == idempotency_key)
    return session.scalars(query).first()


def checkins_between(
    session: Session, *, athlete_id: uuid.UUID, start: date, end: date
) -> list[Checkin]:
    """Morning check-ins from ``start`` to ``end`` inclusive, by day."""
    query = select(Checkin).where(Checkin.athlete_id == athlete_id, Checkin.day.between(start, end))
    return list(session.scalars(query.order_by(Checkin.day)))
