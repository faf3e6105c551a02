"""``hipstride log`` (a session done without guidance) and ``hipstride checkin`` (morning pain)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer
from rich.markup import escape

from hipstride.cli.library import catalog_or_exit
from hipstride.cli.output import console, fail, pain_feedback
from hipstride.cli.runner import now, parse_date, runner_session
from hipstride.cli.train import finish_and_adapt

if TYPE_CHECKING:
    from hipstride.training.session import SetSlot

TOP = "top"
ExerciseSpec = tuple[int | str | None, int, int | None]
"""Reps or seconds ('top' for the top of the range, None for the target), pain, reserve."""


def _parse_spec(text: str) -> tuple[str, ExerciseSpec]:
    """'glute-bridge=12/2/3' → ('glute-bridge', (12 reps or seconds, pain 2, 3 in reserve))."""
    try:
        key, values = text.split("=", 1)
        parts = values.split("/")
        work: int | str | None = (
            None if parts[0] == "" else TOP if parts[0] == TOP else int(parts[0])
        )
        pain = int(parts[1]) if len(parts) > 1 and parts[1] else 0
        reserve = int(parts[2]) if len(parts) > 2 and parts[2] else None
    except ValueError:
        fail(
            f"--exercise: {text!r} is not ID=REPS/PAIN/RIR",
            "For example --exercise glute-bridge=12/2/3 "
            "(reps or seconds, pain 0-10, reps in reserve).",
            code=2,
        )
    if not 0 <= pain <= 10:
        fail(f"--exercise: pain in {text!r} must be 0-10", code=2)
    return key.strip(), (work, pain, reserve)


def log(
    ctx: typer.Context,
    day: Annotated[
        str | None, typer.Option(help="The planned day you trained, YYYY-MM-DD (default today).")
    ] = None,
    exercise: Annotated[
        list[str] | None,
        typer.Option(
            "--exercise",
            help="ID=REPS/PAIN/RIR for every set of one exercise (step or family id); "
            "REPS defaults to the prescribed reps; 'top' means the top of the range; "
            "seconds for a hold.",
        ),
    ] = None,
    pain: Annotated[
        int, typer.Option(min=0, max=10, help="Pain for exercises not named by --exercise.")
    ] = 0,
    rir: Annotated[
        int | None, typer.Option(min=0, max=10, help="Reps in reserve for the others.")
    ] = None,
) -> None:
    """Log a session done without guidance.

    Records every remaining set of the day's session.
    """
    from hipstride.services import training

    specs = dict(_parse_spec(e) for e in exercise or [])
    when = parse_date(day, "--day")
    try:
        with runner_session(ctx.obj) as (session, athlete):
            todo = training.session_for(session, athlete_id=athlete.id, day=when)
            known = {p.step_id for p in todo.items} | {p.family_id for p in todo.items}
            unknown = sorted(set(specs) - known)
            if unknown:
                fail(
                    f"--exercise: {', '.join(unknown)} is not in the session of {when:%a %d %b}",
                    f"This session holds: {', '.join(sorted(p.step_id for p in todo.items))}.",
                    code=2,
                )

            def entry_for(slot: SetSlot) -> training.SetEntry:
                p = slot.prescription
                work, set_pain, reserve = (
                    specs.get(p.step_id) or specs.get(p.family_id) or (None, pain, rir)
                )
                is_hold = slot.target_hold_seconds is not None
                target = slot.target_hold_seconds if is_hold else slot.target_reps
                top = slot.target_hold_seconds if is_hold else p.reps_max
                done = top if work == TOP else target if work is None else int(work)
                return training.SetEntry(
                    reps=None if is_hold else done,
                    held_seconds=done if is_hold else None,
                    pain=set_pain,
                    reps_in_reserve=None if is_hold else reserve,
                )

            logged = training.log_unguided(
                session, athlete_id=athlete.id, todo=todo, entry_for=entry_for, clock=now
            )
    except training.NoSession as exc:
        fail(str(exc))
    console.print(f"Logged {logged.sets} set(s) for {when:%a %d %b}.")
    console.print(pain_feedback(logged.worst_pain))
    finish_and_adapt(ctx, logged.session_log_id)


def checkin(
    ctx: typer.Context,
    pain: Annotated[int, typer.Option("--pain", min=0, max=10, help="Pain this morning, 0-10.")],
    day: Annotated[
        str | None, typer.Option(help="The morning, YYYY-MM-DD (default today).")
    ] = None,
    note: Annotated[str | None, typer.Option(help="Where it hurts, or anything else.")] = None,
) -> None:
    """Record this morning's pain (0-10).

    The plan backs off when pain has not settled since the last session.
    """
    from hipstride.services.adapt import record_checkin

    catalog = catalog_or_exit(ctx.obj)
    when = parse_date(day, "--day")
    with runner_session(ctx.obj) as (session, athlete):
        lines = record_checkin(
            session, catalog=catalog, athlete_id=athlete.id, day=when, pain=pain, note=note
        )
    console.print(f"Recorded morning pain {pain}/10 for {when:%a %d %b}.")
    if pain > 5:
        console.print(
            "[yellow]Pain above 5/10 the morning after is more than the plan allows. If it does "
            "not settle, see a physical therapist or an orthopedist.[/]"
        )
    for line in lines:
        console.print(f"• {escape(line)}")
