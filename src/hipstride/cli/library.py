"""Commands that browse the content: exercises, self-tests, references, muscles, equipment."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from hipstride.cli.output import console, fail, print_json

if TYPE_CHECKING:
    from hipstride.knowledge.catalog import Catalog
    from hipstride.settings import Settings

JsonFlag = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]
SvgFile = Annotated[
    Path | None,
    typer.Option(
        "--svg",
        metavar="FILE",
        dir_okay=False,
        help="Write the illustration as SVG to FILE ('-' for standard output).",
    ),
]
StillName = Annotated[
    str | None,
    typer.Option(
        "--still",
        metavar="NAME",
        help="With --svg: one position (e.g. start, end) instead of the animation.",
    ),
]


def load(ctx: typer.Context) -> Catalog:
    return catalog_or_exit(ctx.obj)


def catalog_or_exit(settings: Settings) -> Catalog:
    """The catalog, or a clear exit naming what is wrong with the content."""
    from hipstride.knowledge.catalog import ContentInvalid
    from hipstride.services import library

    try:
        return library.catalog(settings)
    except ContentInvalid as exc:
        shown = "\n".join(f"  {e}" for e in exc.errors[:10])
        more = f"\n  … and {len(exc.errors) - 10} more" if len(exc.errors) > 10 else ""
        fail(
            f"the content has {len(exc.errors)} problem(s):\n{shown}{more}",
            "Run `hipstride content check` on your folder for the full list.",
        )


def _unknown(exc: LookupError, command: str) -> None:
    from hipstride.knowledge.catalog import UnknownId

    assert isinstance(exc, UnknownId)
    hint = f"Run `hipstride {command}` to see every id."
    fail(str(exc), hint)


def _write_svg(draw: Callable[[], str], target: Path, what: str) -> None:
    """Draw lazily (the figure model loads only here) and write or print the SVG."""
    from hipstride.services.figures import NoFigure, UnknownStill

    try:
        svg = draw()
    except UnknownStill as exc:
        fail(str(exc), "Leave out --still for the animation.", code=2)
    except NoFigure as exc:
        fail(str(exc), "Add a figure: with keyframes to its YAML; see `hipstride content check`.")
    if str(target) == "-":
        sys.stdout.write(svg)
        return
    try:
        target.write_text(svg, encoding="utf-8")
    except OSError as exc:
        fail(f"cannot write {target}: {exc.strerror or exc}")
    console.print(f"Wrote the illustration of {what} to {target}.")


def exercises(
    ctx: typer.Context,
    kind: Annotated[
        str | None,
        typer.Option("--kind", help="Only 'strength' or only 'mobility' families."),
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """List the exercise ladders, easiest step first."""
    from hipstride.knowledge.models import FamilyKind
    from hipstride.services.library import exercise_listing

    try:
        wanted = FamilyKind(kind) if kind else None
    except ValueError:
        fail(f"unknown kind {kind!r}", "Use --kind strength or --kind mobility.", code=2)
    listing = exercise_listing(load(ctx), wanted)
    if as_json:
        print_json(listing)
        return
    from hipstride.cli.render import exercises_table

    exercises_table(listing)


def exercise(
    ctx: typer.Context,
    step_id: Annotated[str, typer.Argument(metavar="ID", help="A step id, e.g. glute-bridge.")],
    as_json: JsonFlag = False,
    svg: SvgFile = None,
    still: StillName = None,
) -> None:
    """How to do one step; its ladder, dose and papers. --svg draws it."""
    from hipstride.knowledge.catalog import UnknownId
    from hipstride.services.library import exercise_detail

    if still is not None and svg is None:
        fail("--still chooses a position for --svg", "Add --svg FILE.", code=2)
    catalog = load(ctx)
    try:
        detail = exercise_detail(catalog, step_id)
    except UnknownId as exc:
        _unknown(exc, "exercises")
    if svg is not None:
        from hipstride.services.figures import illustration_svg

        _write_svg(lambda: illustration_svg(catalog, step_id, still=still), svg, detail["name"])
        return
    if as_json:
        print_json(detail)
        return
    from hipstride.cli.render import exercise_page

    exercise_page(detail)


def tests(ctx: typer.Context, as_json: JsonFlag = False) -> None:
    """List the self-tests."""
    from hipstride.services.library import self_test_listing

    listing = self_test_listing(load(ctx))
    if as_json:
        print_json(listing)
        return
    from hipstride.cli.render import simple_table

    simple_table(
        "Self-tests", listing, [("id", "Id"), ("name", "Test"), ("purpose", "What it tells you")]
    )


def test(
    ctx: typer.Context,
    test_id: Annotated[str, typer.Argument(metavar="ID", help="deep-squat or single-leg-bridge.")],
    as_json: JsonFlag = False,
    svg: SvgFile = None,
    still: StillName = None,
) -> None:
    """How to do and score one self-test.

    Also what each result means and what it changes in training. --svg draws it.
    """
    from hipstride.knowledge.catalog import UnknownId
    from hipstride.services.library import self_test_detail

    if still is not None and svg is None:
        fail("--still chooses a position for --svg", "Add --svg FILE.", code=2)
    catalog = load(ctx)
    try:
        detail = self_test_detail(catalog, test_id)
    except UnknownId as exc:
        _unknown(exc, "tests")
    if svg is not None:
        from hipstride.services.figures import self_test_illustration_svg

        _write_svg(
            lambda: self_test_illustration_svg(catalog, test_id, still=still), svg, detail["name"]
        )
        return
    if as_json:
        print_json(detail)
        return
    from hipstride.cli.render import self_test_page

    self_test_page(detail)


def references(ctx: typer.Context, as_json: JsonFlag = False) -> None:
    """The papers behind the content, as numbered."""
    from hipstride.services.library import reference_listing

    listing = reference_listing(load(ctx))
    if as_json:
        print_json(listing)
        return
    from hipstride.cli.render import references_table

    references_table(listing)


def muscles(ctx: typer.Context, as_json: JsonFlag = False) -> None:
    """The muscles trained, in plain words."""
    from hipstride.services.library import muscle_listing

    listing = muscle_listing(load(ctx))
    if as_json:
        print_json(listing)
        return
    from hipstride.cli.render import simple_table

    simple_table(
        "Muscles",
        listing,
        [
            ("name", "Muscle"),
            ("plain_name", "Plain name"),
            ("role_in_running", "What it does when you run"),
        ],
    )


def equipment(ctx: typer.Context, as_json: JsonFlag = False) -> None:
    """The equipment, and what to use instead."""
    from hipstride.services.library import equipment_listing

    listing = equipment_listing(load(ctx))
    if as_json:
        print_json(listing)
        return
    from hipstride.cli.render import simple_table

    simple_table(
        "Equipment",
        listing,
        [("id", "Id"), ("name", "Item"), ("description", "Notes"), ("substitute", "Instead")],
    )


def register(app: typer.Typer) -> None:
    for command in (exercises, exercise, tests, test, references, muscles, equipment):
        app.command()(command)
