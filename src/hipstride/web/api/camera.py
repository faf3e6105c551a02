"""The camera check over the API: the twin of the Camera pages and of ``hipstride analyze``.

``POST /camera-checks`` answers 202 with the job's URL at once; the analysis runs in the
background and ``GET /camera-checks/{job_id}`` reports it until it is done or failed.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Request, Response, status
from pydantic import BaseModel, Field

from hipstride.services import camera, camera_jobs, training
from hipstride.store import tables as db
from hipstride.web import jobs
from hipstride.web.api.coaching import PROBLEM_RESPONSES
from hipstride.web.deps import CatalogDep, Now, OwnAthlete, SessionDep, Today, get_store

router = APIRouter(tags=["camera"])
_PROBLEMS: dict[int | str, dict[str, Any]] = {
    **{code: PROBLEM_RESPONSES[code] for code in (401, 404, 422)},
    411: {**PROBLEM_RESPONSES[422], "description": "The upload has no Content-Length."},
    413: {**PROBLEM_RESPONSES[422], "description": "The clip is over the size limit."},
}


class CameraJobPublic(BaseModel):
    """A camera check: its state, and once done the analysis (``hipstride analyze --json``)."""

    id: uuid.UUID
    url: str = Field(description="This job's API URL, to poll.")
    page: str = Field(description="The job's page in the web app.")
    kind: Literal["test", "exercise"]
    target: str = Field(description="The self-test (deep-squat, bridge) or the step id.")
    filename: str
    status: Literal["queued", "running", "done", "failed"]
    progress: float = Field(ge=0, le=1)
    error: str | None = Field(description="Why the clip could not be analysed (failed only).")
    result: dict[str, Any] | None = Field(
        description="The analysis: figures with confidences, repetitions, score, cues, notes."
    )
    limits: list[str] = Field(description="What the self-test's score means and what limited it.")
    still: str | None = Field(description="URL of a frame with the skeleton drawn (JPEG).")
    keep_video: bool
    video_kept: bool
    saved: str | None = Field(description="What saving it did, once saved.")
    created_at: datetime
    finished_at: datetime | None


class SaveRequest(BaseModel):
    pain: int | None = Field(
        default=None, ge=0, le=10, description="Pain during the set, 0-10 (needed for a set)."
    )
    day: date | None = Field(default=None, description="The session's day for a set (today).")


class SaveResult(BaseModel):
    message: str


UPLOAD_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": [jobs.FIELD],
                    "properties": {
                        jobs.FIELD: {
                            "type": "string",
                            "format": "binary",
                            "description": "A phone video, or a hipstride landmark .json file.",
                        },
                        "test": {"type": "string", "enum": list(camera.TESTS)},
                        "step": {"type": "string", "description": "An exercise's step id."},
                        "keep_video": {"type": "boolean", "default": False},
                    },
                }
            }
        },
    }
}


def public(request: Request, job: db.CameraJob, limits: tuple[str, ...]) -> CameraJobPublic:
    base = str(request.base_url).rstrip("/")
    return CameraJobPublic(
        id=job.id,
        url=f"{base}/api/v1/camera-checks/{job.id}",
        page=f"{base}/camera/{job.id}",
        kind=job.kind,
        target=job.target,
        filename=job.filename,
        status=job.status,
        progress=job.progress,
        error=job.error,
        result=job.result,
        limits=list(limits),
        still=f"{base}/camera/{job.id}/still.jpg" if job.still else None,
        keep_video=job.keep_video,
        video_kept=job.video_path is not None,
        saved=job.saved,
        created_at=job.created_at,
        finished_at=job.finished_at,
    )


def _job(session: SessionDep, athlete_id: uuid.UUID, job_id: uuid.UUID, now: datetime) -> Any:
    try:
        job = camera_jobs.own_job(session, athlete_id=athlete_id, job_id=job_id, now=now)
    except camera_jobs.UnknownJob as exc:
        raise HTTPException(404, str(exc)) from None
    session.commit()
    return job


@router.post(
    "/camera-checks",
    status_code=status.HTTP_202_ACCEPTED,
    response_model=CameraJobPublic,
    responses=_PROBLEMS,
    openapi_extra=UPLOAD_BODY,
    dependencies=[Depends(jobs.check_clip_size)],
)
async def create_check(
    request: Request,
    response: Response,
    session: SessionDep,
    catalog: CatalogDep,
    athlete_id: OwnAthlete,
    now: Now,
) -> CameraJobPublic:
    """Upload a clip (field ``clip``) of ``test`` or ``step``: 202, then poll the ``url``."""
    form = await request.form()
    test, step = form.get("test"), form.get("step")
    keep = form.get("keep_video")
    try:
        job_id = await jobs.receive(
            request,
            get_store(request),
            athlete_id=athlete_id,
            test=test if isinstance(test, str) and test else None,
            step_id=step if isinstance(step, str) and step else None,
            keep_video=isinstance(keep, str) and keep.lower() in ("1", "true", "on", "yes"),
        )
    except jobs.UploadProblem as exc:
        raise HTTPException(422, f"{exc.field}: {exc.message}") from None
    job = _job(session, athlete_id, job_id, now)
    response.headers["Location"] = f"/api/v1/camera-checks/{job_id}"
    return public(request, job, ())


@router.get("/camera-checks/{job_id}", response_model=CameraJobPublic, responses=_PROBLEMS)
def get_check(
    request: Request,
    session: SessionDep,
    catalog: CatalogDep,
    athlete_id: OwnAthlete,
    now: Now,
    job_id: uuid.UUID,
) -> CameraJobPublic:
    """The job's state; a job whose worker died is reported failed after a while."""
    job = _job(session, athlete_id, job_id, now)
    return public(request, job, camera_jobs.limits(catalog, job))


@router.post("/camera-checks/{job_id}/save", response_model=SaveResult, responses=_PROBLEMS)
def save_check(
    session: SessionDep,
    catalog: CatalogDep,
    athlete_id: OwnAthlete,
    now: Now,
    today: Today,
    job_id: uuid.UUID,
    body: SaveRequest,
) -> SaveResult:
    """A self-test into the history (as camera), or an exercise as the day's next set."""
    if body.day is not None and body.day > today:
        raise HTTPException(422, f"day: {body.day} is in the future; a set is logged on its day.")
    job = _job(session, athlete_id, job_id, now)
    try:
        message = camera_jobs.save(
            session, catalog=catalog, job=job, day=body.day or today, pain=body.pain, now=now
        )
    except (camera.NotSaved, training.NoSession) as exc:
        session.rollback()
        raise HTTPException(422, str(exc)) from None
    session.commit()
    return SaveResult(message=message)


@router.delete(
    "/camera-checks/{job_id}/video", status_code=status.HTTP_204_NO_CONTENT, responses=_PROBLEMS
)
def delete_video(session: SessionDep, athlete_id: OwnAthlete, now: Now, job_id: uuid.UUID) -> None:
    """Delete the kept clip (the result stays)."""
    job = _job(session, athlete_id, job_id, now)
    camera_jobs.delete_video(job)
    session.commit()
