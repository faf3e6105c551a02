"""``hipstride assess`` and ``hipstride clear``: the pain screen first, then the two self-tests."""

from __future__ import annotations

from typing import Annotated

import typer

from hipstride.cli.library import catalog_or_exit
from hipstride.cli.output import console, errors, fail
from hipstride.cli.runner import now, runner_session

CRAMP = ("none", "left", "right", "both")
Pain = Annotated[int, typer.Option(min=0, max=10, help="Pain during the test, 0-10.")]


def _stopwatch(side: str) -> float:
    """Time a bridge hold on screen: Enter to start with the foot up, Enter when it drops."""
    from hipstride.cli.timer_ui import run_stopwatch

    typer.prompt(
        f"Lift into the bridge, raise your {side} foot, then press Enter to start the clock",
        default="",
        show_default=False,
    )
    return run_stopwatch(f"Holding on the {'left' if side == 'right' else 'right'} leg")


def assess(
    ctx: typer.Context,
    no_pain: Annotated[
        bool, typer.Option("--no-pain", help="Answer no to every pain-screen question.")
    ] = False,
    yes: Annotated[
        list[str] | None, typer.Option("--yes", help="A pain-screen question id answered yes.")
    ] = None,
    reached_depth: Annotated[
        bool | None, typer.Option("--depth/--no-depth", help="Squat: buttocks reached the heels.")
    ] = None,
    heels_lift: Annotated[bool, typer.Option(help="Squat: heels came off the floor.")] = False,
    forward_lean: Annotated[bool, typer.Option(help="Squat: trunk leaned forward.")] = False,
    falls_back: Annotated[bool, typer.Option(help="Squat: fell backwards.")] = False,
    squat_pain: Pain = 0,
    left_hold: Annotated[
        float | None, typer.Option(min=0, help="Bridge: seconds held on the left foot.")
    ] = None,
    right_hold: Annotated[
        float | None, typer.Option(min=0, help="Bridge: seconds held on the right foot.")
    ] = None,
    cramp: Annotated[
        str, typer.Option(help="Bridge: hamstring cramp on none, left, right or both.")
    ] = "none",
    bridge_pain: Pain = 0,
) -> None:
    """The pain screen, then the two self-tests.

    Results are stored and explained; options allow a run without questions.
    """
    from hipstride.assess.bridge import BridgeSide
    from hipstride.assess.squat import SquatMeasures
    from hipstride.services import assessment

    settings = ctx.obj
    catalog = catalog_or_exit(settings)
    screen = catalog.pain_screen
    scripted = no_pain or bool(yes)
    if scripted:
        answers = {q.id: q.id in (yes or []) for q in screen.questions}
    else:
        console.print(f"[bold]Pain screen[/]\n{screen.intro}")
        answers = {q.id: typer.confirm(q.ask, default=False) for q in screen.questions}
    with runner_session(settings, create=True) as (session, athlete):
        result = assessment.record_pain_screen(
            session, catalog=catalog, athlete_id=athlete.id, answers=answers, now=now()
        )
    if result.red_flags:
        for line in result.lines:
            errors.print(f"• {line}")
        errors.print(f"[bold yellow]{result.message}[/]")
        errors.print(
            "Recorded. No plan is made until a clinician clears you: `hipstride clear --by NAME`."
        )
        raise typer.Exit(3)
    console.print(f"[green]{result.message}[/]")

    if reached_depth is None:
        console.print("\n[bold]Deep squat test[/] — `hipstride test deep-squat` shows how.")
        reached_depth = typer.confirm("Did your buttocks reach your heels?", default=False)
        heels_lift = typer.confirm("Did your heels lift?", default=False)
        forward_lean = typer.confirm("Did you lean forward?", default=False)
        falls_back = typer.confirm("Did you fall backwards?", default=False)
        squat_pain = typer.prompt("Pain during the squat, 0-10", default=0, type=int)
    if left_hold is None or right_hold is None:
        console.print(
            "\n[bold]Single-leg bridge test[/] — `hipstride test single-leg-bridge` shows how."
        )
        left_hold = _stopwatch("right") if left_hold is None else left_hold
        right_hold = _stopwatch("left") if right_hold is None else right_hold
        cramp = typer.prompt("Hamstring cramp (none, left, right, both)", default="none")
        while cramp not in CRAMP:
            cramp = typer.prompt("Type none, left, right or both", default="none")
        bridge_pain = typer.prompt("Pain during the bridge, 0-10", default=0, type=int)
    if cramp not in CRAMP:
        fail(f"--cramp: {cramp!r} is not one of none, left, right, both", code=2)
    cramps = {"left": cramp in ("left", "both"), "right": cramp in ("right", "both")}
    with runner_session(settings, create=True) as (session, athlete):
        squat = assessment.record_squat(
            session,
            catalog=catalog,
            athlete_id=athlete.id,
            measures=SquatMeasures(reached_depth, heels_lift, forward_lean, falls_back, squat_pain),
            now=now(),
        )
        bridge = assessment.record_bridge(
            session,
            catalog=catalog,
            athlete_id=athlete.id,
            left=BridgeSide(left_hold, left_hold < 30, cramps["left"], bridge_pain),
            right=BridgeSide(right_hold, right_hold < 30, cramps["right"], bridge_pain),
            now=now(),
        )
    for title, scored in (("Deep squat", squat), ("Single-leg bridge", bridge)):
        console.print(f"\n[bold]{title}: {scored.score}/3[/]")
        for line in scored.lines:
            console.print(f"  {line}")
    if "pain" in squat.outcomes or "pain" in bridge.outcomes:
        errors.print(f"\n[bold yellow]{screen.referral}[/]")
        raise typer.Exit(3)
    console.print("\nNext: `hipstride plan` builds your plan from these results.")


def clear(
    ctx: typer.Context,
    by: Annotated[str, typer.Option("--by", help="Name of the physical therapist or orthopedist.")],
    note: Annotated[str | None, typer.Option(help="What they said, for your records.")] = None,
) -> None:
    """Record a clinician clearing you to train."""
    from hipstride.services.assessment import record_clearance

    with runner_session(ctx.obj, create=True) as (session, athlete):
        record_clearance(session, athlete_id=athlete.id, cleared_by=by, now=now(), note=note)
    console.print(f"Recorded: cleared to train by {by}. `hipstride plan` can now build your plan.")
