"""Tiny 3-D vector and rotation helpers, so the body model needs only ``math``.

World axes: x to the right of the side-view picture, y up, z towards the side-view camera.
Body axes (a segment's own frame): x anterior, y superior (along the segment, up), z right.
"""

from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Point3:
    """A point or vector in metres-free units (fractions of body height)."""

    x: float
    y: float
    z: float

    def __add__(self, other: Point3) -> Point3:
        return Point3(self.x + other.x, self.y + other.y, self.z + other.z)

    def __sub__(self, other: Point3) -> Point3:
        return Point3(self.x - other.x, self.y - other.y, self.z - other.z)

    def scale(self, k: float) -> Point3:
        return Point3(self.x * k, self.y * k, self.z * k)

    def dot(self, other: Point3) -> float:
        return self.x * other.x + self.y * other.y + self.z * other.z

    def norm(self) -> float:
        return math.sqrt(self.dot(self))


ORIGIN = Point3(0.0, 0.0, 0.0)

Mat3 = tuple[tuple[float, float, float], tuple[float, float, float], tuple[float, float, float]]
"""A rotation as rows; its columns are where the frame's x, y, z axes point."""

IDENTITY: Mat3 = ((1.0, 0.0, 0.0), (0.0, 1.0, 0.0), (0.0, 0.0, 1.0))


def matmul(a: Mat3, b: Mat3) -> Mat3:
    rows = tuple(
        tuple(sum(a[i][k] * b[k][j] for k in range(3)) for j in range(3)) for i in range(3)
    )
    return rows  # type: ignore[return-value]


def apply(m: Mat3, v: Point3) -> Point3:
    """The vector ``v``, given in the frame ``m``, in the parent's axes."""
    return Point3(
        m[0][0] * v.x + m[0][1] * v.y + m[0][2] * v.z,
        m[1][0] * v.x + m[1][1] * v.y + m[1][2] * v.z,
        m[2][0] * v.x + m[2][1] * v.y + m[2][2] * v.z,
    )


def rot_x(degrees: float) -> Mat3:
    """About the anterior axis: positive turns superior towards right."""
    c, s = math.cos(math.radians(degrees)), math.sin(math.radians(degrees))
    return ((1.0, 0.0, 0.0), (0.0, c, -s), (0.0, s, c))


def rot_y(degrees: float) -> Mat3:
    """About the long (superior) axis: positive turns anterior towards left."""
    c, s = math.cos(math.radians(degrees)), math.sin(math.radians(degrees))
    return ((c, 0.0, s), (0.0, 1.0, 0.0), (-s, 0.0, c))


def rot_z(degrees: float) -> Mat3:
    """About the right (lateral) axis: positive turns anterior towards superior."""
    c, s = math.cos(math.radians(degrees)), math.sin(math.radians(degrees))
    return ((c, -s, 0.0), (s, c, 0.0), (0.0, 0.0, 1.0))


def from_axes(anterior: Point3, superior: Point3, right: Point3) -> Mat3:
    """The frame whose x, y, z axes point along the three given world vectors."""
    return (
        (anterior.x, superior.x, right.x),
        (anterior.y, superior.y, right.y),
        (anterior.z, superior.z, right.z),
    )


def angle_between(u: Point3, v: Point3) -> float:
    """Angle in degrees between two vectors (0 to 180)."""
    cos = u.dot(v) / (u.norm() * v.norm())
    return math.degrees(math.acos(max(-1.0, min(1.0, cos))))
