"""Camera checks as background jobs whose state lives in the store.

A web process may be one of several, on several machines, so nothing about a job is kept in
memory: the row says what is asked, how far the analysis got and what it found, and any
process can answer for it. A job whose worker died stops updating its heartbeat
(``updated_at``); read after ``STALE`` it is reported as failed.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.engine import URL
from sqlalchemy.orm import Session, sessionmaker

from hipstride.assess.squat import outcome_lines
from hipstride.knowledge.catalog import Catalog
from hipstride.motion.results import Analysis, Figure, RepFigures, SideHold
from hipstride.services import camera
from hipstride.store import tables as db

log = logging.getLogger(__name__)

STALE = timedelta(minutes=15)
"""No word from a running job for this long: its process is gone."""
STILL_SHARE = 0.1
"""The share of the progress bar left for drawing the annotated still."""
STEP = 0.04
"""Progress is written to the store when it moved by at least this much."""

Clock = Callable[[], datetime]
Sessions = sessionmaker[Session]


class UnknownJob(LookupError):
    """No camera check of this runner has that id (someone else's is unknown too)."""


def video_folder(url: URL) -> Path:
    """Where uploaded clips wait and kept ones stay: beside a SQLite file, else the data folder."""
    if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
        return Path(str(url.database)).resolve().parent / "camera-videos"
    import platformdirs

    return Path(platformdirs.user_data_dir("hipstride")) / "camera-videos"


def create_job(
    session: Session,
    *,
    catalog: Catalog,
    athlete_id: uuid.UUID,
    test: str | None,
    step_id: str | None,
    filename: str,
    keep_video: bool,
    now: datetime,
) -> db.CameraJob:
    """A queued job; ValueError or LookupError (naming the choices) for an unknown subject."""
    camera.subject_of(catalog, test=test, step_id=step_id)
    job = db.CameraJob(
        id=uuid.uuid4(),
        athlete_id=athlete_id,
        kind="test" if test is not None else "exercise",
        target=test if test is not None else step_id,
        filename=filename[:200],
        keep_video=keep_video,
        created_at=now,
        updated_at=now,
        status="queued",
        progress=0.0,
    )
    session.add(job)
    return job


def _stalled(session: Session, job: db.CameraJob, now: datetime) -> bool:
    """A running job without a heartbeat for ``STALE``; a queued one only while no job at
    all is making progress (it may just be waiting its turn behind a long analysis)."""
    if job.status not in ("queued", "running") or now - job.updated_at <= STALE:
        return False
    if job.status == "running":
        return True
    busy = select(db.CameraJob.id).where(
        db.CameraJob.status == "running", db.CameraJob.updated_at > now - STALE
    )
    return session.scalar(busy.limit(1)) is None


def own_job(
    session: Session, *, athlete_id: uuid.UUID, job_id: uuid.UUID, now: datetime
) -> db.CameraJob:
    """The runner's job, a dead worker's reported as failed (the caller commits)."""
    job = session.get(db.CameraJob, job_id)
    if job is None or job.athlete_id != athlete_id:
        raise UnknownJob("No camera check of yours has that id.")
    if _stalled(session, job, now):
        job.status, job.finished_at = "failed", now
        job.error = (
            "The analysis stopped without finishing (the server restarted or was too busy). "
            "Upload the clip again."
        )
        if job.video_path and not job.keep_video:
            Path(job.video_path).unlink(missing_ok=True)
            job.video_path = None
    return job


def recent_jobs(session: Session, *, athlete_id: uuid.UUID, limit: int = 5) -> list[db.CameraJob]:
    query = (
        select(db.CameraJob)
        .where(db.CameraJob.athlete_id == athlete_id)
        .order_by(db.CameraJob.created_at.desc())
        .limit(limit)
    )
    return list(session.scalars(query))


def _set(sessions: Sessions, job_id: uuid.UUID, *, only_if: str, **values: Any) -> None:
    with sessions() as session:
        session.execute(
            update(db.CameraJob)
            .where(db.CameraJob.id == job_id, db.CameraJob.status == only_if)
            .values(**values)
        )
        session.commit()


def _still(check: camera.CameraCheck) -> bytes | None:
    """The annotated frame, or None for a landmark file (there is no picture to draw on)."""
    if check.path.suffix.lower() == ".json":
        return None
    from hipstride.video import VideoError
    from hipstride.video.still import annotated_still

    try:
        return annotated_still(check.path, check.sequence, check.analysis)
    except VideoError:
        log.warning("no still for %s", check.path, exc_info=True)
        return None


def run_job(sessions: Sessions, *, catalog: Catalog, job_id: uuid.UUID, clock: Clock) -> None:
    """Analyse a queued job's clip, writing progress and the outcome to its row."""
    from hipstride.video import INSTALL_HINT, MissingExtra

    with sessions() as session:
        job = session.get(db.CameraJob, job_id)
        if job is None or job.status != "queued" or job.video_path is None:
            return  # cancelled, or already reported failed
        job.status, job.updated_at = "running", clock()
        path, filename, keep = Path(job.video_path), job.filename, job.keep_video
        test = job.target if job.kind == "test" else None
        step_id = job.target if job.kind == "exercise" else None
        session.commit()
    shown = [0.0]

    def progress(done: int, total: int) -> None:
        share = (1 - STILL_SHARE) * done / max(total, 1)
        if share - shown[0] >= STEP:
            shown[0] = share
            _set(sessions, job_id, only_if="running", progress=share, updated_at=clock())

    outcome: dict[str, Any]
    try:
        check = camera.check_clip(
            path, catalog=catalog, test=test, step_id=step_id, progress=progress
        )
        still = _still(check)
        outcome = {"status": "done", "result": check.analysis.to_json(), "still": still}
    except camera.ClipError as exc:
        outcome = {"status": "failed", "error": str(exc).replace(str(path), filename)}
    except MissingExtra:
        outcome = {"status": "failed", "error": INSTALL_HINT}
    except Exception:  # a bug must still end the job, not leave it running for ever
        log.exception("camera job %s failed", job_id)
        outcome = {
            "status": "failed",
            "error": "The analysis failed unexpectedly. Try another clip, or try again later.",
        }
    if not keep:
        path.unlink(missing_ok=True)
    now = clock()
    _set(
        sessions,
        job_id,
        only_if="running",
        progress=1.0 if outcome["status"] == "done" else shown[0],
        updated_at=now,
        finished_at=now,
        video_path=str(path) if keep else None,
        **outcome,
    )


def cancel(sessions: Sessions, job_id: uuid.UUID, now: datetime) -> None:
    """A queued job the stopping process will never run."""
    with sessions() as session:
        job = session.get(db.CameraJob, job_id)
        if job is not None and job.status == "queued":
            job.status, job.finished_at, job.updated_at = "failed", now, now
            job.error = "The server stopped before it analysed this clip. Upload it again."
            if job.video_path and not job.keep_video:
                Path(job.video_path).unlink(missing_ok=True)
                job.video_path = None
            session.commit()


def analysis_of(job: db.CameraJob) -> Analysis:
    """The stored result back as an ``Analysis``, for the save functions."""
    if job.status != "done" or job.result is None:
        raise camera.NotSaved("This camera check has no result yet.")
    data = dict(job.result)
    data.pop("rep_count", None)
    return Analysis(
        **{
            **data,
            "reps": tuple(RepFigures(**r) for r in data["reps"]),
            "figures": tuple(Figure(**f) for f in data["figures"]),
            "holds": tuple(SideHold(**h) for h in data["holds"]),
            "cues": tuple(data["cues"]),
            "outcomes": tuple(data["outcomes"]),
            "notes": tuple(data["notes"]),
        }
    )


def limits(catalog: Catalog, job: db.CameraJob) -> tuple[str, ...]:
    """What the score means and what limited it, in the self-test's own words."""
    if job.kind != "test" or not job.result or job.result.get("score") is None:
        return ()
    test = catalog.self_test(camera.TESTS[job.target])
    return outcome_lines(test, int(job.result["score"]), job.result["outcomes"])


def save(
    session: Session,
    *,
    catalog: Catalog,
    job: db.CameraJob,
    day: date,
    pain: int | None,
    now: datetime,
) -> str:
    """The result in the self-test history (as camera) or as the day's next set of the step."""
    if job.saved:
        raise camera.NotSaved(f"Already saved: {job.saved}")
    # Claim the job first: of two saves at once, only one finds it unsaved.
    claim = (
        update(db.CameraJob)
        .where(db.CameraJob.id == job.id, db.CameraJob.saved.is_(None))
        .values(saved="saving")
        .execution_options(synchronize_session=False)
    )
    if session.execute(claim).rowcount != 1:  # type: ignore[attr-defined]
        raise camera.NotSaved("Already saved.")
    analysis = analysis_of(job)
    if job.kind == "test" and job.target == "deep-squat":
        squat = camera.save_squat_test(
            session, catalog=catalog, athlete_id=job.athlete_id, analysis=analysis, now=now
        )
        message = f"Saved to your self-tests: deep squat {squat.score}/3 (from the camera)."
    elif job.kind == "test":
        bridge = camera.save_bridge_test(
            session, catalog=catalog, athlete_id=job.athlete_id, analysis=analysis, now=now
        )
        message = f"Saved to your self-tests: single-leg bridge {bridge.score}/3 (from the camera)."
    else:
        if pain is None:
            raise camera.NotSaved("Say how much it hurt, 0-10: the camera cannot see pain.")
        message = camera.save_set(
            session, athlete_id=job.athlete_id, analysis=analysis, day=day, pain=pain, now=now
        )
    job.saved = message
    return message


def delete_video(job: db.CameraJob) -> None:
    """Forget the kept clip (the caller commits)."""
    if job.video_path:
        Path(job.video_path).unlink(missing_ok=True)
    job.video_path, job.keep_video = None, False
