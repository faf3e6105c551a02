"""Importing runs through the service into SQLite and PostgreSQL: one transaction per file."""

from __future__ import annotations

import zipfile
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from hipstride.services.runs import (
    FileOutcome,
    UnknownRun,
    counted_runs,
    import_paths,
    list_runs,
    record_from_row,
    set_counts_for_load,
)
from hipstride.store import tables as db
from hipstride.store.engine import make_sessionmaker
from hipstride.store.queries import get_or_create_athlete
from tests.integration.runs_files import EXPECTED, REFUSED, runs_folder

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


def _athlete(engine: Engine, *, time_zone: str = "UTC", units: str = "km") -> db.Athlete:
    with make_sessionmaker(engine)() as session, session.begin():
        athlete = get_or_create_athlete(session, name="ana", now=NOW)
        athlete.time_zone, athlete.units = time_zone, units
    return athlete


def test_the_whole_folder_imports_as_its_readme_says(migrated: Engine) -> None:
    athlete = _athlete(migrated)
    sessions = make_sessionmaker(migrated)
    seen: list[tuple[int, int]] = []
    summary = import_paths(
        sessions,
        athlete_id=athlete.id,
        paths=[runs_folder()],
        now=NOW,
        progress=lambda done, total, _: seen.append((done, total)),
    )
    by_file: dict[str, FileOutcome] = {}
    for outcome in summary.outcomes:  # an archive's first activity stands for it
        by_file.setdefault(Path(outcome.name.split(":")[0]).name, outcome)
    for name in EXPECTED:
        if name != "goldencheetah__10kUNLP2014-Garmin15.tcx":
            assert by_file[name].status == "imported", (name, by_file[name].reason)
    twin = by_file["goldencheetah__10kUNLP2014-Garmin15.tcx"]
    assert twin.status == "duplicate" and "Garmin15.fit" in (twin.reason or "")
    for name, reason in REFUSED.items():
        assert by_file[name].status == "skipped" and reason in (by_file[name].reason or "")
    samples = [o for o in summary.outcomes if "elevate__samples.zip" in o.name]
    assert [o.status for o in samples] == ["imported", "duplicate", "duplicate"]
    assert summary.failed
    assert seen[-1][0] == seen[-1][1] == len(list(runs_folder().glob("*.*[!d]")))
    with sessions() as session:
        stored = session.scalar(select(func.count()).select_from(db.Run))
        rides = session.scalars(select(db.Run).where(db.Run.sport == "ride")).all()
    assert stored == summary.count("imported") == len(EXPECTED) - 1
    assert len(rides) == 3 and not any(r.counts_for_load for r in rides)


def test_reimporting_skips_every_file_by_its_hash(migrated: Engine) -> None:
    athlete = _athlete(migrated)
    sessions = make_sessionmaker(migrated)
    folder = runs_folder()
    paths = [folder / "tcxparser__test.tcx", folder / "elevate__treadmill.fit"]
    first = import_paths(sessions, athlete_id=athlete.id, paths=paths, now=NOW)
    again = import_paths(sessions, athlete_id=athlete.id, paths=paths, now=NOW)
    assert [o.status for o in first.outcomes] == ["imported", "imported"]
    assert [o.status for o in again.outcomes] == ["duplicate", "duplicate"]
    assert all("same file" in (o.reason or "") for o in again.outcomes)
    assert not again.failed


def test_a_bad_file_writes_nothing_and_the_batch_goes_on(migrated: Engine, tmp_path: Path) -> None:
    athlete = _athlete(migrated)
    sessions = make_sessionmaker(migrated)
    (tmp_path / "a_bad.fit").write_bytes(b"garbage")
    bomb = tmp_path / "b_bomb.zip"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("big.gpx", b" " * (2 * 1024 * 1024))
    good = runs_folder() / "tcxparser__test.tcx"
    summary = import_paths(
        sessions,
        athlete_id=athlete.id,
        paths=[tmp_path / "a_bad.fit", bomb, good],
        now=NOW,
        max_bytes=1024 * 1024,
    )
    assert [o.status for o in summary.outcomes] == ["skipped", "skipped", "imported"]
    with sessions() as session:
        assert session.scalar(select(func.count()).select_from(db.Run)) == 1


def test_listing_uses_the_runners_zone_and_units(migrated: Engine) -> None:
    athlete = _athlete(migrated, time_zone="Asia/Tokyo", units="mi")
    sessions = make_sessionmaker(migrated)
    # 2012-12-26 21:29 UTC is already the 27th, 06:29, in Tokyo.
    import_paths(
        sessions, athlete_id=athlete.id, paths=[runs_folder() / "tcxparser__test.tcx"], now=NOW
    )
    with sessions() as session:
        (run,) = list_runs(session, athlete_id=athlete.id)
    assert run["day"] == date(2012, 12, 27).isoformat()
    assert run["start"].startswith("2012-12-27T06:29")
    assert (run["units"], run["distance"]) == ("mi", pytest.approx(2.91, abs=0.01))


def test_the_runner_decides_what_counts_for_load(session: Session, migrated: Engine) -> None:
    athlete = _athlete(migrated)
    sessions = make_sessionmaker(migrated)
    ride = runs_folder() / "goldencheetah__Move_2014_01_16_19_48_44.gpx"
    (outcome,) = import_paths(sessions, athlete_id=athlete.id, paths=[ride], now=NOW).outcomes
    assert counted_runs(session, athlete_id=athlete.id) == []
    session.rollback()
    with session.begin():
        set_counts_for_load(
            session, athlete_id=athlete.id, run_key=str(outcome.run_id)[:8], counts=True
        )
    (counted,) = counted_runs(session, athlete_id=athlete.id)
    session.rollback()
    assert counted.sport == "ride" and counted.distance_m == pytest.approx(8550, rel=0.01)
    with pytest.raises(UnknownRun):
        set_counts_for_load(session, athlete_id=athlete.id, run_key="zzzz", counts=False)


def test_a_run_round_trips_with_its_laps_and_one_file_per_athlete(migrated: Engine) -> None:
    athlete = _athlete(migrated)
    sessions = make_sessionmaker(migrated)
    path = runs_folder() / "fitparse__2013-02-06-12-11-14.fit"
    (outcome,) = import_paths(sessions, athlete_id=athlete.id, paths=[path], now=NOW).outcomes
    assert outcome.record is not None
    with sessions() as session:
        row = session.get_one(db.Run, outcome.run_id)
        assert record_from_row(row) == outcome.record
        assert row.imported_at == NOW
        twin = db.Run(
            athlete_id=athlete.id,
            start=row.start,
            elapsed_seconds=1,
            moving_seconds=1,
            distance_m=1,
            sport="run",
            counts_for_load=True,
            source_format="fit",
            source_hash=row.source_hash,
            source_name="again.fit",
        )
        session.add(twin)
        with pytest.raises(IntegrityError):
            session.flush()


def test_imported_runs_survive_an_export_and_import(migrated: Engine, tmp_path: Path) -> None:
    import json

    from hipstride.services.data import export_athlete, import_athlete
    from hipstride.store.engine import make_engine, migrate

    athlete = _athlete(migrated)
    sessions = make_sessionmaker(migrated)
    path = runs_folder() / "fitparse__2013-02-06-12-11-14.fit"
    import_paths(sessions, athlete_id=athlete.id, paths=[path], now=NOW)
    with sessions() as session:
        document = json.loads(json.dumps(export_athlete(session, athlete_id=athlete.id, now=NOW)))
        (original,) = counted_runs(session, athlete_id=athlete.id)
    (run,) = document["runs"]
    assert len(run["laps"]) == 5 and run["sport"] == "run"
    target = make_engine(f"sqlite:///{tmp_path / 'restored.db'}")
    migrate(target)
    restored = make_sessionmaker(target)
    with restored() as session, session.begin():
        summary = import_athlete(session, document=document)
    assert summary.counts["runs"] == 1
    with restored() as session:
        assert counted_runs(session, athlete_id=athlete.id) == [original]
    target.dispose()
