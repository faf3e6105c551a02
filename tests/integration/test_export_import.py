"""Export and import on SQLite and PostgreSQL: a runner's data survives the round trip intact."""

from __future__ import annotations

import copy
import json
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from hipstride.services.data import (
    DatabaseNotEmpty,
    ImportProblem,
    all_sections,
    export_athlete,
    import_athlete,
)
from hipstride.store.engine import make_engine, make_sessionmaker, migrate
from hipstride.store.tables import (
    Athlete,
    Base,
    Checkin,
    Clearance,
    PainScreen,
    Plan,
    PlannedSession,
    Prescription,
    Profile,
    SelfTestResult,
    SessionLog,
    SetLog,
)
from tests.integration.conftest import _throwaway_postgres

CEST = timezone(timedelta(hours=2))
T0 = datetime(2026, 3, 2, 7, 30, 15, 123456, tzinfo=CEST)
NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)


@pytest.fixture
def target(engine: Engine, request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """A second empty, migrated database on the same backend as ``engine``."""
    if engine.dialect.name == "sqlite":
        second = make_engine(f"sqlite:///{tmp_path / 'restored.db'}")
        migrate(second)
        yield second
        second.dispose()
        return
    for second in _throwaway_postgres(request.getfixturevalue("postgres_admin")):
        migrate(second)
        yield second


def _prescription(position: int, **extra: Any) -> Prescription:
    return Prescription(
        position=position,
        family_id="clamshell",
        step_id=f"clamshell-{position}",
        sets=3,
        reps_min=10,
        reps_max=15,
        hold_seconds=None,
        rest_seconds=60,
        **extra,
    )


def _runner(session: Session, name: str) -> uuid.UUID:
    """A runner with at least one record in every table, timestamps given in CEST."""
    athlete = Athlete(name=name, created_at=T0, time_zone="Europe/Berlin", units="mi")
    session.add(athlete)
    session.flush()
    at = athlete.id
    week: dict[str, Any] = {"experience": "some", "minutes_per_session": 30, "sessions_per_week": 3}
    session.add_all(
        [
            Profile(athlete_id=at, created_at=T0, running_days=[1, 3], **week),
            Profile(
                athlete_id=at,
                created_at=T0 + timedelta(days=9),
                running_days=[1, 3, 5, 6],
                long_run_day=6,
                hard_days=[3],
                race_date=date(2026, 10, 4),
                equipment=["mat", "mini-band-light"],
                allow_consecutive=True,
                **week,
            ),
            PainScreen(
                athlete_id=at,
                taken_at=T0,
                answers={"current-pain": True},
                red_flags=["current-pain"],
            ),
            Clearance(
                athlete_id=at, cleared_at=T0, cleared_by="Dr Rivera", kind="clinician", note="ok ✓"
            ),
            SelfTestResult(
                athlete_id=at,
                taken_at=T0,
                test_id="deep-squat",
                measures={"reached_depth": False, "heels_lift": True},
                score=1,
                outcomes=["ankle-mobility"],
            ),
            *(
                SelfTestResult(
                    athlete_id=at,
                    taken_at=T0,
                    test_id="single-leg-bridge",
                    side=side,
                    measures={"hold_seconds": hold},
                    score=score,
                    source="camera",
                )
                for side, hold, score in (("left", 12.5, 1), ("right", 25, 2))
            ),
            Checkin(athlete_id=at, day=date(2026, 3, 17), morning_pain=1, note="stiff"),
            Checkin(athlete_id=at, day=date(2026, 3, 18), morning_pain=0),
        ]
    )
    old = Plan(athlete_id=at, created_at=T0, start_date=date(2026, 3, 2), weeks=8)
    old.status, old.replaced_at, old.reason = "replaced", T0 + timedelta(days=9), "new profile"
    plan = Plan(
        athlete_id=at,
        created_at=T0 + timedelta(days=9),
        start_date=date(2026, 3, 16),
        weeks=6,
        explanations=["three sessions a week"],
    )
    for offset in (0, 2):
        planned = PlannedSession(day=date(2026, 3, 16) + timedelta(days=offset), week=1)
        planned.week_kind, planned.note = "build", "easy start"
        planned.prescriptions = [
            _prescription(0, tempo="2-1-2", one_side=True, extra_set_side="left"),
            _prescription(1, override_note="coach: keep it easy", override_by="coach"),
        ]
        plan.sessions.append(planned)
    old.sessions.append(PlannedSession(day=date(2026, 3, 2), week=1, week_kind="build"))
    session.add_all([old, plan])
    session.flush()
    first = plan.sessions[0]
    done = SessionLog(
        athlete_id=at,
        planned_session_id=first.id,
        started_at=T0 + timedelta(days=14),
        finished_at=T0 + timedelta(days=14, minutes=31),
        status="done",
    )
    abandoned = SessionLog(athlete_id=at, started_at=T0 + timedelta(days=15), guided=False)
    abandoned.status = "abandoned"
    session.add_all([done, abandoned])
    session.flush()
    for number, (prescription, key) in enumerate(
        [(first.prescriptions[0], f"{name}-device:1"), (None, None)], start=1
    ):
        session.add(
            SetLog(
                session_log_id=done.id,
                prescription_id=prescription.id if prescription else None,
                step_id="clamshell-0",
                set_number=number,
                side="left" if prescription else None,
                target_reps=12,
                reps=12 - number,
                pain=number,
                reps_in_reserve=None if prescription else 2,
                logged_at=T0 + timedelta(days=14, minutes=number),
                idempotency_key=key,
            )
        )
    session.flush()
    return at


def _counts(engine: Engine) -> dict[str, int]:
    with engine.connect() as connection:
        return {
            table.name: connection.scalar(select(func.count()).select_from(table)) or 0
            for table in Base.metadata.sorted_tables
        }


def _export(engine: Engine, athlete_id: uuid.UUID) -> dict[str, Any]:
    with make_sessionmaker(engine)() as session:
        return export_athlete(session, athlete_id=athlete_id, now=NOW)


def _import(engine: Engine, document: Any) -> Any:
    with make_sessionmaker(engine)() as session, session.begin():
        return import_athlete(session, document=document)


@pytest.fixture
def exported(migrated: Engine) -> dict[str, Any]:
    """Ana's export from a database that also holds Bo (who must stay out of it)."""
    with make_sessionmaker(migrated)() as session, session.begin():
        ana = _runner(session, "Ana")
        _runner(session, "Bo")
    return _export(migrated, ana)


def test_every_table_has_a_place_in_the_document() -> None:
    assert {"athletes", *(s.table_name for s in all_sections())} == set(Base.metadata.tables)
    for section in all_sections():
        (link,) = section.table.c[section.parent].foreign_keys
        assert link.column.name == "id"


def test_the_document_keeps_ids_utc_times_and_nesting(exported: dict[str, Any]) -> None:
    sections = "profiles pain_screens clearances self_test_results plans session_logs checkins"
    assert list(exported) == ["format", "version", "exported_at", "athlete", *sections.split()]
    assert (exported["format"], exported["version"]) == ("hipstride-export", 1)
    assert exported["exported_at"] == "2026-06-01T12:00:00+00:00"
    athlete = exported["athlete"]
    assert athlete["created_at"] == "2026-03-02T05:30:15.123456+00:00"
    assert uuid.UUID(athlete["id"]) and athlete["name"] == "Ana" and athlete["units"] == "mi"
    assert "Bo" not in json.dumps(exported)
    assert [p["running_days"] for p in exported["profiles"]] == [[1, 3], [1, 3, 5, 6]]
    assert exported["profiles"][1]["race_date"] == "2026-10-04"
    assert "athlete_id" not in exported["profiles"][0]
    replaced, active = exported["plans"]
    assert (replaced["status"], active["status"]) == ("replaced", "active")
    prescriptions = active["sessions"][0]["prescriptions"]
    assert [p["position"] for p in prescriptions] == [0, 1]
    assert "planned_session_id" not in prescriptions[0]
    done = exported["session_logs"][0]
    assert done["planned_session_id"] == active["sessions"][0]["id"]
    keyed, loose = done["sets"]
    assert keyed["idempotency_key"] == "Ana-device:1"
    assert keyed["prescription_id"] == prescriptions[0]["id"]
    assert loose["prescription_id"] is None and loose["side"] is None
    assert [c["day"] for c in exported["checkins"]] == ["2026-03-17", "2026-03-18"]


def test_an_export_imports_into_an_empty_database_and_exports_the_same(
    exported: dict[str, Any], target: Engine
) -> None:
    summary = _import(target, json.loads(json.dumps(exported)))
    assert summary.athlete_name == "Ana"
    assert summary.counts == {
        "athletes": 1,
        "profiles": 2,
        "pain_screens": 1,
        "clearances": 1,
        "self_test_results": 3,
        "plans": 2,
        "planned_sessions": 3,
        "prescriptions": 4,
        "session_logs": 2,
        "set_logs": 2,
        "checkins": 2,
    }
    # The web's accounts and sign-in state are empty: this runner never signed in on the web.
    assert _counts(target) == {**dict.fromkeys(Base.metadata.tables, 0), **summary.counts}
    again = _export(target, uuid.UUID(exported["athlete"]["id"]))
    assert {**again, "exported_at": None} == {**exported, "exported_at": None}


def test_a_database_that_holds_a_runner_is_refused_and_left_as_it_was(
    exported: dict[str, Any], target: Engine
) -> None:
    with make_sessionmaker(target)() as session, session.begin():
        session.add(Athlete(name="Cy", created_at=T0))
    before = _counts(target)
    with pytest.raises(DatabaseNotEmpty) as refused:
        _import(target, exported)
    assert "'Cy'" in str(refused.value) and "empty database" in str(refused.value)
    assert "HIPSTRIDE_DATABASE_URL" in str(refused.value)
    assert _counts(target) == before


def _at(document: Any, *path: str | int) -> Any:
    for step in path:
        document = document[step]
    return document


BAD: list[tuple[Callable[[dict[str, Any]], None], str, str]] = [
    (lambda d: d.update(version=2), "$.version", "upgrade hipstride"),
    (lambda d: d.update(format="strava"), "$.format", "hipstride export"),
    (lambda d: d.pop("checkins"), "$.checkins", "is missing"),
    (lambda d: d.pop("athlete"), "$.athlete", "is missing"),
    (
        lambda d: _at(d, "plans", 1, "sessions", 0, "prescriptions", 0).pop("sets"),
        "$.plans[1].sessions[0].prescriptions[0].sets",
        "is missing",
    ),
    (lambda d: _at(d, "profiles", 0).pop("id"), "$.profiles[0].id", "is missing"),
    (
        lambda d: _at(d, "session_logs", 0, "sets", 0).update(logged_at="2026-03-16T07:30:00"),
        "$.session_logs[0].sets[0].logged_at",
        "with its offset",
    ),
    (lambda d: _at(d, "athlete").update(id="ana"), "$.athlete.id", "is not a UUID"),
    (lambda d: _at(d, "checkins", 0).update(morning_pain=True), "morning_pain", "whole number"),
    (lambda d: _at(d, "checkins", 1).update(mood="great"), "$.checkins[1].mood", "not a field"),
    (
        lambda d: _at(d, "session_logs", 0).update(planned_session_id=str(uuid.uuid4())),
        "$.session_logs[0].planned_session_id",
        "not in the file",
    ),
    (
        lambda d: _at(d, "session_logs", 0, "sets", 1).update(idempotency_key="Ana-device:1"),
        "$.session_logs[0].sets[1]",
        "idempotency_key",
    ),
    (lambda d: d["plans"].append(d["plans"][0]), "$.plans[2]", "repeats the id"),
]


def test_a_broken_document_is_refused_naming_its_json_path(
    exported: dict[str, Any], target: Engine
) -> None:
    for spoil, path, words in BAD:
        document = copy.deepcopy(exported)
        spoil(document)
        with pytest.raises(ImportProblem) as refused:
            _import(target, document)
        message = str(refused.value)
        assert path in message and words in message, message
        assert message.startswith("$"), message
    assert set(_counts(target).values()) == {0}


def test_a_record_the_database_refuses_leaves_nothing_half_written(
    exported: dict[str, Any], target: Engine
) -> None:
    document = copy.deepcopy(exported)
    document["session_logs"][0]["sets"][0]["pain"] = 11  # passes validation, fails a CHECK
    with pytest.raises(ImportProblem, match="the database refused"):
        _import(target, document)
    assert set(_counts(target).values()) == {0}
    assert _import(target, exported).counts["set_logs"] == 2
