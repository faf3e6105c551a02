"""Private calendar subscription links over the API (the twin of /settings/calendar).

The URL carries the token and is returned once, when made; only its SHA-256 is kept.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from fastapi import APIRouter, HTTPException, Request, Response, status
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from hipstride.services import calendar
from hipstride.store import tables as db
from hipstride.web.api.coaching import PROBLEM_RESPONSES
from hipstride.web.deps import Now, OwnAthlete, SessionAccount, SessionDep
from hipstride.web.pages.calendar_feed import feed_url
from hipstride.web.problems import problem

router = APIRouter(prefix="/calendar-feeds", tags=["calendar"])


class FeedPublic(BaseModel):
    id: uuid.UUID
    created_at: datetime
    last_read_at: datetime | None
    revoked_at: datetime | None


class FeedCreated(FeedPublic):
    url: str = Field(description="The subscription URL. Shown once: only its hash is kept.")


def _public(row: db.CalendarFeed) -> FeedPublic:
    return FeedPublic.model_validate(row, from_attributes=True)


@router.get("", response_model=list[FeedPublic], responses={401: PROBLEM_RESPONSES[401]})
def list_feeds(session: SessionDep, athlete_id: OwnAthlete) -> list[FeedPublic]:
    """Your calendar links, newest first, revoked ones included."""
    return [_public(f) for f in calendar.list_feeds(session, athlete_id=athlete_id)]


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=FeedCreated,
    responses={code: PROBLEM_RESPONSES[code] for code in (401, 422)},
)
def create_feed(
    request: Request,
    session: SessionDep,
    athlete_id: OwnAthlete,
    now: Now,
    _person: SessionAccount,
) -> FeedCreated | JSONResponse:
    """A private URL a calendar app subscribes to: the plan's sessions at your reminder time."""
    try:
        made = calendar.create_feed(session, athlete_id=athlete_id, now=now)
    except calendar.FeedProblem as exc:
        return problem(422, str(exc))
    session.commit()
    return FeedCreated(**_public(made.row).model_dump(), url=feed_url(request, made.token))


@router.delete(
    "/{feed_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses={code: PROBLEM_RESPONSES[code] for code in (401, 404)},
)
def revoke_feed(
    feed_id: uuid.UUID, session: SessionDep, athlete_id: OwnAthlete, now: Now
) -> Response:
    """Revoke a link: calendars using it get 404 from now on."""
    if not calendar.revoke_feed(session, athlete_id=athlete_id, feed_id=feed_id, now=now):
        raise HTTPException(404, "You have no calendar link with that id.")
    session.commit()
    return Response(status_code=status.HTTP_204_NO_CONTENT)
