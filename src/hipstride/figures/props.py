"""What the body uses: a mat under floor work, a chair or box to sit to or hold.

Props come from the step's equipment, and their place from the movement itself: a seat
goes under the buttocks at the lowest point of the movement; a chair held for balance
stands where the forward hand rests. Nothing about them is written in the content.
"""

from __future__ import annotations

from dataclasses import dataclass

from hipstride.figures.body import RADIUS
from hipstride.figures.draw import SCALE, Screen, fmt
from hipstride.figures.geometry import Point3
from hipstride.figures.kinematics import Skeleton, contacts
from hipstride.figures.views import Camera, Point2

SEAT_DEPTH = 0.24
BACKREST = 0.26
HANDREST_SEAT = 0.26


@dataclass(frozen=True)
class Props:
    """Backdrop elements and the picture points they cover (for the viewBox)."""

    shapes: list[str]
    extent: list[Point2]


def _chair(back_x: float, front_x: float, seat_y: float, back_top_y: float) -> str:
    """A side-view chair in SVG units (y down, floor at 0)."""
    inset = 1.5 if front_x > back_x else -1.5
    return (
        f'<path class="hs-prop" d="M{fmt(back_x)},{fmt(back_top_y)} L{fmt(back_x)},0 '
        f"M{fmt(back_x)},{fmt(seat_y)} L{fmt(front_x)},{fmt(seat_y)} "
        f'M{fmt(front_x - inset)},{fmt(seat_y)} L{fmt(front_x - inset)},0"/>'
    )


def _seat(frames: tuple[Skeleton, ...], screen: Screen, box: bool) -> Props:
    deepest = min(frames, key=lambda s: s.points["mid_hip"].y)
    hip = screen.at(deepest.points["mid_hip"])
    knee = screen.at(deepest.points["right_knee"])
    forward = 1.0 if knee.x >= hip.x else -1.0
    seat_y = hip.y + RADIUS["trunk"] * SCALE
    back_x = hip.x - forward * 0.15 * SCALE
    front_x = back_x + forward * SEAT_DEPTH * SCALE
    if box:
        x, w = min(back_x, front_x), abs(front_x - back_x)
        shape = (
            f'<rect class="hs-prop" x="{fmt(x)}" y="{fmt(seat_y)}" width="{fmt(w)}" '
            f'height="{fmt(-seat_y)}" rx="1"/>'
        )
        return Props([shape], [Point2(back_x, seat_y), Point2(front_x, 0)])
    top = seat_y - BACKREST * SCALE
    return Props([_chair(back_x, front_x, seat_y, top)], [Point2(back_x, top), Point2(front_x, 0)])


def _hand_rest(frames: tuple[Skeleton, ...], screen: Screen) -> Props:
    last = frames[-1]
    wrists = [screen.at(last.points[f"{s}_wrist"]) for s in ("left", "right")]
    hip = screen.at(last.points["mid_hip"])
    wrist = max(wrists, key=lambda w: abs(w.x - hip.x))
    away = 1.0 if wrist.x >= hip.x else -1.0
    back_x, top = wrist.x + away * 1.5, wrist.y + 2.0
    front_x = back_x + away * SEAT_DEPTH * SCALE
    seat_y = -HANDREST_SEAT * SCALE
    return Props([_chair(back_x, front_x, seat_y, top)], [Point2(back_x, top), Point2(front_x, 0)])


def _quad(
    frames: tuple[Skeleton, ...], screen: Screen, names: list[str] | None, margin: float
) -> list[Point2]:
    """A floor rectangle under the given points of every frame, as seen on the picture."""
    pts = [p for f in frames for k, p in f.points.items() if names is None or k in names]
    x0, x1 = min(p.x for p in pts) - margin, max(p.x for p in pts) + margin
    z0, z1 = min(p.z for p in pts) - margin, max(p.z for p in pts) + margin
    corners = [Point3(x0, 0, z0), Point3(x1, 0, z0), Point3(x1, 0, z1), Point3(x0, 0, z1)]
    return [screen.at(c) for c in corners]


def _polygon(points: list[Point2], cls: str) -> str:
    joined = " ".join(f"{fmt(p.x)},{fmt(p.y)}" for p in points)
    return f'<polygon class="{cls}" points="{joined}"/>'


def floor(frames: tuple[Skeleton, ...], camera: Camera) -> Props:
    """The floor under the whole movement: a line seen side-on, a plane seen from above."""
    corners = _quad(frames, Screen(camera), None, 0.1)
    return Props([_polygon(corners, "hs-floor")], corners)


def _mat(frames: tuple[Skeleton, ...], screen: Screen) -> Props:
    touching = sorted({k for f in frames for k in contacts(f)})
    corners = _quad(frames, screen, touching, 0.07)
    return Props([_polygon(corners, "hs-mat")], corners)


def props(frames: tuple[Skeleton, ...], camera: Camera, equipment: list[str]) -> Props:
    """The backdrop for a movement seen by ``camera``, from the step's equipment ids."""
    screen = Screen(camera)
    shapes: list[str] = []
    extent: list[Point2] = []
    found: list[Props] = []
    if "mat" in equipment:
        found.append(_mat(frames, screen))
    if "chair" in equipment or "box" in equipment:
        low = min(f.points["mid_hip"].y for f in frames)
        if low < 0.42:
            found.append(_seat(frames, screen, box="chair" not in equipment))
        else:
            found.append(_hand_rest(frames, screen))
    for prop in found:
        shapes += prop.shapes
        extent += prop.extent
    return Props(shapes, extent)
