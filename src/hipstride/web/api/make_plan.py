"""POST /plan: make or replace the plan (``hipstride plan``), with the reasons it gives."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, status

from hipstride.services.assessment import NotCleared
from hipstride.services.planning import EmptyPlan, make_plan
from hipstride.services.runner import NeedsProfile
from hipstride.web.api.runner_schemas import PlanBody, PlanMade
from hipstride.web.deps import CatalogDep, Now, OwnAthlete, SessionDep, Today

router = APIRouter(prefix="/plan", tags=["plan"])


@router.post("", status_code=status.HTTP_201_CREATED)
def create_plan(
    body: PlanBody,
    session: SessionDep,
    catalog: CatalogDep,
    athlete_id: OwnAthlete,
    today: Today,
    now: Now,
) -> PlanMade:
    """Build a plan from the profile and the latest self-tests; the old one stays in history.

    409 when training is on hold (see a physical therapist or orthopedist first) or there is
    no profile yet; 422 when nothing could be placed.
    """
    try:
        _, plan = make_plan(
            session,
            catalog=catalog,
            athlete_id=athlete_id,
            start=body.start or today,
            weeks=body.weeks,
            now=now,
        )
    except (NotCleared, NeedsProfile) as exc:
        raise HTTPException(409, str(exc)) from None
    except EmptyPlan as exc:
        raise HTTPException(422, str(exc)) from None
    session.commit()
    return PlanMade(
        start=plan.start,
        weeks=plan.weeks,
        sessions=len(plan.sessions),
        explanations=list(plan.explanations),
    )
