"""Orthographic cameras: which way the picture looks at the body, and what is nearer.

Orientations place every body the same way in the world (see ``kinematics.BASE``), so a
view name fixes the camera: ``side`` looks at the body's right side, ``front`` at its
front, ``front-above`` at its front from above (for a side-lying body the camera looks
down at the belly side, so a clamshell's knee opening reads at a glance).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from hipstride.figures.geometry import Point3
from hipstride.knowledge.figure_models import View


@dataclass(frozen=True)
class Point2:
    """A point on the picture: x to the right, y up (flip it for SVG)."""

    x: float
    y: float


@dataclass(frozen=True)
class Camera:
    """Screen axes and the direction towards the camera, in world coordinates."""

    right: Point3
    up: Point3
    towards: Point3
    shade_far: bool = True
    """Draw the side turned away lighter (off for front views, where both sides show)."""

    def project(self, p: Point3) -> Point2:
        """The point on the picture plane; the depth axis is dropped."""
        return Point2(p.dot(self.right), p.dot(self.up))

    def depth(self, p: Point3) -> float:
        """Larger is nearer the camera."""
        return p.dot(self.towards)


def orbit(azimuth: float, elevation: float, *, shade_far: bool = True) -> Camera:
    """A camera circling the body: azimuth 0 faces its front, 90 its right side."""
    a, e = math.radians(azimuth), math.radians(elevation)
    towards = Point3(math.cos(e) * math.cos(a), math.sin(e), math.cos(e) * math.sin(a))
    right = Point3(math.sin(a), 0.0, -math.cos(a))
    up = Point3(
        towards.y * right.z - towards.z * right.y,
        towards.z * right.x - towards.x * right.z,
        towards.x * right.y - towards.y * right.x,
    )
    return Camera(right, up, towards, shade_far)


CAMERAS = {
    View.SIDE: orbit(90.0, 0.0),
    View.FRONT: orbit(20.0, 5.0, shade_far=False),
    View.FRONT_ABOVE: orbit(30.0, 20.0),
}
"""The front view is turned 20° towards the right side so a half squat still reads; the
view from the front and above is turned 30° towards the feet, so a side-lying body's
bent legs and the opening of the top knee both show."""


def camera(view: View) -> Camera:
    """The camera for a view."""
    return CAMERAS[view]


def project(points: dict[str, Point3], cam: Camera) -> dict[str, Point2]:
    """Every point on the picture plane."""
    return {k: cam.project(p) for k, p in points.items()}
