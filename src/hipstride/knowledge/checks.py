"""Checks that span items and files: ids that must resolve, and ladders that must be lines.

Each check returns errors rather than raising, so one run reports every problem at once.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from hipstride.knowledge.joints import angle_problem
from hipstride.knowledge.merge import Merged, Placed
from hipstride.knowledge.models import Claim, Family, Step
from hipstride.knowledge.source import ContentError, Located


def _unknown(kind: str, value: str, known: Iterable[str]) -> str:
    close = difflib.get_close_matches(value, list(known), n=3, cutoff=0.6)
    hint = f"; did you mean {', '.join(close)}?" if close else f"; add it to a {kind} section"
    return f"unknown {kind[:-1] if kind.endswith('s') else kind} id {value!r}{hint}"


def _check_claims(
    claims: Iterable[Claim], where: Located, references: set[str], errors: list[ContentError]
) -> None:
    for i, claim in enumerate(claims):
        for j, ref in enumerate(claim.references):
            if ref not in references:
                errors.append(
                    where.error(
                        _unknown("references", ref, references), "claims", i, "references", j
                    )
                )


def _check_ids(
    values: Iterable[str],
    known: set[str],
    kind: str,
    where: Located,
    field: str,
    errors: list[ContentError],
) -> None:
    for i, value in enumerate(values):
        if value not in known:
            errors.append(where.error(_unknown(kind, value, known), field, i))


def check_references(merged: Merged) -> list[ContentError]:
    """Every id a claim, step or family names must exist."""
    errors: list[ContentError] = []
    s = merged.sections
    refs, muscles, equipment = set(s["references"]), set(s["muscles"]), set(s["equipment"])
    for section in ("muscles", "families", "self_tests"):
        for placed in s[section].values():
            _check_claims(placed.item.claims, placed.where, refs, errors)
    if merged.pain_screen is not None:
        _check_claims(merged.pain_screen.item.claims, merged.pain_screen.where, refs, errors)
    for placed in s["steps"].values():
        step: Step = placed.item
        _check_claims(step.claims, placed.where, refs, errors)
        _check_ids(
            step.primary_muscles, muscles, "muscles", placed.where, "primary_muscles", errors
        )
        _check_ids(
            step.secondary_muscles, muscles, "muscles", placed.where, "secondary_muscles", errors
        )
        _check_ids(step.equipment, equipment, "equipment", placed.where, "equipment", errors)
        if step.family not in s["families"]:
            errors.append(
                placed.where.error(_unknown("families", step.family, s["families"]), "family")
            )
        uses_band = any(
            e in s["equipment"] and s["equipment"][e].item.kind == "band" for e in step.equipment
        )
        if uses_band != (step.band_position is not None):
            errors.append(
                placed.where.error(
                    "a step that uses a band needs band_position, and only such a step has one",
                    "band_position",
                )
            )
    return errors


def check_figures(merged: Merged) -> list[ContentError]:
    """Every keyframe angle must be a known joint angle within that joint's range,
    and every muscle a figure highlights must exist.

    An impossible keyframe would draw a broken body, so the coach is told which angle of
    which keyframe to change, e.g. ``knee_flexion_left: 190° is beyond the knee's range``.
    """
    errors: list[ContentError] = []
    muscles = set(merged.sections["muscles"])
    for section in ("steps", "self_tests"):
        for placed in merged.sections[section].values():
            figure = placed.item.figure
            if figure is None:
                continue
            _check_ids(
                figure.highlight, muscles, "muscles", placed.where.at("figure"), "highlight", errors
            )
            for i, frame in enumerate(figure.keyframes):
                for name, value in frame.angles.items():
                    problem = angle_problem(name, value)
                    if problem is not None:
                        errors.append(
                            placed.where.error(problem, "figure", "keyframes", i, "angles", name)
                        )
    return errors


def build_ladders(merged: Merged) -> tuple[dict[str, list[Step]], list[ContentError]]:
    """Order each family's steps along their ``easier`` links, lowest first.

    A ladder must be one line: one lowest step, no two steps above the same one, no loop,
    and every link inside the family.
    """
    errors: list[ContentError] = []
    steps: dict[str, Placed[Step]] = merged.sections["steps"]
    families: dict[str, Placed[Family]] = merged.sections["families"]
    ladders: dict[str, list[Step]] = {}
    for family_id, family in families.items():
        members = {k: p for k, p in steps.items() if p.item.family == family_id}
        if not members:
            errors.append(
                family.where.error("has no steps; add steps with family: " + family_id, "id")
            )
            continue
        above: dict[str, str] = {}
        roots: list[str] = []
        reported = len(errors)
        for step_id, placed in members.items():
            below = placed.item.easier
            if below is None:
                roots.append(step_id)
            elif below not in steps:
                errors.append(placed.where.error(_unknown("steps", below, steps), "easier"))
            elif below not in members:
                errors.append(
                    placed.where.error(
                        f"{below!r} belongs to family {steps[below].item.family!r}; "
                        f"a step can only follow a step of its own family ({family_id!r})",
                        "easier",
                    )
                )
            elif below in above:
                errors.append(
                    placed.where.error(
                        f"both {above[below]!r} and {step_id!r} follow {below!r}; a ladder is a "
                        f"single line, so set one of them to follow the other",
                        "easier",
                    )
                )
            else:
                above[below] = step_id
        if len(errors) > reported:
            continue
        if len(roots) != 1:
            where = family.where
            if not roots:
                loop = " → ".join(_find_loop(members))
                errors.append(
                    where.error(
                        f"the ladder loops ({loop}); the easiest step must have no easier:",
                        "id",
                    )
                )
            else:
                errors.append(
                    where.error(
                        f"has {len(roots)} steps without easier: ({', '.join(roots)}); "
                        "exactly one step starts the ladder, link the others to it",
                        "id",
                    )
                )
            continue
        order = [roots[0]]
        while order[-1] in above and above[order[-1]] not in order:
            order.append(above[order[-1]])
        missing = [k for k in members if k not in order]
        if missing:
            loop = " → ".join(_find_loop({k: members[k] for k in missing}))
            errors.append(
                members[missing[0]].where.error(
                    f"the ladder loops ({loop}); these steps cannot be reached from {roots[0]!r}",
                    "easier",
                )
            )
            continue
        ladders[family_id] = [members[k].item for k in order]
    return ladders, errors


def _find_loop(members: dict[str, Placed[Step]]) -> list[str]:
    start = next(iter(members))
    path = [start]
    while True:
        below = members[path[-1]].item.easier
        if below is None or below not in members:
            return path
        if below in path:
            return [*path[path.index(below) :], below]
        path.append(below)
