"""Illustrations of steps and self-tests: an animation of the movement, or one keyframe.

These are the functions the rest of the app calls. They take content models and return
SVG text; writing it anywhere is the caller's business.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from hipstride.figures.draw import SCALE, band, body
from hipstride.figures.keyframes import Motion, motion, timeline
from hipstride.figures.props import floor, props
from hipstride.figures.svg import Document, render
from hipstride.figures.views import Camera, Point2, camera
from hipstride.knowledge.catalog import Catalog
from hipstride.knowledge.figure_models import Figure, Orientation, View
from hipstride.knowledge.joints import SIDES
from hipstride.knowledge.models import Laterality, SelfTest, Step

VIEW_WORDS = {
    View.SIDE: "Side view",
    View.FRONT: "Front view",
    View.FRONT_ABOVE: "View from the front and above",
}
ORIENTATION_WORDS = {
    Orientation.STANDING: "standing",
    Orientation.SEATED: "sitting on a chair",
    Orientation.KNEELING: "kneeling",
    Orientation.SUPINE: "lying on the back",
    Orientation.SIDE_LYING: "lying on one side",
    Orientation.QUADRUPED: "on hands and knees",
}
BAND_WORDS = {
    "above-knees": "A mini band loops round both legs just above the knees.",
    "ankles": "A mini band loops round both legs just above the ankles.",
    "feet": "A mini band loops round the front of both feet.",
    "knee-pinned": "A mini band sits above the knees, pinned to the floor by the kneeling knee.",
}


class NoFigure(LookupError):
    """The step or self-test has no ``figure:`` keyframes yet."""


class UnknownStill(LookupError):
    """A still was asked for by a name that is not one of the keyframes."""

    def __init__(self, wanted: str, names: list[str]) -> None:
        self.wanted, self.names = wanted, names
        super().__init__(f"no keyframe {wanted!r}; use one of: {', '.join(names)}")


@dataclass(frozen=True)
class Subject:
    """What an illustration shows, whether it comes from a step or a self-test."""

    id: str
    name: str
    figure: Figure
    muscles: list[str]
    equipment: list[str]
    band_position: str | None
    sides: tuple[str, ...]
    """Where muscles are highlighted: the working (right) side of one-sided work."""


def _subject(item: Step | SelfTest) -> Subject:
    if item.figure is None:
        raise NoFigure(f"{item.id!r} has no figure: keyframes to draw")
    if isinstance(item, Step):
        muscles = item.figure.highlight or item.primary_muscles
        one_side = item.laterality is Laterality.ONE_SIDE
        sides = ("right",) if one_side else SIDES
        return Subject(
            item.id, item.name, item.figure, muscles, item.equipment, item.band_position, sides
        )
    sides = ("right",) if any(m.per_side for m in item.measures) else SIDES
    return Subject(item.id, item.name, item.figure, item.figure.highlight, [], None, sides)


def _describe(subject: Subject, names: Mapping[str, str], still: str | None) -> str:
    fig = subject.figure
    who = f"{VIEW_WORDS[fig.view]} of a figure {ORIENTATION_WORDS[fig.orientation]}"
    frames = [k.name for k in fig.keyframes]
    if still is not None:
        text = f"{subject.name}, {still} position: {who[0].lower()}{who[1:]}."
    else:
        path = " to ".join(frames)
        text = f"{subject.name}: {who[0].lower()}{who[1:]}, moving from {path} and back."
        if fig.hold_at:
            text += f" The {fig.hold_at} position is the one to hold."
    if subject.muscles:
        muscles = ", ".join(names.get(m, m.replace("-", " ")) for m in subject.muscles)
        text += f" Highlighted: {muscles}."
    if subject.band_position:
        text += " " + BAND_WORDS[subject.band_position]
    return text


def _box(moved: Motion, cam: Camera, extra: list[Point2]) -> tuple[float, float, float, float]:
    """The picture's extent: every frame's body (with room for its thickness) and props."""
    body_pad, prop_pad = 9.0, 2.0
    xs = [x for p in extra for x in (p.x - prop_pad, p.x + prop_pad)]
    ys = [y for p in extra for y in (p.y - prop_pad, p.y + prop_pad)]
    for frame in moved.frames:
        for point in frame.points.values():
            q = cam.project(point)
            xs += [q.x * SCALE - body_pad, q.x * SCALE + body_pad]
            ys += [-q.y * SCALE - body_pad, -q.y * SCALE + body_pad]
    return min(xs), min(ys), max(xs), max(ys)


def _draw(
    subject: Subject, still: str | None, names: Mapping[str, str], printable: bool = False
) -> str:
    fig = subject.figure
    cam = camera(fig.view)
    moved = motion(fig)
    if still is not None and still not in moved.keyframe_at:
        raise UnknownStill(still, list(moved.names))
    ground = floor(moved.frames, cam)
    backdrop = props(moved.frames, cam, subject.equipment)
    x0, y0, x1, y1 = _box(moved, cam, ground.extent + backdrop.extent)

    def shapes(index: int) -> list[str]:
        frame = moved.frames[index]
        drawn = body(frame, cam, subject.muscles, subject.sides)
        if subject.band_position:
            drawn.append(band(frame, cam, subject.band_position))
        return drawn

    uid = f"hs-{subject.id}" + (f"-{still}" if still else "")
    title = subject.name + (f": {still} position" if still else "")
    description = _describe(subject, names, still)
    if still is not None:
        frames = [shapes(moved.keyframe_at[still])]
        plan = None
    else:
        frames = [shapes(i) for i in range(len(moved.frames))]
        plan = timeline(moved, fig.hold_at)
    doc = Document(
        uid,
        title,
        description,
        (x0, y0, x1, y1),
        ground.shapes + backdrop.shapes,
        frames,
        plan,
        printable,
    )
    return render(doc)


def keyframe_names(item: Step | SelfTest) -> list[str]:
    """The names ``still`` accepts for this item, in order."""
    return [k.name for k in _subject(item).figure.keyframes]


def step_svg(
    step: Step,
    *,
    still: str | None = None,
    muscle_names: Mapping[str, str] | None = None,
    printable: bool = False,
) -> str:
    """A step's illustration: animated, or the keyframe named ``still``.

    ``printable`` gives plain colours for PDF renderers, which resolve no CSS variables.
    """
    return _draw(_subject(step), still, muscle_names or {}, printable)


def self_test_svg(
    test: SelfTest, *, still: str | None = None, muscle_names: Mapping[str, str] | None = None
) -> str:
    """A self-test's illustration: animated, or the keyframe named ``still``."""
    return _draw(_subject(test), still, muscle_names or {})


def step_illustration(
    catalog: Catalog, step_id: str, *, still: str | None = None, printable: bool = False
) -> str:
    """A step's SVG by id; raises ``UnknownId``, ``NoFigure`` or ``UnknownStill``."""
    names = {k: m.name for k, m in catalog.muscles.items()}
    return step_svg(catalog.step(step_id), still=still, muscle_names=names, printable=printable)


def self_test_illustration(catalog: Catalog, test_id: str, *, still: str | None = None) -> str:
    """A self-test's SVG by id; raises ``UnknownId``, ``NoFigure`` or ``UnknownStill``."""
    names = {k: m.name for k, m in catalog.muscles.items()}
    return self_test_svg(catalog.self_test(test_id), still=still, muscle_names=names)
