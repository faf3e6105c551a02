"""The exercise library: every ladder and step, with its animated illustration."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import Response

from hipstride.services import library
from hipstride.services.figures import NoFigure, illustration_svg
from hipstride.web.deps import CatalogDep, CurrentAccount, TemplatesDep

router = APIRouter(tags=["pages"], include_in_schema=False)

# An SVG opened on its own: styles inside it, never scripts.
SVG_POLICY = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'"


@router.get("/exercises")
def exercises_page(
    request: Request, catalog: CatalogDep, templates: TemplatesDep, viewer: CurrentAccount
) -> Response:
    drawn = {s.id for s in catalog.steps.values() if s.figure is not None}
    return templates.TemplateResponse(
        request,
        "exercises.html",
        {
            "viewer": viewer,
            "families": library.exercise_listing(catalog),
            "drawn": drawn,
            "nav": "exercises",
        },
    )


@router.get("/exercises/{step_id}.svg")
def exercise_svg(step_id: str, catalog: CatalogDep, viewer: CurrentAccount) -> Response:
    if step_id not in catalog.steps:
        raise HTTPException(404, f"No exercise step {step_id!r}.")
    try:
        svg = illustration_svg(catalog, step_id)
    except NoFigure:
        raise HTTPException(404, f"{step_id!r} has no illustration yet.") from None
    return Response(
        svg,
        media_type="image/svg+xml",
        headers={"content-security-policy": SVG_POLICY, "cache-control": "private, max-age=3600"},
    )


@router.get("/exercises/{step_id}")
def exercise_page(
    request: Request,
    step_id: str,
    catalog: CatalogDep,
    templates: TemplatesDep,
    viewer: CurrentAccount,
) -> Response:
    if step_id not in catalog.steps:
        raise HTTPException(404, f"No exercise step {step_id!r}.")
    return templates.TemplateResponse(
        request,
        "exercise.html",
        {
            "viewer": viewer,
            "step": library.exercise_detail(catalog, step_id),
            "drawn": catalog.steps[step_id].figure is not None,
            "nav": "exercises",
        },
    )
