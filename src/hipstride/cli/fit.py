"""``hipstride plan fit``: move the coming sessions onto the week your runs show."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.markup import escape

from hipstride.cli.output import console, fail, print_json
from hipstride.cli.runner import parse_date, runner_session


def fit(
    ctx: typer.Context,
    as_of: Annotated[
        str | None, typer.Option("--as-of", help="Fit as of this day, YYYY-MM-DD (default today).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the lines as JSON.")] = False,
) -> None:
    """Re-plan sessions not yet started to fit the running week your imported runs show."""
    from hipstride.services.replan import fit_plan_to_runs
    from hipstride.services.runner import NeedsProfile

    today = parse_date(as_of, "--as-of")
    try:
        with runner_session(ctx.obj) as (session, athlete):
            lines = fit_plan_to_runs(session, athlete_id=athlete.id, today=today)
    except NeedsProfile as exc:
        fail(str(exc))
    if as_json:
        print_json({"moved": bool(lines), "lines": lines})
        return
    if not lines:
        console.print("Your plan already fits the week your runs show: nothing moved.")
    for line in lines:
        console.print(f"• {escape(line)}")
