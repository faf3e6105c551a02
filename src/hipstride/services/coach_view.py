"""What a coach sees of a linked runner: adherence, tests, the last session, alerts, the plan.

Alerts look back ``ALERT_DAYS`` days, and only at what came after the latest clearance: a
coach who cleared a runner has dealt with the pain reported before it.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from hipstride.knowledge.catalog import Catalog
from hipstride.services.assessment import NotCleared, latest_tests, require_clearance
from hipstride.services.convert import prescription_to_core
from hipstride.services.runner import local_date
from hipstride.store import queries
from hipstride.store import tables as db
from hipstride.training.alerts import Alert, PainedSet, alerts

ALERT_DAYS = 14
RECENT_SESSIONS = 10


@dataclass(frozen=True)
class RunnerSummary:
    athlete_id: uuid.UUID
    name: str
    linked_since: date
    adherence: float | None  # sessions done / planned up to today
    last_self_test: date | None
    last_session: date | None
    days_since_session: int | None
    on_hold: bool  # pain reported and not cleared since
    alerts: list[Alert] = field(default_factory=list)


def _sets_since(
    session: Session, catalog: Catalog, athlete_id: uuid.UUID, since: datetime
) -> list[PainedSet]:
    rows = session.execute(
        select(db.SetLog, db.SessionLog.id)
        .join(db.SessionLog, db.SetLog.session_log_id == db.SessionLog.id)
        .where(db.SessionLog.athlete_id == athlete_id, db.SetLog.logged_at > since)
        .order_by(db.SetLog.logged_at, db.SetLog.set_number)
    ).all()
    return [
        PainedSet(
            day=local_date(session, athlete_id=athlete_id, moment=s.logged_at),
            session=str(log_id),
            exercise=str(s.prescription_id or s.step_id),
            name=catalog.steps[s.step_id].name if s.step_id in catalog.steps else s.step_id,
            pain=s.pain,
        )
        for s, log_id in rows
    ]


def _adherence(session: Session, plan: db.Plan | None, today: date) -> float | None:
    """Sessions done / planned up to today, as ``progress`` counts it, in one query."""
    if plan is None:
        return None
    due = {s.day for s in plan.sessions if s.day <= today}
    done = set(
        session.scalars(
            select(db.PlannedSession.day)
            .join(db.SessionLog, db.SessionLog.planned_session_id == db.PlannedSession.id)
            .where(db.PlannedSession.plan_id == plan.id, db.SessionLog.status == "done")
        )
    )
    return len(done & due) / len(due) if due else None


def _on_hold(session: Session, athlete_id: uuid.UUID) -> bool:
    if queries.latest_pain_screen(session, athlete_id=athlete_id) is None:
        return False
    try:
        require_clearance(session, athlete_id=athlete_id)
    except NotCleared:
        return True
    return False


def summary(
    session: Session,
    *,
    catalog: Catalog,
    link: db.CoachLink,
    name: str,
    now: datetime,
) -> RunnerSummary:
    """Days are the runner's own (their time zone), not the coach's."""
    athlete_id = link.athlete_id
    today = local_date(session, athlete_id=athlete_id, moment=now)
    since = now - timedelta(days=ALERT_DAYS)
    since_day = today - timedelta(days=ALERT_DAYS)
    clearance = queries.latest_clearance(session, athlete_id=athlete_id)
    if clearance is not None and clearance.cleared_at > since:
        since = clearance.cleared_at
        since_day = local_date(session, athlete_id=athlete_id, moment=since)
    sets = [s for s in _sets_since(session, catalog, athlete_id, since) if s.day >= since_day]
    mornings = [
        (c.day, c.morning_pain)
        for c in queries.checkins_between(
            session, athlete_id=athlete_id, start=since_day + timedelta(days=1), end=today
        )
    ]
    started = session.scalar(
        select(db.SessionLog.started_at)
        .where(db.SessionLog.athlete_id == athlete_id)
        .order_by(db.SessionLog.started_at.desc())
        .limit(1)
    )
    last = local_date(session, athlete_id=athlete_id, moment=started) if started else None
    plan = queries.active_plan(session, athlete_id=athlete_id)
    plan_start = plan.start_date if plan and plan.start_date <= today else None
    tested = session.scalar(
        select(db.SelfTestResult.taken_at)
        .where(db.SelfTestResult.athlete_id == athlete_id)
        .order_by(db.SelfTestResult.taken_at.desc())
        .limit(1)
    )
    return RunnerSummary(
        athlete_id=athlete_id,
        name=name,
        linked_since=local_date(session, athlete_id=athlete_id, moment=link.created_at),
        adherence=_adherence(session, plan, today),
        last_self_test=local_date(session, athlete_id=athlete_id, moment=tested)
        if tested
        else None,
        last_session=last,
        days_since_session=(today - last).days if last else None,
        on_hold=_on_hold(session, athlete_id),
        alerts=alerts(sets, mornings, last_session=last, since=plan_start, today=today),
    )


def runner_list(
    session: Session,
    *,
    catalog: Catalog,
    links: list[tuple[db.CoachLink, str]],
    now: datetime,
) -> list[RunnerSummary]:
    """Every linked runner, those with alerts first, then by name."""
    found = [
        summary(session, catalog=catalog, link=link, name=name, now=now) for link, name in links
    ]
    return sorted(found, key=lambda r: (not r.alerts and not r.on_hold, r.name))


def _recent_sessions(session: Session, athlete_id: uuid.UUID) -> list[dict[str, Any]]:
    logs = session.scalars(
        select(db.SessionLog)
        .where(db.SessionLog.athlete_id == athlete_id)
        .order_by(db.SessionLog.started_at.desc())
        .limit(RECENT_SESSIONS)
    ).all()
    return [
        {
            "day": local_date(session, athlete_id=athlete_id, moment=log.started_at),
            "status": log.status,
            "sets": len(log.sets),
            "max_pain": max((s.pain for s in log.sets), default=None),
        }
        for log in logs
    ]


def _upcoming(session: Session, catalog: Catalog, athlete_id: uuid.UUID, today: date) -> list[Any]:
    """Sessions from today on that are not started: the ones a coach may still change."""
    plan = queries.active_plan(session, athlete_id=athlete_id)
    if plan is None:
        return []
    started = set(
        session.scalars(
            select(db.SessionLog.planned_session_id).where(db.SessionLog.athlete_id == athlete_id)
        )
    )
    out = []
    for planned in plan.sessions:
        if planned.day < today or planned.id in started:
            continue
        items = []
        for p in planned.prescriptions:
            step = catalog.steps.get(p.step_id)
            items.append(
                {
                    "position": p.position,
                    "step_id": p.step_id,
                    "name": step.name if step else p.step_id,
                    "dose": prescription_to_core(p).dose,
                    "sets": p.sets,
                    "reps_min": p.reps_min,
                    "reps_max": p.reps_max,
                    "hold_seconds": p.hold_seconds,
                    "override_note": p.override_note,
                    "override_by": p.override_by,
                    "ladder": [
                        {"step_id": s.id, "name": s.name}
                        for s in catalog.ladders.get(p.family_id, ())
                    ],
                }
            )
        out.append({"day": planned.day, "week": planned.week, "items": items})
    return out


def detail(
    session: Session,
    *,
    catalog: Catalog,
    link: db.CoachLink,
    name: str,
    now: datetime,
) -> dict[str, Any]:
    """The runner's page for the coach: the summary, tests, sessions, check-ins, the plan."""
    athlete_id = link.athlete_id
    today = local_date(session, athlete_id=athlete_id, moment=now)
    tests = latest_tests(session, catalog=catalog, athlete_id=athlete_id)
    checkins = queries.checkins_between(
        session, athlete_id=athlete_id, start=today - timedelta(days=ALERT_DAYS), end=today
    )
    clearance = queries.latest_clearance(session, athlete_id=athlete_id)
    return {
        "summary": summary(session, catalog=catalog, link=link, name=name, now=now),
        "tests": [
            {
                "test_id": "deep-squat",
                "taken": local_date(session, athlete_id=athlete_id, moment=tests.squat_taken)
                if tests.squat_taken
                else None,
                "score": tests.squat.score if tests.squat else None,
                "lines": list(tests.squat.lines) if tests.squat else [],
            },
            {
                "test_id": "single-leg-bridge",
                "taken": local_date(session, athlete_id=athlete_id, moment=tests.bridge_taken)
                if tests.bridge_taken
                else None,
                "score": tests.bridge.score if tests.bridge else None,
                "lines": list(tests.bridge.lines) if tests.bridge else [],
            },
        ],
        "sessions": _recent_sessions(session, athlete_id),
        "checkins": [{"day": c.day, "morning_pain": c.morning_pain} for c in reversed(checkins)],
        "last_clearance": None
        if clearance is None
        else {
            "cleared_by": clearance.cleared_by,
            "day": local_date(session, athlete_id=athlete_id, moment=clearance.cleared_at),
            "note": clearance.note,
        },
        "upcoming": _upcoming(session, catalog, athlete_id, today),
    }
