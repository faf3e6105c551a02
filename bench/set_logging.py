"""Set logging throughput to SQLite, against a bare Core insert loop in the same run.

Both write one set per transaction into the same ``set_logs`` table of a migrated SQLite
file in a temporary folder, through the same engine (``make_engine``: WAL, foreign keys,
synchronous=NORMAL). The runner, plan, session logs and prescriptions are set up first
through the services, as the app does; the rows the bare loop inserts are made before
timing. The two loops alternate within each repeat; the medians of the repeats are shown.
"""

from __future__ import annotations

import statistics
import tempfile
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from itertools import cycle, islice
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, insert, text
from sqlalchemy.orm import Session, sessionmaker

from hipstride.assess.bridge import BridgeSide
from hipstride.assess.squat import SquatMeasures
from hipstride.knowledge.catalog import load_catalog
from hipstride.plan.models import Experience, Profile
from hipstride.services import assessment, planning, runner, training
from hipstride.store import tables as db
from hipstride.store.engine import make_engine, make_sessionmaker, migrate
from hipstride.training.session import SetSlot

SETS = 2_000
REPEATS = 3
START = date(2026, 3, 2)  # a Monday
NOW = datetime(2026, 3, 1, 18, 0, tzinfo=UTC)


@dataclass(frozen=True)
class Entry:
    """One set as the runner enters it: where it goes, and what was done."""

    session_log_id: uuid.UUID
    prescription_id: uuid.UUID
    slot: SetSlot
    reps: int | None
    held_seconds: int | None
    pain: int
    reps_in_reserve: int | None
    now: datetime


def set_up(sessions: sessionmaker[Session]) -> list[tuple[uuid.UUID, uuid.UUID, SetSlot]]:
    """A runner with a profile, a clean screen, both tests and an 8-week plan, every planned
    session started; returns each set slot of the plan with its session log and prescription.
    """
    catalog = load_catalog()
    with sessions() as s, s.begin():
        athlete = runner.athlete(s, name="bench", now=NOW)
        profile = Profile(
            running_days=frozenset({1, 3, 5, 6}),
            long_run_day=6,
            hard_days=frozenset({3}),
            experience=Experience.SOME,
            equipment=frozenset({"mat", "chair", "box", "mini-band-light"}),
            minutes_per_session=40,
            sessions_per_week=3,
        )
        runner.save_profile(s, athlete_id=athlete.id, profile=profile, now=NOW)
        answers = {q.id: False for q in catalog.pain_screen.questions}
        assessment.record_pain_screen(
            s, catalog=catalog, athlete_id=athlete.id, answers=answers, now=NOW
        )
        assessment.record_squat(
            s, catalog=catalog, athlete_id=athlete.id, measures=SquatMeasures(True), now=NOW
        )
        assessment.record_bridge(
            s,
            catalog=catalog,
            athlete_id=athlete.id,
            left=BridgeSide(22.0),
            right=BridgeSide(35.0),
            now=NOW,
        )
        row, _ = planning.make_plan(
            s, catalog=catalog, athlete_id=athlete.id, start=START, weeks=8, now=NOW
        )
        days = [p.day for p in row.sessions]
    slots: list[tuple[uuid.UUID, uuid.UUID, SetSlot]] = []
    for day in days:
        with sessions() as s, s.begin():
            todo = training.session_for(s, athlete_id=athlete.id, day=day)
            log_id = training.start(s, athlete_id=athlete.id, todo=todo, now=NOW, guided=True)
        slots += [(log_id, todo.prescription_ids[x.position], x) for x in todo.left]
    return slots


def entries(slots: list[tuple[uuid.UUID, uuid.UUID, SetSlot]], n: int, first: int) -> list[Entry]:
    """``n`` sets, going round the plan's slots, each a second after the one before."""
    out = []
    for i, (log_id, prescription_id, slot) in enumerate(islice(cycle(slots), n), start=first):
        hold = slot.target_hold_seconds is not None
        out.append(
            Entry(
                session_log_id=log_id,
                prescription_id=prescription_id,
                slot=slot,
                reps=None if hold else slot.target_reps,
                held_seconds=slot.target_hold_seconds,
                pain=i % 3,
                reps_in_reserve=None if hold else 2,
                now=NOW + timedelta(seconds=i),
            )
        )
    return out


def row(e: Entry) -> dict[str, Any]:
    """The ``set_logs`` values ``log_set`` writes for the same entry."""
    return {
        "session_log_id": e.session_log_id,
        "prescription_id": e.prescription_id,
        "step_id": e.slot.prescription.step_id,
        "set_number": e.slot.set_number,
        "side": e.slot.side,
        "target_reps": e.slot.target_reps,
        "target_hold_seconds": e.slot.target_hold_seconds,
        "reps": e.reps,
        "held_seconds": e.held_seconds,
        "pain": e.pain,
        "reps_in_reserve": e.reps_in_reserve,
        "logged_at": e.now,
        "idempotency_key": None,
    }


def through_service(sessions: sessionmaker[Session], work: list[Entry]) -> float:
    start = time.perf_counter()
    for e in work:
        with sessions() as s, s.begin():
            training.log_set(
                s,
                session_log_id=e.session_log_id,
                prescription_id=e.prescription_id,
                slot=e.slot,
                reps=e.reps,
                held_seconds=e.held_seconds,
                pain=e.pain,
                reps_in_reserve=e.reps_in_reserve,
                now=e.now,
            )
    return len(work) / (time.perf_counter() - start)


def bare_core(engine: Engine, rows: list[dict[str, Any]]) -> float:
    statement = insert(db.SetLog.__table__)
    start = time.perf_counter()
    for values in rows:
        with engine.begin() as connection:
            connection.execute(statement, values)
    return len(rows) / (time.perf_counter() - start)


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="hipstride-bench-") as folder:
        engine = make_engine(f"sqlite:///{Path(folder) / 'bench.db'}")
        try:
            migrate(engine)
            sessions = make_sessionmaker(engine)
            slots = set_up(sessions)
            with engine.connect() as connection:
                mode = connection.execute(text("PRAGMA journal_mode")).scalar()
            service_rates: list[float] = []
            bare_rates: list[float] = []
            for r in range(REPEATS):
                work = entries(slots, SETS, first=2 * r * SETS)
                rows = [row(e) for e in entries(slots, SETS, first=(2 * r + 1) * SETS)]
                if r % 2 == 0:
                    service_rates.append(through_service(sessions, work))
                    bare_rates.append(bare_core(engine, rows))
                else:
                    bare_rates.append(bare_core(engine, rows))
                    service_rates.append(through_service(sessions, work))
            with engine.connect() as connection:
                stored = connection.execute(text("SELECT count(*) FROM set_logs")).scalar()
        finally:
            engine.dispose()
    service = statistics.median(service_rates)
    bare = statistics.median(bare_rates)
    print(
        f"Set logging to SQLite ({SETS:,} sets × {REPEATS} repeats, median; one transaction "
        f"per set; journal {mode}; {stored:,} rows written)"
    )
    print(
        f"  {'services.training.log_set':<42} {service:10,.0f} sets/s   "
        f"{bare / service:6.1f}× bare Core insert (time per set)"
    )
    print(f"  {'bare Core insert into set_logs':<42} {bare:10,.0f} sets/s")


if __name__ == "__main__":
    main()
