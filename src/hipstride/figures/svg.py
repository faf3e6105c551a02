"""An SVG document around drawn frames: accessible, light/dark aware, animated with CSS.

The animation is a flip-book: each frame is a group, and one CSS ``@keyframes`` rule per
frame makes it visible during its slots of the loop. No script, no SMIL. Viewers that
ask for reduced motion (and renderers without CSS animation) see the first frame only.
Colours are CSS variables with plain fallbacks, so the figure follows the page's light or
dark scheme and still renders in tools that ignore ``var()``.
"""

from __future__ import annotations

from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from hipstride.figures.draw import fmt

LIGHT = {
    "ink": "#1d2630",
    "far": "#8995a3",
    "muscle": "#e0532f",
    "band": "#11998a",
    "floor": "#9aa5b1",
    "prop": "#b3bcc6",
    "bg": "#ffffff",
}
DARK = {
    "ink": "#e8edf2",
    "far": "#7b8896",
    "muscle": "#ff7b54",
    "band": "#3fd0bb",
    "floor": "#66717e",
    "prop": "#4d5865",
    "bg": "#11161c",
}


def _style(uid: str, printable: bool) -> str:
    """Colours as CSS variables that follow the page's light or dark scheme.

    A printable style has plain colours only: PDF renderers resolve no CSS variables
    and there is no dark paper.
    """

    def _paint(prop: str, name: str) -> str:
        plain = f"{prop}:{LIGHT[name]}"
        return plain if printable else f"{plain};{prop}:var(--hs-{name})"

    light = ";".join(f"--hs-{k}:{v}" for k, v in LIGHT.items())
    dark = ";".join(f"--hs-{k}:{v}" for k, v in DARK.items())
    schemes = (
        ""
        if printable
        else f".hs-figure{{{light}}}@media (prefers-color-scheme: dark){{.hs-figure{{{dark}}}}}"
    )
    return (
        schemes + f".hs-body{{{_paint('fill', 'ink')};{_paint('stroke', 'ink')}}}"
        f".hs-far{{{_paint('fill', 'far')};{_paint('stroke', 'far')}}}"
        f".hs-gap{{{_paint('fill', 'bg')};{_paint('stroke', 'bg')}}}"
        ".hs-limb{stroke-linecap:round}"
        ".hs-figure polygon{stroke-linejoin:round}"
        f".hs-muscle{{{_paint('fill', 'muscle')};{_paint('stroke', 'muscle')};opacity:.92}}"
        f".hs-band-strap,.hs-band-wrap{{{_paint('stroke', 'band')};stroke-linecap:round}}"
        ".hs-band-wrap{stroke-width:2.4}"
        f".hs-floor{{{_paint('fill', 'floor')};fill-opacity:.18;{_paint('stroke', 'floor')};"
        "stroke-width:.8;stroke-linejoin:round}"
        f".hs-prop{{fill:none;{_paint('stroke', 'prop')};stroke-width:1.8;"
        "stroke-linejoin:round;stroke-linecap:round}"
        f".hs-mat{{{_paint('fill', 'prop')};{_paint('stroke', 'prop')};stroke-width:1.2;"
        "stroke-linejoin:round}"
    )


def _animation(uid: str, timeline: list[tuple[int, float]], frames: int) -> str:
    total = sum(seconds for _, seconds in timeline)
    windows: dict[int, list[tuple[float, float]]] = {i: [] for i in range(frames)}
    clock = 0.0
    for frame, seconds in timeline:
        windows[frame].append((clock / total * 100, (clock + seconds) / total * 100))
        clock += seconds
    # Every rule is scoped to this picture, so several figures can share one page.
    rules = [
        f".{uid} .hs-frame{{visibility:hidden;animation-duration:{total:.2f}s;"
        "animation-iteration-count:infinite;animation-timing-function:step-end}",
        f".{uid} .hs-frame.hs-still{{visibility:visible}}",
    ]
    for frame, spans in windows.items():
        steps = [] if spans and spans[0][0] == 0 else ["0%{visibility:hidden}"]
        for start, end in spans:
            steps.append(f"{start:.3f}%{{visibility:visible}}")
            steps.append(f"{end:.3f}%{{visibility:hidden}}")
        rules.append(f".{uid} .hs-f{frame}{{animation-name:{uid}-f{frame}}}")
        rules.append(f"@keyframes {uid}-f{frame}{{{''.join(steps)}}}")
    rules.append(f"@media (prefers-reduced-motion: reduce){{.{uid} .hs-frame{{animation:none}}}}")
    return "".join(rules)


@dataclass(frozen=True)
class Document:
    """Everything an illustration holds, ready to be written as SVG text."""

    uid: str
    title: str
    description: str
    box: tuple[float, float, float, float]
    backdrop: list[str]
    frames: list[list[str]]
    timeline: list[tuple[int, float]] | None = None
    printable: bool = False


def render(doc: Document) -> str:
    """The SVG text: one group per frame; animated when a timeline is given."""
    x0, y0, x1, y1 = doc.box
    width, height = x1 - x0, y1 - y0
    style = _style(doc.uid, doc.printable)
    if doc.timeline is not None:
        style += _animation(doc.uid, doc.timeline, len(doc.frames))
    groups = []
    for i, shapes in enumerate(doc.frames):
        if doc.timeline is None:
            groups.append(f'<g class="hs-pose">{"".join(shapes)}</g>')
        else:
            still = " hs-still" if i == 0 else ""
            groups.append(f'<g class="hs-frame hs-f{i}{still}">{"".join(shapes)}</g>')
    title_id, desc_id = f"{doc.uid}-title", f"{doc.uid}-desc"
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" '
        f'class="hs-figure {doc.uid}" role="img" '
        f'aria-labelledby="{title_id} {desc_id}" '
        f'viewBox="{fmt(x0)} {fmt(y0)} {fmt(width)} {fmt(height)}" '
        f'width="{fmt(width * 3)}" height="{fmt(height * 3)}">'
        f"<title id={quoteattr(title_id)}>{escape(doc.title)}</title>"
        f"<desc id={quoteattr(desc_id)}>{escape(doc.description)}</desc>"
        f"<style>{style}</style>"
        f"{''.join(doc.backdrop)}{''.join(groups)}</svg>\n"
    )
