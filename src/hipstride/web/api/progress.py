"""GET /progress: adherence, weekly volume and pain, test trend, ladder steps (as charted)."""

from __future__ import annotations

from fastapi import APIRouter

from hipstride.services.progress import progress
from hipstride.web.api.runner_schemas import ProgressPublic
from hipstride.web.deps import CatalogDep, OwnAthlete, SessionDep, Today

router = APIRouter(prefix="/progress", tags=["progress"])


@router.get("")
def read_progress(
    session: SessionDep, catalog: CatalogDep, athlete_id: OwnAthlete, today: Today
) -> ProgressPublic:
    result = progress(session, catalog=catalog, athlete_id=athlete_id, today=today)
    return ProgressPublic(
        as_of=today,
        adherence=result.adherence,
        total_sets=result.total_sets,
        tests=list(result.tests),
        steps=list(result.steps),
        weeks=list(result.weeks),
        morning_pain=list(result.morning_pain),
    )
