"""Making the plan: from the profile and the latest self-tests, stored with its history."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from hipstride.knowledge.catalog import Catalog
from hipstride.plan import models as core
from hipstride.plan.builder import build_plan
from hipstride.services.assessment import latest_findings, require_clearance
from hipstride.services.convert import prescription_fields, prescription_to_core
from hipstride.services.replan import effective_profile
from hipstride.services.runner import local_date
from hipstride.store import queries
from hipstride.store import tables as db
from hipstride.store.queries import active_plan

# How far from the runner's today a plan may start, either way: a typo such as year 1 would
# otherwise make every page that counts weeks from the start walk through two thousand years.
START_WINDOW = timedelta(days=366)


class EmptyPlan(ValueError):
    """Nothing could be placed; the active plan, if any, is kept as it is."""


class StartOutOfRange(ValueError):
    """The first day is too far from the runner's today; ``field`` names the input."""

    field = "start"

    def __init__(self, start: date, today: date) -> None:
        self.earliest, self.latest = today - START_WINDOW, today + START_WINDOW
        super().__init__(
            f"start: {start.isoformat()} is too far from today ({today.isoformat()}); "
            f"a plan starts between {self.earliest.isoformat()} and {self.latest.isoformat()}."
        )


def check_start(start: date, *, today: date) -> date:
    """``start`` when it is within ``START_WINDOW`` of ``today``; else ``StartOutOfRange``."""
    if abs(start - today) > START_WINDOW:
        raise StartOutOfRange(start, today)
    return start


def make_plan(
    session: Session,
    *,
    catalog: Catalog,
    athlete_id: uuid.UUID,
    start: date,
    weeks: int,
    now: datetime,
    reason: str = "new plan",
) -> tuple[db.Plan, core.Plan]:
    """Build and store a plan; the active one, if any, is kept in the history as replaced.

    Raises ``StartOutOfRange`` before anything else when ``start`` is more than a year from
    the runner's today (``now`` in their time zone)."""
    check_start(start, today=local_date(session, athlete_id=athlete_id, moment=now))
    cleared = require_clearance(session, athlete_id=athlete_id)
    # The runs of the six weeks before the plan starts say which week it must fit.
    profile, week_lines = effective_profile(session, athlete_id=athlete_id, today=start)
    findings = latest_findings(session, catalog=catalog, athlete_id=athlete_id)
    plan = build_plan(catalog, profile, findings, start, weeks, cleared=cleared)
    if plan.sessions and week_lines:
        plan = replace(plan, explanations=(*week_lines, *plan.explanations))
    if not plan.sessions:
        raise EmptyPlan(" ".join(plan.explanations))
    queries.replace_active_plans(session, athlete_id=athlete_id, at=now, reason=reason)
    row = db.Plan(
        athlete_id=athlete_id,
        created_at=now,
        start_date=plan.start,
        weeks=plan.weeks,
        status="active",
        explanations=list(plan.explanations),
    )
    working = {
        (p.family_id, p.step_id): p
        for planned in plan.sessions
        if planned.week_kind is core.WeekKind.BUILD
        for p in planned.items
    }
    for planned in plan.sessions:
        s = db.PlannedSession(
            day=planned.day, week=planned.week, week_kind=planned.week_kind.value, note=planned.note
        )
        s.prescriptions = [
            db.Prescription(
                position=i, **prescription_fields(p, working.get((p.family_id, p.step_id), p))
            )
            for i, p in enumerate(planned.items)
        ]
        row.sessions.append(s)
    session.add(row)
    session.flush()
    return row, plan


def _session_entry(s: db.PlannedSession, *, catalog: Catalog, done: bool) -> dict[str, Any]:
    """One planned session as JSON-ready data, the same for the plan and the dashboard."""
    items = []
    for p in s.prescriptions:
        core_p = prescription_to_core(p)
        step = catalog.steps.get(p.step_id)
        items.append(
            {
                "step_id": p.step_id,
                "family_id": p.family_id,
                "name": step.name if step else p.step_id,
                "dose": core_p.dose,
                "note": core_p.note,
                "coach_note": core_p.note if p.override_note else None,
            }
        )
    return {
        "day": s.day.isoformat(),
        "day_name": f"{s.day:%a %d %b}",
        "kind": s.week_kind,
        "note": s.note,
        "done": done,
        "items": items,
    }


def plan_overview(
    session: Session, *, catalog: Catalog, athlete_id: uuid.UUID
) -> dict[str, Any] | None:
    """The active plan as JSON-ready weeks of sessions, with what has been done."""
    plan = active_plan(session, athlete_id=athlete_id)
    if plan is None:
        return None
    sessions = session.scalars(
        select(db.PlannedSession)
        .where(db.PlannedSession.plan_id == plan.id)
        .order_by(db.PlannedSession.day)
        .options(selectinload(db.PlannedSession.prescriptions))
    )
    done_ids = set(
        session.scalars(
            select(db.SessionLog.planned_session_id)
            .join(db.PlannedSession, db.SessionLog.planned_session_id == db.PlannedSession.id)
            .where(db.PlannedSession.plan_id == plan.id, db.SessionLog.status == "done")
        )
    )
    weeks: dict[int, dict[str, Any]] = {}
    for s in sessions:
        week = weeks.setdefault(s.week, {"week": s.week, "kind": s.week_kind, "sessions": []})
        week["sessions"].append(_session_entry(s, catalog=catalog, done=s.id in done_ids))
    return {
        "start": plan.start_date.isoformat(),
        "weeks_count": plan.weeks,
        "explanations": plan.explanations,
        "weeks": list(weeks.values()),
    }


@dataclass(frozen=True)
class Upcoming:
    """What the dashboard needs of the plan: whether there is one, and the next sessions."""

    has_plan: bool
    sessions: list[dict[str, Any]]


def upcoming_sessions(
    session: Session, *, catalog: Catalog, athlete_id: uuid.UUID, today: date, limit: int
) -> Upcoming:
    """The active plan's first ``limit`` sessions from ``today`` on not done yet, as
    ``plan_overview`` shows them; three statements whatever the plan's length."""
    plan = active_plan(session, athlete_id=athlete_id)
    if plan is None:
        return Upcoming(False, [])
    rows = queries.sessions_to_do(session, plan_id=plan.id, since=today, limit=limit)
    return Upcoming(True, [_session_entry(s, catalog=catalog, done=False) for s in rows])
