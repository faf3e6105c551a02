"""The weekly running-load chart beside strength adherence, as an inline SVG drawn on the
server: a pure function from the load report to markup (no script, no style attribute), sized
by a viewBox so it reads on a phone, with a <title> and <desc> saying what it shows.

Bars are each week's distance (or time, when a week has a run without a distance); a flagged
week's bar is amber. Under each bar: the week's strength sessions done / planned.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from html import escape

from hipstride.running.load import Flag, WeekLoad
from hipstride.running.records import Units, in_units
from hipstride.web.charts_svg import COLOURS, FONT, GRID, INK, MUTED

WIDTH, HEIGHT = 360, 240
LEFT, RIGHT, TOP, BOTTOM = 40, 10, 14, 52
FLAGGED = "#b45309"


def _text(x: float, y: float, label: str, anchor: str = "middle", fill: str = MUTED) -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" fill="{fill}" {FONT}>'
        f"{escape(label)}</text>"
    )


def _top(value: float) -> tuple[float, list[float]]:
    """A round axis top at or above ``value`` with at most five even ticks."""
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 500, 1000):
        if value <= step * 4:
            top = step * max(1, -(-value // step))
            return top, [step * i for i in range(int(top // step) + 1)]
    return value, [0, value]


def measure_of(weeks: Sequence[WeekLoad]) -> str:
    """Distance when every week shown has every distance, else minutes."""
    return "distance" if all(w.distance_known for w in weeks) else "time"


def load_chart(
    weeks: Sequence[WeekLoad],
    flags: Sequence[Flag],
    strength: Mapping[date, tuple[int, int]],
    units: Units,
    chart_id: str = "load-chart",
) -> str:
    """Bars of weekly running volume, strength sessions done/planned under each week."""
    measure = measure_of(weeks)
    unit = units if measure == "distance" else "min"
    title = f"Weekly running {measure} and strength sessions"
    if not weeks:
        desc = "No runs counted yet."
        return _frame(chart_id, title, desc, [_text(WIDTH / 2, HEIGHT / 2, desc)])
    values = [
        in_units(w.distance_m, units) if measure == "distance" else w.seconds / 60 for w in weeks
    ]
    flagged = {f.week_start for f in flags}
    top, ticks = _top(max(max(values), 1.0))
    plot_h = HEIGHT - TOP - BOTTOM
    scale = plot_h / top
    body: list[str] = []
    for tick in ticks:
        y = HEIGHT - BOTTOM - tick * scale
        body.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}" stroke="{GRID}"/>'
        )
        body.append(_text(LEFT - 4, y + 4, f"{tick:g}", anchor="end"))
    body.append(_text(4, TOP - 2, unit, anchor="start", fill=INK))
    slot = (WIDTH - LEFT - RIGHT) / len(weeks)
    every = max(1, -(-len(weeks) // 6))  # at most six date labels
    described = []
    for i, (week, value) in enumerate(zip(weeks, values, strict=True)):
        x, h = LEFT + i * slot, value * scale
        done, planned = strength.get(week.start, (0, 0))
        label = f"week of {week.start:%d %b}: {value:.1f} {unit}"
        label += f", strength {done}/{planned}" if planned else ""
        label += " (flagged)" if week.start in flagged else ""
        described.append(label)
        colour = FLAGGED if week.start in flagged else COLOURS[0]
        body.append(
            f'<rect x="{x + slot * 0.15:.1f}" y="{HEIGHT - BOTTOM - h:.1f}" '
            f'width="{slot * 0.7:.1f}" height="{h:.1f}" fill="{colour}">'
            f"<title>{escape(label)}</title></rect>"
        )
        if planned:
            body.append(
                _text(x + slot / 2, HEIGHT - BOTTOM + 28, f"{done}/{planned}", fill=COLOURS[1])
            )
        if i % every == 0:
            body.append(_text(x + slot / 2, HEIGHT - BOTTOM + 14, f"{week.start:%d %b}"))
    body.append(_text(LEFT, HEIGHT - 4, "Strength sessions done/planned", "start", COLOURS[1]))
    if flagged:
        body.append(_text(WIDTH - RIGHT, HEIGHT - 4, "amber: flagged", "end", FLAGGED))
    desc = f"Weekly running {measure} in {unit}; " + "; ".join(described) + "."
    return _frame(chart_id, title, desc, body)


def _frame(chart_id: str, title: str, desc: str, body: list[str]) -> str:
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" id="{chart_id}">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(desc)}</desc>'
    )
    return head + "".join(body) + "</svg>"
