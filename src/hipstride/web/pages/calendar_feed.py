"""The plan in a calendar: a private subscription URL (made, listed, revoked) and a download.

``/calendar/{token}.ics`` is read by calendar apps, which carry no session: the token in the
URL is the credential, so an unknown or revoked one answers 404 like any missing page.
"""

from __future__ import annotations

import uuid

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import RedirectResponse, Response

from hipstride.services import calendar
from hipstride.web.deps import (
    CatalogDep,
    CsrfChecked,
    CurrentAccount,
    Now,
    OwnAthlete,
    SessionDep,
    TemplatesDep,
)
from hipstride.web.pages.export import download

router = APIRouter(tags=["pages"], include_in_schema=False)
ICS = "text/calendar; charset=utf-8"
ICS_FILE = "hipstride-plan.ics"


def feed_url(request: Request, token: str) -> str:
    return str(request.url_for("calendar_feed", token=token))


def plan_ics(session: SessionDep, catalog: CatalogDep, athlete_id: uuid.UUID, now: Now) -> bytes:
    """The plan at the runner's reminder time; an empty calendar until there is a plan."""
    try:
        return calendar.calendar_for(session, catalog=catalog, athlete_id=athlete_id, now=now)
    except calendar.NoPlanToExport:
        return calendar.empty_calendar(session, athlete_id=athlete_id, now=now)


def _page(
    request: Request,
    templates: TemplatesDep,
    viewer: CurrentAccount,
    session: SessionDep,
    *,
    new_url: str | None = None,
    error: str | None = None,
    revoked: bool = False,
    status_code: int = 200,
) -> Response:
    from hipstride.store import tables as db

    athlete = session.get_one(db.Athlete, viewer.athlete_id)
    response = templates.TemplateResponse(
        request,
        "calendar_feeds.html",
        {
            "viewer": viewer,
            "nav": "profile",
            "feeds": calendar.list_feeds(session, athlete_id=viewer.athlete_id),
            "new_url": new_url,
            "webcal_url": new_url.replace("https://", "webcal://", 1).replace(
                "http://", "webcal://", 1
            )
            if new_url
            else None,
            "at": calendar.session_time(athlete),
            "reminder_set": athlete.reminder_time is not None,
            "zone": athlete.time_zone,
            "file_name": ICS_FILE,
            "error": error,
            "revoked": revoked,
        },
        status_code=status_code,
    )
    response.headers["cache-control"] = "no-store"
    return response


@router.get("/settings/calendar")
def feeds_page(
    request: Request,
    templates: TemplatesDep,
    viewer: CurrentAccount,
    session: SessionDep,
    revoked: bool = False,
) -> Response:
    return _page(request, templates, viewer, session, revoked=revoked)


@router.post("/settings/calendar", dependencies=[CsrfChecked])
def create_feed(
    request: Request, templates: TemplatesDep, viewer: CurrentAccount, session: SessionDep, now: Now
) -> Response:
    """The URL is on this response only: its token is not stored, so it cannot be shown again."""
    try:
        made = calendar.create_feed(session, athlete_id=viewer.athlete_id, now=now)
    except calendar.FeedProblem as exc:
        return _page(request, templates, viewer, session, error=str(exc), status_code=422)
    session.commit()
    url = feed_url(request, made.token)
    return _page(request, templates, viewer, session, new_url=url, status_code=201)


@router.post("/settings/calendar/{feed_id}/revoke", dependencies=[CsrfChecked])
def revoke_feed(
    feed_id: uuid.UUID, athlete_id: OwnAthlete, session: SessionDep, now: Now
) -> Response:
    if not calendar.revoke_feed(session, athlete_id=athlete_id, feed_id=feed_id, now=now):
        raise HTTPException(404, "You have no calendar link with that id.")
    session.commit()
    return RedirectResponse("/settings/calendar?revoked=true", status_code=303)


@router.get(f"/settings/calendar/{ICS_FILE}")
def download_ics(
    session: SessionDep, catalog: CatalogDep, athlete_id: OwnAthlete, now: Now
) -> Response:
    """The same calendar as the feed, saved as a file (importing it again updates the events)."""
    return download(plan_ics(session, catalog, athlete_id, now), ICS, ICS_FILE)


@router.get("/calendar/{token}.ics", name="calendar_feed")
def calendar_feed(token: str, session: SessionDep, catalog: CatalogDep, now: Now) -> Response:
    """A subscribed calendar app's read: no session, the token is the credential."""
    athlete_id = calendar.feed_athlete(session, token=token, now=now)
    if athlete_id is None:
        raise HTTPException(404, "No calendar here: the link is unknown or was revoked.")
    body = plan_ics(session, catalog, athlete_id, now)
    session.commit()  # when it was last read
    return Response(
        body,
        media_type=ICS,
        headers={"cache-control": "private, no-cache", "x-robots-tag": "noindex"},
    )
