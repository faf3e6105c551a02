"""The plan as a week calendar."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from hipstride.services.planning import plan_overview
from hipstride.web.deps import (
    CatalogDep,
    CurrentAccount,
    OwnAthlete,
    SessionDep,
    TemplatesDep,
    Today,
)

router = APIRouter(tags=["pages"], include_in_schema=False)


@router.get("/plan")
def plan_page(
    request: Request,
    session: SessionDep,
    catalog: CatalogDep,
    templates: TemplatesDep,
    viewer: CurrentAccount,
    athlete_id: OwnAthlete,
    today: Today,
) -> Response:
    overview = plan_overview(session, catalog=catalog, athlete_id=athlete_id)
    return templates.TemplateResponse(
        request,
        "plan.html",
        {"viewer": viewer, "plan": overview, "today": today.isoformat(), "nav": "plan"},
    )
