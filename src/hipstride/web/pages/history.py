"""The training history: past sessions and their sets, newest first, a page at a time."""

from __future__ import annotations

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from hipstride.services.history import history
from hipstride.web.deps import (
    CatalogDep,
    CurrentAccount,
    OwnAthlete,
    SessionDep,
    TemplatesDep,
)

router = APIRouter(tags=["pages"], include_in_schema=False)


@router.get("/history")
def history_page(
    request: Request,
    session: SessionDep,
    catalog: CatalogDep,
    templates: TemplatesDep,
    viewer: CurrentAccount,
    athlete_id: OwnAthlete,
    page: int = Query(1, ge=1, le=10_000),
) -> Response:
    found = history(session, catalog=catalog, athlete_id=athlete_id, page=page)
    return templates.TemplateResponse(
        request, "history.html", {"viewer": viewer, "nav": "history", "history": found}
    )
