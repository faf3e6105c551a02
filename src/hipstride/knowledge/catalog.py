"""The catalog: every piece of content, validated, merged and indexed, loaded once.

``load_catalog`` is the only way in. It reads the bundled content and, if given, a user's
folder that adds to or overrides it, and either returns a complete ``Catalog`` or raises
``ContentInvalid`` with every problem found.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path

from hipstride.knowledge.checks import build_ladders, check_figures, check_references
from hipstride.knowledge.merge import merge_folders
from hipstride.knowledge.models import (
    Equipment,
    Family,
    FamilyKind,
    Muscle,
    PainScreen,
    Reference,
    SelfTest,
    Step,
)
from hipstride.knowledge.source import ContentError

BUNDLED = Path(__file__).parent / "data"


class ContentInvalid(Exception):
    """The content has problems; ``errors`` lists each with file, line and field."""

    def __init__(self, errors: list[ContentError]) -> None:
        self.errors = errors
        super().__init__(
            f"{len(errors)} problem(s) in the content:\n" + "\n".join(map(str, errors))
        )


class UnknownId(LookupError):
    """An id that is not in the catalog, with the closest ids that are."""

    def __init__(self, kind: str, wanted: str, suggestions: list[str]) -> None:
        self.kind, self.wanted, self.suggestions = kind, wanted, suggestions
        hint = f" Did you mean: {', '.join(suggestions)}?" if suggestions else ""
        super().__init__(f"No {kind} with id {wanted!r}.{hint}")


@dataclass(frozen=True)
class LadderPlace:
    """Where a step sits on its family's ladder (levels count from 1, the easiest)."""

    family: Family
    ladder: tuple[Step, ...]
    level: int

    @property
    def easier(self) -> Step | None:
        return self.ladder[self.level - 2] if self.level > 1 else None

    @property
    def harder(self) -> Step | None:
        return self.ladder[self.level] if self.level < len(self.ladder) else None


def _suggest(wanted: str, names: dict[str, str]) -> list[str]:
    """Closest ids by id or by name, then ids that contain the word typed."""
    by_id = difflib.get_close_matches(wanted, list(names), n=3, cutoff=0.5)
    lowered = {name.lower(): key for key, name in names.items()}
    by_name = [
        lowered[n]
        for n in difflib.get_close_matches(wanted.lower(), list(lowered), n=3, cutoff=0.5)
    ]
    containing = [k for k in names if wanted.lower() in k]
    return list(dict.fromkeys([*by_id, *by_name, *containing]))[:3]


@dataclass(frozen=True)
class Catalog:
    references: dict[str, Reference]
    muscles: dict[str, Muscle]
    equipment: dict[str, Equipment]
    families: dict[str, Family]
    ladders: dict[str, tuple[Step, ...]]
    self_tests: dict[str, SelfTest]
    pain_screen: PainScreen
    overridden: frozenset[tuple[str, str]] = frozenset()

    @cached_property
    def steps(self) -> dict[str, Step]:
        return {s.id: s for ladder in self.ladders.values() for s in ladder}

    def ordered_families(self) -> list[Family]:
        """Families in the order a session uses them: by ``order``, then name."""
        return sorted(self.families.values(), key=lambda f: (f.order, f.name))

    def strength_families(self) -> list[Family]:
        return [f for f in self.ordered_families() if f.kind is FamilyKind.STRENGTH]

    def step(self, step_id: str) -> Step:
        steps = self.steps
        if step_id not in steps:
            raise UnknownId(
                "exercise", step_id, _suggest(step_id, {k: s.name for k, s in steps.items()})
            )
        return steps[step_id]

    def place(self, step_id: str) -> LadderPlace:
        step = self.step(step_id)
        ladder = self.ladders[step.family]
        return LadderPlace(self.families[step.family], ladder, ladder.index(step) + 1)

    def self_test(self, test_id: str) -> SelfTest:
        if test_id not in self.self_tests:
            names = {k: t.name for k, t in self.self_tests.items()}
            raise UnknownId("self-test", test_id, _suggest(test_id, names))
        return self.self_tests[test_id]

    def reference(self, ref_id: str) -> Reference:
        if ref_id not in self.references:
            names = {k: r.title for k, r in self.references.items()}
            raise UnknownId("reference", ref_id, _suggest(ref_id, names))
        return self.references[ref_id]

    def citation_numbers(self) -> dict[str, int]:
        """A stable number for each paper: the article's order first, then the added ones."""
        ordered = sorted(
            self.references.values(),
            key=lambda r: (r.added, min(r.article_numbers, default=0), r.year, r.id),
        )
        return {r.id: i for i, r in enumerate(ordered, start=1)}


def validate_content(user_folder: Path | None = None) -> tuple[Catalog | None, list[ContentError]]:
    """Read, merge and check the content; return the catalog (if sound) and every problem."""
    folders = [(BUNDLED, "bundled")]
    if user_folder is not None:
        folders.append((user_folder, str(user_folder)))
    merged, replaced = merge_folders(folders)
    errors = list(merged.errors)
    errors += check_references(merged)
    errors += check_figures(merged)
    ladders, ladder_errors = build_ladders(merged)
    errors += ladder_errors
    if merged.pain_screen is None:
        errors.append(
            ContentError("bundled", None, "pain_screen", "is missing; the pain screen is required")
        )
    if errors or merged.pain_screen is None:
        return None, errors
    s = merged.sections
    catalog = Catalog(
        references={k: p.item for k, p in s["references"].items()},
        muscles={k: p.item for k, p in s["muscles"].items()},
        equipment={k: p.item for k, p in s["equipment"].items()},
        families={k: p.item for k, p in s["families"].items()},
        ladders={k: tuple(v) for k, v in ladders.items()},
        self_tests={k: p.item for k, p in s["self_tests"].items()},
        pain_screen=merged.pain_screen.item,
        overridden=frozenset(replaced),
    )
    return catalog, []


@cache
def load_catalog(user_folder: Path | None = None) -> Catalog:
    """The catalog for this process, read once per folder; raises ``ContentInvalid``."""
    catalog, errors = validate_content(user_folder)
    if catalog is None:
        raise ContentInvalid(errors)
    return catalog
