"""Where each muscle lies on the body model, so the working muscles can be highlighted.

A region is a blob or a strip placed in a segment's own frame (anterior, superior,
right), so it follows the body through every pose and view. The lateral offset is
mirrored for the left side. Unknown muscle ids are simply not drawn.
"""

from __future__ import annotations

from dataclasses import dataclass

from hipstride.figures.geometry import Point3, apply
from hipstride.figures.kinematics import Skeleton
from hipstride.knowledge.joints import SIDES


@dataclass(frozen=True)
class Anchor:
    """A point ``t`` of the way from ``point`` to ``towards``, moved by ``offset`` in a frame."""

    point: str
    frame: str
    offset: tuple[float, float, float] = (0.0, 0.0, 0.0)
    towards: str | None = None
    t: float = 0.0


@dataclass(frozen=True)
class Region:
    """A highlighted blob (``end`` is None) or strip between two anchors."""

    start: Anchor
    end: Anchor | None
    radius: float


def _thigh(t0: float, t1: float, offset: tuple[float, float, float], r: float) -> Region:
    return Region(
        Anchor("{s}_hip", "{s}_thigh", offset, "{s}_knee", t0),
        Anchor("{s}_hip", "{s}_thigh", offset, "{s}_knee", t1),
        r,
    )


def _hip_blob(offset: tuple[float, float, float], r: float) -> Region:
    return Region(Anchor("{s}_hip", "pelvis", offset), None, r)


REGIONS: dict[str, tuple[Region, ...]] = {
    "gluteus-maximus": (_hip_blob((-0.016, 0.0, 0.014), 0.037),),
    "gluteus-medius": (_hip_blob((-0.012, 0.06, 0.05), 0.033),),
    "gluteus-minimus": (_hip_blob((0.0, 0.045, 0.042), 0.025),),
    "tensor-fasciae-latae": (_thigh(0.0, 0.3, (0.022, 0.0, 0.03), 0.017),),
    "hip-adductors": (_thigh(0.08, 0.6, (0.0, 0.0, -0.026), 0.022),),
    "hip-flexors": (
        Region(
            Anchor("spine", "pelvis", (0.02, 0.0, 0.03)),
            Anchor("{s}_hip", "{s}_thigh", (0.025, 0.0, 0.0), "{s}_knee", 0.22),
            0.018,
        ),
    ),
    "deep-hip-rotators": (_hip_blob((-0.035, 0.0, 0.0), 0.022),),
    "quadriceps": (_thigh(0.15, 0.85, (0.022, 0.0, 0.0), 0.028),),
    "hamstrings": (_thigh(0.15, 0.85, (-0.022, 0.0, 0.0), 0.028),),
    "low-back-extensors": (
        Region(
            Anchor("spine", "pelvis", (-0.045, -0.02, 0.02)),
            Anchor("spine", "thorax", (-0.045, 0.0, 0.02), "neck", 0.45),
            0.016,
        ),
    ),
    "quadratus-lumborum": (Region(Anchor("spine", "pelvis", (-0.02, 0.0, 0.045)), None, 0.022),),
    "abdominals": (
        Region(
            Anchor("spine", "pelvis", (0.05, -0.03, 0.0)),
            Anchor("spine", "thorax", (0.05, 0.0, 0.0), "neck", 0.6),
            0.026,
        ),
    ),
}


def _place(anchor: Anchor, skeleton: Skeleton, side: str) -> Point3:
    s = 1.0 if side == "right" else -1.0
    point = skeleton.points[anchor.point.format(s=side)]
    if anchor.towards is not None:
        towards = skeleton.points[anchor.towards.format(s=side)]
        point = point + (towards - point).scale(anchor.t)
    a, u, r = anchor.offset
    return point + apply(skeleton.frames[anchor.frame.format(s=side)], Point3(a, u, r * s))


@dataclass(frozen=True)
class Highlight:
    """A muscle region placed on a solved body: one or two 3-D points and a radius."""

    muscle: str
    side: str
    start: Point3
    end: Point3 | None
    radius: float


def highlights(
    skeleton: Skeleton, muscles: list[str], sides: tuple[str, ...] = SIDES
) -> list[Highlight]:
    """The regions of ``muscles`` on the given sides (the working side of a one-sided step)."""
    out: list[Highlight] = []
    for muscle in muscles:
        for region in REGIONS.get(muscle, ()):
            for side in sides:
                end = None if region.end is None else _place(region.end, skeleton, side)
                start = _place(region.start, skeleton, side)
                out.append(Highlight(muscle, side, start, end, region.radius))
    return out
