"""Illustrations as a use case: the SVG of a step or self-test, for the CLI and the web.

Kept apart from ``services.library`` so that only commands that draw pay for importing
the figure model.
"""

from __future__ import annotations

from hipstride.figures.render import (
    NoFigure,
    UnknownStill,
    self_test_illustration,
    step_illustration,
)
from hipstride.knowledge.catalog import Catalog

__all__ = ["NoFigure", "UnknownStill", "illustration_svg", "self_test_illustration_svg"]


def illustration_svg(catalog: Catalog, step_id: str, *, still: str | None = None) -> str:
    """A step's illustration: the animation, or the keyframe named ``still``."""
    return step_illustration(catalog, step_id, still=still)


def self_test_illustration_svg(catalog: Catalog, test_id: str, *, still: str | None = None) -> str:
    """A self-test's illustration: the animation, or the keyframe named ``still``."""
    return self_test_illustration(catalog, test_id, still=still)


def printable_stills(catalog: Catalog, step_id: str) -> tuple[str, ...]:
    """The first and last positions of a step in plain colours, for a PDF; none if undrawn."""
    from hipstride.figures.render import keyframe_names

    step = catalog.step(step_id)
    if step.figure is None:
        return ()
    names = keyframe_names(step)
    return tuple(
        step_illustration(catalog, step_id, still=name, printable=True)
        for name in dict.fromkeys([names[0], names[-1]])
    )
