"""What ``hipstride`` with no command shows: what the tool is, and where to start."""

from __future__ import annotations

from rich.panel import Panel

from hipstride.cli.output import console
from hipstride.settings import Settings

START = """\
[bold]1.[/] Read about the two self-tests:   hipstride test deep-squat
                                     hipstride test single-leg-bridge
[bold]2.[/] Browse the exercise ladders:      hipstride exercises
[bold]3.[/] Read how to do one step:          hipstride exercise glute-bridge
[bold]4.[/] See the papers behind it all:     hipstride references
[bold]5.[/] Add your own exercises:           hipstride content check ./my-content
"""


def show_overview(settings: Settings) -> None:
    from hipstride.cli.library import catalog_or_exit

    catalog = catalog_or_exit(settings)
    screen = catalog.pain_screen
    families = ", ".join(f.name for f in catalog.strength_families())
    console.print(
        Panel(
            "Weak hips are a common weak link for runners. hipstride guides you through two "
            "self-tests, then a ladder of exercises for each of five families: "
            f"{families}. Stretches for the hips close every session.",
            title="[bold]hipstride[/] — hip strength for runners",
        )
    )
    console.print(Panel(START, title="Where to start", title_align="left"))
    console.print(
        Panel(screen.referral, title="If you have pain or an injury", border_style="yellow")
    )
    console.print("[dim]Every command has --help; every listing has --json.[/]")
