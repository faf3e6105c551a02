"""Printing for the CLI: one console, JSON for scripts, and errors that suggest a fix."""

from __future__ import annotations

import json
import sys
from datetime import date
from typing import Any, NoReturn

import typer
from rich.console import Console

console = Console(highlight=False)
errors = Console(stderr=True, highlight=False)


def _jsonable(value: object) -> str:
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def print_json(data: Any) -> None:
    """JSON on stdout, unwrapped and UTF-8, so it pipes cleanly into jq or a file."""
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False, default=_jsonable) + "\n")


def fail(message: str, hint: str | None = None, code: int = 1) -> NoReturn:
    errors.print(f"[bold red]Error:[/] {message}")
    if hint:
        errors.print(f"[dim]{hint}[/]")
    raise typer.Exit(code)


def pain_feedback(pain: int) -> str:
    """Where a pain score sits in the pain-monitoring model, and what to do about it."""
    from hipstride.plan.progression import PainZone, classify_pain

    zone = classify_pain(pain)
    if zone is PainZone.TOO_MUCH:
        return (
            f"[yellow]Pain {pain}/10 is more than the plan allows. Stop this exercise for today; "
            "if pain persists, see a physical therapist or an orthopedist.[/]"
        )
    if zone is PainZone.ACCEPTABLE:
        return f"[dim]Pain {pain}/10 is acceptable if it has settled by tomorrow morning.[/]"
    return f"[dim]Pain {pain}/10: safe.[/]"
