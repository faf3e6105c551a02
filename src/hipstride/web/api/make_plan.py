"""POST /plan: make or replace the plan (``hipstride plan``), with the reasons it gives."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, status
from fastapi.responses import JSONResponse

from hipstride.services.assessment import NotCleared
from hipstride.services.planning import EmptyPlan, StartOutOfRange, make_plan
from hipstride.services.runner import NeedsProfile
from hipstride.web.api.runner_schemas import PlanBody, PlanMade
from hipstride.web.deps import CatalogDep, Now, OwnAthlete, SessionDep, Today
from hipstride.web.problems import field_problem

router = APIRouter(prefix="/plan", tags=["plan"])


@router.post("", status_code=status.HTTP_201_CREATED, response_model=PlanMade)
def create_plan(
    body: PlanBody,
    session: SessionDep,
    catalog: CatalogDep,
    athlete_id: OwnAthlete,
    today: Today,
    now: Now,
) -> PlanMade | JSONResponse:
    """Build a plan from the profile and the latest self-tests; the old one stays in history.

    409 when training is on hold (see a physical therapist or orthopedist first) or there is
    no profile yet; 422 when nothing could be placed or ``start`` is more than a year from
    today (the problem names the field and the allowed range).
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
    except StartOutOfRange as exc:
        return field_problem(422, str(exc), exc.field)
    except EmptyPlan as exc:
        raise HTTPException(422, str(exc)) from None
    session.commit()
    return PlanMade(
        start=plan.start,
        weeks=plan.weeks,
        sessions=len(plan.sessions),
        explanations=list(plan.explanations),
    )
