"""The training history: sessions done (or started), newest first, with every set, a page at a
time so a long log never loads whole."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from hipstride.knowledge.catalog import Catalog
from hipstride.store import tables as db

PER_PAGE = 10
MAX_PER_PAGE = 50


@dataclass(frozen=True)
class SetLine:
    step_id: str
    name: str
    set_number: int
    side: str | None
    target_reps: int | None
    target_hold_seconds: int | None
    reps: int | None
    held_seconds: int | None
    pain: int
    reps_in_reserve: int | None


@dataclass(frozen=True)
class SessionEntry:
    day: date | None  # the planned day; None when its plan was deleted
    started_at: datetime
    finished_at: datetime | None
    status: str
    guided: bool
    worst_pain: int | None
    sets: tuple[SetLine, ...]


@dataclass(frozen=True)
class HistoryPage:
    page: int
    per_page: int
    total: int
    sessions: tuple[SessionEntry, ...]

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))

    @property
    def has_next(self) -> bool:
        return self.page < self.pages


def history(
    session: Session,
    *,
    catalog: Catalog,
    athlete_id: uuid.UUID,
    page: int = 1,
    per_page: int = PER_PAGE,
) -> HistoryPage:
    """Page ``page`` (1-based) of the runner's session logs, newest planned day first."""
    if page < 1 or not 1 <= per_page <= MAX_PER_PAGE:
        raise ValueError(f"page must be 1 or more and per_page 1 to {MAX_PER_PAGE}")
    where = db.SessionLog.athlete_id == athlete_id
    total = session.scalar(select(func.count()).select_from(db.SessionLog).where(where)) or 0
    rows = session.execute(
        select(db.SessionLog, db.PlannedSession.day)
        .outerjoin(db.PlannedSession, db.SessionLog.planned_session_id == db.PlannedSession.id)
        .where(where)
        .options(selectinload(db.SessionLog.sets))
        .order_by(
            db.PlannedSession.day.desc().nulls_last(),
            db.SessionLog.started_at.desc(),
            db.SessionLog.id,
        )
        .offset((page - 1) * per_page)
        .limit(per_page)
    ).all()
    steps = catalog.steps
    entries = []
    for log, day in rows:
        sets = sorted(log.sets, key=lambda s: (s.logged_at, s.set_number))
        entries.append(
            SessionEntry(
                day=day,
                started_at=log.started_at,
                finished_at=log.finished_at,
                status=log.status,
                guided=log.guided,
                worst_pain=max((s.pain for s in sets), default=None),
                sets=tuple(
                    SetLine(
                        s.step_id,
                        steps[s.step_id].name if s.step_id in steps else s.step_id,
                        s.set_number,
                        s.side,
                        s.target_reps,
                        s.target_hold_seconds,
                        s.reps,
                        s.held_seconds,
                        s.pain,
                        s.reps_in_reserve,
                    )
                    for s in sets
                ),
            )
        )
    return HistoryPage(page, per_page, total, tuple(entries))
