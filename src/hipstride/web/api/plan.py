"""GET /plan: the signed-in runner's active plan, week by week."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException

from hipstride.services.planning import plan_overview
from hipstride.web.deps import CatalogDep, OwnAthlete, SessionDep

router = APIRouter(prefix="/plan", tags=["plan"])


@router.get("")
def read_plan(session: SessionDep, catalog: CatalogDep, athlete_id: OwnAthlete) -> dict[str, Any]:
    """The active plan with each session's exercises, doses and whether it is done."""
    overview = plan_overview(session, catalog=catalog, athlete_id=athlete_id)
    if overview is None:
        raise HTTPException(404, "No plan yet: take the self-tests and make a plan first.")
    return overview
