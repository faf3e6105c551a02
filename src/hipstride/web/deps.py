"""Dependencies as named types, and the one place that decides whose data a request may touch.

``OwnAthlete`` is the signed-in runner's own data: those routes never take an athlete id.
``CoachedAthlete`` is the only way to reach someone else's: a coach account with a live link
to that runner, through the explicit coach routes; anyone else gets 404, as if it were not
there. The API also takes a personal access token (``Authorization: Bearer``)."""

from __future__ import annotations

import secrets
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Annotated

from fastapi import Depends, HTTPException, Request, Security
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from fastapi.templating import Jinja2Templates
from sqlalchemy.orm import Session

from hipstride.knowledge.catalog import Catalog
from hipstride.services import accounts, coaching, tokens
from hipstride.services.runner import zone_or_utc
from hipstride.services.store import Store
from hipstride.store import queries
from hipstride.store import tables as db

SESSION_COOKIE = "hipstride_session"
CSRF_COOKIE = "hipstride_csrf"  # double-submit token for the forms shown before sign-in
CSRF_FIELD = "csrf_token"
API_PATH = "/api/"


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
    via_token: bool = False  # signed in by a personal access token, not a browser session


def get_store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


def get_session(request: Request) -> Iterator[Session]:
    """A store session for the request; routes that write commit it themselves."""
    with get_store(request).sessions() as session:
        yield session


async def get_catalog(request: Request) -> Catalog:
    catalog: Catalog = request.app.state.catalog
    return catalog


def get_templates(request: Request) -> Jinja2Templates:
    templates: Jinja2Templates = request.app.state.templates
    return templates


async def get_now(request: Request) -> datetime:
    clock: Callable[[], datetime] = request.app.state.clock
    return clock()


async def _templates(request: Request) -> Jinja2Templates:
    return get_templates(request)


# Dependencies that only read ``app.state`` or other dependencies are ``async``: FastAPI runs
# a sync one on the thread pool, a hop per dependency per request that costs more than they do.
SessionDep = Annotated[Session, Depends(get_session)]
CatalogDep = Annotated[Catalog, Depends(get_catalog)]
TemplatesDep = Annotated[Jinja2Templates, Depends(_templates)]
Now = Annotated[datetime, Depends(get_now)]


ACCESS_TOKEN = HTTPBearer(
    auto_error=False,
    scheme_name="access token",
    description="A personal access token (/settings/tokens, or POST /api/v1/tokens), for scripts. "
    "The browser's session cookie works too.",
)
Credentials = Annotated[HTTPAuthorizationCredentials | None, Security(ACCESS_TOKEN)]


def _bearer(request: Request, credentials: HTTPAuthorizationCredentials | None) -> str | None:
    """A personal access token, accepted by the API only (forms need a browser session)."""
    if credentials is None or not request.url.path.startswith(API_PATH):
        return None
    return credentials.credentials.strip() or None


def _token_viewer(session: Session, account: db.Account) -> Viewer:
    athlete = session.get_one(db.Athlete, account.athlete_id)
    # No CSRF token: a token cannot post forms.
    return Viewer(
        account.id,
        account.athlete_id,
        account.username,
        account.role,
        "",
        athlete.time_zone,
        via_token=True,
    )


def optional_viewer(
    request: Request, session: SessionDep, now: Now, credentials: Credentials
) -> Viewer | None:
    bearer = _bearer(request, credentials)
    if bearer is not None:
        account = tokens.token_account(session, token=bearer, now=now)
        if account is None:
            raise NotSignedIn("That access token is unknown or revoked.")
        session.commit()  # keep "last used"; the route's own writes commit on their own
        return _token_viewer(session, account)
    token = request.cookies.get(SESSION_COOKIE)
    if not token:
        return None
    found = queries.signed_in(session, token_hash=accounts.token_hash(token), now=now)
    if found is None:
        return None
    account, web_session, athlete = found
    return Viewer(
        account.id,
        account.athlete_id,
        account.username,
        account.role,
        web_session.csrf_token,
        athlete.time_zone,
    )


MaybeViewer = Annotated[Viewer | None, Depends(optional_viewer)]


async def current_account(viewer: MaybeViewer) -> Viewer:
    if viewer is None:
        raise NotSignedIn
    return viewer


CurrentAccount = Annotated[Viewer, Depends(current_account)]


async def session_account(viewer: CurrentAccount) -> Viewer:
    """The signed-in account, when it came through the web app rather than a token.

    What hands out lasting access (new tokens, calendar links, a coach link) needs the
    person: a leaked token must not be able to outlive its own revocation.
    """
    if viewer.via_token:
        raise HTTPException(
            403,
            "An access token cannot make tokens, calendar links or coach links: "
            "do this signed in to the web app.",
        )
    return viewer


SessionAccount = Annotated[Viewer, Depends(session_account)]


async def own_athlete(viewer: CurrentAccount) -> uuid.UUID:
    """Whose data this request works on: the signed-in account's own, and nobody else's."""
    return viewer.athlete_id


OwnAthlete = Annotated[uuid.UUID, Depends(own_athlete)]


def signed_in_account(viewer: CurrentAccount, session: SessionDep) -> db.Account:
    """The viewer's account row, for the services that act on its behalf."""
    return session.get_one(db.Account, viewer.account_id)


Me = Annotated[db.Account, Depends(signed_in_account)]


async def coach_account(me: Me) -> db.Account:
    """Coach-only routes without a runner in the path: anyone else is told plainly."""
    if me.role != "coach":
        raise HTTPException(403, "This is for coach accounts. Ask the admin to make you one.")
    return me


Coach = Annotated[db.Account, Depends(coach_account)]


@dataclass(frozen=True)
class Coached:
    """A runner the signed-in coach is linked to, reached through a coach route."""

    athlete_id: uuid.UUID
    name: str
    link: db.CoachLink
    coach: db.Account


def coached_athlete(athlete_id: uuid.UUID, me: Me, session: SessionDep) -> Coached:
    """The runner in the path, for a coach with a live link to them; 404 for anyone else."""
    link = (
        coaching.live_link(session, coach_account_id=me.id, athlete_id=athlete_id)
        if me.role == "coach"
        else None
    )
    if link is None:
        raise HTTPException(404, "No runner of yours has that id.")
    athlete = session.get_one(db.Athlete, athlete_id)
    return Coached(athlete_id, athlete.name, link, me)


CoachedAthlete = Annotated[Coached, Depends(coached_athlete)]


async def get_today(viewer: CurrentAccount, now: Now) -> date:
    """Today where the runner lives (the athlete's time zone)."""
    return now.astimezone(zone_or_utc(viewer.time_zone)).date()


Today = Annotated[date, Depends(get_today)]


async def check_csrf(request: Request, viewer: MaybeViewer) -> None:
    """Every form POST carries a CSRF token: the session's, or before sign-in the cookie's."""
    form = await request.form()
    sent = form.get(CSRF_FIELD)
    expected = viewer.csrf_token if viewer else request.cookies.get(CSRF_COOKIE)
    if not isinstance(sent, str) or not expected or not secrets.compare_digest(sent, expected):
        raise HTTPException(403, "The form is missing its security token. Reload and try again.")


CsrfChecked = Depends(check_csrf)


async def anonymous_csrf(request: Request) -> str:
    """The double-submit token for a form shown before sign-in (set as a cookie by the page)."""
    return request.cookies.get(CSRF_COOKIE) or secrets.token_urlsafe(32)


AnonymousCsrf = Annotated[str, Depends(anonymous_csrf)]
