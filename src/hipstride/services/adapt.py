"""Adapting the plan to what was done: after each session, and again after a morning check-in.

The decision for each exercise is recomputed from the finished session's own working level,
so running it twice (after the session, then after next morning's check-in) gives the same
result with the new information, never a double step. Only sessions not yet started are
rewritten: what was prescribed for a session already done is its history.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from hipstride.knowledge.catalog import Catalog
from hipstride.plan import models as core
from hipstride.plan.builder import owned_ladder, usable_ladder
from hipstride.plan.dose import scale_for_week
from hipstride.plan.progression import PAIN_LIMIT, next_prescription
from hipstride.services.assessment import latest_findings
from hipstride.services.convert import (
    prescription_fields,
    prescription_to_core,
    set_result_to_core,
    working_to_core,
)
from hipstride.services.runner import current_profile
from hipstride.store import queries
from hipstride.store import tables as db
from hipstride.training.models import ExerciseOutcome

HISTORY = 3  # outcomes the rules look back over
TREND_DAYS = 28  # morning pain is compared week by week over four weeks


def _mornings(session: Session, athlete_id: uuid.UUID, up_to: date) -> dict[date, int]:
    rows = queries.checkins_between(
        session,
        athlete_id=athlete_id,
        start=up_to - timedelta(days=TREND_DAYS + HISTORY * 7),
        end=up_to,
    )
    return {c.day: c.morning_pain for c in rows}


def _outcomes(
    session: Session, *, plan_id: uuid.UUID, family_id: str, up_to: date, mornings: dict[date, int]
) -> list[ExerciseOutcome]:
    """The last few finished sessions' sets of one family in this plan, oldest first."""
    rows = session.execute(
        select(db.SessionLog, db.PlannedSession.day, db.Prescription)
        .join(db.PlannedSession, db.SessionLog.planned_session_id == db.PlannedSession.id)
        .join(db.Prescription, db.Prescription.planned_session_id == db.PlannedSession.id)
        .where(
            db.PlannedSession.plan_id == plan_id,
            db.SessionLog.status == "done",
            db.Prescription.family_id == family_id,
            db.PlannedSession.day <= up_to,
        )
        .order_by(db.PlannedSession.day.desc())
        .limit(HISTORY)
    ).all()
    out = []
    for log, day, prescription in reversed(rows):
        sets = tuple(
            set_result_to_core(s) for s in log.sets if s.prescription_id == prescription.id
        )
        if sets:
            morning = mornings.get(day + timedelta(days=1))
            out.append(ExerciseOutcome(day, prescription_to_core(prescription), sets, morning))
    return out


def _morning_trend(mornings: dict[date, int], up_to: date) -> list[int]:
    """Each recent week's highest morning pain, oldest first (weeks with no check-in skipped)."""
    weeks: dict[int, int] = defaultdict(int)
    for day, pain in mornings.items():
        if up_to - timedelta(days=TREND_DAYS - 1) <= day <= up_to:
            index = (up_to - day).days // 7
            weeks[index] = max(weeks[index], pain)
    return [weeks[i] for i in sorted(weeks, reverse=True)]


def adapt_after(
    session: Session, *, catalog: Catalog, athlete_id: uuid.UUID, session_log_id: uuid.UUID
) -> list[str]:
    """Set the plan's sessions not yet started from what this session showed.

    Returns one explanation line per exercise. A coach's override is left as it is.
    """
    log = session.get_one(db.SessionLog, session_log_id)
    if log.planned_session_id is None:
        return []
    done = session.get_one(db.PlannedSession, log.planned_session_id)
    started = set(
        session.scalars(
            select(db.SessionLog.planned_session_id)
            .join(db.PlannedSession, db.SessionLog.planned_session_id == db.PlannedSession.id)
            .where(db.PlannedSession.plan_id == done.plan_id)
        )
    )
    later = [s for s in done.plan.sessions if s.day > done.day and s.id not in started]
    findings = latest_findings(session, catalog=catalog, athlete_id=athlete_id)
    owned = current_profile(session, athlete_id=athlete_id).equipment
    mornings = _mornings(session, athlete_id, done.day + timedelta(days=1))
    trend = _morning_trend(mornings, done.day + timedelta(days=1))
    lines = []
    for row in done.prescriptions:
        upcoming = [
            (s, p)
            for s in later
            for p in s.prescriptions
            if p.family_id == row.family_id and not p.override_note
        ]
        if not upcoming or row.family_id not in catalog.ladders:
            continue
        ladder = owned_ladder(
            catalog, usable_ladder(catalog.ladders[row.family_id], findings), owned, row.step_id
        )
        outcomes = _outcomes(
            session,
            plan_id=done.plan_id,
            family_id=row.family_id,
            up_to=done.day,
            mornings=mornings,
        )
        first_kind = core.WeekKind(upcoming[0][0].week_kind)
        decision = next_prescription(
            working_to_core(row), outcomes, ladder, week_kind=first_kind, morning_pain_trend=trend
        )
        for planned, target in upcoming:
            scaled = scale_for_week(decision.working, core.WeekKind(planned.week_kind))
            for key, value in prescription_fields(scaled, decision.working).items():
                setattr(target, key, value)
            target.note = decision.explanation
        lines.append(decision.explanation)
    return lines


def morning_pain_warning(pain: int) -> str | None:
    """What a runner is told when next-morning pain is above the plan's limit."""
    if pain <= PAIN_LIMIT:
        return None
    return (
        f"Pain above {PAIN_LIMIT}/10 the morning after is more than the plan allows. "
        "If it does not settle, see a physical therapist or an orthopedist."
    )


def record_checkin(
    session: Session,
    *,
    catalog: Catalog,
    athlete_id: uuid.UUID,
    day: date,
    pain: int,
    note: str | None,
) -> list[str]:
    """Morning pain for ``day``, then the plan re-adapted from the latest session done.

    Re-adapting from the latest session (not the one the morning follows) keeps progress
    already earned when a check-in is entered late; its history includes the new morning.
    """
    if not 0 <= pain <= 10:
        raise ValueError(f"morning pain must be 0 to 10, got {pain}")
    existing = session.scalars(
        select(db.Checkin).where(db.Checkin.athlete_id == athlete_id, db.Checkin.day == day)
    ).first()
    if existing is None:
        session.add(db.Checkin(athlete_id=athlete_id, day=day, morning_pain=pain, note=note))
    else:
        existing.morning_pain, existing.note = pain, note
    session.flush()
    plan = queries.active_plan(session, athlete_id=athlete_id)
    if plan is None:
        return []
    latest = session.scalars(
        select(db.SessionLog)
        .join(db.PlannedSession, db.SessionLog.planned_session_id == db.PlannedSession.id)
        .where(db.PlannedSession.plan_id == plan.id, db.SessionLog.status == "done")
        .order_by(db.PlannedSession.day.desc())
    ).first()
    if latest is None:
        return []
    return adapt_after(session, catalog=catalog, athlete_id=athlete_id, session_log_id=latest.id)
