"""``hipstride profile``: describe the running week the plan must fit around."""

from __future__ import annotations

import os
from contextlib import contextmanager
from datetime import UTC, date, datetime
from functools import cache
from typing import TYPE_CHECKING, Annotated

import typer

from hipstride.cli.output import console, fail, print_json
from hipstride.plan.models import WEEKDAYS, weekday_names

if TYPE_CHECKING:
    from collections.abc import Iterator

    from sqlalchemy.orm import Session

    from hipstride.services.store import Store
    from hipstride.settings import Settings
    from hipstride.store.tables import Athlete


NOW_ENV = "HIPSTRIDE_NOW"


def now() -> datetime:
    """The one place the CLI reads the clock; the core is handed the time.

    ``HIPSTRIDE_NOW`` (an ISO 8601 time with its offset) stands in for the clock, so a
    scripted or tested run behaves the same on any day.
    """
    pinned = os.environ.get(NOW_ENV, "").strip()
    if not pinned:
        return datetime.now(UTC)
    try:
        moment = datetime.fromisoformat(pinned)
    except ValueError:
        fail(f"{NOW_ENV}: {pinned!r} is not a time", "Use e.g. 2026-11-30T07:00:00+00:00.", code=2)
    if moment.tzinfo is None:
        fail(f"{NOW_ENV}: {pinned!r} has no offset", "Add one, e.g. +00:00.", code=2)
    return moment


def today() -> date:
    """Today on this computer's calendar (or ``HIPSTRIDE_NOW``'s own date)."""
    if os.environ.get(NOW_ENV, "").strip():
        return now().date()
    return datetime.now().date()


@cache
def _store(settings: Settings) -> Store:
    """One engine per process: migrations are checked once, not for every set."""
    from hipstride.services.store import open_store

    return open_store(settings)


@contextmanager
def runner_session(
    settings: Settings, *, create: bool = False
) -> Iterator[tuple[Session, Athlete]]:
    """A store session for the current runner, committed when the block ends cleanly.

    Only commands that record something about the runner (``create``) make the runner;
    the others say how to start, so an untouched database stays empty for an import.
    """
    from hipstride.services.runner import NoRunner, athlete, existing_athlete

    store = _store(settings)
    with store.sessions() as session, session.begin():
        if create:
            yield session, athlete(session, name=settings.athlete, now=now())
            return
        try:
            found = existing_athlete(session, name=settings.athlete)
        except NoRunner as exc:
            fail(str(exc))
        yield session, found


def parse_date(text: str | None, option: str) -> date:
    """A YYYY-MM-DD option, or today when not given; a bad value exits naming the option."""
    if not text:
        return today()
    try:
        return date.fromisoformat(text)
    except ValueError:
        fail(f"{option}: {text!r} is not a date", "Use YYYY-MM-DD, e.g. 2026-11-30.", code=2)


def _words(text: str) -> list[str]:
    """'tue, thu,sat' → ['tue', 'thu', 'sat']; blank or 'none' → []."""
    if text.strip().lower() == "none":
        return []
    return [word for word in text.replace(" ", "").split(",") if word]


def _days(text: str, field: str) -> list[str]:
    """The day words of an answer, refused at once (before the next question) when wrong."""
    from hipstride.services.runner import ProfileProblem, weekdays_from_names

    words = _words(text)
    try:
        weekdays_from_names(words, field)
    except ProfileProblem as exc:
        fail(f"{OPTIONS[exc.field]}: {exc.message}", code=2)
    return words


# The option that carries each profile field, for error messages.
OPTIONS = {
    "running_days": "--running-days",
    "long_run_day": "--long-run",
    "hard_days": "--hard-days",
    "experience": "--experience",
    "equipment": "--equipment",
    "minutes_per_session": "--minutes",
    "sessions_per_week": "--sessions",
}


def _ask_number(question: str, default: int, low: int, high: int) -> int:
    while True:
        value: int = typer.prompt(question, default=default, type=int)
        if low <= value <= high:
            return value
        console.print(f"[red]Type a whole number from {low} to {high}.[/]")


def profile(
    ctx: typer.Context,
    running_days: Annotated[
        str | None, typer.Option(help="Days you run, e.g. tue,thu,sat,sun.")
    ] = None,
    long_run: Annotated[str | None, typer.Option(help="Your long-run day, e.g. sun.")] = None,
    hard_days: Annotated[
        str | None, typer.Option(help="Days of intervals, tempo runs or races.")
    ] = None,
    race_date: Annotated[
        str | None, typer.Option(help="Your next race, YYYY-MM-DD (optional).")
    ] = None,
    experience: Annotated[
        str | None, typer.Option(help="Strength training so far: new, some or regular.")
    ] = None,
    equipment: Annotated[
        str | None,
        typer.Option(help="What you own: mat,chair,box,mini-band-light,mini-band-medium,..."),
    ] = None,
    minutes: Annotated[
        int | None, typer.Option(help="Minutes per strength session.", min=10, max=90)
    ] = None,
    sessions: Annotated[
        int | None, typer.Option(help="Strength sessions a week (2 or 3).", min=2, max=3)
    ] = None,
    allow_consecutive: Annotated[
        bool | None,
        typer.Option(
            "--allow-consecutive/--no-allow-consecutive",
            help="Allow strength on two days in a row if the week needs it (kept until changed).",
        ),
    ] = None,
    show: Annotated[bool, typer.Option("--show", help="Only show the current profile.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the profile as JSON.")] = False,
) -> None:
    """Describe your running week and means.

    Asks for anything not given as an option.
    """
    from hipstride.plan.models import Profile
    from hipstride.services.library import catalog
    from hipstride.services.runner import (
        NeedsProfile,
        ProfileProblem,
        current_profile,
        profile_fields,
        profile_from_fields,
        save_profile,
    )

    settings: Settings = ctx.obj
    with runner_session(settings, create=not show) as (session, athlete):
        try:
            old: Profile | None = current_profile(session, athlete_id=athlete.id)
        except NeedsProfile:
            old = None
        if not show:
            asked = any(
                v is None
                for v in (
                    running_days,
                    long_run,
                    hard_days,
                    experience,
                    equipment,
                    minutes,
                    sessions,
                )
            )
            interactive = asked and old is None
            if interactive:
                console.print(
                    "[bold]Your running week[/] — days as mon,tue,…; leave blank for none."
                )

            def ask(value: str | None, question: str, default: str) -> str:
                if value is not None:
                    return value
                return typer.prompt(question, default=default) if interactive else default

            base = old or Profile(running_days=frozenset({1, 3, 5, 6}), long_run_day=6)
            runs = _days(
                ask(running_days, "Which days do you run?", weekday_names(base.running_days)),
                "running_days",
            )
            long_text = ask(
                long_run,
                "Which day is your long run?",
                WEEKDAYS[base.long_run_day] if base.long_run_day is not None else "none",
            )
            long_days = _days(long_text, "long_run_day")
            hard = _days(
                ask(hard_days, "Which days are hard sessions?", weekday_names(base.hard_days)),
                "hard_days",
            )
            race_text = (
                race_date
                if race_date is not None
                else (str(base.race_date) if base.race_date else "")
            )
            exp_text = ask(
                experience, "Strength training so far (new, some, regular)?", base.experience.value
            )
            kit = ask(
                equipment, "Equipment you own (comma-separated)?", ",".join(sorted(base.equipment))
            )
            mins = minutes if minutes is not None else base.minutes_per_session
            per_week = sessions if sessions is not None else base.sessions_per_week
            if interactive and minutes is None:
                mins = _ask_number("Minutes per session (10-90)?", mins, 10, 90)
            if interactive and sessions is None:
                per_week = _ask_number("Strength sessions a week (2-3)?", per_week, 2, 3)
            if len(long_days) > 1:
                fail("--long-run: give one day", code=2)
            try:
                new = profile_from_fields(
                    running_days=runs,
                    long_run_day=next(iter(long_days), None),
                    hard_days=hard,
                    race_date=parse_date(race_text, "--race-date") if race_text else None,
                    experience=exp_text,
                    equipment=_words(kit),
                    known_equipment=frozenset(catalog(settings).equipment),
                    minutes_per_session=mins,
                    sessions_per_week=per_week,
                    allow_consecutive=(
                        base.allow_consecutive if allow_consecutive is None else allow_consecutive
                    ),
                )
            except ProfileProblem as exc:
                fail(f"{OPTIONS[exc.field]}: {exc.message}", code=2)
            save_profile(session, athlete_id=athlete.id, profile=new, now=now())
            old = new
        if old is None:
            fail("No profile yet.", "Run `hipstride profile` without --show to make one.")
        shown = old
    data = profile_fields(shown)
    if as_json:
        print_json(data)
        return
    for key, value in data.items():
        shown_value = ", ".join(value) if isinstance(value, list) else value
        console.print(
            f"[bold]{key.replace('_', ' ')}:[/] "
            f"{shown_value if shown_value not in (None, '') else '—'}"
        )
