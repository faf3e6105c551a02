"""Progress (``hipstride progress``): adherence, the charts drawn on the server, the tables."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from hipstride.services.progress import progress
from hipstride.web.charts_svg import progress_charts
from hipstride.web.deps import (
    CatalogDep,
    CurrentAccount,
    OwnAthlete,
    SessionDep,
    TemplatesDep,
    Today,
)

router = APIRouter(tags=["pages"], include_in_schema=False)


@router.get("/progress")
def progress_page(
    request: Request,
    session: SessionDep,
    catalog: CatalogDep,
    templates: TemplatesDep,
    viewer: CurrentAccount,
    athlete_id: OwnAthlete,
    today: Today,
) -> Response:
    result = progress(session, catalog=catalog, athlete_id=athlete_id, today=today)
    return templates.TemplateResponse(
        request,
        "progress.html",
        {
            "viewer": viewer,
            "nav": "progress",
            "p": result,
            "charts": progress_charts(result),
        },
    )
