"""Runs and running load over the API: the twins of the Runs and Load pages and of
``hipstride runs`` / ``runs import`` / ``runs include|exclude`` / ``load --json``."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from pydantic import BaseModel, Field

from hipstride.services.load import load_for, strength_by_week
from hipstride.services.runs import UnknownRun, count_runs, list_runs, set_counts_for_load
from hipstride.web.api.coaching import PROBLEM_RESPONSES
from hipstride.web.deps import CatalogDep, Now, OwnAthlete, SessionDep, Today, get_store
from hipstride.web.pages.runs import LOAD_WEEKS, reference_list
from hipstride.web.runs_upload import (
    ACCEPT,
    FIELD,
    MAX_UPLOAD_BYTES,
    check_size,
    import_upload,
    outcome_rows,
)

router = APIRouter(tags=["runs"])
_PROBLEMS: dict[int | str, dict[str, Any]] = {
    **{code: PROBLEM_RESPONSES[code] for code in (401, 404, 422)},
    411: {**PROBLEM_RESPONSES[422], "description": "The upload has no Content-Length."},
    413: {**PROBLEM_RESPONSES[422], "description": "The upload (or its file count) is too big."},
}


class RunPublic(BaseModel):
    """One activity, in the runner's time zone and units (as ``hipstride runs --json``)."""

    id: uuid.UUID
    day: date
    start: str = Field(description="Local start, ISO 8601 with the offset.")
    sport: str
    counts_for_load: bool
    distance: float
    units: Literal["km", "mi"]
    elapsed: str
    moving: str
    elapsed_seconds: float
    moving_seconds: float
    pace_per_unit: str | None
    ascent_m: int | None
    avg_heart_rate: int | None
    max_heart_rate: int | None
    avg_cadence_spm: int | None
    laps: int
    indoor: bool
    device: str | None
    source: str
    notes: list[str]


class RunsPage(BaseModel):
    runs: list[RunPublic]
    total: int
    limit: int
    offset: int


class RunPatch(BaseModel):
    counts_for_load: bool = Field(description="Count this activity towards running load.")


class FileOutcomePublic(BaseModel):
    file: str
    status: Literal["imported", "duplicate", "skipped"]
    reason: str | None
    run_id: uuid.UUID | None
    sport: str | None


class ImportResult(BaseModel):
    imported: int
    duplicate: int
    skipped: int
    files: list[FileOutcomePublic]
    refit: list[str] = Field(description="How the plan moved to fit the runs (empty: it did not).")


class WeekPublic(BaseModel):
    start: date
    end: date
    runs: int
    distance: float
    minutes: float
    distance_known: bool
    change: float | None
    acute: float
    chronic: float
    ratio: float | None
    strength_done: int | None
    strength_planned: int | None


class FlagPublic(BaseModel):
    kind: Literal["ratio", "jump"]
    week_start: date
    value: float
    text: str
    references: list[str]


class ReferencePublic(BaseModel):
    id: str
    number: int
    citation: str
    link: str | None


class LoadPublic(BaseModel):
    units: Literal["km", "mi"]
    weeks: list[WeekPublic]
    flags: list[FlagPublic]
    notes: list[str]
    references: list[ReferencePublic]


UPLOAD_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": [FIELD],
                    "properties": {
                        FIELD: {
                            "type": "array",
                            "items": {"type": "string", "format": "binary"},
                            "description": f"Activity files ({ACCEPT}).",
                        }
                    },
                }
            }
        },
    }
}


@router.post(
    "/runs",
    response_model=ImportResult,
    responses=_PROBLEMS,
    openapi_extra=UPLOAD_BODY,
    dependencies=[Depends(check_size)],
    summary=f"Import activity files (up to {MAX_UPLOAD_BYTES // 1024 // 1024} MB a request)",
)
async def import_runs(
    request: Request, athlete_id: OwnAthlete, now: Now, today: Today
) -> ImportResult:
    """Each file is imported, found a duplicate or skipped with its reason; one bad file never
    stops the others. New runs may move the plan's coming sessions (``refit``)."""
    result = await import_upload(
        request, get_store(request), athlete_id=athlete_id, now=now, today=today
    )
    if result.no_files:
        raise HTTPException(422, f"files: send one or more files in the '{FIELD}' field.")
    summary = result.summary
    return ImportResult(
        imported=summary.count("imported"),
        duplicate=summary.count("duplicate"),
        skipped=summary.count("skipped"),
        files=[FileOutcomePublic.model_validate(row) for row in outcome_rows(result)],
        refit=result.refit,
    )


@router.get("/runs", response_model=RunsPage, responses={401: PROBLEM_RESPONSES[401]})
def get_runs(
    session: SessionDep,
    athlete_id: OwnAthlete,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> RunsPage:
    """Your activities, newest first."""
    runs = list_runs(session, athlete_id=athlete_id, limit=offset + limit)[offset:]
    return RunsPage(
        runs=[RunPublic.model_validate(r) for r in runs],
        total=count_runs(session, athlete_id=athlete_id),
        limit=limit,
        offset=offset,
    )


@router.patch(
    "/runs/{run_id}",
    response_model=RunPublic,
    responses={code: PROBLEM_RESPONSES[code] for code in (401, 404, 422)},
)
def patch_run(
    run_id: uuid.UUID, body: RunPatch, session: SessionDep, athlete_id: OwnAthlete
) -> RunPublic:
    """Count an activity towards running load, or leave it out."""
    try:
        set_counts_for_load(
            session, athlete_id=athlete_id, run_key=str(run_id), counts=body.counts_for_load
        )
    except UnknownRun:
        raise HTTPException(404, "You have no run with that id.") from None
    session.commit()
    found = next(r for r in list_runs(session, athlete_id=athlete_id) if r["id"] == str(run_id))
    return RunPublic.model_validate(found)


@router.get("/load", response_model=LoadPublic, responses={401: PROBLEM_RESPONSES[401]})
def get_load(
    session: SessionDep,
    catalog: CatalogDep,
    athlete_id: OwnAthlete,
    today: Today,
    weeks: Annotated[int, Query(ge=1, le=520)] = LOAD_WEEKS,
) -> LoadPublic:
    """Weekly running volume and load beside strength sessions done/planned, with the
    advisory flags (advice only: nothing is blocked) and the papers behind them."""
    from hipstride.running.load import METHOD_REFS
    from hipstride.running.records import in_units

    report, units = load_for(session, athlete_id=athlete_id, today=today, weeks=weeks)
    strength = strength_by_week(session, athlete_id=athlete_id)
    refs: list[dict[str, Any]] = reference_list(
        catalog, [*METHOD_REFS, *(r for f in report.flags for r in f.references)]
    )
    return LoadPublic(
        units=units,
        weeks=[
            WeekPublic(
                start=w.start,
                end=w.end,
                runs=w.runs,
                distance=round(in_units(w.distance_m, units), 2),
                minutes=round(w.seconds / 60, 1),
                distance_known=w.distance_known,
                change=w.change,
                acute=round(w.acute, 2),
                chronic=round(w.chronic, 2),
                ratio=round(w.ratio, 2) if w.ratio is not None else None,
                strength_done=strength[w.start][0] if w.start in strength else None,
                strength_planned=strength[w.start][1] if w.start in strength else None,
            )
            for w in report.weeks
        ],
        flags=[
            FlagPublic(
                kind=f.kind,
                week_start=f.week_start,
                value=f.value,
                text=f.text,
                references=list(f.references),
            )
            for f in report.flags
        ],
        notes=list(report.notes),
        references=[ReferencePublic.model_validate(r) for r in refs],
    )
