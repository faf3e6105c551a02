"""``hipstride handout``: the plan as a printable PDF with pictures and a tick table."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from hipstride.cli.library import catalog_or_exit
from hipstride.cli.output import console, fail
from hipstride.cli.runner import parse_date, runner_session


def handout(
    ctx: typer.Context,
    out: Annotated[Path, typer.Option("--out", "-o", help="The PDF file to write.")] = Path(
        "hipstride-plan.pdf"
    ),
    paper: Annotated[str, typer.Option(help="Paper size: A4 or Letter.")] = "A4",
    as_of: Annotated[
        str | None, typer.Option("--as-of", help="Print the plan as of this day.")
    ] = None,
) -> None:
    """Print your plan: exercises with pictures, tests, a weekly tick table, references."""
    from hipstride.services.figures import printable_stills
    from hipstride.services.handout import NoPlan, build_handout, save_handout
    from hipstride.services.runner import NeedsProfile

    sizes = {"a4": "A4", "letter": "Letter"}
    if paper.lower() not in sizes:
        fail(f"--paper: {paper!r} is not A4 or Letter", code=2)
    if out.suffix.lower() != ".pdf":
        fail(f"--out: {out} should end in .pdf", "For example --out plan.pdf", code=2)
    catalog = catalog_or_exit(ctx.obj)
    try:
        with runner_session(ctx.obj) as (session, athlete):
            data = build_handout(
                session,
                catalog=catalog,
                athlete_id=athlete.id,
                runner=athlete.name,
                today=parse_date(as_of, "--as-of"),
                pictures=lambda step_id: printable_stills(catalog, step_id),
            )
    except (NoPlan, NeedsProfile) as exc:
        fail(str(exc))
    save_handout(data, out, paper=sizes[paper.lower()])  # type: ignore[arg-type]
    console.print(f"Handout written to {out} ({sizes[paper.lower()]}).")
