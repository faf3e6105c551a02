"""Progress: the log and the tests summarised, for the terminal and for charts."""

from __future__ import annotations

import uuid
from datetime import date
from typing import cast

from sqlalchemy import select
from sqlalchemy.orm import Session

from hipstride.knowledge.catalog import Catalog
from hipstride.plan.models import Side
from hipstride.services.runner import local_date
from hipstride.store import queries
from hipstride.store import tables as db
from hipstride.training.progress import LoggedSet, Progress, StepReached, TestPoint, summarise

TESTS = ("deep-squat", "single-leg-bridge")


def progress(session: Session, *, catalog: Catalog, athlete_id: uuid.UUID, today: date) -> Progress:
    plan = queries.active_plan(session, athlete_id=athlete_id)
    planned_days = [s.day for s in plan.sessions] if plan else []
    logs = (
        session.execute(
            select(db.SessionLog, db.PlannedSession.day)
            .join(db.PlannedSession, db.SessionLog.planned_session_id == db.PlannedSession.id)
            .where(db.PlannedSession.plan_id == plan.id)
        ).all()
        if plan
        else []
    )
    done_days = [day for log, day in logs if log.status == "done"]
    rows = session.execute(
        select(db.SetLog, db.PlannedSession.day, db.Prescription.family_id)
        .join(db.SessionLog, db.SetLog.session_log_id == db.SessionLog.id)
        .join(db.PlannedSession, db.SessionLog.planned_session_id == db.PlannedSession.id)
        .outerjoin(db.Prescription, db.SetLog.prescription_id == db.Prescription.id)
        .where(db.SessionLog.athlete_id == athlete_id)
    ).all()
    sets = [LoggedSet(day, family or "", s.reps, s.held_seconds, s.pain) for s, day, family in rows]
    tests = [
        TestPoint(
            local_date(session, athlete_id=athlete_id, moment=r.taken_at),
            r.test_id,
            cast(Side | None, r.side),
            r.score,
            r.measures.get("hold_seconds"),
        )
        for test_id in TESTS
        for r in queries.result_history(session, athlete_id=athlete_id, test_id=test_id)
    ]
    reached = []
    if plan is not None:
        upcoming = [s for s in plan.sessions if s.day >= today] or list(plan.sessions)[-1:]
        current = {p.family_id: p.step_id for s in reversed(upcoming) for p in s.prescriptions}
        for family in catalog.strength_families():
            step_id = current.get(family.id)
            if step_id is None or step_id not in catalog.steps:
                continue
            place = catalog.place(step_id)
            name = place.ladder[place.level - 1].name
            reached.append(
                StepReached(family.id, family.name, step_id, name, place.level, len(place.ladder))
            )
    checkins = [
        (c.day, c.morning_pain)
        for c in queries.checkins_between(session, athlete_id=athlete_id, start=date.min, end=today)
    ]
    return summarise(
        today=today,
        planned_days=planned_days,
        done_days=done_days,
        sets=sets,
        tests=tests,
        steps=reached,
        morning_pain=checkins,
    )
