"""Fitting the plan to the real week: what the runs show, and moving what is not started.

Called after an import and by ``hipstride plan`` (building uses the filled-in profile;
``plan fit`` moves an existing plan's coming sessions). Only sessions not yet started move,
and they keep their ids, so calendar events follow them.
"""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from hipstride.plan.dose import scale_for_week, week_kind
from hipstride.plan.models import Profile, WeekKind
from hipstride.plan.schedule import SHARED_DAY_NOTE
from hipstride.running.records import RunRecord
from hipstride.running.week import (
    InferredWeek,
    RunSummary,
    SessionDay,
    fill_profile,
    infer_week,
    move_lines,
    refit,
)
from hipstride.services.convert import working_to_core
from hipstride.services.load import runner_zone
from hipstride.services.runner import current_profile
from hipstride.services.runs import counted_runs
from hipstride.store import queries
from hipstride.store import tables as db

MIN_LAP_M = 400.0


def _fastest_lap(record: RunRecord) -> float | None:
    paces = [
        (lap.moving_seconds or lap.elapsed_seconds) / (lap.distance_m / 1000)
        for lap in record.laps
        if lap.distance_m is not None and lap.distance_m >= MIN_LAP_M
    ]
    return min(paces) if paces else None


def runs_week(session: Session, *, athlete_id: uuid.UUID, today: date) -> InferredWeek | None:
    """The week the runner's counted runs show (None with under three weeks of runs)."""
    zone = runner_zone(session.get_one(db.Athlete, athlete_id))
    summaries = [
        RunSummary(
            day=r.local_day(zone),
            seconds=r.moving_seconds if r.moving_seconds > 0 else r.elapsed_seconds,
            distance_m=r.distance_m,
            avg_heart_rate=r.avg_heart_rate,
            fastest_lap_pace=_fastest_lap(r),
        )
        for r in counted_runs(session, athlete_id=athlete_id)
    ]
    return infer_week(summaries, today)


def effective_profile(
    session: Session, *, athlete_id: uuid.UUID, today: date
) -> tuple[Profile, tuple[str, ...]]:
    """The profile, with what it leaves open filled from the runs, and why."""
    profile = current_profile(session, athlete_id=athlete_id)
    return fill_profile(profile, runs_week(session, athlete_id=athlete_id, today=today))


def _rescale(row: db.PlannedSession, kind: WeekKind) -> None:
    """A session moved into (or out of) race week takes that week's volume."""
    if row.week_kind == kind.value:
        return
    row.week_kind = kind.value
    for prescription in row.prescriptions:
        scaled = scale_for_week(working_to_core(prescription), kind)
        prescription.sets = scaled.sets
        prescription.extra_set_side = scaled.extra_set_side


def fit_plan_to_runs(session: Session, *, athlete_id: uuid.UUID, today: date) -> list[str]:
    """Move the active plan's sessions not yet started onto the week the runs show.

    ``today`` is the runner's local day: sessions before it are history and stay put.
    Returns the lines explaining what moved and why (none when nothing had to).
    """
    plan = queries.active_plan(session, athlete_id=athlete_id)
    if plan is None or not plan.sessions:
        return []
    profile, week_lines = effective_profile(session, athlete_id=athlete_id, today=today)
    started = set(
        session.scalars(
            select(db.SessionLog.planned_session_id)
            .join(db.PlannedSession, db.SessionLog.planned_session_id == db.PlannedSession.id)
            .where(db.PlannedSession.plan_id == plan.id)
        )
    )
    # Today's session stays (the runner may be about to do it), and so does one a coach
    # has changed: re-fitting may drop a session when the week has no room for it.
    days = [
        SessionDay(
            s.id,
            s.day,
            s.id not in started
            and s.day > today
            and not any(p.override_note for p in s.prescriptions),
        )
        for s in plan.sessions
    ]
    moves = refit(days, profile, plan.start_date, today)
    if not moves:
        return []
    before = {d.day.weekday() for d in days if d.movable}
    lines = [*week_lines, *move_lines(moves, before, profile, today)]
    by_id = {s.id: s for s in plan.sessions}
    for move in moves:
        row = by_id[move.key]  # type: ignore[index]
        if move.new is None:
            plan.sessions.remove(row)
        else:
            row.day = move.new
            if row.note in ("", SHARED_DAY_NOTE):  # a coach's own note stays
                row.note = SHARED_DAY_NOTE if move.new.weekday() in profile.running_days else ""
            _rescale(row, week_kind(row.week, move.new, profile.race_date))
    plan.explanations = [*plan.explanations, *(f"{today.isoformat()}: {line}" for line in lines)]
    session.flush()
    return lines
