"""Running a session: find today's, start or resume it, commit each set as it is entered."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.orm import Session

from hipstride.knowledge.catalog import Catalog
from hipstride.plan import models as core
from hipstride.services.convert import prescription_to_core
from hipstride.store import queries
from hipstride.store import tables as db
from hipstride.store.queries import active_plan
from hipstride.training.session import SetSlot, SlotKey, remaining


class NoSession(LookupError):
    """Nothing planned for that day."""


@dataclass(frozen=True)
class SessionToDo:
    """A planned session with what is left of it, ready for the guided loop."""

    planned_session_id: uuid.UUID
    day: date
    week: int
    week_kind: str
    note: str
    items: tuple[core.Prescription, ...]
    prescription_ids: tuple[uuid.UUID, ...]
    session_log_id: uuid.UUID | None
    left: tuple[SetSlot, ...]
    done_sets: int


def _no_session(session: Session, *, athlete_id: uuid.UUID, day: date) -> NoSession:
    """Why nothing is planned on ``day``, with the next session's day when there is one."""
    plan = active_plan(session, athlete_id=athlete_id)
    if plan is None:
        return NoSession("No plan yet. Run `hipstride plan` to make one.")
    upcoming = [s.day for s in plan.sessions if s.day > day]
    hint = f" The next session is on {upcoming[0]:%a %d %b}." if upcoming else ""
    return NoSession(f"No strength session is planned for {day:%a %d %b}.{hint}")


def session_for(session: Session, *, athlete_id: uuid.UUID, day: date) -> SessionToDo:
    """The planned session on ``day``, with its progress (two statements: the session with
    its prescriptions, its latest log with its sets)."""
    planned = queries.planned_session_on(session, athlete_id=athlete_id, day=day)
    if planned is None:
        raise _no_session(session, athlete_id=athlete_id, day=day)
    log = queries.latest_session_log(session, planned_session_id=planned.id)
    done: list[SlotKey] = []
    if log is not None:
        position = {p.id: p.position for p in planned.prescriptions}
        done = [
            (position[s.prescription_id], s.set_number, s.side)  # type: ignore[misc]
            for s in log.sets
            if s.prescription_id in position
        ]
    items = tuple(prescription_to_core(p) for p in planned.prescriptions)
    return SessionToDo(
        planned_session_id=planned.id,
        day=planned.day,
        week=planned.week,
        week_kind=planned.week_kind,
        note=planned.note,
        items=items,
        prescription_ids=tuple(p.id for p in planned.prescriptions),
        session_log_id=log.id if log else None,
        left=tuple(remaining(items, done)),
        done_sets=len(done),
    )


def start(
    session: Session, *, athlete_id: uuid.UUID, todo: SessionToDo, now: datetime, guided: bool
) -> uuid.UUID:
    """The session log to write sets into: the open one, or a new one."""
    if todo.session_log_id is not None:
        return todo.session_log_id
    log = db.SessionLog(
        athlete_id=athlete_id,
        planned_session_id=todo.planned_session_id,
        started_at=now,
        guided=guided,
        status="in-progress",
    )
    session.add(log)
    session.flush()
    return log.id


def log_set(
    session: Session,
    *,
    session_log_id: uuid.UUID,
    prescription_id: uuid.UUID | None,
    slot: SetSlot,
    reps: int | None,
    held_seconds: int | None,
    pain: int,
    reps_in_reserve: int | None,
    now: datetime,
    idempotency_key: str | None = None,
) -> db.SetLog:
    """One set, target and actual side by side. The caller commits right after."""
    if not 0 <= pain <= 10:
        raise ValueError(f"pain must be 0 to 10, got {pain}")
    row = db.SetLog(
        session_log_id=session_log_id,
        prescription_id=prescription_id,
        step_id=slot.prescription.step_id,
        set_number=slot.set_number,
        side=slot.side,
        target_reps=slot.target_reps,
        target_hold_seconds=slot.target_hold_seconds,
        reps=reps,
        held_seconds=held_seconds,
        pain=pain,
        reps_in_reserve=reps_in_reserve,
        logged_at=now,
        idempotency_key=idempotency_key,
    )
    session.add(row)
    return row


@dataclass(frozen=True)
class SetEntry:
    """What a runner reports for one set done without guidance."""

    reps: int | None
    held_seconds: int | None
    pain: int
    reps_in_reserve: int | None


@dataclass(frozen=True)
class Logged:
    session_log_id: uuid.UUID
    sets: int
    worst_pain: int


def log_unguided(
    session: Session,
    *,
    athlete_id: uuid.UUID,
    todo: SessionToDo,
    entry_for: Callable[[SetSlot], SetEntry],
    clock: Callable[[], datetime],
) -> Logged:
    """A session done without guidance: every set still to do, as ``entry_for`` reports it."""
    log_id = start(session, athlete_id=athlete_id, todo=todo, now=clock(), guided=False)
    worst = 0
    for slot in todo.left:
        entry = entry_for(slot)
        log_set(
            session,
            session_log_id=log_id,
            prescription_id=todo.prescription_ids[slot.position],
            slot=slot,
            reps=entry.reps,
            held_seconds=entry.held_seconds,
            pain=entry.pain,
            reps_in_reserve=entry.reps_in_reserve,
            now=clock(),
        )
        worst = max(worst, entry.pain)
    return Logged(log_id, len(todo.left), worst)


def finish_session(
    session: Session,
    *,
    catalog: Catalog,
    athlete_id: uuid.UUID,
    session_log_id: uuid.UUID,
    now: datetime,
) -> list[str]:
    """Close a session and adapt the sessions to come; one explanation line per exercise."""
    from hipstride.services.adapt import adapt_after

    log = session.get_one(db.SessionLog, session_log_id)
    log.status = "done"
    log.finished_at = now
    return adapt_after(session, catalog=catalog, athlete_id=athlete_id, session_log_id=log.id)
