"""One body on the picture: rounded limbs drawn far to near, muscles and band on top.

Drawing is painter's order by depth, which is enough for a body of capsules seen side-on,
front-on or from above. The side away from the camera is drawn in a lighter tone so left
and right stay apart in a side view. Units: 100 = body height; SVG's y points down.
"""

from __future__ import annotations

from dataclasses import dataclass

from hipstride.figures.body import RADIUS
from hipstride.figures.geometry import Point3
from hipstride.figures.kinematics import Skeleton, capsules
from hipstride.figures.muscles import highlights
from hipstride.figures.views import Camera, Point2

SCALE = 100.0
TRUNK_OUTLINE = 0.06
BAND_ATTACH: dict[str, tuple[str, str, float]] = {
    "above-knees": ("hip", "knee", 0.8),
    "ankles": ("knee", "ankle", 0.86),
    "feet": ("heel", "foot_index", 0.72),
    "knee-pinned": ("hip", "knee", 0.8),
}
"""Where a band sits on each leg: a fraction of the way along a segment."""


def fmt(v: float) -> str:
    text = f"{v:.1f}"
    return "0.0" if text == "-0.0" else text


@dataclass(frozen=True)
class Screen:
    """Projects world points to SVG user units."""

    camera: Camera

    def at(self, p: Point3) -> Point2:
        q = self.camera.project(p)
        return Point2(q.x * SCALE, -q.y * SCALE)

    def xy(self, p: Point3) -> str:
        q = self.at(p)
        return f"{fmt(q.x)},{fmt(q.y)}"


GAP = 1.3
"""Width of the background-coloured outline that keeps overlapping limbs apart."""


def _line(screen: Screen, a: Point3, b: Point3, width: float, cls: str, gap: bool = False) -> str:
    p, q = screen.at(a), screen.at(b)
    ends = f'x1="{fmt(p.x)}" y1="{fmt(p.y)}" x2="{fmt(q.x)}" y2="{fmt(q.y)}"'
    shape = f'<line class="{cls}" {ends} stroke-width="{fmt(width * SCALE)}"/>'
    if not gap:
        return shape
    halo = f'<line class="hs-gap hs-limb" {ends} stroke-width="{fmt(width * SCALE + GAP)}"/>'
    return halo + shape


def _polygon(screen: Screen, pts: list[Point3], width: float, cls: str, gap: bool = False) -> str:
    points = " ".join(screen.xy(p) for p in pts)
    shape = f'<polygon class="{cls}" points="{points}" stroke-width="{fmt(width * SCALE)}"/>'
    if not gap:
        return shape
    wide = fmt(width * SCALE + GAP)
    return f'<polygon class="hs-gap" points="{points}" stroke-width="{wide}"/>{shape}'


def _circle(screen: Screen, c: Point3, r: float, cls: str, gap: bool = False) -> str:
    p = screen.at(c)
    at = f'cx="{fmt(p.x)}" cy="{fmt(p.y)}"'
    shape = f'<circle class="{cls}" {at} r="{fmt(r * SCALE)}"/>'
    if not gap:
        return shape
    return f'<circle class="hs-gap" {at} r="{fmt(r * SCALE + GAP / 2)}"/>{shape}'


def far_sides(skeleton: Skeleton, camera: Camera) -> set[str]:
    """The side (if any) turned away from the camera, drawn lighter."""
    pts = skeleton.points
    if not camera.shade_far:
        return set()
    gap = sum(
        camera.depth(pts[f"right_{j}"]) - camera.depth(pts[f"left_{j}"])
        for j in ("hip", "shoulder")
    )
    if abs(gap) < 0.05:
        return set()
    return {"left"} if gap > 0 else {"right"}


def body(
    skeleton: Skeleton, camera: Camera, muscles: list[str], sides: tuple[str, ...]
) -> list[str]:
    """SVG elements of the body and the muscles highlighted on ``sides``, far to near."""
    screen, pts = Screen(camera), skeleton.points
    far = far_sides(skeleton, camera)
    layers: list[tuple[float, str]] = []

    def depth(*names: str) -> float:
        return sum(camera.depth(pts[n]) for n in names) / len(names)

    trunk = [pts["left_shoulder"], pts["right_shoulder"], pts["right_hip"], pts["left_hip"]]
    spine = [pts["mid_hip"], pts["spine"], pts["neck"]]
    # A thin outline round shoulders and hips gives the chest its width seen from the
    # front; the thick spine line gives its depth seen from the side.
    layers.append(
        (
            depth("mid_hip", "neck"),
            _polygon(screen, trunk, TRUNK_OUTLINE, "hs-body", gap=True)
            + _polygon(screen, spine, 2 * RADIUS["trunk"], "hs-body", gap=True)
            + _polygon(screen, trunk, TRUNK_OUTLINE, "hs-body"),
        )
    )
    layers.append(
        (
            depth("head"),
            _circle(screen, pts["nose"], 0.014, "hs-body", gap=True)
            + _circle(screen, pts["head"], RADIUS["head"], "hs-body", gap=True)
            + _circle(screen, pts["nose"], 0.014, "hs-body"),
        )
    )
    for part in capsules():
        if part.part == "trunk":
            continue
        assert part.side is not None
        cls = "hs-far" if part.side in far else "hs-body"
        a, b = pts[part.start], pts[part.end]
        if part.part == "foot" and part.start.endswith("heel"):
            shape = _polygon(
                screen, [pts[f"{part.side}_ankle"], a, b], 2 * part.radius, cls, gap=True
            )
        elif part.part == "foot":
            continue
        else:
            shape = _line(screen, a, b, 2 * part.radius, f"{cls} hs-limb", gap=True)
        layers.append((depth(part.start, part.end), shape))
    for mark in highlights(skeleton, muscles, sides):
        nearer = 0.03
        if mark.end is None:
            shape = _circle(screen, mark.start, mark.radius, "hs-muscle")
            d = camera.depth(mark.start)
        else:
            shape = _line(screen, mark.start, mark.end, 2 * mark.radius, "hs-muscle hs-limb")
            d = (camera.depth(mark.start) + camera.depth(mark.end)) / 2
        layers.append((d + nearer, shape))
    layers.sort(key=lambda layer: layer[0])
    return [shape for _, shape in layers]


@dataclass(frozen=True)
class BandEnd:
    """Where the band meets a leg (or the floor) and which limb it wraps round."""

    at: Point3
    limb: tuple[Point3, Point3] | None
    radius: float


def band_ends(skeleton: Skeleton, position: str) -> tuple[BandEnd, BandEnd]:
    """The band's two ends, one on each leg (the kneeling leg pins it to the floor)."""
    pts = skeleton.points
    start, end, t = BAND_ATTACH[position]
    radius = {"hip": RADIUS["thigh"], "knee": RADIUS["shank"], "heel": RADIUS["foot"]}[start]

    def on(side: str) -> BandEnd:
        a, b = pts[f"{side}_{start}"], pts[f"{side}_{end}"]
        return BandEnd(a + (b - a).scale(t), (a, b), radius)

    left, right = on("left"), on("right")
    if position == "knee-pinned":
        kneeling = "left" if pts["left_knee"].y < pts["right_knee"].y else "right"
        knee = pts[f"{kneeling}_knee"]
        pinned = BandEnd(Point3(knee.x, 0.0, knee.z), None, 0.0)
        return (pinned, right) if kneeling == "left" else (left, pinned)
    return left, right


def _wrap(screen: Screen, end: BandEnd) -> str:
    """A short strip across the limb: the loop seen going round the leg."""
    p = screen.at(end.at)
    if end.limb is None:
        ux, uy = 1.0, 0.0
    else:
        a, b = screen.at(end.limb[0]), screen.at(end.limb[1])
        dx, dy = b.x - a.x, b.y - a.y
        length = (dx * dx + dy * dy) ** 0.5
        if length < 1e-6:
            return ""
        ux, uy = -dy / length, dx / length
    half = end.radius * SCALE + 0.8
    return (
        f'<line class="hs-band-wrap" x1="{fmt(p.x - ux * half)}" y1="{fmt(p.y - uy * half)}" '
        f'x2="{fmt(p.x + ux * half)}" y2="{fmt(p.y + uy * half)}"/>'
    )


def band(skeleton: Skeleton, camera: Camera, position: str) -> str:
    """The band as a taut strap between the legs, wrapped round each leg."""
    screen = Screen(camera)
    a, b = band_ends(skeleton, position)
    strap = _line(screen, a.at, b.at, 0.016, "hs-band-strap")
    return (
        f'<g class="hs-band" data-position="{position}">{strap}'
        f"{_wrap(screen, a)}{_wrap(screen, b)}</g>"
    )
