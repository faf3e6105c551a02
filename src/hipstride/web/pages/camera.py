"""The camera check in the browser: choose what to film, read where to put the phone, upload
or record a clip, watch the analysis progress, then read the result and save it.

The analysis runs in the background (``web.jobs``); its page polls the API with camera.js and
without JavaScript offers a "Check again" link. Saving goes through ``services.camera``: a
self-test into the history marked as camera, an exercise as the day's next set, with the pain
the runner reports (the camera never records pain).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import RedirectResponse, Response

from hipstride.knowledge.catalog import Catalog
from hipstride.motion.analyze import FAMILIES
from hipstride.motion.families import VIEW
from hipstride.services import camera, camera_jobs, training
from hipstride.store import tables as db
from hipstride.web import forms, jobs
from hipstride.web.deps import (
    CatalogDep,
    CsrfChecked,
    CurrentAccount,
    Now,
    OwnAthlete,
    SessionDep,
    TemplatesDep,
    Today,
    get_store,
)

router = APIRouter(tags=["pages"], include_in_schema=False)

WHOLE_BODY = (
    "Get your whole body in the picture, head to feet, in good light, with nothing in front."
)
PLACEMENT = {
    "deep-squat": (
        "side",
        "Stand side-on to the phone, 2-3 m away, the phone at hip height (on a shelf or a "
        "chair). Side-on the camera sees your depth, your trunk's lean, your heels and your "
        "balance: everything the score needs. From the front it only sees your knees, and "
        "gives no score.",
    ),
    "bridge": (
        "front",
        "Put the phone on the floor 1.5-2 m beyond your feet, looking along your body, and do "
        "both sides in one clip. From the feet the camera sees your pelvis drop; side-on it "
        "cannot, and only sees the line from shoulder to knee.",
    ),
}
FAMILY_VIEW = {**VIEW, "squat": "side"}
VIEW_WHY = {
    "side": "Film side-on, the phone at hip height 2-3 m away: the movement is in the plane "
    "of the picture, so its range can be read.",
    "front": "Film from the front, the phone at hip height 2-3 m away: the knees and feet move "
    "across the picture, so the camera can see them open.",
}


@dataclass(frozen=True)
class Subject:
    """What is filmed, as the form and the guidance need it."""

    test: str | None
    step_id: str | None
    name: str
    view: str
    placement: str
    figure_src: str
    query: str


def subject(catalog: Catalog, *, test: str | None, step_id: str | None) -> Subject:
    """The test or step; 404 names the choices when it is not one the camera can check."""
    try:
        subject_id, family = camera.subject_of(catalog, test=test, step_id=step_id)
    except (ValueError, LookupError) as exc:
        raise HTTPException(404, str(exc).strip("'\"")) from None
    if test is not None:
        view, placement = PLACEMENT[test]
        figure = f"/self-tests/{subject_id}.svg"
        return Subject(
            test, None, catalog.self_test(subject_id).name, view, placement, figure, f"test={test}"
        )
    if family not in FAMILIES:
        raise HTTPException(404, f"The camera cannot check {step_id!r} yet: choose another.")
    view = FAMILY_VIEW[family]
    step = catalog.step(subject_id)
    return Subject(
        None, step.id, step.name, view, VIEW_WHY[view], f"/exercises/{step.id}.svg",
        f"step={step.id}",
    )  # fmt: skip


def choices(catalog: Catalog) -> list[tuple[str, list[tuple[str, str]]]]:
    """(family name, [(step id, step name)]) for the families the camera can count."""
    return [
        (family.name, [(s.id, s.name) for s in catalog.ladders[family.id]])
        for family in catalog.ordered_families()
        if family.id in FAMILIES and catalog.ladders.get(family.id)
    ]


def extra_hint() -> str | None:
    """How to add the video extra, when it is missing (landmark files still work)."""
    from hipstride.video import INSTALL_HINT, available

    return None if available() else INSTALL_HINT


def _page(
    request: Request, templates: TemplatesDep, name: str, status: int = 200, **context: Any
) -> Response:
    return templates.TemplateResponse(
        request, name, {"nav": "camera", **context}, status_code=status
    )


@router.get("/camera")
def camera_home(
    request: Request,
    session: SessionDep,
    catalog: CatalogDep,
    templates: TemplatesDep,
    viewer: CurrentAccount,
    athlete_id: OwnAthlete,
) -> Response:
    return _page(
        request,
        templates,
        "camera.html",
        viewer=viewer,
        tests=[(name, catalog.self_test(t).name) for name, t in camera.TESTS.items()],
        families=choices(catalog),
        recent=camera_jobs.recent_jobs(session, athlete_id=athlete_id),
        hint=extra_hint(),
    )


def _new_page(
    request: Request,
    templates: TemplatesDep,
    viewer: CurrentAccount,
    chosen: Subject,
    status: int = 200,
    error: str | None = None,
) -> Response:
    return _page(
        request,
        templates,
        "camera_new.html",
        status,
        viewer=viewer,
        subject=chosen,
        whole_body=WHOLE_BODY,
        hint=extra_hint(),
        max_mb=jobs.MAX_CLIP_BYTES // 1024 // 1024,
        error=error,
    )


@router.get("/camera/new")
def new_check(
    request: Request,
    session: SessionDep,
    catalog: CatalogDep,
    templates: TemplatesDep,
    viewer: CurrentAccount,
    athlete_id: OwnAthlete,
    test: str | None = None,
    step: str | None = None,
) -> Response:
    """Where to put the phone, and the upload form; with nothing chosen, the choices."""
    if test is None and step is None:
        return camera_home(request, session, catalog, templates, viewer, athlete_id)
    return _new_page(request, templates, viewer, subject(catalog, test=test, step_id=step))


@router.post("/camera", dependencies=[Depends(jobs.check_clip_size), CsrfChecked])
async def upload(
    request: Request,
    catalog: CatalogDep,
    templates: TemplatesDep,
    viewer: CurrentAccount,
    athlete_id: OwnAthlete,
) -> Response:
    form = await request.form()
    test, step = forms.text(form, "test") or None, forms.text(form, "step") or None
    chosen = subject(catalog, test=test, step_id=step)
    try:
        job_id = await jobs.receive(
            request,
            get_store(request),
            athlete_id=athlete_id,
            test=test,
            step_id=step,
            keep_video=forms.checked(form, "keep_video"),
        )
    except jobs.UploadProblem as exc:
        return _new_page(request, templates, viewer, chosen, 422, exc.message)
    return RedirectResponse(f"/camera/{job_id}", status_code=303)


def _job(session: SessionDep, athlete_id: uuid.UUID, job_id: uuid.UUID, now: Any) -> db.CameraJob:
    try:
        job = camera_jobs.own_job(session, athlete_id=athlete_id, job_id=job_id, now=now)
    except camera_jobs.UnknownJob as exc:
        raise HTTPException(404, str(exc)) from None
    session.commit()  # a dead worker's job is now failed for every reader
    return job


def _job_page(
    request: Request,
    templates: TemplatesDep,
    catalog: Catalog,
    viewer: CurrentAccount,
    job: db.CameraJob,
    status: int = 200,
    **context: Any,
) -> Response:
    chosen = subject(
        catalog,
        test=job.target if job.kind == "test" else None,
        step_id=job.target if job.kind == "exercise" else None,
    )
    result = job.result or {}
    unjudged = [f for f in result.get("figures", []) if f["value"] is None]
    return _page(
        request,
        templates,
        "camera_job.html",
        status,
        viewer=viewer,
        job=job,
        subject=chosen,
        result=result,
        unjudged=unjudged,
        limits=camera_jobs.limits(catalog, job),
        percent=round(job.progress * 100),
        **context,
    )


@router.get("/camera/{job_id}")
def job_page(
    request: Request,
    session: SessionDep,
    catalog: CatalogDep,
    templates: TemplatesDep,
    viewer: CurrentAccount,
    athlete_id: OwnAthlete,
    now: Now,
    job_id: uuid.UUID,
) -> Response:
    job = _job(session, athlete_id, job_id, now)
    return _job_page(request, templates, catalog, viewer, job)


@router.get("/camera/{job_id}/still.jpg")
def job_still(session: SessionDep, athlete_id: OwnAthlete, now: Now, job_id: uuid.UUID) -> Response:
    job = _job(session, athlete_id, job_id, now)
    if job.still is None:
        raise HTTPException(404, "This camera check has no picture (a landmark file, or not done).")
    return Response(job.still, media_type="image/jpeg", headers={"cache-control": "private"})


@router.post("/camera/{job_id}/save", dependencies=[CsrfChecked])
async def save_job(
    request: Request,
    session: SessionDep,
    catalog: CatalogDep,
    templates: TemplatesDep,
    viewer: CurrentAccount,
    athlete_id: OwnAthlete,
    now: Now,
    today: Today,
    job_id: uuid.UUID,
) -> Response:
    job = _job(session, athlete_id, job_id, now)
    form = await request.form()
    try:
        pain = None
        if job.kind == "exercise":
            pain = forms.whole(form, "pain", low=0, high=10, label="Pain during the set")
        message = camera_jobs.save(session, catalog=catalog, job=job, day=today, pain=pain, now=now)
    except forms.FormProblem as exc:
        return _job_page(request, templates, catalog, viewer, job, 422, error=exc.message)
    except (camera.NotSaved, training.NoSession) as exc:
        session.rollback()
        return _job_page(request, templates, catalog, viewer, job, 422, error=str(exc))
    session.commit()
    return _job_page(request, templates, catalog, viewer, job, saved=message)


@router.post("/camera/{job_id}/video/delete", dependencies=[CsrfChecked])
def delete_video(
    session: SessionDep, athlete_id: OwnAthlete, now: Now, job_id: uuid.UUID
) -> Response:
    job = _job(session, athlete_id, job_id, now)
    camera_jobs.delete_video(job)
    session.commit()
    return RedirectResponse(f"/camera/{job_id}", status_code=303)
