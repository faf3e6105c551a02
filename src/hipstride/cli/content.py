"""``hipstride content check``: validate the bundled content or a folder of your own."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from hipstride.cli.output import console, errors, print_json

app = typer.Typer(help="Check and extend the exercise content.", no_args_is_help=True)


@app.command()
def check(
    ctx: typer.Context,
    path: Annotated[
        Path | None,
        typer.Argument(
            help="A folder of your own YAML content, checked on top of the bundled content. "
            "Defaults to --content / HIPSTRIDE_CONTENT_DIR, else only the bundled content."
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the problems as JSON.")] = False,
) -> None:
    """Validate the content, bundled or your own.

    Every problem names the file, line and field, and what is expected.
    """
    from hipstride.services.library import check_content

    folder = path or ctx.obj.content_dir
    catalog, problems = check_content(folder)
    if as_json:
        print_json(
            {
                "ok": not problems,
                "problems": [
                    {"file": p.file, "line": p.line, "field": p.field, "message": p.message}
                    for p in problems
                ],
            }
        )
        raise typer.Exit(1 if problems else 0)
    if problems:
        for problem in problems:
            errors.print(str(problem), markup=False, highlight=False)
        errors.print(f"[bold red]{len(problems)} problem(s) found.[/] Nothing was loaded.")
        raise typer.Exit(1)
    assert catalog is not None
    steps = sum(len(ladder) for ladder in catalog.ladders.values())
    what = f"bundled content plus {folder}" if folder else "bundled content"
    console.print(
        f"[green]OK[/]: {what}: {len(catalog.families)} families, {steps} steps, "
        f"{len(catalog.self_tests)} self-tests, {len(catalog.references)} references."
    )
    for section, item_id in sorted(catalog.overridden):
        console.print(f"  {folder} overrides {section} {item_id!r}")
