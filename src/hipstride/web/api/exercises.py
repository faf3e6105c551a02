"""GET /exercises and /exercises/{step_id}: the ladders and their steps (shared content)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException

from hipstride.services import library
from hipstride.web.deps import CatalogDep, CurrentAccount

router = APIRouter(prefix="/exercises", tags=["exercises"])


@router.get("")
def list_exercises(catalog: CatalogDep, viewer: CurrentAccount) -> list[dict[str, Any]]:
    """Every exercise family with its ladder of steps, easiest first."""
    return library.exercise_listing(catalog)


@router.get("/{step_id}")
def read_exercise(step_id: str, catalog: CatalogDep, viewer: CurrentAccount) -> dict[str, Any]:
    """One step: set-up, steps, cues, muscles, dose, its ladder and numbered references."""
    if step_id not in catalog.steps:
        raise HTTPException(404, f"No exercise step {step_id!r}.")
    return library.exercise_detail(catalog, step_id)
