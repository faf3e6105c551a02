"""Coaching over the API: invitations, links, a coach's runners, clearing and overriding.

Who may do what is decided in ``web.deps``: ``Coach`` for coach-only routes, ``CoachedAthlete``
for a linked runner (404 for anyone else), ``Me`` for the runner's own links.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any, Literal

from fastapi import APIRouter, HTTPException, Request, Response, status
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from hipstride.services import coach_view, coaching
from hipstride.services.convert import prescription_to_core
from hipstride.services.runner import local_date
from hipstride.web import problems
from hipstride.web.deps import (
    CatalogDep,
    Coach,
    CoachedAthlete,
    Me,
    Now,
    SessionAccount,
    SessionDep,
)
from hipstride.web.problems import problem

router = APIRouter(tags=["coaching"])


class InvitationPublic(BaseModel):
    code: str = Field(description="Shown once: hand it to the runner.")
    url: str = Field(description="The same invitation as a link the runner opens.")
    expires_at: datetime


class AcceptInvitation(BaseModel):
    code: str = Field(min_length=8, max_length=100, description="The code the coach gave you.")


class CoachLinkPublic(BaseModel):
    id: uuid.UUID
    coach: str
    created_at: datetime


class AlertPublic(BaseModel):
    kind: Literal["high-pain", "pain-rule", "idle"]
    day: date | None
    message: str


class RunnerSummaryPublic(BaseModel):
    athlete_id: uuid.UUID
    name: str
    linked_since: date
    adherence: float | None = Field(description="Sessions done / sessions planned up to today.")
    last_self_test: date | None
    last_session: date | None
    days_since_session: int | None
    on_hold: bool = Field(description="Pain reported and not cleared since: training is on hold.")
    alerts: list[AlertPublic]


class TestPublic(BaseModel):
    test_id: str
    taken: date | None
    score: int | None
    lines: list[str]


class SessionLine(BaseModel):
    day: date
    status: str
    sets: int
    max_pain: int | None


class CheckinLine(BaseModel):
    day: date
    morning_pain: int


class ClearancePublic(BaseModel):
    cleared_by: str
    day: date
    note: str | None


class StepChoice(BaseModel):
    step_id: str
    name: str


class UpcomingItem(BaseModel):
    position: int
    step_id: str
    name: str
    dose: str
    sets: int
    reps_min: int | None
    reps_max: int | None
    hold_seconds: int | None
    override_note: str | None
    override_by: str | None
    ladder: list[StepChoice]


class UpcomingSession(BaseModel):
    day: date
    week: int
    items: list[UpcomingItem]


class RunnerDetailPublic(BaseModel):
    summary: RunnerSummaryPublic
    tests: list[TestPublic]
    sessions: list[SessionLine]
    checkins: list[CheckinLine]
    last_clearance: ClearancePublic | None
    upcoming: list[UpcomingSession] = Field(description="Sessions not started: may be changed.")


class ClearanceCreate(BaseModel):
    note: str | None = Field(default=None, max_length=1000, description="For the record.")


class OverrideCreate(BaseModel):
    """One exercise of one session not yet started; fields left out keep their value."""

    day: date
    position: int = Field(ge=0)
    note: str = Field(min_length=1, max_length=1000, description="Why; the runner reads it.")
    step_id: str | None = Field(default=None, description="Another step of the same ladder.")
    sets: int | None = Field(default=None, ge=1, le=5)
    reps_min: int | None = Field(default=None, ge=1, le=100)
    reps_max: int | None = Field(default=None, ge=1, le=100)
    hold_seconds: int | None = Field(default=None, ge=5, le=300)


class OverridePublic(BaseModel):
    day: date
    position: int
    step_id: str
    dose: str
    note: str
    override_note: str
    override_by: str


def _problem(exc: coaching.CoachingProblem) -> JSONResponse:
    return problem(422, str(exc), extra={"field": exc.field} if exc.field else None)


def _documented(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """The problem responses a route gives, for the OpenAPI document."""
    return {code: PROBLEM_RESPONSES[code] for code in (401, *statuses)}


PROBLEM_RESPONSES: dict[int, dict[str, Any]] = {
    401: {"description": "No session cookie and no valid access token."},
    403: {"description": "Not a coach account."},
    404: {"description": "No such runner, link or invitation for you (never another's)."},
    409: {"description": "Already done."},
    422: {"description": "A field is wrong: `field` names it, `detail` says how to fix it."},
}
for _code, _answer in PROBLEM_RESPONSES.items():  # the app-wide schema, these descriptions
    _answer["content"] = problems.PROBLEM_RESPONSES[_code]["content"]


@router.post(
    "/coach/invitations",
    status_code=status.HTTP_201_CREATED,
    response_model=InvitationPublic,
    responses=_documented(403),
)
def create_invitation(
    request: Request, session: SessionDep, coach: Coach, now: Now
) -> InvitationPublic:
    """A one-time invitation for a runner, valid for 7 days. The code is shown only here."""
    made = coaching.create_invitation(session, coach=coach, now=now)
    session.commit()
    url = str(request.url_for("invitation_page", code=made.code))
    return InvitationPublic(code=made.code, url=url, expires_at=made.expires_at)


@router.get("/coach/runners", response_model=list[RunnerSummaryPublic], responses=_documented(403))
def list_runners(
    session: SessionDep, catalog: CatalogDep, coach: Coach, now: Now
) -> list[coach_view.RunnerSummary]:
    """The coach's linked runners, those with alerts first."""
    links = coaching.runners_of(session, coach_account_id=coach.id)
    return coach_view.runner_list(session, catalog=catalog, links=links, now=now)


@router.get(
    "/coach/runners/{athlete_id}", response_model=RunnerDetailPublic, responses=_documented(404)
)
def read_runner(
    runner: CoachedAthlete, session: SessionDep, catalog: CatalogDep, now: Now
) -> dict[str, object]:
    """One linked runner: alerts, tests, recent sessions and check-ins, the coming sessions."""
    return coach_view.detail(session, catalog=catalog, link=runner.link, name=runner.name, now=now)


@router.delete(
    "/coach/runners/{athlete_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=_documented(404),
)
def stop_coaching(runner: CoachedAthlete, session: SessionDep, now: Now) -> Response:
    """The coach ends the link; the runner's data stays theirs."""
    coaching.revoke_link(session, link_id=runner.link.id, account=runner.coach, now=now)
    session.commit()
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post(
    "/coach/runners/{athlete_id}/clearance",
    status_code=status.HTTP_201_CREATED,
    response_model=ClearancePublic,
    responses=_documented(404, 422),
)
def clear_runner(
    body: ClearanceCreate, runner: CoachedAthlete, session: SessionDep, now: Now
) -> ClearancePublic | JSONResponse:
    """Record that the runner may train despite the pain they reported (kept with your name)."""
    try:
        coaching.clear_to_train(
            session, athlete_id=runner.athlete_id, coach=runner.coach, note=body.note, now=now
        )
    except coaching.CoachingProblem as exc:
        return _problem(exc)
    session.commit()
    day = local_date(session, athlete_id=runner.athlete_id, moment=now)
    return ClearancePublic(cleared_by=runner.coach.username, day=day, note=body.note)


@router.post(
    "/coach/runners/{athlete_id}/overrides",
    response_model=OverridePublic,
    responses=_documented(404, 422),
)
def override(
    body: OverrideCreate, runner: CoachedAthlete, session: SessionDep, catalog: CatalogDep
) -> OverridePublic | JSONResponse:
    """Change one exercise of a session not yet started; the plan's rules leave it as set."""
    request = coaching.OverrideRequest(**body.model_dump())
    try:
        row = coaching.override_prescription(
            session,
            catalog=catalog,
            athlete_id=runner.athlete_id,
            coach=runner.coach,
            request=request,
        )
    except coaching.NotFound as exc:
        raise HTTPException(404, str(exc)) from None
    except coaching.CoachingProblem as exc:
        return _problem(exc)
    session.commit()
    return OverridePublic(
        day=body.day,
        position=row.position,
        step_id=row.step_id,
        dose=prescription_to_core(row).dose,
        note=row.note,
        override_note=row.override_note or "",
        override_by=row.override_by or "",
    )


@router.post(
    "/invitations/accept",
    status_code=status.HTTP_201_CREATED,
    response_model=CoachLinkPublic,
    responses=_documented(404, 422),
)
def accept(
    body: AcceptInvitation, session: SessionDep, me: Me, now: Now, _person: SessionAccount
) -> CoachLinkPublic | JSONResponse:
    """Share your training with the coach who gave you this code."""
    try:
        link = coaching.accept_invitation(session, code=body.code, runner=me, now=now)
    except coaching.NotFound as exc:
        raise HTTPException(404, str(exc)) from None
    except coaching.CoachingProblem as exc:
        return _problem(exc)
    session.commit()
    coach = coaching.coach_name(session, link=link)
    return CoachLinkPublic(id=link.id, coach=coach, created_at=link.created_at)


@router.get("/coaches", response_model=list[CoachLinkPublic], responses=_documented())
def list_coaches(session: SessionDep, me: Me) -> list[CoachLinkPublic]:
    """The coaches who can see your training now."""
    return [
        CoachLinkPublic(id=link.id, coach=name, created_at=link.created_at)
        for link, name in coaching.coaches_of(session, athlete_id=me.athlete_id)
    ]


@router.delete(
    "/coaches/{link_id}", status_code=status.HTTP_204_NO_CONTENT, responses=_documented(404)
)
def revoke(link_id: uuid.UUID, session: SessionDep, me: Me, now: Now) -> Response:
    """Stop sharing with a coach: from now on they see nothing of yours."""
    try:
        coaching.revoke_link(session, link_id=link_id, account=me, now=now)
    except coaching.NotFound as exc:
        raise HTTPException(404, str(exc)) from None
    session.commit()
    return Response(status_code=status.HTTP_204_NO_CONTENT)
