"""Export of all my data (``hipstride export``): the JSON document and the CSV tables as a zip."""

from __future__ import annotations

import json

from fastapi import APIRouter, Request
from fastapi.responses import Response

from hipstride.services.data import export_athlete, export_csv_zip
from hipstride.web.deps import CurrentAccount, Now, OwnAthlete, SessionDep, TemplatesDep

router = APIRouter(tags=["pages"], include_in_schema=False)
JSON_FILE = "hipstride-data.json"
ZIP_FILE = "hipstride-data-csv.zip"


def download(body: bytes, media_type: str, file_name: str) -> Response:
    """A file to save, never cached on the way (it is the runner's whole record)."""
    return Response(
        body,
        media_type=media_type,
        headers={
            "content-disposition": f'attachment; filename="{file_name}"',
            "cache-control": "no-store",
        },
    )


@router.get("/export")
def export_page(request: Request, templates: TemplatesDep, viewer: CurrentAccount) -> Response:
    return templates.TemplateResponse(
        request,
        "export.html",
        {"viewer": viewer, "nav": "export", "json_file": JSON_FILE, "zip_file": ZIP_FILE},
    )


@router.get(f"/export/{JSON_FILE}")
def export_json(session: SessionDep, athlete_id: OwnAthlete, now: Now) -> Response:
    document = export_athlete(session, athlete_id=athlete_id, now=now)
    body = json.dumps(document, indent=2, ensure_ascii=False).encode() + b"\n"
    return download(body, "application/json", JSON_FILE)


@router.get(f"/export/{ZIP_FILE}")
def export_zip(session: SessionDep, athlete_id: OwnAthlete) -> Response:
    return download(export_csv_zip(session, athlete_id=athlete_id), "application/zip", ZIP_FILE)
