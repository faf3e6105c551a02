"""``hipstride runs``: list imported activities; ``runs import``: read watch and app exports."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.markup import escape
from rich.table import Table

from hipstride.cli.output import console, fail, print_json
from hipstride.cli.runner import now, runner_session

if TYPE_CHECKING:
    from hipstride.running.records import Units
    from hipstride.services.runs import ImportSummary

app = typer.Typer(
    help="Your imported runs (and other activities); `runs import` reads activity files.",
    invoke_without_command=True,
)


@app.callback()
def list_runs(
    ctx: typer.Context,
    limit: Annotated[int, typer.Option(min=1, help="How many, newest first.")] = 50,
    units: Annotated[str | None, typer.Option(help="km or mi (default: your own setting).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Imported activities, newest first, in your time zone and units."""
    if ctx.invoked_subcommand is not None:
        return
    from hipstride.services.runs import list_runs as listed

    if units not in (None, "km", "mi"):
        fail(f"--units: {units!r} is neither km nor mi", "Use --units km or --units mi.", code=2)
    with runner_session(ctx.obj) as (session, athlete):
        runs = listed(
            session,
            athlete_id=athlete.id,
            limit=limit,
            units="mi" if units == "mi" else "km" if units == "km" else None,
        )
    if as_json:
        print_json(runs)
        return
    if not runs:
        console.print("No runs yet. `hipstride runs import FILE_OR_FOLDER` reads your exports.")
        return
    table = Table("id", "day", "sport", "distance", "time", "pace", "HR", "load", "source")
    for run in runs:
        table.add_row(
            run["id"][:8],
            f"{run['start'][:16].replace('T', ' ')}",
            run["sport"] + (" (indoor)" if run["indoor"] else ""),
            f"{run['distance']:.2f} {run['units']}",
            run["elapsed"],
            f"{run['pace_per_unit']}/{run['units']}" if run["pace_per_unit"] else "—",
            str(run["avg_heart_rate"] or "—"),
            "yes" if run["counts_for_load"] else "no",
            escape(Path(run["source"]).name),
        )
    console.print(table)


@app.command("import")
def import_files(
    ctx: typer.Context,
    paths: Annotated[
        list[Path],
        typer.Argument(help="FIT, TCX or GPX files, .gz or .zip exports, or folders."),
    ],
    as_json: Annotated[bool, typer.Option("--json", help="Print the outcome as JSON.")] = False,
) -> None:
    """Import activity files; duplicates are skipped, a bad file never stops the others."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from hipstride.cli.runner import _store
    from hipstride.services.runs import FileOutcome, import_paths

    with runner_session(ctx.obj, create=True) as (_, athlete):
        athlete_id, zone = athlete.id, athlete.time_zone
        units: Units = "mi" if athlete.units == "mi" else "km"
    bar = Progress(
        TextColumn("Importing"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.description}"),
        console=console,
        transient=True,
        disable=as_json,
    )
    with bar:
        task = bar.add_task("", total=None)

        def advance(done: int, total: int, outcome: FileOutcome) -> None:
            bar.update(task, completed=done, total=total, description=Path(outcome.name).name)

        summary = import_paths(
            _store(ctx.obj).sessions,
            athlete_id=athlete_id,
            paths=paths,
            now=now(),
            progress=advance,
        )
    if as_json:
        print_json(
            [
                {
                    "file": o.name,
                    "status": o.status,
                    "reason": o.reason,
                    "run_id": str(o.run_id) if o.run_id else None,
                    "sport": o.record.sport if o.record else None,
                }
                for o in summary.outcomes
            ]
        )
    else:
        _print_summary(summary, units, zone)
    if summary.count("imported"):
        _fit_plan(ctx, quiet=as_json)
    if summary.failed:
        raise typer.Exit(1)


def _fit_plan(ctx: typer.Context, *, quiet: bool) -> None:
    """New runs may show a new week: move the plan's coming sessions to fit it, and say so."""
    from hipstride.services.replan import fit_plan_to_runs
    from hipstride.services.runner import NeedsProfile, local_date

    try:
        with runner_session(ctx.obj) as (session, athlete):
            today = local_date(session, athlete_id=athlete.id, moment=now())
            lines = fit_plan_to_runs(session, athlete_id=athlete.id, today=today)
    except NeedsProfile:
        return
    if lines and not quiet:
        console.print("\n[bold]Your plan now fits the week your runs show:[/]")
        for line in lines:
            console.print(f"• {escape(line)}")


def _print_summary(summary: ImportSummary, units: Units, zone_name: str) -> None:
    from hipstride.running.records import format_duration, in_units
    from hipstride.services.runner import zone_or_utc

    zone = zone_or_utc(zone_name)

    for outcome in summary.outcomes:
        name = escape(outcome.name)
        if outcome.status == "imported" and outcome.record is not None:
            record = outcome.record
            console.print(
                f"[green]imported[/] {name}: {record.local_start(zone):%Y-%m-%d %H:%M}, "
                f"{record.sport}, "
                f"{in_units(record.distance_m, units):.2f} {units}, "
                f"{format_duration(record.elapsed_seconds)}"
            )
            if outcome.reason:
                console.print(f"  [yellow]{escape(outcome.reason)}[/]")
        elif outcome.status == "duplicate":
            console.print(f"[dim]duplicate[/] {name}: {escape(outcome.reason or '')}")
        else:
            console.print(f"[red]skipped[/] {name}: {escape(outcome.reason or '')}")
    console.print(
        f"\n{summary.count('imported')} imported, {summary.count('duplicate')} duplicate, "
        f"{summary.count('skipped')} skipped."
    )
    if summary.failed:
        console.print("[dim]Skipped files were not stored; fix or re-export them and retry.[/]")


def _set(ctx: typer.Context, run_id: str, counts: bool) -> None:
    from hipstride.services.runs import UnknownRun, set_counts_for_load

    with runner_session(ctx.obj) as (session, athlete):
        try:
            row = set_counts_for_load(session, athlete_id=athlete.id, run_key=run_id, counts=counts)
        except UnknownRun as exc:
            fail(str(exc))
        word = "counts towards" if counts else "is left out of"
        console.print(f"{row.sport.capitalize()} of {row.start:%Y-%m-%d} now {word} running load.")


@app.command()
def include(
    ctx: typer.Context, run_id: Annotated[str, typer.Argument(help="Id (or its start).")]
) -> None:
    """Count an activity (a ride, a hike) towards running load."""
    _set(ctx, run_id, True)


@app.command()
def exclude(
    ctx: typer.Context, run_id: Annotated[str, typer.Argument(help="Id (or its start).")]
) -> None:
    """Leave an activity out of running load."""
    _set(ctx, run_id, False)
