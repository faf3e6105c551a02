"""GET /export and /export.zip: everything kept about the runner (``hipstride export``)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from fastapi.responses import Response

from hipstride.services.data import export_athlete, export_csv_zip
from hipstride.web.deps import Now, OwnAthlete, SessionDep
from hipstride.web.pages.export import ZIP_FILE, download

router = APIRouter(tags=["export"])


@router.get("/export")
def export_json(session: SessionDep, athlete_id: OwnAthlete, now: Now) -> dict[str, Any]:
    """The JSON document ``hipstride import-data`` restores into an empty database."""
    return export_athlete(session, athlete_id=athlete_id, now=now)


@router.get(
    "/export.zip",
    response_class=Response,
    responses={200: {"content": {"application/zip": {}}, "description": "One CSV per table."}},
)
def export_zip(session: SessionDep, athlete_id: OwnAthlete) -> Response:
    """One CSV file per table, zipped."""
    return download(export_csv_zip(session, athlete_id=athlete_id), "application/zip", ZIP_FILE)
