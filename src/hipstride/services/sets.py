"""Logging sets from a client that may retry: each set once per idempotency key."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from hipstride.knowledge.catalog import Catalog
from hipstride.services import training
from hipstride.store import tables as db


class SetProblem(ValueError):
    """A set that cannot be stored as asked; ``field`` names the input at fault, if one."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class KeyTaken(SetProblem):
    """The idempotency key was already used for a different set."""


def _by_key(session: Session, key: str) -> tuple[db.SetLog, uuid.UUID] | None:
    row = session.execute(
        select(db.SetLog, db.SessionLog.athlete_id)
        .join(db.SessionLog, db.SetLog.session_log_id == db.SessionLog.id)
        .where(db.SetLog.idempotency_key == key)
    ).first()
    return None if row is None else (row[0], row[1])


def record_set(
    session: Session,
    *,
    athlete_id: uuid.UUID,
    day: date,
    position: int,
    set_number: int,
    side: str | None,
    reps: int | None,
    held_seconds: int | None,
    pain: int,
    reps_in_reserve: int | None,
    idempotency_key: str,
    now: datetime,
) -> db.SetLog:
    """Store one set of the day's planned session; the same key again returns the first set.

    Raises ``training.NoSession`` when nothing is planned that day, ``SetProblem`` for a set
    slot that is not left to do, ``KeyTaken`` when the key belongs to another set.
    """
    found = _by_key(session, idempotency_key)
    if found is not None:
        existing, owner = found
        if owner != athlete_id:
            raise KeyTaken("This idempotency key was already used.", "idempotency_key")
        return existing
    todo = training.session_for(session, athlete_id=athlete_id, day=day)
    if not 0 <= position < len(todo.items):
        raise SetProblem(f"The session has no exercise at position {position}.", "position")
    slot = next((s for s in todo.left if s.key == (position, set_number, side)), None)
    if slot is None:
        raise SetProblem(
            f"Set {set_number}{f' ({side})' if side else ''} of exercise {position} is not left "
            "to do: it is done already, or the side or set number is wrong.",
            "set_number",
        )
    log_id = training.start(session, athlete_id=athlete_id, todo=todo, now=now, guided=True)
    try:
        with session.begin_nested():
            row = training.log_set(
                session,
                session_log_id=log_id,
                prescription_id=todo.prescription_ids[position],
                slot=slot,
                reps=reps,
                held_seconds=held_seconds,
                pain=pain,
                reps_in_reserve=reps_in_reserve,
                now=now,
                idempotency_key=idempotency_key,
            )
    except IntegrityError:  # the same key, stored by a concurrent request in the meantime
        found = _by_key(session, idempotency_key)
        if found is None or found[1] != athlete_id:
            raise KeyTaken("This idempotency key was already used.", "idempotency_key") from None
        return found[0]
    return row


def finish_day(
    session: Session, *, catalog: Catalog, athlete_id: uuid.UUID, day: date, now: datetime
) -> list[str]:
    """Finish the day's session and adapt the plan; one explanation line per exercise."""
    todo = training.session_for(session, athlete_id=athlete_id, day=day)
    if todo.session_log_id is None:
        raise SetProblem("Nothing is logged for this session yet; log a set first.")
    return training.finish_session(
        session,
        catalog=catalog,
        athlete_id=athlete_id,
        session_log_id=todo.session_log_id,
        now=now,
    )
