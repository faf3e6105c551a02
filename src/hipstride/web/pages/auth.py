"""Sign-up, sign-in (password or one-time link) and sign-out."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import RedirectResponse, Response

from hipstride.services import accounts
from hipstride.web.deps import (
    SESSION_COOKIE,
    AnonymousCsrf,
    CsrfChecked,
    MaybeViewer,
    Now,
    SessionDep,
    TemplatesDep,
)
from hipstride.web.security import clear_session_cookie, set_csrf_cookie, set_session_cookie

router = APIRouter(tags=["pages"], include_in_schema=False)
MAX_AGE = int(accounts.SESSION_LIFETIME.total_seconds())


def _form(
    request: Request,
    templates: TemplatesDep,
    name: str,
    csrf: str,
    *,
    error: str | None = None,
    username: str = "",
    status_code: int = 200,
) -> Response:
    response = templates.TemplateResponse(
        request,
        name,
        {"viewer": None, "csrf_token": csrf, "error": error, "username": username},
        status_code=status_code,
    )
    set_csrf_cookie(response, request, csrf)
    return response


def _signed_in(request: Request, signed: accounts.SignedIn) -> Response:
    response = RedirectResponse("/", status_code=303)
    set_session_cookie(response, request, signed.token, MAX_AGE)
    return response


@router.get("/sign-in")
def sign_in_page(
    request: Request, templates: TemplatesDep, csrf: AnonymousCsrf, viewer: MaybeViewer
) -> Response:
    if viewer is not None:
        return RedirectResponse("/", status_code=303)
    return _form(request, templates, "sign_in.html", csrf)


@router.post("/sign-in", dependencies=[CsrfChecked])
def sign_in(
    request: Request,
    session: SessionDep,
    templates: TemplatesDep,
    csrf: AnonymousCsrf,
    now: Now,
    username: Annotated[str, Form(max_length=200)],
    password: Annotated[str, Form(max_length=1000)],
) -> Response:
    ip = request.client.host if request.client else "unknown"
    try:
        signed = accounts.sign_in_with_password(
            session, username=username, password=password, ip=ip, now=now
        )
    except accounts.TooManyAttempts as exc:
        session.commit()
        return _form(request, templates, "sign_in.html", csrf, error=str(exc), status_code=429)
    session.commit()
    if signed is None:
        return _form(
            request,
            templates,
            "sign_in.html",
            csrf,
            error="That name and password do not match.",
            username=username,
            status_code=401,
        )
    return _signed_in(request, signed)


@router.get("/sign-in/{token}")
def sign_in_with_link(request: Request, token: str, session: SessionDep, now: Now) -> Response:
    """The one-time link ``hipstride serve`` prints."""
    signed = accounts.redeem_sign_in_link(session, token=token, now=now)
    if signed is None:
        raise HTTPException(
            404, "This sign-in link was used already or has expired. Run `hipstride serve` again."
        )
    session.commit()
    return _signed_in(request, signed)


@router.get("/sign-up")
def sign_up_page(request: Request, templates: TemplatesDep, csrf: AnonymousCsrf) -> Response:
    return _form(request, templates, "sign_up.html", csrf)


@router.post("/sign-up", dependencies=[CsrfChecked])
def sign_up(
    request: Request,
    session: SessionDep,
    templates: TemplatesDep,
    csrf: AnonymousCsrf,
    now: Now,
    username: Annotated[str, Form(max_length=200)],
    password: Annotated[str, Form(max_length=1000)],
) -> Response:
    try:
        account = accounts.create_account(
            session, username=username, password=password, athlete_id=None, now=now
        )
    except accounts.AccountProblem as exc:
        session.rollback()
        return _form(
            request,
            templates,
            "sign_up.html",
            csrf,
            error=str(exc),
            username=username,
            status_code=422,
        )
    signed = accounts.start_session(session, account_id=account.id, now=now)
    session.commit()
    return _signed_in(request, signed)


@router.post("/sign-out", dependencies=[CsrfChecked])
def sign_out(request: Request, session: SessionDep) -> Response:
    token = request.cookies.get(SESSION_COOKIE)
    if token:
        accounts.end_session(session, token=token)
        session.commit()
    response = RedirectResponse("/sign-in", status_code=303)
    clear_session_cookie(response, request)
    return response
