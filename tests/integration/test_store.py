"""The store on SQLite and PostgreSQL: migrations, round trips, constraints and queries."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, delete, func, inspect, select
from sqlalchemy.exc import IntegrityError, StatementError
from sqlalchemy.orm import Session

from hipstride.store import queries
from hipstride.store.engine import (
    DATABASE_URL_ENV,
    alembic_config,
    database_url,
    make_engine,
    make_sessionmaker,
    migrate,
)
from hipstride.store.tables import (
    AccessToken,
    Account,
    Athlete,
    Base,
    CalendarFeed,
    CameraJob,
    Checkin,
    Clearance,
    CoachInvitation,
    CoachLink,
    PainScreen,
    Plan,
    PlannedSession,
    Prescription,
    Profile,
    Run,
    SelfTestResult,
    SessionLog,
    SetLog,
    SignInFailure,
    SignInLink,
    WebSession,
)

T0 = datetime(2025, 3, 3, 7, 30, tzinfo=UTC)
CEST = timezone(timedelta(hours=2))


def _athlete(session: Session, name: str = "Ana") -> Athlete:
    athlete = Athlete(name=name, created_at=T0)
    session.add(athlete)
    session.flush()
    return athlete


def _plan(session: Session, athlete: Athlete, *, created_at: datetime = T0) -> Plan:
    plan = Plan(athlete_id=athlete.id, created_at=created_at, start_date=date(2025, 3, 3), weeks=6)
    for offset in (0, 2, 4, 7):
        day = date(2025, 3, 3) + timedelta(days=offset)
        planned = PlannedSession(day=day, week=1 + offset // 7, week_kind="build", note="")
        planned.prescriptions = [
            Prescription(
                position=position,
                family_id=f"family-{position}",
                step_id=f"step-{position}",
                sets=2,
                reps_min=10,
                reps_max=15,
                hold_seconds=None,
                rest_seconds=60,
            )
            for position in (1, 0)
        ]
        plan.sessions.append(planned)
    session.add(plan)
    session.flush()
    return plan


def _set(session_log: SessionLog, *, number: int, at: datetime, key: str | None = None) -> SetLog:
    return SetLog(
        session_log_id=session_log.id,
        step_id="clam-band",
        set_number=number,
        side="left",
        target_reps=12,
        target_hold_seconds=None,
        reps=12,
        held_seconds=None,
        pain=2,
        reps_in_reserve=3,
        logged_at=at,
        idempotency_key=key,
    )


# --- migrations --------------------------------------------------------------------------


def test_migrations_build_the_models_schema_from_empty(engine: Engine) -> None:
    assert inspect(engine).get_table_names() == []
    migrate(engine)
    migrate(engine)  # a second run is a no-op

    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []
        head = ScriptDirectory.from_config(alembic_config()).get_current_head()
        assert context.get_current_revision() == head
    assert set(inspect(engine).get_table_names()) == {*Base.metadata.tables, "alembic_version"}


def test_downgrade_to_base_and_back(engine: Engine) -> None:
    migrate(engine)
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "base")
    assert inspect(engine).get_table_names() == ["alembic_version"]
    migrate(engine)
    assert "set_logs" in inspect(engine).get_table_names()


# --- round trips -------------------------------------------------------------------------


def test_every_table_round_trips(migrated: Engine) -> None:
    make_session = make_sessionmaker(migrated)
    local = datetime(2025, 3, 3, 9, 30, 15, 123456, tzinfo=CEST)
    with make_session() as session:
        athlete = Athlete(name="Ana", created_at=local, time_zone="Europe/Berlin", units="mi")
        session.add(athlete)
        session.flush()
        session.add_all(
            [
                Profile(
                    athlete_id=athlete.id,
                    created_at=local,
                    running_days=[1, 3, 5, 6],
                    long_run_day=6,
                    hard_days=[3],
                    race_date=date(2025, 5, 18),
                    experience="some",
                    equipment=["mat", "band"],
                    minutes_per_session=25,
                    sessions_per_week=3,
                    allow_consecutive=True,
                ),
                PainScreen(
                    athlete_id=athlete.id,
                    taken_at=local,
                    answers={"hip-pain": False, "night-pain": True},
                    red_flags=["night-pain"],
                ),
                Clearance(
                    athlete_id=athlete.id,
                    cleared_at=local,
                    cleared_by="Dr Ruiz",
                    kind="clinician",
                    note="fine to train",
                ),
                SelfTestResult(
                    athlete_id=athlete.id,
                    taken_at=local,
                    test_id="single-leg-bridge",
                    side="right",
                    measures={"hold_seconds": 31.5, "drop": True, "cramp": False},
                    score=None,
                    outcomes=["endurance-deficit"],
                    source="camera",
                ),
                Checkin(athlete_id=athlete.id, day=date(2025, 3, 4), morning_pain=1, note="ok"),
            ]
        )
        plan = _plan(session, athlete)
        plan.explanations = ["three sessions a week", "no session before the long run"]
        plan.reason = "first plan"
        planned = plan.sessions[0]
        prescription = next(p for p in planned.prescriptions if p.position == 0)
        prescription.tempo = "2-1-2"
        prescription.one_side = True
        prescription.extra_set_side = "left"
        prescription.override_note = "coach: keep it easy"
        prescription.override_by = "coach@example.org"
        log = SessionLog(
            athlete_id=athlete.id,
            planned_session_id=planned.id,
            started_at=local,
            finished_at=local + timedelta(minutes=25),
            guided=True,
            status="done",
        )
        session.add(log)
        session.flush()
        set_log = _set(log, number=1, at=local, key="device-1:42")
        set_log.prescription_id = prescription.id
        session.add(set_log)
        session.commit()
        ids = {
            "athlete": athlete.id,
            "plan": plan.id,
            "planned": planned.id,
            "prescription": prescription.id,
        }

    expected_utc = local.astimezone(UTC)
    with make_session() as session:
        athlete = session.get_one(Athlete, ids["athlete"])
        assert (athlete.name, athlete.time_zone, athlete.units) == ("Ana", "Europe/Berlin", "mi")
        assert athlete.created_at == expected_utc
        assert athlete.created_at.tzinfo is not None
        assert athlete.created_at.utcoffset() == timedelta(0)

        profile = session.scalars(select(Profile)).one()
        assert profile.running_days == [1, 3, 5, 6]
        assert (profile.long_run_day, profile.hard_days) == (6, [3])
        assert profile.race_date == date(2025, 5, 18)
        assert profile.equipment == ["mat", "band"]
        assert (profile.experience, profile.minutes_per_session) == ("some", 25)
        assert (profile.sessions_per_week, profile.allow_consecutive) == (3, True)

        screen = session.scalars(select(PainScreen)).one()
        assert screen.answers == {"hip-pain": False, "night-pain": True}
        assert screen.red_flags == ["night-pain"]

        clearance = session.scalars(select(Clearance)).one()
        assert (clearance.cleared_by, clearance.kind) == ("Dr Ruiz", "clinician")
        assert clearance.note == "fine to train"

        result = session.scalars(select(SelfTestResult)).one()
        assert result.measures == {"hold_seconds": 31.5, "drop": True, "cramp": False}
        assert (result.side, result.score, result.source) == ("right", None, "camera")
        assert result.outcomes == ["endurance-deficit"]
        assert result.taken_at == expected_utc

        plan = session.get_one(Plan, ids["plan"])
        assert (plan.start_date, plan.weeks, plan.status) == (date(2025, 3, 3), 6, "active")
        assert plan.replaced_at is None
        assert plan.explanations == ["three sessions a week", "no session before the long run"]
        assert [s.day.day for s in plan.sessions] == [3, 5, 7, 10]
        assert [s.week for s in plan.sessions] == [1, 1, 1, 2]

        prescription = session.get_one(Prescription, ids["prescription"])
        assert (prescription.position, prescription.family_id) == (0, "family-0")
        assert (prescription.sets, prescription.reps_min, prescription.reps_max) == (2, 10, 15)
        assert (prescription.hold_seconds, prescription.rest_seconds) == (None, 60)
        assert (prescription.tempo, prescription.one_side) == ("2-1-2", True)
        assert prescription.extra_set_side == "left"
        assert prescription.override_note == "coach: keep it easy"
        assert prescription.override_by == "coach@example.org"

        log = session.scalars(select(SessionLog)).one()
        assert log.planned_session_id == ids["planned"]
        assert log.finished_at == expected_utc + timedelta(minutes=25)
        assert (log.guided, log.status) == (True, "done")
        (set_log,) = log.sets
        assert set_log.prescription_id == ids["prescription"]
        assert (set_log.step_id, set_log.set_number, set_log.side) == ("clam-band", 1, "left")
        assert (set_log.target_reps, set_log.reps, set_log.held_seconds) == (12, 12, None)
        assert (set_log.pain, set_log.reps_in_reserve) == (2, 3)
        assert set_log.logged_at == expected_utc
        assert set_log.idempotency_key == "device-1:42"

        checkin = session.scalars(select(Checkin)).one()
        assert (checkin.day, checkin.morning_pain, checkin.note) == (date(2025, 3, 4), 1, "ok")


def test_defaults_fill_in(session: Session) -> None:
    athlete = Athlete(name="Bo")
    session.add(athlete)
    session.commit()
    assert isinstance(athlete.id, uuid.UUID)
    assert (athlete.time_zone, athlete.units) == ("UTC", "km")
    assert athlete.created_at.utcoffset() == timedelta(0)
    result = SelfTestResult(athlete_id=athlete.id, test_id="deep-squat", score=2)
    session.add(result)
    session.commit()
    assert (result.source, result.side, result.outcomes, result.measures) == ("self", None, [], {})


def test_naive_datetime_is_refused(session: Session) -> None:
    session.add(Athlete(name="Cy", created_at=datetime(2025, 1, 1, 8, 0)))
    with pytest.raises(StatementError, match="naive datetime"):
        session.flush()


# --- constraints -------------------------------------------------------------------------


def test_duplicate_idempotency_key_is_refused(session: Session) -> None:
    athlete = _athlete(session)
    log = SessionLog(athlete_id=athlete.id, started_at=T0)
    session.add(log)
    session.flush()
    session.add(_set(log, number=1, at=T0, key="k-1"))
    session.commit()

    session.add(_set(log, number=2, at=T0, key="k-1"))
    with pytest.raises(IntegrityError):
        session.commit()
    session.rollback()
    session.add_all([_set(log, number=2, at=T0), _set(log, number=3, at=T0)])  # None repeats
    session.commit()
    assert session.scalar(select(func.count()).select_from(SetLog)) == 3
    assert session.scalar(select(SetLog).where(SetLog.idempotency_key == "k-1")) is not None


def test_one_checkin_per_athlete_and_day(session: Session) -> None:
    athlete, other = _athlete(session), _athlete(session, "Bo")
    day = date(2025, 3, 4)
    session.add_all(
        [
            Checkin(athlete_id=athlete.id, day=day, morning_pain=1),
            Checkin(athlete_id=other.id, day=day, morning_pain=4),
        ]
    )
    session.commit()
    session.add(Checkin(athlete_id=athlete.id, day=day, morning_pain=2))
    with pytest.raises(IntegrityError):
        session.commit()


@pytest.mark.parametrize("pain", [-1, 11])
def test_pain_outside_0_to_10_is_refused(session: Session, pain: int) -> None:
    athlete = _athlete(session)
    log = SessionLog(athlete_id=athlete.id, started_at=T0)
    session.add(log)
    session.flush()
    bad = _set(log, number=1, at=T0)
    bad.pain = pain
    session.add(bad)
    with pytest.raises(IntegrityError):
        session.flush()
    session.rollback()
    session.add(Checkin(athlete_id=athlete.id, day=date(2025, 3, 4), morning_pain=pain))
    with pytest.raises(IntegrityError):
        session.flush()


def test_deleting_an_athlete_deletes_what_belongs_to_them(migrated: Engine) -> None:
    with make_sessionmaker(migrated)() as session:
        athlete, other = _athlete(session), _athlete(session, "Bo")
        for owner in (athlete, other):
            _plan(session, owner)
            log = SessionLog(athlete_id=owner.id, started_at=T0)
            session.add_all(
                [
                    log,
                    Profile(
                        athlete_id=owner.id,
                        running_days=[1],
                        experience="new",
                        minutes_per_session=30,
                        sessions_per_week=2,
                    ),
                    PainScreen(athlete_id=owner.id, answers={}),
                    Clearance(athlete_id=owner.id, cleared_by="self", kind="self-confirmed"),
                    SelfTestResult(athlete_id=owner.id, test_id="deep-squat", score=3),
                    Checkin(athlete_id=owner.id, day=date(2025, 3, 4), morning_pain=0),
                    Run(
                        athlete_id=owner.id,
                        start=T0,
                        elapsed_seconds=1800,
                        moving_seconds=1790,
                        distance_m=5000,
                        sport="run",
                        counts_for_load=True,
                        source_format="fit",
                        source_hash="0" * 64,
                        source_name="run.fit",
                    ),
                    CalendarFeed(athlete_id=owner.id, token_hash=f"f-{owner.name}"),
                    CameraJob(
                        athlete_id=owner.id,
                        kind="test",
                        target="deep-squat",
                        filename="squat.mp4",
                        created_at=T0,
                        updated_at=T0,
                    ),
                ]
            )
            session.flush()
            session.add(_set(log, number=1, at=T0))
            account = Account(athlete_id=owner.id, username=f"{owner.name}@example.org")
            session.add(account)
            session.flush()
            session.add_all(
                [
                    WebSession(
                        account_id=account.id,
                        token_hash=f"s-{owner.name}",
                        csrf_token="c",
                        expires_at=T0,
                    ),
                    SignInLink(account_id=account.id, token_hash=f"l-{owner.name}", expires_at=T0),
                    SignInFailure(account_id=account.id, ip="127.0.0.1"),
                    CoachLink(coach_account_id=account.id, athlete_id=owner.id),
                    CoachInvitation(
                        coach_account_id=account.id, code_hash=f"i-{owner.name}", expires_at=T0
                    ),
                    AccessToken(account_id=account.id, name="script", token_hash=f"t-{owner.name}"),
                ]
            )
        session.commit()
        athlete_id = athlete.id

    with migrated.begin() as connection:  # a Core DELETE: the database does the cascading
        connection.execute(delete(Athlete).where(Athlete.id == athlete_id))

    with make_sessionmaker(migrated)() as session:
        counts = {
            table.name: session.scalar(select(func.count()).select_from(table))
            for table in Base.metadata.sorted_tables
        }
    # Only Bo's records are left: one of each, and his plan's 4 sessions × 2 prescriptions.
    assert counts == {
        **dict.fromkeys(Base.metadata.tables, 1),
        "planned_sessions": 4,
        "prescriptions": 8,
    }


def test_deleting_a_plan_keeps_the_training_log(session: Session) -> None:
    athlete = _athlete(session)
    plan = _plan(session, athlete)
    planned = plan.sessions[0]
    log = SessionLog(athlete_id=athlete.id, planned_session_id=planned.id, started_at=T0)
    session.add(log)
    session.flush()
    set_log = _set(log, number=1, at=T0)
    set_log.prescription_id = planned.prescriptions[0].id
    session.add(set_log)
    session.commit()

    session.delete(plan)
    session.commit()
    session.expire_all()
    assert session.scalar(select(func.count()).select_from(Prescription)) == 0
    assert session.get_one(SessionLog, log.id).planned_session_id is None
    assert session.get_one(SetLog, set_log.id).prescription_id is None


# --- engine ------------------------------------------------------------------------------


def test_sqlite_runs_in_wal_mode_with_foreign_keys(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'wal.db'}")
    try:
        with engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == 5000
            assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 1  # NORMAL
    finally:
        engine.dispose()


def test_database_url_prefers_the_environment(tmp_path: Path) -> None:
    url = "postgresql+psycopg://u:p@db.example:5432/hipstride"
    assert database_url({DATABASE_URL_ENV: url}) == url


def test_database_url_defaults_to_sqlite_in_the_user_data_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    url = database_url({})
    assert url == f"sqlite:///{tmp_path / 'data' / 'hipstride' / 'hipstride.db'}"
    assert (tmp_path / "data" / "hipstride").is_dir()


# --- queries -----------------------------------------------------------------------------


def test_get_or_create_athlete_creates_once(session: Session) -> None:
    first = queries.get_or_create_athlete(session, name="Ana", now=T0)
    again = queries.get_or_create_athlete(session, name="Ana", now=T0)
    other = queries.get_or_create_athlete(session, name="Bo", now=T0)
    assert first.id == again.id != other.id


def test_latest_helpers_return_the_latest(session: Session) -> None:
    times = [T0 + timedelta(days=d) for d in (3, 10, 1)]  # the middle one is the latest
    later = T0 + timedelta(days=30)  # someone else's newer records never leak in
    athlete, other = _athlete(session), _athlete(session, "Bo")
    for at in times:
        session.add_all(
            [
                Profile(
                    athlete_id=athlete.id,
                    created_at=at,
                    running_days=[at.day % 7],
                    experience="new",
                    minutes_per_session=30,
                    sessions_per_week=2,
                ),
                PainScreen(athlete_id=athlete.id, taken_at=at, answers={"day": at.day}),
                Clearance(
                    athlete_id=athlete.id, cleared_at=at, cleared_by=str(at.day), kind="clinician"
                ),
            ]
        )
    session.add(PainScreen(athlete_id=other.id, taken_at=later, answers={}))
    session.commit()

    latest = T0 + timedelta(days=10)
    profile = queries.latest_profile(session, athlete_id=athlete.id)
    screen = queries.latest_pain_screen(session, athlete_id=athlete.id)
    clearance = queries.latest_clearance(session, athlete_id=athlete.id)
    assert profile is not None and profile.created_at == latest
    assert screen is not None and screen.taken_at == latest
    assert clearance is not None and clearance.cleared_at == latest
    assert queries.latest_clearance(session, athlete_id=other.id) is None
    assert queries.latest_profile(session, athlete_id=uuid.uuid4()) is None


def test_latest_results_are_the_latest_taking_on_both_sides(session: Session) -> None:
    athlete = _athlete(session)
    first, second = T0, T0 + timedelta(weeks=3)
    for at, holds in ((first, (20, 25)), (second, (35, 41))):
        for side, hold in zip(("right", "left"), holds, strict=True):
            session.add(
                SelfTestResult(
                    athlete_id=athlete.id,
                    taken_at=at,
                    test_id="single-leg-bridge",
                    side=side,
                    measures={"hold_seconds": hold},
                )
            )
    later_squat = T0 + timedelta(weeks=5)
    session.add(
        SelfTestResult(athlete_id=athlete.id, taken_at=later_squat, test_id="deep-squat", score=2)
    )
    session.commit()

    bridge = queries.latest_results(session, athlete_id=athlete.id, test_id="single-leg-bridge")
    assert [(r.side, r.measures["hold_seconds"]) for r in bridge] == [("left", 41), ("right", 35)]
    assert all(r.taken_at == second for r in bridge)
    squat = queries.latest_results(session, athlete_id=athlete.id, test_id="deep-squat")
    assert [(r.side, r.score) for r in squat] == [(None, 2)]
    assert queries.latest_results(session, athlete_id=athlete.id, test_id="nope") == []
    history = queries.result_history(session, athlete_id=athlete.id, test_id="single-leg-bridge")
    assert [r.taken_at for r in history] == [first, first, second, second]


def test_active_plan_and_replacing_it(session: Session) -> None:
    athlete = _athlete(session)
    assert queries.active_plan(session, athlete_id=athlete.id) is None
    old = _plan(session, athlete)
    assert (
        queries.replace_active_plans(
            session, athlete_id=athlete.id, at=T0 + timedelta(days=9), reason="new self-test"
        )
        == 1
    )
    new = _plan(session, athlete, created_at=T0 + timedelta(days=9))
    session.commit()

    active = queries.active_plan(session, athlete_id=athlete.id)
    assert active is not None and active.id == new.id
    session.refresh(old)
    assert (old.status, old.reason) == ("replaced", "new self-test")
    assert old.replaced_at == T0 + timedelta(days=9)


def test_checkins_between_keeps_to_the_athlete_and_the_days(session: Session) -> None:
    athlete = _athlete(session)
    other = _athlete(session, "Bo")
    for offset, pain in ((0, 1), (1, 3), (5, 2)):
        session.add(
            Checkin(athlete_id=athlete.id, day=date(2025, 3, 4 + offset), morning_pain=pain)
        )
    session.add(Checkin(athlete_id=other.id, day=date(2025, 3, 4), morning_pain=9))
    session.commit()

    checkins = queries.checkins_between(
        session, athlete_id=athlete.id, start=date(2025, 3, 4), end=date(2025, 3, 5)
    )
    assert [c.morning_pain for c in checkins] == [1, 3]
