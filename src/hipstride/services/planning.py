"""Making the plan: from the profile and the latest self-tests, stored with its history."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from hipstride.knowledge.catalog import Catalog
from hipstride.plan import models as core
from hipstride.plan.builder import build_plan
from hipstride.services.assessment import latest_findings, require_clearance
from hipstride.services.convert import prescription_fields
from hipstride.services.replan import effective_profile
from hipstride.store import queries
from hipstride.store import tables as db
from hipstride.store.queries import active_plan


class EmptyPlan(ValueError):
    """Nothing could be placed; the active plan, if any, is kept as it is."""


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
    """Build and store a plan; the active one, if any, is kept in the history as replaced."""
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


def plan_overview(
    session: Session, *, catalog: Catalog, athlete_id: uuid.UUID
) -> dict[str, Any] | None:
    """The active plan as JSON-ready weeks of sessions, with what has been done."""
    from hipstride.services.convert import prescription_to_core

    plan = active_plan(session, athlete_id=athlete_id)
    if plan is None:
        return None
    steps = catalog.steps
    done_ids = set(
        session.scalars(
            select(db.SessionLog.planned_session_id)
            .join(db.PlannedSession, db.SessionLog.planned_session_id == db.PlannedSession.id)
            .where(db.PlannedSession.plan_id == plan.id, db.SessionLog.status == "done")
        )
    )
    weeks: dict[int, dict[str, Any]] = {}
    for s in plan.sessions:
        week = weeks.setdefault(s.week, {"week": s.week, "kind": s.week_kind, "sessions": []})
        done = s.id in done_ids
        items = []
        for p in s.prescriptions:
            core_p = prescription_to_core(p)
            step = steps.get(p.step_id)
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
        week["sessions"].append(
            {
                "day": s.day.isoformat(),
                "day_name": f"{s.day:%a %d %b}",
                "kind": s.week_kind,
                "note": s.note,
                "done": done,
                "items": items,
            }
        )
    return {
        "start": plan.start_date.isoformat(),
        "weeks_count": plan.weeks,
        "explanations": plan.explanations,
        "weeks": list(weeks.values()),
    }
