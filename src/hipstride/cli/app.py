"""The ``hipstride`` command. Heavy modules are imported inside commands to keep start-up fast."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from hipstride import __version__

app = typer.Typer(
    name="hipstride",
    help="Find out whether weak hips are holding your running back, and fix it.",
    no_args_is_help=False,
    rich_markup_mode=None,
    pretty_exceptions_show_locals=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"hipstride {__version__}")
        raise typer.Exit


@app.callback(invoke_without_command=True)
def main_callback(
    ctx: typer.Context,
    content: Annotated[
        Path | None,
        typer.Option(
            "--content",
            help="A folder of your own YAML content that adds to or overrides the bundled "
            "content. Also read from HIPSTRIDE_CONTENT_DIR.",
            file_okay=False,
        ),
    ] = None,
    athlete: Annotated[
        str | None,
        typer.Option("--athlete", help="Which runner (default 'runner'; or HIPSTRIDE_ATHLETE)."),
    ] = None,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """Find out whether weak hips are holding your running back, and fix it."""
    from hipstride.settings import Settings

    ctx.obj = Settings.from_env(os.environ, content_dir=content, athlete=athlete)
    if ctx.invoked_subcommand is None:
        from hipstride.cli.overview import show_overview

        show_overview(ctx.obj)


def _register() -> None:
    from hipstride.cli import (
        analyze,
        assess,
        calendar,
        content,
        data,
        fit,
        handout,
        library,
        load,
        log,
        plan,
        progress,
        runner,
        runs,
        serve,
        train,
        user,
    )

    library.register(app)
    app.add_typer(content.app, name="content")
    app.command()(runner.profile)
    app.command()(assess.assess)
    app.command()(assess.clear)
    app.command()(analyze.analyze)
    app.add_typer(plan.app, name="plan")
    plan.app.command("fit")(fit.fit)
    app.command()(train.train)
    app.command()(log.log)
    app.command()(log.checkin)
    app.command()(progress.progress)
    data.register(app)
    app.command()(handout.handout)
    app.command()(calendar.calendar)
    app.command()(load.load)
    app.add_typer(runs.app, name="runs")
    app.command()(serve.serve)
    app.add_typer(user.app, name="user")


_register()


def main() -> None:
    app()
