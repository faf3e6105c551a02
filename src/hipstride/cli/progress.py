"""``hipstride progress``: a summary in the terminal, and charts with ``--plot``."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from hipstride.cli.library import catalog_or_exit
from hipstride.cli.output import console, fail, print_json
from hipstride.cli.runner import parse_date, runner_session

if TYPE_CHECKING:
    from hipstride.training.progress import Progress


def progress(
    ctx: typer.Context,
    plot: Annotated[
        Path | None, typer.Option(help="Write the charts to a .png or .svg file.")
    ] = None,
    as_of: Annotated[
        str | None, typer.Option("--as-of", help="Summarise up to this day (default today).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
) -> None:
    """Tests, ladders, adherence, volume and pain.

    A summary in the terminal; --plot writes the charts.
    """
    from dataclasses import asdict

    from hipstride.services.progress import progress as summary

    if plot is not None and plot.suffix.lower() not in (".png", ".svg"):
        fail(f"--plot: {plot} must end in .png or .svg", "For example --plot progress.png", code=2)
    catalog = catalog_or_exit(ctx.obj)
    today = parse_date(as_of, "--as-of")
    with runner_session(ctx.obj) as (session, athlete):
        result = summary(session, catalog=catalog, athlete_id=athlete.id, today=today)
    if as_json:
        print_json({**asdict(result), "adherence": result.adherence} | {"as_of": today.isoformat()})
    else:
        _print(result)
    if plot is not None:
        from hipstride.exports.charts import write_progress_charts

        write_progress_charts(result, plot)
        console.print(f"Charts written to {plot}")


def _print(result: Progress) -> None:
    adherence = f"{result.adherence:.0%}" if result.adherence is not None else "—"
    console.print(
        f"[bold]Adherence[/]: {adherence} of planned sessions done · "
        f"{result.total_sets} sets logged"
    )
    if result.tests:
        tests = Table(
            "Date", "Test", "Side", "Score", "Hold", title="Self-tests", title_justify="left"
        )
        for t in result.tests:
            hold = f"{t.hold_seconds:.0f} s" if t.hold_seconds is not None else ""
            tests.add_row(
                f"{t.day:%d %b %Y}",
                t.test_id,
                t.side or "",
                f"{t.score}/3" if t.score is not None else "",
                hold,
            )
        console.print(tests)
    if result.steps:
        steps = Table("Exercise", "Step reached", "Level", title="Ladders", title_justify="left")
        for s in result.steps:
            steps.add_row(s.family_name, s.step_name, f"{s.level}/{s.of}")
        console.print(steps)
    if result.weeks:
        weeks = Table(
            "Week of", "Sessions", "Sets", "Highest pain", title="Weeks", title_justify="left"
        )
        for w in result.weeks:
            weeks.add_row(
                f"{w.start:%d %b}",
                f"{w.done}/{w.planned}",
                str(w.sets),
                "" if w.max_pain is None else f"{w.max_pain}/10",
            )
        console.print(weeks)
