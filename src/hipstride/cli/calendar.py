"""``hipstride calendar``: the plan as an .ics file with timed events and reminders."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import Annotated

import typer

from hipstride.cli.library import catalog_or_exit
from hipstride.cli.output import console, fail
from hipstride.cli.runner import now, runner_session


def _parse_time(text: str) -> tuple[int, int]:
    hours, _, minutes = text.partition(":")
    if hours.isdigit() and minutes.isdigit() and int(hours) < 24 and int(minutes) < 60:
        return int(hours), int(minutes)
    fail(f"--at: {text!r} is not a time of day", "Use HH:MM, e.g. --at 07:30.", code=2)


def _write(out: Path, data: bytes) -> None:
    """Written beside the target and renamed, so a failed write leaves no half file."""
    folder = out.parent if str(out.parent) else Path()
    with tempfile.NamedTemporaryFile(dir=folder, prefix=f".{out.name}.", delete=False) as tmp:
        tmp.write(data)
    Path(tmp.name).replace(out)


def calendar(
    ctx: typer.Context,
    out: Annotated[
        Path, typer.Option("--out", "-o", help="The .ics file to write ('-' for standard output).")
    ] = Path("hipstride-plan.ics"),
    at: Annotated[
        str | None,
        typer.Option(
            "--at",
            help="Time of day for each session, HH:MM, in your time zone "
            "(default: your reminder time, else 18:00).",
        ),
    ] = None,
    alarm: Annotated[
        int, typer.Option(help="Minutes before each session for the reminder.", min=0, max=1440)
    ] = 30,
) -> None:
    """Put your plan in a calendar: one timed event per session, with its exercises and a reminder.

    Importing the file again after the plan changes updates the same events.
    """
    from datetime import time

    from hipstride.services.calendar import NoPlanToExport, calendar_for, session_time

    given = _parse_time(at) if at is not None else None
    if str(out) != "-" and out.suffix.lower() != ".ics":
        fail(f"--out: {out} should end in .ics", "For example --out plan.ics", code=2)
    if str(out) != "-" and not out.parent.is_dir():
        fail(f"--out: the folder {out.parent} does not exist", code=2)
    catalog = catalog_or_exit(ctx.obj)
    try:
        with runner_session(ctx.obj) as (session, athlete):
            chosen = time(*given) if given else session_time(athlete)
            data = calendar_for(
                session,
                catalog=catalog,
                athlete_id=athlete.id,
                now=now(),
                at=chosen,
                alarm_minutes=alarm,
            )
            zone = athlete.time_zone
    except NoPlanToExport as exc:
        fail(str(exc))
    if str(out) == "-":
        sys.stdout.buffer.write(data)
        return
    _write(out, data)
    events = data.count(b"BEGIN:VEVENT")
    console.print(
        f"Calendar written to {out}: {events} sessions at {chosen:%H:%M} ({zone}), "
        f"each with a reminder {alarm} minutes before."
    )
