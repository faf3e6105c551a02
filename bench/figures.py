"""Rendering every illustration and the handout, against bare-library baselines.

Baselines, measured in the same run: for an illustration, parsing the very same SVG text
with the standard library's XML parser; for the handout, fpdf2 writing the same text with
no pictures and no layout.
"""

from __future__ import annotations

import statistics
import tempfile
import time
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from hipstride.exports.handout import (
    Handout,
    HandoutExercise,
    HandoutTest,
    HandoutWeek,
    write_handout,
)
from hipstride.figures.render import keyframe_names, self_test_illustration, step_illustration
from hipstride.knowledge.catalog import Catalog, load_catalog
from hipstride.services.figures import printable_stills

REPEATS = 5
HANDOUT_REPEATS = 7


def _jobs(catalog: Catalog) -> list[tuple[str, str, str | None]]:
    """Every illustration the product can draw: each animation and each still."""
    jobs: list[tuple[str, str, str | None]] = []
    for kind, items in (("step", catalog.steps), ("test", catalog.self_tests)):
        for item_id, item in items.items():
            for still in [None, *keyframe_names(item)]:
                jobs.append((kind, item_id, still))
    return jobs


def _render(catalog: Catalog, job: tuple[str, str, str | None]) -> str:
    kind, item_id, still = job
    draw = step_illustration if kind == "step" else self_test_illustration
    return draw(catalog, item_id, still=still)


def _handout(catalog: Catalog) -> Handout:
    """Every strength and stretch step at its default dose, as a long handout would hold."""
    exercises = tuple(
        HandoutExercise(
            name=step.name,
            family=catalog.families[step.family].name,
            dose=step.dose.describe(step.laterality),
            note="",
            setup=step.setup,
            steps=tuple(step.steps),
            cues=tuple(step.cues),
            safety=tuple(step.safety),
            citations=(),
            pictures=printable_stills(catalog, step.id),
        )
        for family in catalog.ordered_families()
        for step in catalog.ladders[family.id]
    )
    start = date(2026, 11, 30)
    weeks = tuple(
        HandoutWeek(
            w, "build", tuple(date.fromordinal(start.toordinal() + 7 * (w - 1) + d) for d in (0, 3))
        )
        for w in range(1, 9)
    )
    return Handout(
        runner="bench",
        start=start,
        weeks_count=8,
        made_on=start,
        profile=("You run on Tue, Thu, Sat and Sun.",),
        safety=catalog.pain_screen.referral,
        pain_rule=catalog.pain_screen.during_training,
        tests=(HandoutTest("Standing deep squat test", start, 2, ("Score 2/3.",)),),
        exercises=exercises,
        weeks=weeks,
        references=tuple((i, r.citation) for i, r in enumerate(catalog.references.values(), 1)),
    )


def _bare_pdf(handout: Handout, out: Path) -> None:
    """The same text in the same embedded font, one paragraph per exercise, nothing else."""
    import matplotlib

    pdf = FPDF()
    pdf.add_font("DejaVu", "", Path(matplotlib.get_data_path()) / "fonts/ttf/DejaVuSans.ttf")
    pdf.add_page()
    pdf.set_font("DejaVu", size=9)
    for ex in handout.exercises:
        text = " ".join([ex.name, ex.dose, ex.setup, *ex.steps, *ex.cues, *ex.safety])
        pdf.multi_cell(0, 4, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.output(str(out))


def main() -> None:
    catalog = load_catalog()
    jobs = _jobs(catalog)
    render_times, parse_times = [], []
    for _ in range(REPEATS):
        start = time.perf_counter()
        texts = [_render(catalog, job) for job in jobs]
        render_times.append(time.perf_counter() - start)
        start = time.perf_counter()
        for text in texts:
            ET.fromstring(text)
        parse_times.append(time.perf_counter() - start)
    render, parse = statistics.median(render_times), statistics.median(parse_times)
    print(f"Illustrations ({len(jobs)}: every animation and every still; median of {REPEATS})")
    print(f"  render all                                 median {render * 1000:8.1f} ms")
    print(
        f"  render one, on average                     median {render / len(jobs) * 1000:8.2f} ms"
        f"   {render / parse:6.1f}× parsing the same SVG with xml.etree"
    )
    handout = _handout(catalog)
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "h.pdf"
        full, bare = [], []
        for _ in range(HANDOUT_REPEATS):
            start = time.perf_counter()
            write_handout(handout, out)
            full.append(time.perf_counter() - start)
            start = time.perf_counter()
            _bare_pdf(handout, out)
            bare.append(time.perf_counter() - start)
    pages = f"{len(handout.exercises)} exercises with pictures"
    print(f"Handout ({pages}; median of {HANDOUT_REPEATS})")
    handout_s, bare_s = statistics.median(full), statistics.median(bare)
    print(
        f"  {'write_handout':<42} median {handout_s * 1000:8.1f} ms"
        f"   {handout_s / bare_s:6.1f}× bare fpdf2, same text"
    )


if __name__ == "__main__":
    main()
