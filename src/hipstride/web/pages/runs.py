"""Runs (``hipstride runs``) and running load (``hipstride load``) as pages.

The upload is a plain multipart form; static/upload.js only adds a progress bar. The size is
checked before the CSRF dependency reads the body (see ``runs_upload.check_size``).
"""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, HTTPException, Query, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy.orm import Session

from hipstride.knowledge.catalog import Catalog
from hipstride.services.load import load_for, strength_by_week
from hipstride.services.runs import UnknownRun, count_runs, list_runs, set_counts_for_load
from hipstride.web.deps import (
    CatalogDep,
    CsrfChecked,
    CurrentAccount,
    Now,
    OwnAthlete,
    SessionDep,
    TemplatesDep,
    Today,
    get_store,
)
from hipstride.web.load_svg import load_chart
from hipstride.web.runs_upload import (
    ACCEPT,
    MAX_UPLOAD_BYTES,
    MAX_UPLOAD_FILES,
    UploadResult,
    check_size,
    import_upload,
    outcome_rows,
)

router = APIRouter(tags=["pages"], include_in_schema=False)
PER_PAGE = 25
LOAD_WEEKS = 12


def runs_page_data(session: Session, athlete_id: uuid.UUID, page: int) -> dict[str, Any]:
    """One page of the runner's runs, newest first, and how many pages there are."""
    total = count_runs(session, athlete_id=athlete_id)
    pages = max(1, -(-total // PER_PAGE))
    page = min(max(page, 1), pages)
    offset = (page - 1) * PER_PAGE
    runs = list_runs(session, athlete_id=athlete_id, limit=offset + PER_PAGE)[offset:]
    return {"runs": runs, "page": page, "pages": pages, "total": total}


def _runs_response(
    request: Request,
    templates: TemplatesDep,
    viewer: CurrentAccount,
    session: Session,
    *,
    page: int = 1,
    result: UploadResult | None = None,
    status_code: int = 200,
) -> Response:
    context = {
        "viewer": viewer,
        "nav": "runs",
        "accept": ACCEPT,
        "max_mb": MAX_UPLOAD_BYTES // 1024 // 1024,
        "max_files": MAX_UPLOAD_FILES,
        "result": result,
        "outcomes": outcome_rows(result) if result else [],
        **runs_page_data(session, viewer.athlete_id, page),
    }
    return templates.TemplateResponse(request, "runs.html", context, status_code=status_code)


@router.get("/runs")
def runs_page(
    request: Request,
    templates: TemplatesDep,
    viewer: CurrentAccount,
    session: SessionDep,
    page: Annotated[int, Query(ge=1)] = 1,
) -> Response:
    return _runs_response(request, templates, viewer, session, page=page)


@router.post("/runs", dependencies=[Depends(check_size), CsrfChecked])
async def upload_runs(
    request: Request,
    templates: TemplatesDep,
    viewer: CurrentAccount,
    session: SessionDep,
    athlete_id: OwnAthlete,
    now: Now,
    today: Today,
) -> Response:
    """Import the uploaded files and show each one's outcome above the list."""
    result = await import_upload(
        request, get_store(request), athlete_id=athlete_id, now=now, today=today
    )
    session.expire_all()  # the import wrote through its own sessions
    code = (
        422
        if result.no_files or (result.summary.failed and not result.summary.count("imported"))
        else 200
    )
    return _runs_response(request, templates, viewer, session, result=result, status_code=code)


@router.post("/runs/{run_id}/load", dependencies=[CsrfChecked])
def set_load(
    run_id: uuid.UUID,
    session: SessionDep,
    athlete_id: OwnAthlete,
    counts: Annotated[bool, Form()] = False,
    page: Annotated[int, Form(ge=1)] = 1,
) -> Response:
    """Count an activity towards running load, or leave it out."""
    try:
        set_counts_for_load(session, athlete_id=athlete_id, run_key=str(run_id), counts=counts)
    except UnknownRun:
        raise HTTPException(404, "You have no run with that id.") from None
    session.commit()
    return RedirectResponse(f"/runs?page={page}#run-{run_id}", status_code=303)


def reference_list(catalog: Catalog, ids: list[str]) -> list[dict[str, Any]]:
    """The papers behind the method and the flags, numbered in order of first mention."""
    seen: list[str] = []
    for ref_id in ids:
        if ref_id not in seen and ref_id in catalog.references:
            seen.append(ref_id)
    return [
        {
            "id": r,
            "number": n,
            "citation": catalog.references[r].citation,
            "link": catalog.references[r].link,
        }
        for n, r in enumerate(seen, 1)
    ]


@router.get("/load")
def load_page(
    request: Request,
    templates: TemplatesDep,
    viewer: CurrentAccount,
    session: SessionDep,
    catalog: CatalogDep,
    athlete_id: OwnAthlete,
    today: Today,
) -> Response:
    from hipstride.running.load import METHOD_REFS
    from hipstride.running.records import in_units

    report, units = load_for(session, athlete_id=athlete_id, today=today, weeks=LOAD_WEEKS)
    strength = strength_by_week(session, athlete_id=athlete_id)
    refs = reference_list(catalog, [*METHOD_REFS, *(r for f in report.flags for r in f.references)])
    numbers = {r["id"]: r["number"] for r in refs}
    return templates.TemplateResponse(
        request,
        "load.html",
        {
            "viewer": viewer,
            "nav": "runs",
            "report": report,
            "units": units,
            "rows": [
                (w, in_units(w.distance_m, units), strength.get(w.start)) for w in report.weeks
            ],
            "chart": load_chart(report.weeks, report.flags, strength, units),
            "references": refs,
            "numbers": numbers,
            "method_refs": METHOD_REFS,
        },
    )
