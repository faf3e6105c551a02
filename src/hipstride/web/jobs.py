"""Camera checks received over the web and run in a worker thread of the receiving process.

The clip is written under the data folder, a job row is made (``services.camera_jobs``) and a
small bounded pool analyses it; the pages and the API read the job's state from the store, so
any process can answer. The pool is made on first use and shut down with the app's lifespan:
jobs still queued then are reported failed at once, not left to time out.
"""

from __future__ import annotations

import re
import shutil
import uuid
from collections.abc import AsyncIterator
from concurrent.futures import Future, ThreadPoolExecutor, wait
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import PurePosixPath, PureWindowsPath
from threading import Lock

from fastapi import FastAPI, Request
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from hipstride.services import camera_jobs
from hipstride.services.store import Store
from hipstride.web.upload_limits import refuse_oversized

MAX_CLIP_BYTES = 200 * 1024 * 1024
WORKERS = 1
"""Per process: the pose model keeps a core busy; more processes analyse more clips at once."""
FIELD = "clip"
SUFFIXES = {".mp4", ".mov", ".m4v", ".webm", ".3gp", ".avi", ".mkv", ".json"}
_LOCK = Lock()
_UNSAFE = re.compile(r"[^A-Za-z0-9._ ()+-]")


class UploadProblem(ValueError):
    """The upload form is not usable; ``field`` names the part to fix."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field, self.message = field, message


def check_clip_size(request: Request) -> None:
    """413 before the body is read when the clip is over the cap (411 without a length)."""
    refuse_oversized(
        request,
        limit=MAX_CLIP_BYTES,
        what="clip",
        advice="Film a shorter clip (10-30 s is plenty) or at a lower resolution.",
    )


@dataclass
class _Pool:
    executor: ThreadPoolExecutor
    futures: dict[Future[None], uuid.UUID]


def _pool(app: FastAPI) -> _Pool:
    with _LOCK:
        pool: _Pool | None = getattr(app.state, "camera_pool", None)
        if pool is None:
            executor = ThreadPoolExecutor(max_workers=WORKERS, thread_name_prefix="camera")
            pool = _Pool(executor, {})
            app.state.camera_pool = pool
        return pool


def submit(app: FastAPI, job_id: uuid.UUID) -> None:
    pool = _pool(app)
    store: Store = app.state.store
    future = pool.executor.submit(
        camera_jobs.run_job,
        store.sessions,
        catalog=app.state.catalog,
        job_id=job_id,
        clock=app.state.clock,
    )
    with _LOCK:
        pool.futures = {f: j for f, j in pool.futures.items() if not f.done()}
        pool.futures[future] = job_id


def wait_for_jobs(app: FastAPI, timeout: float | None = None) -> None:
    """Block until every job submitted so far has finished (tests and shutdown)."""
    pool: _Pool | None = getattr(app.state, "camera_pool", None)
    if pool is not None:
        wait(list(pool.futures), timeout=timeout)


def shut_down(app: FastAPI) -> None:
    """Finish the running job, report the queued ones failed."""
    pool: _Pool | None = getattr(app.state, "camera_pool", None)
    if pool is None:
        return
    store: Store = app.state.store
    for future, job_id in list(pool.futures.items()):
        if future.cancel():
            camera_jobs.cancel(store.sessions, job_id, app.state.clock())
    pool.executor.shutdown(wait=True)
    app.state.camera_pool = None


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    yield
    await run_in_threadpool(shut_down, app)


def _suffix(filename: str | None) -> str:
    name = PurePosixPath(PureWindowsPath(filename or "").name).name
    suffix = PurePosixPath(name).suffix.lower()
    return suffix if suffix in SUFFIXES else ".upload"


def _display_name(filename: str | None) -> str:
    name = PurePosixPath(PureWindowsPath(filename or "").name).name
    return _UNSAFE.sub("_", name).strip(" .")[:120] or "clip"


async def receive(
    request: Request,
    store: Store,
    *,
    athlete_id: uuid.UUID,
    test: str | None,
    step_id: str | None,
    keep_video: bool,
) -> uuid.UUID:
    """Store the request's clip and queue its analysis; UploadProblem for a missing clip or
    subject (nothing is written then)."""
    form = await request.form()
    upload = form.get(FIELD)
    if not isinstance(upload, UploadFile) or not upload.filename:
        raise UploadProblem(FIELD, "Choose a clip to upload, or record one.")
    now = request.app.state.clock()
    folder = camera_jobs.video_folder(store.engine.url)
    await run_in_threadpool(folder.mkdir, parents=True, exist_ok=True)
    with store.sessions() as session:
        try:
            job = camera_jobs.create_job(
                session,
                catalog=request.app.state.catalog,
                athlete_id=athlete_id,
                test=test,
                step_id=step_id,
                filename=_display_name(upload.filename),
                keep_video=keep_video,
                now=now,
            )
        except (ValueError, LookupError) as exc:
            raise UploadProblem("test" if test is not None else "step", str(exc)) from None
        path = folder / f"{job.id}{_suffix(upload.filename)}"
        try:
            with path.open("wb") as out:
                await run_in_threadpool(shutil.copyfileobj, upload.file, out)
        except OSError:
            path.unlink(missing_ok=True)
            raise
        job.video_path = str(path)
        session.commit()
        job_id = job.id
    submit(request.app, job_id)
    return job_id
