"""Browsing the content: listings and details shaped for the CLI's tables and ``--json``.

Each function returns plain JSON-ready data, so the CLI and the web app show the same facts.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hipstride.knowledge.catalog import Catalog, load_catalog, validate_content
from hipstride.knowledge.models import Claim, FamilyKind, Step
from hipstride.knowledge.source import ContentError
from hipstride.settings import Settings


def catalog(settings: Settings) -> Catalog:
    """The catalog for these settings (bundled content plus the user's folder, if any)."""
    return load_catalog(settings.content_dir)


def check_content(folder: Path | None) -> tuple[Catalog | None, list[ContentError]]:
    """Validate the bundled content, plus ``folder`` on top of it when given."""
    return validate_content(folder)


def _claims(cat: Catalog, claims: list[Claim]) -> list[dict[str, Any]]:
    numbers = cat.citation_numbers()
    return [
        {
            "text": c.text,
            "references": c.references,
            "citations": [numbers[r] for r in c.references],
            "from_article": c.from_article,
        }
        for c in claims
    ]


def _muscle_names(cat: Catalog, ids: list[str]) -> list[str]:
    return [cat.muscles[m].name for m in ids]


def step_row(cat: Catalog, step: Step) -> dict[str, Any]:
    place = cat.place(step.id)
    return {
        "id": step.id,
        "name": step.name,
        "family": step.family,
        "level": place.level,
        "of": len(place.ladder),
        "origin": step.origin.value,
        "laterality": step.laterality.value,
        "equipment": step.equipment,
        "primary_muscles": step.primary_muscles,
        "main_muscles": _muscle_names(cat, step.primary_muscles),
        "dose": step.dose.describe(step.laterality),
    }


def exercise_listing(cat: Catalog, kind: FamilyKind | None = None) -> list[dict[str, Any]]:
    """Every family with its ladder, easiest step first."""
    return [
        {
            "id": family.id,
            "name": family.name,
            "kind": family.kind.value,
            "role": family.role.value,
            "from_article": family.from_article,
            "steps": [step_row(cat, s) for s in cat.ladders[family.id]],
        }
        for family in cat.ordered_families()
        if kind is None or family.kind is kind
    ]


def exercise_detail(cat: Catalog, step_id: str) -> dict[str, Any]:
    """Everything about one step, its place on its ladder and the papers behind it."""
    step = cat.step(step_id)
    place = cat.place(step_id)
    numbers = cat.citation_numbers()
    data = step.model_dump(mode="json", exclude={"claims"})
    data.update(
        family_name=place.family.name,
        level=place.level,
        ladder=[{"id": s.id, "name": s.name} for s in place.ladder],
        easier_step=place.easier.id if place.easier else None,
        harder_step=place.harder.id if place.harder else None,
        equipment_names=[cat.equipment[e].name for e in step.equipment],
        primary_muscle_names=_muscle_names(cat, step.primary_muscles),
        secondary_muscle_names=_muscle_names(cat, step.secondary_muscles),
        dose_text=step.dose.describe(step.laterality),
        claims=_claims(cat, step.claims),
        references=[_reference(cat, cat.references[r], numbers) for r in step.references],
    )
    return data


def self_test_listing(cat: Catalog) -> list[dict[str, Any]]:
    return [
        {"id": t.id, "name": t.name, "purpose": t.purpose, "measures": [m.id for m in t.measures]}
        for t in cat.self_tests.values()
    ]


def self_test_detail(cat: Catalog, test_id: str) -> dict[str, Any]:
    test = cat.self_test(test_id)
    numbers = cat.citation_numbers()
    data = test.model_dump(mode="json", exclude={"claims"})
    refs = dict.fromkeys(r for c in test.claims for r in c.references)
    data.update(
        claims=_claims(cat, test.claims),
        references=[_reference(cat, cat.references[r], numbers) for r in refs],
    )
    return data


def _reference(cat: Catalog, ref: Any, numbers: dict[str, int]) -> dict[str, Any]:
    data: dict[str, Any] = ref.model_dump(mode="json")
    data.update(number=numbers[ref.id], citation=ref.citation, link=ref.link)
    return data


def reference_listing(cat: Catalog) -> list[dict[str, Any]]:
    numbers = cat.citation_numbers()
    refs = sorted(cat.references.values(), key=lambda r: numbers[r.id])
    return [_reference(cat, r, numbers) for r in refs]


def muscle_listing(cat: Catalog) -> list[dict[str, Any]]:
    """Each muscle, with the steps that train it most."""
    trained_by: dict[str, list[str]] = {m: [] for m in cat.muscles}
    for step in cat.steps.values():
        for m in step.primary_muscles:
            trained_by[m].append(step.id)
    return [
        {
            **m.model_dump(mode="json", exclude={"claims"}),
            "claims": _claims(cat, m.claims),
            "primary_in": trained_by[m.id],
        }
        for m in cat.muscles.values()
    ]


def equipment_listing(cat: Catalog) -> list[dict[str, Any]]:
    return [e.model_dump(mode="json") for e in cat.equipment.values()]
