"""The runner's side of coaching: accept a coach's invitation, see who can see your
training, and stop sharing with a coach."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import RedirectResponse, Response

from hipstride.services import coaching
from hipstride.web.deps import (
    CsrfChecked,
    CurrentAccount,
    MaybeViewer,
    Me,
    Now,
    SessionDep,
    TemplatesDep,
)

router = APIRouter(tags=["pages"], include_in_schema=False)
SAVED = {
    "linked": "Done: your coach can now see your training.",
    "revoked": "Done: that coach no longer sees anything of yours.",
}


def _sharing(
    request: Request,
    templates: TemplatesDep,
    viewer: CurrentAccount,
    session: SessionDep,
    *,
    saved: str | None = None,
    error: str | None = None,
    code: str = "",
    status_code: int = 200,
) -> Response:
    return templates.TemplateResponse(
        request,
        "invitations.html",
        {
            "viewer": viewer,
            "nav": "sharing",
            "coaches": coaching.coaches_of(session, athlete_id=viewer.athlete_id),
            "saved": SAVED.get(saved or ""),
            "error": error,
            "code": code,
        },
        status_code=status_code,
    )


@router.get("/sharing")
def sharing_page(
    request: Request,
    templates: TemplatesDep,
    viewer: CurrentAccount,
    session: SessionDep,
    saved: str | None = None,
) -> Response:
    return _sharing(request, templates, viewer, session, saved=saved)


def _accept(
    request: Request,
    templates: TemplatesDep,
    viewer: CurrentAccount,
    session: SessionDep,
    me: Me,
    now: Now,
    code: str,
) -> Response:
    try:
        coaching.accept_invitation(session, code=code, runner=me, now=now)
    except (coaching.NotFound, coaching.CoachingProblem) as exc:
        session.rollback()
        status = 404 if isinstance(exc, coaching.NotFound) else 422
        return _sharing(
            request, templates, viewer, session, error=str(exc), code=code, status_code=status
        )
    session.commit()
    return RedirectResponse("/sharing?saved=linked", status_code=303)


@router.post("/sharing/accept", dependencies=[CsrfChecked])
def accept_code(
    request: Request,
    templates: TemplatesDep,
    viewer: CurrentAccount,
    session: SessionDep,
    me: Me,
    now: Now,
    code: Annotated[str, Form(max_length=100)],
) -> Response:
    return _accept(request, templates, viewer, session, me, now, code)


@router.get("/invite/{code}", name="invitation_page")
def invitation_page(
    request: Request,
    code: str,
    templates: TemplatesDep,
    viewer: MaybeViewer,
    session: SessionDep,
    now: Now,
) -> Response:
    """What the link a coach hands out opens: who invites you, and a button to accept."""
    try:
        coach = coaching.open_invitation(session, code=code, now=now)
    except coaching.NotFound as exc:
        raise HTTPException(404, str(exc)) from None
    response = templates.TemplateResponse(
        request,
        "invite.html",
        {"viewer": viewer, "coach": coach.username, "code": code, "nav": "sharing"},
    )
    response.headers["cache-control"] = "no-store"
    return response


@router.post("/invite/{code}", dependencies=[CsrfChecked])
def accept_link(
    request: Request,
    code: str,
    templates: TemplatesDep,
    viewer: CurrentAccount,
    session: SessionDep,
    me: Me,
    now: Now,
) -> Response:
    try:
        coaching.open_invitation(session, code=code, now=now)
    except coaching.NotFound as exc:
        raise HTTPException(404, str(exc)) from None
    return _accept(request, templates, viewer, session, me, now, code)


@router.post("/sharing/{link_id}/revoke", dependencies=[CsrfChecked])
def revoke(link_id: uuid.UUID, session: SessionDep, me: Me, now: Now) -> Response:
    try:
        coaching.revoke_link(session, link_id=link_id, account=me, now=now)
    except coaching.NotFound as exc:
        raise HTTPException(404, str(exc)) from None
    session.commit()
    return RedirectResponse("/sharing?saved=revoked", status_code=303)
