"""Rich renderings of the content listings and detail pages."""

from __future__ import annotations

from typing import Any

from rich.markup import escape
from rich.panel import Panel
from rich.table import Table

from hipstride.cli.output import console

LATERALITY = {"both": "both legs", "one-side": "one side at a time"}


def simple_table(title: str, rows: list[dict[str, Any]], columns: list[tuple[str, str]]) -> None:
    table = Table(title=title, show_lines=False, expand=False)
    for _, header in columns:
        table.add_column(header, overflow="fold")
    for row in rows:
        table.add_row(*(escape(str(row.get(key) or "")) for key, _ in columns))
    console.print(table)


def _short_muscle(name: str) -> str:
    """'Gluteus medius' → 'glute med'; 'Hip flexors (iliopsoas…)' → 'hip flexors'."""
    name = name.split("(")[0].strip().lower()
    return "glute " + name.split()[1][:3] if name.startswith("gluteus ") else name


def _short_equipment(item: str) -> str:
    """'mini-band-light' → 'light band'."""
    return item.removeprefix("mini-band-") + " band" if item.startswith("mini-band-") else item


def exercises_table(listing: list[dict[str, Any]]) -> None:
    table = Table(title="Exercise ladders, easiest step first", show_header=True)
    table.add_column("Lvl", justify="right", no_wrap=True)
    table.add_column("Step  [dim]id[/]", overflow="fold", ratio=5)
    table.add_column("Needs", overflow="fold", ratio=2, min_width=9)
    table.add_column("Works", overflow="fold", ratio=3, min_width=16)
    for family in listing:
        table.add_row("", f"[bold]{escape(family['name'])}[/] [dim]({family['kind']})[/]", "", "")
        for i, step in enumerate(family["steps"]):
            marker = {"article-base": " ★", "article-variation": " ★+"}.get(step["origin"], "")
            table.add_row(
                f"{step['level']}/{step['of']}",
                f"{escape(step['name'])}{marker}\n[dim]{step['id']}[/]",
                ", ".join(_short_equipment(e) for e in step["equipment"]) or "—",
                ", ".join(_short_muscle(m) for m in step["main_muscles"]),
                end_section=i == len(family["steps"]) - 1,
            )
    console.print(table)
    console.print(
        "[dim]★ the article's exercise, ★+ its harder variation. "
        "`hipstride exercise ID` shows how to do a step.[/]"
    )


def _numbered(items: list[str]) -> str:
    return "\n".join(f"{i}. {escape(text)}" for i, text in enumerate(items, start=1))


def _bullets(items: list[str]) -> str:
    return "\n".join(f"• {escape(text)}" for text in items)


def _claims(claims: list[dict[str, Any]]) -> str:
    lines = []
    for c in claims:
        cite = ", ".join(str(n) for n in c["citations"])
        source = f"[{cite}]" if cite else ""
        if c["from_article"]:
            source = f"{source} (source article)".strip()
        lines.append(f"• {escape(c['text'])} [dim]{escape(source)}[/]")
    return "\n".join(lines)


def _references(refs: list[dict[str, Any]]) -> str:
    return "\n".join(f"[{r['number']}] {escape(r['citation'])}" for r in refs)


def exercise_page(d: dict[str, Any]) -> None:
    ladder = " → ".join(
        f"[bold reverse] {escape(s['name'])} [/]" if s["id"] == d["id"] else escape(s["name"])
        for s in d["ladder"]
    )
    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="bold")
    facts.add_column()
    facts.add_row("Ladder", f"{escape(d['family_name'])}, step {d['level']} of {len(d['ladder'])}")
    facts.add_row("", ladder)
    facts.add_row("Sides", LATERALITY[d["laterality"]])
    facts.add_row("Equipment", ", ".join(d["equipment_names"]) or "none")
    if d["band_position"]:
        facts.add_row("Band", d["band_position"].replace("-", " "))
    facts.add_row("Works", ", ".join(d["primary_muscle_names"]))
    if d["secondary_muscle_names"]:
        facts.add_row("Also", ", ".join(d["secondary_muscle_names"]))
    facts.add_row("Dose", d["dose_text"])
    if d["glute_tfl_index"] is not None:
        facts.add_row("GLUTE:TFL index", f"{d['glute_tfl_index']} (higher = more glute, less TFL)")
    console.print(Panel(facts, title=f"[bold]{escape(d['name'])}[/] [dim]{d['id']}[/]"))
    console.print(Panel(escape(d["setup"]), title="Set-up", title_align="left"))
    console.print(Panel(_numbered(d["steps"]), title="How to do it", title_align="left"))
    console.print(Panel(_bullets(d["cues"]), title="Cues", title_align="left"))
    faults = "\n".join(f"• {escape(f['fault'])} → {escape(f['fix'])}" for f in d["faults"])
    console.print(Panel(faults, title="Common faults", title_align="left"))
    if d["safety"]:
        console.print(
            Panel(_bullets(d["safety"]), title="Safety", title_align="left", border_style="yellow")
        )
    console.print(Panel(_claims(d["claims"]), title="Why", title_align="left"))
    if d["references"]:
        console.print(Panel(_references(d["references"]), title="References", title_align="left"))
    nav = []
    if d["easier_step"]:
        nav.append(f"easier: hipstride exercise {d['easier_step']}")
    if d["harder_step"]:
        nav.append(f"harder: hipstride exercise {d['harder_step']}")
    if nav:
        console.print(f"[dim]{'   '.join(nav)}[/]")


def self_test_page(d: dict[str, Any]) -> None:
    console.print(
        Panel(escape(d["purpose"]), title=f"[bold]{escape(d['name'])}[/] [dim]{d['id']}[/]")
    )
    console.print(Panel(escape(d["setup"]), title="Set-up", title_align="left"))
    console.print(Panel(_numbered(d["procedure"]), title="How to do it", title_align="left"))
    console.print(Panel(_bullets(d["observe"]), title="What to watch for", title_align="left"))
    rubric = Table("Score", "Result", "When", show_header=True)
    for level in sorted(d["rubric"], key=lambda r: -r["score"]):
        rubric.add_row(str(level["score"]), escape(level["label"]), escape(level["criteria"]))
    console.print(rubric)
    outcomes = Table("Finding", "What it means", "What the plan does", show_lines=True)
    for o in d["outcomes"]:
        outcomes.add_row(escape(o["label"]), escape(o["meaning"]), escape(o["training"]))
    console.print(outcomes)
    if d["safety"]:
        console.print(
            Panel(_bullets(d["safety"]), title="Safety", title_align="left", border_style="yellow")
        )
    console.print(Panel(_claims(d["claims"]), title="Why", title_align="left"))
    console.print(Panel(_references(d["references"]), title="References", title_align="left"))


def references_table(listing: list[dict[str, Any]]) -> None:
    table = Table(title="References", show_lines=True)
    table.add_column("#", justify="right")
    table.add_column("Paper", overflow="fold")
    table.add_column("Source", overflow="fold")
    for r in listing:
        source = (
            "added: " + r["why_added"]
            if r["added"]
            else "article list " + ", ".join(f"#{n}" for n in r["article_numbers"])
        )
        table.add_row(
            str(r["number"]), f"{escape(r['citation'])}\n[dim]{r['link']}[/]", escape(source)
        )
    console.print(table)
