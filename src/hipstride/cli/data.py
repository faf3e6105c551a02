"""``hipstride export`` and ``hipstride import-data``: your data is yours, to keep or to move."""

from __future__ import annotations

import enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from hipstride.cli.output import console, fail, print_json

if TYPE_CHECKING:
    from hipstride.settings import Settings


class ExportFormat(enum.StrEnum):
    json = "json"
    csv = "csv"


def _esc(text: object) -> str:
    """Paths and values from files may hold [brackets] that Rich would read as markup."""
    from rich.markup import escape

    return escape(str(text))


def export(
    ctx: typer.Context,
    format: Annotated[
        ExportFormat,
        typer.Option(
            "--format",
            help="json: one file with everything, which import-data can restore; "
            "csv: one file per table, for spreadsheets.",
        ),
    ] = ExportFormat.json,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out", "-o", help="The JSON file to write (default: stdout), or the CSV folder."
        ),
    ] = None,
) -> None:
    """Export everything hipstride keeps about you: profile, screens, tests, plans and log."""
    import json

    from hipstride.cli.runner import now, runner_session
    from hipstride.services.data import export_athlete, export_csv

    settings: Settings = ctx.obj
    if format is ExportFormat.csv and out is None:
        fail(
            "--format csv writes one file per table, so it needs a folder", "Add --out my-data.", 2
        )
    if out is not None and format is ExportFormat.csv and out.exists() and not out.is_dir():
        fail(f"--out: {_esc(out)} is a file; CSV export needs a folder", "Use --out my-data.", 2)
    if out is not None and format is ExportFormat.json and out.is_dir():
        fail(f"--out: {_esc(out)} is a folder", "Give a file name, e.g. --out my-data.json.", 2)
    with runner_session(settings) as (session, found):
        try:
            if format is ExportFormat.csv:
                assert out is not None
                written = export_csv(session, athlete_id=found.id, folder=out)
                total = sum(written.values())
                console.print(f"Wrote {total} rows in {len(written)} CSV files to {_esc(out)}.")
                return
            document = export_athlete(session, athlete_id=found.id, now=now())
            if out is None:
                print_json(document)
                return
            out.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", "utf-8")
        except OSError as exc:
            fail(f"cannot write {_esc(out)}: {_esc(exc.strerror or exc)}")
    console.print(f"Exported runner {_esc(repr(settings.athlete))} to {_esc(out)}.")
    console.print(f"Restore it into an empty database with `hipstride import-data {_esc(out)}`.")


def import_data(
    ctx: typer.Context,
    file: Annotated[
        Path,
        typer.Argument(
            metavar="FILE", help="A JSON file made by `hipstride export` (CSV cannot be imported)."
        ),
    ],
) -> None:
    """Restore a JSON export, ids and all, into an EMPTY database (JSON only, not CSV)."""
    import json

    from hipstride.services.data import ImportProblem, import_athlete
    from hipstride.services.store import open_store

    settings: Settings = ctx.obj
    hint = "Make one with `hipstride export --out my-data.json`."
    if not file.is_file():
        fail(f"{_esc(file)}: no such file", hint)
    try:
        document: Any = json.loads(file.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        fail(
            f"{_esc(file)} is not valid JSON: {_esc(exc.msg)} at line {exc.lineno}, "
            f"column {exc.colno}",
            "Was the file cut short or edited? Export it again, or fix that line.",
        )
    except (OSError, UnicodeDecodeError) as exc:
        fail(f"cannot read {_esc(file)}: {_esc(exc)}", hint)
    store = open_store(settings)
    try:
        with store.sessions() as session, session.begin():
            summary = import_athlete(session, document=document)
    except ImportProblem as exc:
        fail(f"{_esc(file)}: {_esc(exc)}", "Nothing was imported.")
    console.print(f"Imported runner {_esc(repr(summary.athlete_name))} from {_esc(file)}:")
    for table, count in summary.counts.items():
        console.print(f"  {table.replace('_', ' ')}: {count}")
    if summary.athlete_name != settings.athlete:
        console.print(
            f"Use [bold]--athlete {_esc(summary.athlete_name)}[/] "
            "(or HIPSTRIDE_ATHLETE) to work with this runner."
        )


def register(app: typer.Typer) -> None:
    app.command("export")(export)
    app.command("import-data")(import_data)
