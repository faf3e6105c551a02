"""GET /history: sessions done and their sets, newest first, a page at a time."""

from __future__ import annotations

from dataclasses import asdict

from fastapi import APIRouter, Query

from hipstride.services.history import MAX_PER_PAGE, PER_PAGE, history
from hipstride.web.api.runner_schemas import HistoryPublic, HistorySession
from hipstride.web.deps import CatalogDep, OwnAthlete, SessionDep

router = APIRouter(prefix="/history", tags=["history"])


@router.get("")
def read_history(
    session: SessionDep,
    catalog: CatalogDep,
    athlete_id: OwnAthlete,
    page: int = Query(1, ge=1, le=10_000),
    per_page: int = Query(PER_PAGE, ge=1, le=MAX_PER_PAGE),
) -> HistoryPublic:
    found = history(session, catalog=catalog, athlete_id=athlete_id, page=page, per_page=per_page)
    return HistoryPublic(
        page=found.page,
        per_page=found.per_page,
        total=found.total,
        pages=found.pages,
        sessions=[HistorySession.model_validate(asdict(s)) for s in found.sessions],
    )
