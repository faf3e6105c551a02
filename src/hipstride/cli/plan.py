"""``hipstride plan``: build the plan; ``hipstride plan show``: the week-by-week calendar."""

from __future__ import annotations

from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table

from hipstride.cli.library import catalog_or_exit
from hipstride.cli.output import console, fail, print_json
from hipstride.cli.runner import now, parse_date, runner_session

app = typer.Typer(help="Build your plan, or show it.", invoke_without_command=True)


@app.callback()
def build(
    ctx: typer.Context,
    weeks: Annotated[int, typer.Option(min=1, max=26, help="Length of the plan in weeks.")] = 8,
    start: Annotated[
        str | None, typer.Option(help="First day, YYYY-MM-DD (default today).")
    ] = None,
) -> None:
    """Build an N-week plan from your profile and latest self-tests (the old one is kept)."""
    if ctx.invoked_subcommand is not None:
        return
    from hipstride.services.assessment import NotCleared
    from hipstride.services.planning import EmptyPlan, StartOutOfRange, make_plan
    from hipstride.services.runner import NeedsProfile

    catalog = catalog_or_exit(ctx.obj)
    first = parse_date(start, "--start")
    try:
        with runner_session(ctx.obj) as (session, athlete):
            _, plan = make_plan(
                session, catalog=catalog, athlete_id=athlete.id, start=first, weeks=weeks, now=now()
            )
    except StartOutOfRange as exc:
        fail(f"--{exc}", "Leave --start out to begin today.", code=2)
    except (NotCleared, NeedsProfile, EmptyPlan) as exc:
        fail(str(exc), code=3 if isinstance(exc, NotCleared) else 1)
    console.print(
        f"[bold]Your {plan.weeks}-week plan[/], from {plan.start:%a %d %b %Y}: "
        f"{len(plan.sessions)} sessions."
    )
    for line in plan.explanations:
        console.print(f"• {escape(line)}")
    console.print(
        "\n`hipstride plan show` prints the calendar; `hipstride train` runs today's session."
    )


def _plan_data(ctx: typer.Context) -> dict[str, Any]:
    from hipstride.services.planning import plan_overview

    catalog = catalog_or_exit(ctx.obj)
    with runner_session(ctx.obj) as (session, athlete):
        data = plan_overview(session, catalog=catalog, athlete_id=athlete.id)
    if data is None:
        fail("No plan yet.", "Run `hipstride plan` to make one.")
    return data


@app.command()
def show(
    ctx: typer.Context, as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False
) -> None:
    """The plan week by week: days, exercises and doses."""
    data = _plan_data(ctx)
    if as_json:
        print_json(data)
        return
    for week in data["weeks"]:
        kinds = {s["kind"] for s in week["sessions"]}
        kind = (
            " — race week, half volume"
            if "race" in kinds
            else " — deload week, lighter"
            if kinds == {"deload"}
            else ""
        )
        table = Table(title=f"Week {week['week']}{kind}", title_justify="left", show_lines=True)
        table.add_column("Day", no_wrap=True)
        table.add_column("Exercises")
        for s in week["sessions"]:
            lines = [f"{escape(i['name'])} [dim]{i['dose']}[/]" for i in s["items"]]
            note = f"\n[italic]{escape(s['note'])}[/]" if s["note"] else ""
            done = " ✓" if s["done"] else ""
            tag = {"deload": "\n[dim]lighter[/]", "race": "\n[dim]race week[/]"}.get(s["kind"], "")
            table.add_row(f"{s['day_name']}{done}{tag}", "\n".join(lines) + note)
        console.print(table)
