"""Dependencies as named types. ``OwnAthlete`` is the one place that decides whose data a
request may touch: routes never take an athlete id from the path or the body."""

from __future__ import annotations

import secrets
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Annotated
from zoneinfo import ZoneInfo

from fastapi import Depends, HTTPException, Request
from fastapi.templating import Jinja2Templates
from sqlalchemy.orm import Session

from hipstride.knowledge.catalog import Catalog
from hipstride.services import accounts
from hipstride.services.store import Store
from hipstride.store import tables as db

SESSION_COOKIE = "hipstride_session"
CSRF_COOKIE = "hipstride_csrf"  # double-submit token for the forms shown before sign-in
CSRF_FIELD = "csrf_token"


class NotSignedIn(Exception):
    """No valid session cookie: pages redirect to sign-in, the API answers 401."""


@dataclass(frozen=True)
class Viewer:
    """The signed-in account, as the routes and templates see it."""

    account_id: uuid.UUID
    athlete_id: uuid.UUID
    username: str
    role: str
    csrf_token: str
    time_zone: str


def get_store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


def get_session(request: Request) -> Iterator[Session]:
    """A store session for the request; routes that write commit it themselves."""
    with get_store(request).sessions() as session:
        yield session


def get_catalog(request: Request) -> Catalog:
    catalog: Catalog = request.app.state.catalog
    return catalog


def get_templates(request: Request) -> Jinja2Templates:
    templates: Jinja2Templates = request.app.state.templates
    return templates


def get_now(request: Request) -> datetime:
    clock: Callable[[], datetime] = request.app.state.clock
    return clock()


SessionDep = Annotated[Session, Depends(get_session)]
CatalogDep = Annotated[Catalog, Depends(get_catalog)]
TemplatesDep = Annotated[Jinja2Templates, Depends(get_templates)]
Now = Annotated[datetime, Depends(get_now)]


def optional_viewer(request: Request, session: SessionDep, now: Now) -> Viewer | None:
    token = request.cookies.get(SESSION_COOKIE)
    if not token:
        return None
    found = accounts.session_account(session, token=token, now=now)
    if found is None:
        return None
    account, web_session = found
    athlete = session.get_one(db.Athlete, account.athlete_id)
    return Viewer(
        account.id,
        account.athlete_id,
        account.username,
        account.role,
        web_session.csrf_token,
        athlete.time_zone,
    )


MaybeViewer = Annotated[Viewer | None, Depends(optional_viewer)]


def current_account(viewer: MaybeViewer) -> Viewer:
    if viewer is None:
        raise NotSignedIn
    return viewer


CurrentAccount = Annotated[Viewer, Depends(current_account)]


def own_athlete(viewer: CurrentAccount) -> uuid.UUID:
    """Whose data this request works on: the signed-in runner's own, and nobody else's.

    Coaches reaching their linked athletes will be decided here too, so one test over the
    route table keeps covering every route.
    """
    return viewer.athlete_id


OwnAthlete = Annotated[uuid.UUID, Depends(own_athlete)]


def get_today(viewer: CurrentAccount, now: Now) -> date:
    """Today where the runner lives (the athlete's time zone)."""
    try:
        zone = ZoneInfo(viewer.time_zone)
    except (KeyError, ValueError):
        zone = ZoneInfo("UTC")
    return now.astimezone(zone).date()


Today = Annotated[date, Depends(get_today)]


async def check_csrf(request: Request, viewer: MaybeViewer) -> None:
    """Every form POST carries a CSRF token: the session's, or before sign-in the cookie's."""
    form = await request.form()
    sent = form.get(CSRF_FIELD)
    expected = viewer.csrf_token if viewer else request.cookies.get(CSRF_COOKIE)
    if not isinstance(sent, str) or not expected or not secrets.compare_digest(sent, expected):
        raise HTTPException(403, "The form is missing its security token. Reload and try again.")


CsrfChecked = Depends(check_csrf)


def anonymous_csrf(request: Request) -> str:
    """The double-submit token for a form shown before sign-in (set as a cookie by the page)."""
    return request.cookies.get(CSRF_COOKIE) or secrets.token_urlsafe(32)


AnonymousCsrf = Annotated[str, Depends(anonymous_csrf)]
