"""``hipstride train``: today's session, guided set by set; each set is saved as it is entered."""

from __future__ import annotations

import uuid
from typing import Annotated

import typer
from rich.markup import escape
from rich.panel import Panel

from hipstride.cli.library import catalog_or_exit
from hipstride.cli.output import console, fail, pain_feedback
from hipstride.cli.runner import now, parse_date, runner_session


def _ask_int(question: str, default: int | None, low: int, high: int) -> int | None:
    while True:
        raw = typer.prompt(
            question,
            default="" if default is None else str(default),
            show_default=default is not None,
        ).strip()
        if raw == "" and default is None:
            return None
        try:
            value = int(raw)
        except ValueError:
            console.print(f"[red]Type a whole number from {low} to {high}.[/]")
            continue
        if low <= value <= high:
            return value
        console.print(f"[red]Type a whole number from {low} to {high}.[/]")


def _stop_exercise(name: str) -> bool:
    return typer.confirm(f"Skip the rest of {name} today?", default=True)


def train(
    ctx: typer.Context,
    day: Annotated[
        str | None, typer.Option(help="The planned day to do, YYYY-MM-DD (default today).")
    ] = None,
    timers: Annotated[
        bool, typer.Option("--timers/--no-timers", help="Run hold and rest timers.")
    ] = True,
) -> None:
    """Run today's session, guided set by set.

    Cues, sets, hold and rest timers; reps, pain and reps in reserve per set.
    """
    from hipstride.cli.timer_ui import run_timer
    from hipstride.plan.progression import PAIN_LIMIT
    from hipstride.services import training

    catalog = catalog_or_exit(ctx.obj)
    when = parse_date(day, "--day")
    try:
        with runner_session(ctx.obj) as (session, athlete):
            todo = training.session_for(session, athlete_id=athlete.id, day=when)
            log_id = training.start(
                session, athlete_id=athlete.id, todo=todo, now=now(), guided=True
            )
    except training.NoSession as exc:
        fail(str(exc))
    if todo.done_sets:
        console.print(f"[bold]Resuming[/]: {todo.done_sets} set(s) already saved.")
    if todo.note:
        console.print(f"[italic]{escape(todo.note)}[/]")
    skipped: set[int] = set()
    for index, slot in enumerate(todo.left):
        if slot.position in skipped:
            continue
        step = catalog.step(slot.prescription.step_id)
        if slot.first_of_exercise or slot is todo.left[0]:
            cues = "\n".join(f"• {escape(c)}" for c in step.cues)
            note = f"\n[dim]{escape(slot.prescription.note)}[/]" if slot.prescription.note else ""
            console.print(
                Panel(
                    f"{cues}{note}", title=f"[bold]{escape(step.name)}[/] {slot.prescription.dose}"
                )
            )
        console.print(f"[bold]{escape(step.name)}[/], {slot.label}")
        held: int | None = None
        reps: int | None = None
        if slot.target_hold_seconds:
            if timers:
                typer.prompt("Press Enter to start the hold", default="", show_default=False)
                held = round(run_timer(slot.target_hold_seconds, "Hold"))
            else:
                held = _ask_int("Seconds held", slot.target_hold_seconds, 0, 600)
        else:
            reps = _ask_int(f"Reps done (target {slot.target_reps})", slot.target_reps, 0, 100)
        pain = _ask_int("Pain during the set, 0-10", 0, 0, 10)
        reserve = (
            None
            if slot.target_hold_seconds
            else _ask_int("Reps left in reserve (blank to skip)", None, 0, 10)
        )
        with runner_session(ctx.obj) as (session, _):
            training.log_set(
                session,
                session_log_id=log_id,
                prescription_id=todo.prescription_ids[slot.position],
                slot=slot,
                reps=reps,
                held_seconds=held,
                pain=pain or 0,
                reps_in_reserve=reserve,
                now=now(),
            )
        console.print(pain_feedback(pain or 0))
        if (pain or 0) > PAIN_LIMIT and _stop_exercise(step.name):
            skipped.add(slot.position)
        following = todo.left[index + 1] if index + 1 < len(todo.left) else None
        other_side_next = following is not None and (following.position, following.set_number) == (
            slot.position,
            slot.set_number,
        )
        if timers and following and not other_side_next and slot.prescription.rest_seconds:
            run_timer(slot.prescription.rest_seconds, "Rest")
    finish_and_adapt(ctx, log_id)


def finish_and_adapt(ctx: typer.Context, log_id: uuid.UUID) -> None:
    """Close the session and show, one line per exercise, what the next session will hold."""
    from hipstride.services.training import finish_session

    catalog = catalog_or_exit(ctx.obj)
    with runner_session(ctx.obj) as (session, athlete):
        lines = finish_session(
            session, catalog=catalog, athlete_id=athlete.id, session_log_id=log_id, now=now()
        )
    console.print("[green bold]Session done and saved.[/]")
    if lines:
        console.print("[bold]Next time[/]")
        for line in lines:
            console.print(f"• {escape(line)}")
    console.print(
        "[dim]Tomorrow morning: `hipstride checkin --pain N` (0-10) tells the plan how you feel.[/]"
    )
