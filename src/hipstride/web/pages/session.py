"""The guided session: one exercise at a time, a form per set, resumable after a reload.

The server knows which set slots are left (``training.session_for``), so the page needs no
saved cursor. Without JavaScript each set is a form POST that redirects back here; with
JavaScript (static/session.js) sets go to ``POST /api/v1/sets`` with an idempotency key,
queued in localStorage while offline. Exercises skipped for pain travel in the ``skip`` query
parameter, so a reload keeps them skipped.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlencode

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from sqlalchemy.orm import Session

from hipstride.knowledge.catalog import Catalog
from hipstride.plan.progression import PAIN_LIMIT
from hipstride.services import training
from hipstride.services.sets import SetProblem, finish_day, record_set
from hipstride.store import tables as db
from hipstride.web.deps import (
    CatalogDep,
    CsrfChecked,
    CurrentAccount,
    Now,
    OwnAthlete,
    SessionDep,
    TemplatesDep,
    Viewer,
)

router = APIRouter(tags=["pages"], include_in_schema=False)

PAIN_MESSAGE = (
    "Pain above 5/10 is more than the plan allows. Stop this exercise for today; "
    "if pain persists, see a physical therapist or an orthopedist."
)


@dataclass(frozen=True)
class ExerciseView:
    position: int
    step_id: str
    name: str
    dose: str
    rest_seconds: int
    cues: tuple[str, ...]
    note: str
    drawn: bool
    hold: bool
    slots_left: int
    skipped: bool


@dataclass(frozen=True)
class SlotView:
    position: int
    set_number: int
    side: str | None
    label: str
    target_reps: int | None
    target_hold_seconds: int | None
    rest_seconds: int
    key: str  # the idempotency key of this slot's no-JavaScript form


def _skips(raw: str | None) -> list[int]:
    """``"0,2"`` -> ``[0, 2]``; anything that is not a position is ignored."""
    return sorted({int(p) for p in (raw or "").split(",") if p.strip().isdigit()})


def _page_url(day: date, *, skip: list[int], **extra: object) -> str:
    query = {"skip": ",".join(map(str, skip))} if skip else {}
    query |= {k: str(v) for k, v in extra.items()}
    return f"/session/{day.isoformat()}" + (f"?{urlencode(query)}" if query else "")


def _todo(session: Session, athlete_id: uuid.UUID, day: date) -> training.SessionToDo:
    try:
        return training.session_for(session, athlete_id=athlete_id, day=day)
    except training.NoSession as exc:
        raise HTTPException(404, str(exc)) from None


def _status(session: Session, todo: training.SessionToDo) -> str | None:
    if todo.session_log_id is None:
        return None
    return session.get_one(db.SessionLog, todo.session_log_id).status


def _exercises(catalog: Catalog, todo: training.SessionToDo, skip: list[int]) -> list[ExerciseView]:
    out = []
    for position, p in enumerate(todo.items):
        step = catalog.steps.get(p.step_id)
        out.append(
            ExerciseView(
                position=position,
                step_id=p.step_id,
                name=step.name if step else p.step_id,
                dose=p.dose,
                rest_seconds=p.rest_seconds,
                cues=tuple(step.cues) if step else (),
                note=p.note,
                drawn=step is not None and step.figure is not None,
                hold=p.hold_seconds is not None,
                slots_left=sum(1 for s in todo.left if s.position == position),
                skipped=position in skip,
            )
        )
    return out


@router.get("/session/{day}")
def session_page(
    request: Request,
    day: date,
    session: SessionDep,
    catalog: CatalogDep,
    templates: TemplatesDep,
    viewer: CurrentAccount,
    athlete_id: OwnAthlete,
    skip: str | None = None,
    pain: int | None = None,
    at: int | None = None,
) -> Response:
    return _render(request, day, session, catalog, templates, viewer, athlete_id, skip, pain, at)


def _render(
    request: Request,
    day: date,
    session: Session,
    catalog: Catalog,
    templates: Jinja2Templates,
    viewer: Viewer,
    athlete_id: uuid.UUID,
    skip: str | None,
    pain: int | None,
    at: int | None = None,
    error: str | None = None,
) -> Response:
    todo = _todo(session, athlete_id, day)
    skipped = [p for p in _skips(skip) if 0 <= p < len(todo.items)]
    exercises = _exercises(catalog, todo, skipped)
    slots = [
        SlotView(
            s.position,
            s.set_number,
            s.side,
            s.label,
            s.target_reps,
            s.target_hold_seconds,
            s.prescription.rest_seconds,
            f"page:{uuid.uuid4()}",
        )
        for s in todo.left
        if s.position not in skipped
    ]
    current = exercises[slots[0].position] if slots else None
    painful = at if at is not None and any(s.position == at for s in slots) else None
    context = {
        "viewer": viewer,
        "nav": "home",
        "day": todo.day,
        "day_name": f"{todo.day:%A %d %B}",
        "note": todo.note,
        "exercises": exercises,
        "slots": slots,
        "current": current,
        "skip": ",".join(map(str, skipped)),
        "done": _status(session, todo) == "done",
        "logged": todo.done_sets,
        "pain": pain if pain is not None and pain > PAIN_LIMIT else None,
        "pain_message": PAIN_MESSAGE,
        "pain_limit": PAIN_LIMIT,
        "skip_url": (
            _page_url(todo.day, skip=sorted({*skipped, painful})) if painful is not None else ""
        ),
        "here_url": _page_url(todo.day, skip=skipped),
        "error": error,
    }
    return templates.TemplateResponse(
        request, "session.html", context, status_code=422 if error else 200
    )


def _int(value: object, *, low: int, high: int, optional: bool = False) -> int | None:
    if (value is None or value == "") and optional:
        return None
    try:
        number = int(str(value))
    except ValueError:
        raise SetProblem(f"Enter a whole number from {low} to {high}.") from None
    if not low <= number <= high:
        raise SetProblem(f"Enter a whole number from {low} to {high}.")
    return number


@router.post("/session/{day}/sets", dependencies=[CsrfChecked])
async def log_set_from_form(
    request: Request,
    day: date,
    session: SessionDep,
    catalog: CatalogDep,
    templates: TemplatesDep,
    viewer: CurrentAccount,
    athlete_id: OwnAthlete,
    now: Now,
) -> Response:
    """The no-JavaScript path: store the set through the service, then back to the page."""
    todo = _todo(session, athlete_id, day)  # 404 before reading a stranger's form
    form = await request.form()
    skip = [p for p in _skips(str(form.get("skip") or "")) if 0 <= p < len(todo.items)]
    try:
        position = _int(form.get("position"), low=0, high=len(todo.items) - 1)
        assert position is not None
        hold = todo.items[position].hold_seconds is not None
        side = form.get("side") or None
        pain = _int(form.get("pain"), low=0, high=10)
        assert pain is not None
        key = str(form.get("idempotency_key") or f"page:{uuid.uuid4()}")
        record_set(
            session,
            athlete_id=athlete_id,
            day=todo.day,
            position=position,
            set_number=_int(form.get("set_number"), low=1, high=20) or 1,
            side=side if side in ("left", "right") else None,
            reps=None if hold else _int(form.get("reps"), low=0, high=500),
            held_seconds=_int(form.get("held_seconds"), low=0, high=3600) if hold else None,
            pain=pain,
            reps_in_reserve=(
                None if hold else _int(form.get("reps_in_reserve"), low=0, high=20, optional=True)
            ),
            idempotency_key=key[:100],
            now=now,
        )
    except SetProblem as exc:
        session.rollback()
        return _render(
            request, day, session, catalog, templates, viewer, athlete_id,
            ",".join(map(str, skip)), None, None, str(exc),
        )  # fmt: skip
    session.commit()
    extra = {"pain": pain, "at": position} if pain > PAIN_LIMIT else {}
    return RedirectResponse(_page_url(todo.day, skip=skip, **extra), status_code=303)


@router.post("/session/{day}/finish", dependencies=[CsrfChecked])
def finish_from_form(
    request: Request,
    day: date,
    session: SessionDep,
    catalog: CatalogDep,
    templates: TemplatesDep,
    viewer: CurrentAccount,
    athlete_id: OwnAthlete,
    now: Now,
) -> Response:
    """Finish and adapt (``services.training.finish_session``); show what changes next time."""
    todo = _todo(session, athlete_id, day)
    if _status(session, todo) == "done":
        return RedirectResponse(_page_url(todo.day, skip=[]), status_code=303)
    try:
        lines = finish_day(session, catalog=catalog, athlete_id=athlete_id, day=todo.day, now=now)
    except SetProblem as exc:
        session.rollback()
        return _render(
            request,
            day,
            session,
            catalog,
            templates,
            viewer,
            athlete_id,
            None,
            None,
            None,
            str(exc),
        )
    session.commit()
    return templates.TemplateResponse(
        request,
        "session_done.html",
        {"viewer": viewer, "nav": "home", "day_name": f"{todo.day:%A %d %B}", "lines": lines},
    )
