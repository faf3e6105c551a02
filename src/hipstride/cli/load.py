"""``hipstride load``: weekly running volume, load and advisory flags."""

from __future__ import annotations

from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table

from hipstride.cli.output import console, print_json
from hipstride.cli.runner import parse_date, runner_session


def load(
    ctx: typer.Context,
    weeks: Annotated[int, typer.Option(min=1, max=520, help="How many recent weeks to show.")] = 12,
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", help="Count up to this day, YYYY-MM-DD (default today)."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Weekly distance and time, acute and chronic load, and flags worth a look (advice only)."""
    from hipstride.running.load import RATIO_LIMIT
    from hipstride.running.records import format_duration, in_units
    from hipstride.services.load import load_for, strength_by_week

    today = parse_date(as_of, "--as-of")
    with runner_session(ctx.obj) as (session, athlete):
        report, units = load_for(session, athlete_id=athlete.id, today=today, weeks=weeks)
        strength = strength_by_week(session, athlete_id=athlete.id)
    if as_json:
        data: dict[str, Any] = {
            "units": units,
            "through": today,
            "weeks": [
                {
                    "start": w.start,
                    "end": w.end,
                    "runs": w.runs,
                    "distance": round(in_units(w.distance_m, units), 2),
                    "distance_known": w.distance_known,
                    "seconds": round(w.seconds),
                    "change": None if w.change is None else round(w.change, 3),
                    "change_measure": w.measure,
                    "acute_minutes_per_day": round(w.acute, 1),
                    "chronic_minutes_per_day": round(w.chronic, 1),
                    "ratio": None if w.ratio is None else round(w.ratio, 2),
                    "strength_done": strength.get(w.start, (0, 0))[0],
                    "strength_planned": strength.get(w.start, (0, 0))[1],
                }
                for w in report.weeks
            ],
            "flags": [
                {
                    "kind": f.kind,
                    "week_start": f.week_start,
                    "value": round(f.value, 3),
                    "text": f.text,
                    "references": list(f.references),
                }
                for f in report.flags
            ],
            "notes": list(report.notes),
        }
        print_json(data)
        return
    table = Table(title=f"Running load ({units})", title_justify="left")
    columns = ("Week of", "Runs", "Distance", "Time", "Change", "Acute", "Chronic", "Ratio")
    for column in (*columns, "Strength"):
        table.add_column(column, justify="left" if column == "Week of" else "right")
    for w in report.weeks:
        change = (
            ""
            if w.change is None
            else f"{w.change * 100:+.0f} %" + (" (time)" if w.measure == "time" else "")
        )
        ratio = (
            "" if w.ratio is None else f"{w.ratio:.2f}" + (" !" if w.ratio > RATIO_LIMIT else "")
        )
        table.add_row(
            f"{w.start:%a %d %b %Y}",
            str(w.runs),
            f"{in_units(w.distance_m, units):.1f}" + ("" if w.distance_known else "*"),
            format_duration(w.seconds),
            change,
            f"{w.acute:.0f}",
            f"{w.chronic:.0f}",
            ratio,
            "{}/{}".format(*strength[w.start]) if w.start in strength else "",
        )
    if report.weeks:
        console.print(table)
    if strength:
        console.print("[dim]Strength: sessions of your plan done / planned that week.[/]")
    if not all(w.distance_known for w in report.weeks):
        console.print("[dim]* A run that week had no distance; its change compares time.[/]")
    for line in report.notes:
        console.print(f"[dim]{escape(line)}[/]")
    if report.flags:
        console.print("\n[bold]Worth a look[/] (advice, never a rule):")
    for f in report.flags:
        console.print(f"• {escape(f.text)} [dim]\\[{', '.join(f.references)}][/]")
