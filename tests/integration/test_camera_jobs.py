"""Camera check jobs on a real database (SQLite and PostgreSQL): the state a web worker writes
and any process reads back, the result saved from the stored JSON, the clip deleted."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import Engine, select

from hipstride.services import camera_jobs, runner
from hipstride.store import tables as db
from hipstride.store.engine import make_sessionmaker
from tests.integration.test_services_camera import CATALOG, _both_sides, _write

T0 = datetime(2026, 11, 25, 8, 0, tzinfo=UTC)


def _queued(migrated: Engine, clip: Path, *, keep: bool = False, test: str = "bridge"):
    sessions = make_sessionmaker(migrated)
    with sessions() as session:
        athlete = runner.athlete(session, name="ana", now=T0)
        job = camera_jobs.create_job(
            session,
            catalog=CATALOG,
            athlete_id=athlete.id,
            test=test,
            step_id=None,
            filename="phone clip.json",
            keep_video=keep,
            now=T0,
        )
        job.video_path = str(clip)
        session.commit()
        return sessions, job.id, athlete.id


def test_a_bridge_job_runs_to_done_and_its_stored_result_is_saved_per_side(
    migrated: Engine, tmp_path: Path
) -> None:
    clip = _write(tmp_path / "upload.json", _both_sides(8.0, 20.0))
    sessions, job_id, athlete_id = _queued(migrated, clip)
    ticks = iter(T0 + timedelta(seconds=s) for s in range(1000))
    camera_jobs.run_job(sessions, catalog=CATALOG, job_id=job_id, clock=lambda: next(ticks))
    assert not clip.exists()  # not kept: deleted once analysed
    with sessions() as session:
        job = camera_jobs.own_job(session, athlete_id=athlete_id, job_id=job_id, now=T0)
        assert (job.status, job.progress, job.video_path, job.error) == ("done", 1.0, None, None)
        assert job.finished_at is not None and job.finished_at > T0
        assert camera_jobs.limits(CATALOG, job)  # the score's meaning, in the test's words
        message = camera_jobs.save(
            session, catalog=CATALOG, job=job, day=T0.date(), pain=None, now=T0
        )
        session.commit()
        assert "single-leg bridge 1/3" in message
        rows = session.scalars(select(db.SelfTestResult).order_by(db.SelfTestResult.side)).all()
        assert [(r.side, r.source) for r in rows] == [("left", "camera"), ("right", "camera")]


def test_a_broken_file_fails_naming_the_upload_not_the_server_path_and_is_kept_if_asked(
    migrated: Engine, tmp_path: Path
) -> None:
    clip = tmp_path / "upload.json"
    clip.write_text('{"format": "hipstride-landmarks", "version": 1, "frames": "no"}')
    sessions, job_id, athlete_id = _queued(migrated, clip, keep=True)
    camera_jobs.run_job(sessions, catalog=CATALOG, job_id=job_id, clock=lambda: T0)
    with sessions() as session:
        job = camera_jobs.own_job(session, athlete_id=athlete_id, job_id=job_id, now=T0)
        assert job.status == "failed" and job.error is not None
        assert job.error.startswith("phone clip.json: not a hipstride landmark file")
        assert str(tmp_path) not in job.error
        assert job.video_path == str(clip) and clip.exists()  # kept, as asked
        camera_jobs.delete_video(job)
        session.commit()
    assert not clip.exists()


def test_a_job_nobody_works_on_is_failed_when_read_after_the_timeout(
    migrated: Engine, tmp_path: Path
) -> None:
    clip = _write(tmp_path / "upload.json", _both_sides(8.0, 20.0))
    sessions, job_id, athlete_id = _queued(migrated, clip)
    with sessions() as session:
        soon = T0 + camera_jobs.STALE
        job = camera_jobs.own_job(session, athlete_id=athlete_id, job_id=job_id, now=soon)
        assert job.status == "queued"
        late = soon + timedelta(seconds=1)
        job = camera_jobs.own_job(session, athlete_id=athlete_id, job_id=job_id, now=late)
        session.commit()
        assert job.status == "failed" and "Upload the clip again" in (job.error or "")
    assert not clip.exists()
    camera_jobs.run_job(sessions, catalog=CATALOG, job_id=job_id, clock=lambda: T0)
    with sessions() as session:  # a worker reaching it later leaves it as it is
        assert session.get_one(db.CameraJob, job_id).status == "failed"


def test_a_queued_job_waiting_behind_a_live_analysis_is_not_failed(
    migrated: Engine, tmp_path: Path
) -> None:
    clip = _write(tmp_path / "upload.json", _both_sides(8.0, 20.0))
    sessions, job_id, athlete_id = _queued(migrated, clip)
    late = T0 + camera_jobs.STALE + timedelta(minutes=5)
    with sessions() as session:  # another clip is being analysed, its heartbeat fresh
        busy = camera_jobs.create_job(
            session,
            catalog=CATALOG,
            athlete_id=athlete_id,
            test="bridge",
            step_id=None,
            filename="long clip.mp4",
            keep_video=False,
            now=T0,
        )
        busy.status, busy.updated_at = "running", late - timedelta(seconds=30)
        session.commit()
        job = camera_jobs.own_job(session, athlete_id=athlete_id, job_id=job_id, now=late)
        assert job.status == "queued" and clip.exists()
        busy.status = "done"  # the queue moves no more: now the waiting job is reported
        session.commit()
        job = camera_jobs.own_job(session, athlete_id=athlete_id, job_id=job_id, now=late)
        assert job.status == "failed"
