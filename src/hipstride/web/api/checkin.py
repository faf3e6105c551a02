"""POST/GET /checkins: the morning after (``hipstride checkin``) and what it changes."""

from __future__ import annotations

from datetime import timedelta

from fastapi import APIRouter, HTTPException, Query, status

from hipstride.services.adapt import morning_pain_warning, record_checkin
from hipstride.store import queries
from hipstride.web.api.runner_schemas import CheckinBody, CheckinOutcome, CheckinPublic
from hipstride.web.deps import CatalogDep, OwnAthlete, SessionDep, Today

router = APIRouter(prefix="/checkins", tags=["check-ins"])


@router.post("", status_code=status.HTTP_201_CREATED)
def create_checkin(
    body: CheckinBody,
    session: SessionDep,
    catalog: CatalogDep,
    athlete_id: OwnAthlete,
    today: Today,
) -> CheckinOutcome:
    """Morning pain (one per day; sending it again replaces it); the plan re-adapts."""
    day = body.day or today
    if day > today:
        raise HTTPException(422, "day: a check-in cannot be for a day to come.")
    lines = record_checkin(
        session, catalog=catalog, athlete_id=athlete_id, day=day, pain=body.pain, note=body.note
    )
    session.commit()
    return CheckinOutcome(
        day=day,
        pain=body.pain,
        note=body.note,
        warning=morning_pain_warning(body.pain),
        adaptations=lines,
    )


@router.get("")
def list_checkins(
    session: SessionDep,
    athlete_id: OwnAthlete,
    today: Today,
    days: int = Query(28, ge=1, le=3660, description="How many days back from today."),
) -> list[CheckinPublic]:
    """Recent mornings, newest first."""
    rows = queries.checkins_between(
        session, athlete_id=athlete_id, start=today - timedelta(days=days), end=today
    )
    return [CheckinPublic(day=c.day, pain=c.morning_pain, note=c.note) for c in reversed(rows)]
