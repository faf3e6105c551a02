"""The printable handout: the plan, each exercise with its picture, tests, a tick table.

Drawn with fpdf2 in DejaVu Sans (shipped inside matplotlib's wheel, so no system fonts):
the core PDF fonts cannot print ×, → or °.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Literal

from fpdf import FPDF
from fpdf.enums import XPos, YPos
from fpdf.recorder import FPDFRecorder

Paper = Literal["A4", "Letter"]
MARGIN = 15.0  # mm on every side
PICTURE = 42.0  # mm, width of an exercise picture


@dataclass(frozen=True)
class HandoutExercise:
    name: str
    family: str
    dose: str
    note: str
    setup: str
    steps: tuple[str, ...]
    cues: tuple[str, ...]
    safety: tuple[str, ...]
    citations: tuple[int, ...]
    pictures: tuple[str, ...]  # SVG stills in plain colours: start and end positions


@dataclass(frozen=True)
class HandoutTest:
    name: str
    taken: date | None
    score: int | None
    lines: tuple[str, ...]


@dataclass(frozen=True)
class HandoutWeek:
    week: int
    kind: str  # build, deload, race
    days: tuple[date, ...]


@dataclass(frozen=True)
class Handout:
    runner: str
    start: date
    weeks_count: int
    made_on: date
    profile: tuple[str, ...]
    safety: str
    pain_rule: str
    tests: tuple[HandoutTest, ...]
    exercises: tuple[HandoutExercise, ...]
    weeks: tuple[HandoutWeek, ...]
    references: tuple[tuple[int, str], ...]


class _Pdf(FPDF):
    footer_text = ""

    def footer(self) -> None:
        self.set_y(-MARGIN)
        self.set_font("DejaVu", size=7)
        self.set_text_color(110)
        self.cell(0, 4, f"{self.footer_text}   ·   page {self.page_no()} of {{nb}}", align="C")
        self.set_text_color(0)


def _fonts(pdf: FPDF) -> None:
    import matplotlib

    folder = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    pdf.add_font("DejaVu", "", folder / "DejaVuSans.ttf")
    pdf.add_font("DejaVu", "B", folder / "DejaVuSans-Bold.ttf")
    pdf.add_font("DejaVu", "I", folder / "DejaVuSans-Oblique.ttf")


def _heading(pdf: FPDF, text: str, size: float = 13) -> None:
    pdf.set_font("DejaVu", "B", size)
    pdf.multi_cell(0, size * 0.5, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(1.5)
    pdf.set_font("DejaVu", size=9.5)


def _para(
    pdf: FPDF | FPDFRecorder,
    text: str,
    *,
    x: float | None = None,
    width: float = 0,
    size: float = 9.5,
) -> None:
    pdf.set_font("DejaVu", size=size)
    if x is not None:
        pdf.set_x(x)
    pdf.multi_cell(width, size * 0.48, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def _boxed(pdf: FPDF, title: str, text: str, colour: tuple[int, int, int]) -> None:
    pdf.set_draw_color(*colour)
    pdf.set_line_width(0.6)
    top = pdf.get_y()
    pdf.set_x(MARGIN + 3)
    pdf.set_font("DejaVu", "B", 10)
    pdf.ln(2)
    pdf.set_x(MARGIN + 3)
    pdf.cell(0, 5, title, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    _para(pdf, text, x=MARGIN + 3, width=pdf.epw - 6)
    bottom = pdf.get_y() + 2
    pdf.rect(MARGIN, top, pdf.epw, bottom - top)
    pdf.set_y(bottom + 4)
    pdf.set_draw_color(0)
    pdf.set_line_width(0.2)


def _first_page(pdf: FPDF, h: Handout) -> None:
    pdf.set_font("DejaVu", "B", 20)
    pdf.cell(0, 10, "Your hip-strength plan", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font("DejaVu", size=10)
    end = h.weeks[-1].days[-1] if h.weeks and h.weeks[-1].days else None
    until = f" to {end:%a %d %b %Y}" if end else ""
    pdf.cell(
        0,
        6,
        f"{h.runner} · {h.weeks_count} weeks from {h.start:%a %d %b %Y}{until}",
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )
    pdf.ln(3)
    _boxed(pdf, "Pain or an injury?", h.safety, (214, 142, 0))
    _heading(pdf, "Your week")
    for line in h.profile:
        _para(pdf, f"•  {line}")
    pdf.ln(3)
    _heading(pdf, "Your self-tests")
    for test in h.tests:
        when = f", {test.taken:%d %b %Y}" if test.taken else ""
        score = f": {test.score}/3" if test.score is not None else ": not taken yet"
        pdf.set_font("DejaVu", "B", 10)
        pdf.cell(0, 6, f"{test.name}{score}{when}", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        for line in test.lines:
            _para(pdf, line, size=9)
        pdf.ln(1.5)
    pdf.ln(2)
    _heading(pdf, "How the plan adapts")
    _para(pdf, h.pain_rule)


def _exercise(pdf: FPDF, ex: HandoutExercise) -> None:
    """An exercise never splits across pages: a dry run says whether it fits."""
    with pdf.offset_rendering() as dummy:
        _exercise_block(dummy, ex)
    if dummy.page_break_triggered:
        pdf.add_page()
    _exercise_block(pdf, ex)


def _exercise_block(doc: FPDF | FPDFRecorder, ex: HandoutExercise) -> None:
    top = doc.get_y()
    text_x = MARGIN + PICTURE + 5
    text_w = doc.epw - PICTURE - 5
    picture_bottom = top
    for svg in ex.pictures:
        placed = doc.image(
            io.BytesIO(svg.encode()),
            x=MARGIN,
            y=picture_bottom,
            w=PICTURE,
            h=PICTURE * 0.9,
            keep_aspect_ratio=True,
        )
        picture_bottom += placed.rendered_height + 2
    doc.set_xy(text_x, top)
    doc.set_font("DejaVu", "B", 11.5)
    doc.multi_cell(text_w, 5.5, ex.name, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    doc.set_x(text_x)
    doc.set_font("DejaVu", "B", 9.5)
    doc.multi_cell(text_w, 4.8, f"{ex.family} · {ex.dose}", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    if ex.note:
        doc.set_text_color(90)
        _para(doc, ex.note, x=text_x, width=text_w, size=8)
        doc.set_text_color(0)
    doc.ln(1)
    _para(doc, ex.setup, x=text_x, width=text_w, size=9)
    for i, step in enumerate(ex.steps, start=1):
        _para(doc, f"{i}. {step}", x=text_x, width=text_w, size=9)
    cues = "Cues: " + " · ".join(ex.cues)
    doc.set_font("DejaVu", "I", 9)
    doc.set_x(text_x)
    doc.multi_cell(text_w, 4.3, cues, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    for line in ex.safety:
        _para(doc, f"⚠ {line}", x=text_x, width=text_w, size=8.5)
    if ex.citations:
        doc.set_text_color(90)
        refs = ", ".join(str(n) for n in ex.citations)
        _para(doc, f"References: {refs}", x=text_x, width=text_w, size=8)
        doc.set_text_color(0)
    doc.set_y(max(doc.get_y(), picture_bottom) + 3)
    doc.set_draw_color(220)
    doc.line(MARGIN, doc.get_y(), MARGIN + doc.epw, doc.get_y())
    doc.set_draw_color(0)
    doc.ln(4)


def _tick_table(pdf: FPDF, weeks: Sequence[HandoutWeek]) -> None:
    _heading(pdf, "Tick each session as you do it")
    _para(
        pdf, "Write the worst pain of the session (0-10) next to the tick, and the next morning's."
    )
    pdf.ln(2)
    columns = max((len(w.days) for w in weeks), default=1)
    pdf.set_font("DejaVu", size=9)
    with pdf.table(
        col_widths=(24, *([(pdf.epw - 24) / columns] * columns)),
        text_align="LEFT",
        line_height=7,
        first_row_as_headings=True,
    ) as table:
        table.row(["Week", *[f"Session {i}" for i in range(1, columns + 1)]])
        for week in weeks:
            label = {"deload": "lighter", "race": "race week"}.get(week.kind, "")
            row = table.row()
            row.cell(f"{week.week}" + (f" ({label})" if label else ""))
            for day in week.days:
                row.cell(f"☐  {day:%a %d %b}     pain __ / __")
            for _ in range(columns - len(week.days)):
                row.cell("")


class _QuietSvgTags(logging.Filter):
    """fpdf2 logs every <title> and <desc> it skips; they are for screens, not paper."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "Ignoring unsupported SVG tag" not in record.getMessage()


def write_handout(h: Handout, out: Path, *, paper: Paper = "A4") -> Path:
    """Write the handout; every page keeps a 15 mm margin so it prints on A4 and Letter."""
    quiet = _QuietSvgTags()
    svg_log = logging.getLogger("fpdf.svg")
    svg_log.addFilter(quiet)
    try:
        return _write(h, out, paper)
    finally:
        svg_log.removeFilter(quiet)


def _write(h: Handout, out: Path, paper: Paper) -> Path:
    pdf = _Pdf(format="A4" if paper == "A4" else "Letter", unit="mm")
    pdf.set_margins(MARGIN, MARGIN, MARGIN)
    pdf.set_auto_page_break(True, margin=MARGIN + 6)
    pdf.footer_text = f"hipstride · made {h.made_on:%d %b %Y} · a plan, not a diagnosis"
    pdf.set_title(f"Hip-strength plan for {h.runner}")
    pdf.set_author("hipstride")
    _fonts(pdf)
    pdf.add_page()
    _first_page(pdf, h)
    pdf.add_page()
    _heading(pdf, "Your exercises, in session order", 15)
    for ex in h.exercises:
        _exercise(pdf, ex)
    pdf.add_page()
    _tick_table(pdf, h.weeks)
    pdf.add_page()
    _heading(pdf, "References")
    for number, citation in h.references:
        _para(pdf, f"[{number}] {citation}", size=8.5)
        pdf.ln(0.8)
    out.parent.mkdir(parents=True, exist_ok=True)
    pdf.output(str(out))
    return out
