"""Progress charts as small inline SVGs, drawn on the server: pure functions from numbers to
markup, no JavaScript and no styles (the page's CSP allows neither inline), sized by a
viewBox so they fit a phone. Each has a <title> and a <desc> that say what it shows."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from html import escape

from hipstride.training.progress import Progress

WIDTH, HEIGHT = 360, 220
LEFT, RIGHT, TOP, BOTTOM = 36, 12, 14, 34
INK, MUTED, GRID = "#1d2430", "#5b6675", "#d9dee5"
COLOURS = ("#0b6e4f", "#1a56db", "#8a4b00")
FONT = 'font-family="system-ui, sans-serif" font-size="11"'


@dataclass(frozen=True)
class Series:
    name: str
    points: tuple[tuple[date, float], ...]
    dashed: bool = False


def _frame(chart_id: str, title: str, desc: str, body: list[str]) -> str:
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" id="{chart_id}">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(desc)}</desc>'
    )
    return head + "".join(body) + "</svg>"


def _text(x: float, y: float, label: str, anchor: str = "middle", fill: str = MUTED) -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" fill="{fill}" {FONT}>'
        f"{escape(label)}</text>"
    )


def _y_axis(top: float, ticks: Sequence[float], unit: str = "") -> tuple[list[str], float]:
    """Horizontal grid lines with labels; returns them and the pixels per unit."""
    plot_h = HEIGHT - TOP - BOTTOM
    scale = plot_h / top if top else 0.0
    out = []
    for tick in ticks:
        y = HEIGHT - BOTTOM - tick * scale
        out.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}" stroke="{GRID}"/>'
        )
        out.append(_text(LEFT - 4, y + 4, f"{tick:g}{unit}", anchor="end"))
    return out, scale


def _nice_top(value: float) -> tuple[float, list[float]]:
    """A round axis top at or above ``value`` with four or five even ticks."""
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 500):
        if value <= step * 4:
            top = step * max(1, -(-value // step))
            return top, [step * i for i in range(int(top // step) + 1)]
    return value, [0, value]


def empty_chart(chart_id: str, title: str, message: str) -> str:
    return _frame(chart_id, title, message, [_text(WIDTH / 2, HEIGHT / 2, message)])


def bar_chart(
    chart_id: str, title: str, desc: str, labels: Sequence[str], values: Sequence[float]
) -> str:
    """Vertical bars, one per label (e.g. sets per week)."""
    if not values:
        return empty_chart(chart_id, title, "Nothing logged yet.")
    top, ticks = _nice_top(max(max(values), 1))
    body, scale = _y_axis(top, ticks)
    slot = (WIDTH - LEFT - RIGHT) / len(values)
    every = max(1, -(-len(values) // 6))  # at most six labels along the bottom
    for i, (label, value) in enumerate(zip(labels, values, strict=True)):
        x, h = LEFT + i * slot, value * scale
        body.append(
            f'<rect x="{x + slot * 0.15:.1f}" y="{HEIGHT - BOTTOM - h:.1f}" '
            f'width="{slot * 0.7:.1f}" height="{h:.1f}" fill="{COLOURS[0]}">'
            f"<title>{escape(label)}: {value:g}</title></rect>"
        )
        if i % every == 0:
            body.append(_text(x + slot / 2, HEIGHT - BOTTOM + 14, label))
    return _frame(chart_id, title, desc, body)


def line_chart(
    chart_id: str,
    title: str,
    desc: str,
    series: Sequence[Series],
    *,
    top: float | None = None,
    unit: str = "",
    limit: float | None = None,
) -> str:
    """Lines over dates, with a legend; ``limit`` draws a dashed reference line."""
    days = [d for s in series for d, _ in s.points]
    if not days:
        return empty_chart(chart_id, title, "No data yet.")
    peak = max(v for s in series for _, v in s.points)
    axis_top, ticks = _nice_top(max(peak, limit or 0, 1) if top is None else top)
    body, scale = _y_axis(axis_top, ticks, unit)
    first, last = min(days), max(days)
    span = max((last - first).days, 1)
    plot_w = WIDTH - LEFT - RIGHT - 16

    def x_of(day: date) -> float:
        if first == last:  # one day: in the middle
            return LEFT + 8 + plot_w / 2
        return LEFT + 8 + (day - first).days / span * plot_w

    def y_of(value: float) -> float:
        return HEIGHT - BOTTOM - value * scale

    if limit is not None:
        y = y_of(limit)
        body.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}" '
            f'stroke="{COLOURS[2]}" stroke-dasharray="4 3"/>'
        )
    for index, s in enumerate(series):
        colour = COLOURS[index % len(COLOURS)]
        points = " ".join(f"{x_of(d):.1f},{y_of(v):.1f}" for d, v in s.points)
        dash = ' stroke-dasharray="6 3"' if s.dashed else ""
        body.append(
            f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="2"{dash}/>'
        )
        # The second series is drawn as rings, so a point shared with the first shows both.
        mark = (
            f'r="3.5" fill="{colour}"'
            if index == 0
            else (f'r="6" fill="none" stroke="{colour}" stroke-width="2"')
        )
        for d, v in s.points:
            body.append(
                f'<circle cx="{x_of(d):.1f}" cy="{y_of(v):.1f}" {mark}>'
                f"<title>{escape(s.name)}, {d:%d %b}: {v:g}{escape(unit)}</title></circle>"
            )
        legend_x = LEFT + index * 110
        body.append(
            f'<rect x="{legend_x}" y="{HEIGHT - 12}" width="10" height="10" fill="{colour}"/>'
        )
        body.append(_text(legend_x + 14, HEIGHT - 3, s.name, anchor="start", fill=INK))
    labels = sorted({first, last, *([min(days, key=lambda d: abs((d - first).days - span / 2))])})
    for d in labels:
        anchor = (
            "middle"
            if first == last
            else "start"
            if d == first
            else "end"
            if d == last
            else "middle"
        )
        body.append(_text(x_of(d), HEIGHT - BOTTOM + 14, f"{d:%d %b}", anchor=anchor))
    return _frame(chart_id, title, desc, body)


def level_chart(chart_id: str, title: str, desc: str, rows: Sequence[tuple[str, int, int]]) -> str:
    """Horizontal bars: how far up each ladder (``name``, ``level``, ``of``)."""
    if not rows:
        return empty_chart(chart_id, title, "No plan yet.")
    row_h = min(36.0, (HEIGHT - TOP - 8) / len(rows))
    left, width = 150, WIDTH - 150 - RIGHT
    body = []
    for i, (name, level, of) in enumerate(rows):
        y = TOP + i * row_h
        body.append(_text(left - 6, y + row_h / 2 + 4, name, anchor="end", fill=INK))
        body.append(
            f'<rect x="{left}" y="{y + row_h * 0.2:.1f}" width="{width}" '
            f'height="{row_h * 0.6:.1f}" fill="{GRID}"/>'
        )
        body.append(
            f'<rect x="{left}" y="{y + row_h * 0.2:.1f}" width="{width * level / of:.1f}" '
            f'height="{row_h * 0.6:.1f}" fill="{COLOURS[0]}"><title>{escape(name)}: step '
            f"{level} of {of}</title></rect>"
        )
        body.append(
            _text(left + 6, y + row_h / 2 + 4, f"{level}/{of}", anchor="start", fill="#fff")
        )
    return _frame(chart_id, title, desc, body)


def progress_charts(progress: Progress) -> dict[str, str]:
    """The four charts of the progress page, by id."""
    weeks = progress.weeks
    sets = [float(w.sets) for w in weeks]
    pain_weeks = [(w.start, float(w.max_pain)) for w in weeks if w.max_pain is not None]
    mornings = [(d, float(p)) for d, p in progress.morning_pain]
    scores = {
        test: tuple(
            (t.day, float(t.score))
            for t in progress.tests
            if t.test_id == test and t.score is not None and (t.side in (None, "left"))
        )
        for test in ("deep-squat", "single-leg-bridge")
    }
    return {
        "volume": bar_chart(
            "chart-volume",
            "Sets per week",
            f"Sets logged each week, from the week of {weeks[0].start:%d %b} on: "
            + ", ".join(f"{w.sets}" for w in weeks)
            if weeks
            else "No sets logged yet.",
            [f"{w.start:%d %b}" for w in weeks],
            sets,
        ),
        "pain": line_chart(
            "chart-pain",
            "Pain trend (0-10)",
            "Highest pain during sets each week and morning pain the day after; the dashed "
            "line is the limit of 5.",
            [
                Series("During sets", tuple(pain_weeks)),
                Series("Mornings", tuple(mornings), dashed=True),
            ],
            top=10,
            limit=5,
        ),
        "tests": line_chart(
            "chart-tests",
            "Self-test scores (0-3)",
            "Deep squat and single-leg bridge scores at each taking; 3 is the best.",
            [
                Series("Deep squat", scores["deep-squat"]),
                Series("Bridge", scores["single-leg-bridge"]),
            ],
            top=3,
        ),
        "steps": level_chart(
            "chart-steps",
            "Step reached on each ladder",
            "; ".join(
                f"{s.family_name}: {s.step_name}, step {s.level} of {s.of}" for s in progress.steps
            )
            or "No plan yet.",
            [(s.family_name, s.level, s.of) for s in progress.steps],
        ),
    }
