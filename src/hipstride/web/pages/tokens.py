"""Personal access tokens, for scripts: make one (shown once), see them, revoke one."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import RedirectResponse, Response

from hipstride.services import tokens
from hipstride.web.deps import CsrfChecked, CurrentAccount, Now, SessionDep, TemplatesDep

router = APIRouter(tags=["pages"], include_in_schema=False)


def _page(
    request: Request,
    templates: TemplatesDep,
    viewer: CurrentAccount,
    session: SessionDep,
    *,
    new: tokens.NewToken | None = None,
    error: str | None = None,
    revoked: bool = False,
    status_code: int = 200,
) -> Response:
    response = templates.TemplateResponse(
        request,
        "tokens.html",
        {
            "viewer": viewer,
            "nav": "tokens",
            "tokens": tokens.list_tokens(session, account_id=viewer.account_id),
            "new": new,
            "error": error,
            "revoked": revoked,
            "api_url": str(request.base_url).rstrip("/") + "/api/v1/plan",
        },
        status_code=status_code,
    )
    response.headers["cache-control"] = "no-store"
    return response


@router.get("/settings/tokens")
def tokens_page(
    request: Request,
    templates: TemplatesDep,
    viewer: CurrentAccount,
    session: SessionDep,
    revoked: bool = False,
) -> Response:
    return _page(request, templates, viewer, session, revoked=revoked)


@router.post("/settings/tokens", dependencies=[CsrfChecked])
def create(
    request: Request,
    templates: TemplatesDep,
    viewer: CurrentAccount,
    session: SessionDep,
    now: Now,
    name: Annotated[str, Form(max_length=200)] = "",
) -> Response:
    """The new token is on this response only: it is not stored, so it cannot be shown again."""
    try:
        made = tokens.create_token(session, account_id=viewer.account_id, name=name, now=now)
    except tokens.TokenProblem as exc:
        return _page(request, templates, viewer, session, error=str(exc), status_code=422)
    session.commit()
    return _page(request, templates, viewer, session, new=made, status_code=201)


@router.post("/settings/tokens/{token_id}/revoke", dependencies=[CsrfChecked])
def revoke(token_id: uuid.UUID, viewer: CurrentAccount, session: SessionDep, now: Now) -> Response:
    if not tokens.revoke_token(session, account_id=viewer.account_id, token_id=token_id, now=now):
        raise HTTPException(404, "You have no token with that id.")
    session.commit()
    return RedirectResponse("/settings/tokens?revoked=true", status_code=303)
