"""Forward kinematics: a pose to named 3-D points, resting on the floor.

The pelvis is the root. Its frame is the orientation (standing, supine, ...) tipped by
``pelvic_tilt`` and ``pelvic_drop``; the trunk, head, legs and arms hang off it in the
usual clinical order (hip: flexion, then abduction, then rotation, as ISB recommends).
After the chain is solved the body is lowered or lifted so that its lowest surface (a
point minus that part's thickness) touches the floor, y = 0.

Point names follow MediaPipe's pose landmarks (``left_knee``, ``right_foot_index``, ...)
so synthetic landmarks can be made from the same model; ``head``, ``neck``, ``spine`` and
``mid_hip`` are extra points the drawing uses.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from types import MappingProxyType

from hipstride.figures import body as b
from hipstride.figures.geometry import (
    IDENTITY,
    ORIGIN,
    Mat3,
    Point3,
    apply,
    from_axes,
    matmul,
    rot_x,
    rot_y,
    rot_z,
)
from hipstride.knowledge.figure_models import Orientation
from hipstride.knowledge.joints import SIDES

X, Y, Z = Point3(1, 0, 0), Point3(0, 1, 0), Point3(0, 0, 1)

BASE: dict[Orientation, Mat3] = {
    Orientation.STANDING: IDENTITY,
    Orientation.SEATED: IDENTITY,
    Orientation.KNEELING: IDENTITY,
    Orientation.SUPINE: from_axes(Y, X.scale(-1), Z),
    Orientation.QUADRUPED: from_axes(Y.scale(-1), X, Z),
    Orientation.SIDE_LYING: from_axes(X, Z.scale(-1), Y),
}
"""Each orientation as the world directions of the body's anterior, superior and right
axes. Standing faces +x; lying bodies have their right side towards the side camera
(supine head left, quadruped head right); side-lying lies on the left side, right up."""


@dataclass(frozen=True)
class Capsule:
    """A drawn, solid body part between two named points."""

    part: str
    start: str
    end: str
    radius: float
    side: str | None


@dataclass(frozen=True)
class Skeleton:
    """A solved pose: named points, the frame of each segment, and the solid parts."""

    points: dict[str, Point3]
    frames: dict[str, Mat3]

    def shifted(self, by: Point3) -> Skeleton:
        return Skeleton({k: p + by for k, p in self.points.items()}, self.frames)


def _sign(side: str) -> float:
    return 1.0 if side == "right" else -1.0


@cache
def capsules() -> tuple[Capsule, ...]:
    """The solid parts, trunk first; every point a part touches carries its thickness."""
    r = b.RADIUS
    parts = [
        Capsule("trunk", "mid_hip", "spine", r["trunk"], None),
        Capsule("trunk", "spine", "neck", r["trunk"], None),
    ]
    for side in SIDES:
        parts += [
            Capsule("trunk", f"{side}_hip", f"{side}_shoulder", r["trunk"], side),
            Capsule("thigh", f"{side}_hip", f"{side}_knee", r["thigh"], side),
            Capsule("shank", f"{side}_knee", f"{side}_ankle", r["shank"], side),
            Capsule("foot", f"{side}_heel", f"{side}_foot_index", r["foot"], side),
            Capsule("foot", f"{side}_ankle", f"{side}_heel", r["foot"], side),
            Capsule("upper_arm", f"{side}_shoulder", f"{side}_elbow", r["upper_arm"], side),
            Capsule("forearm", f"{side}_elbow", f"{side}_wrist", r["forearm"], side),
            Capsule("hand", f"{side}_wrist", f"{side}_index", r["hand"], side),
        ]
    return tuple(parts)


def solve(pose: b.Pose) -> Skeleton:
    """Named 3-D points of a pose, with the pelvis (``mid_hip``) at the origin."""
    a = pose.angle
    pelvis = matmul(
        matmul(BASE[pose.orientation], rot_z(-a("pelvic_tilt"))), rot_x(a("pelvic_drop"))
    )
    thorax = matmul(matmul(pelvis, rot_z(-a("trunk_flexion"))), rot_x(a("trunk_lateral_tilt")))
    head_frame = matmul(thorax, rot_z(-a("neck_flexion")))
    pts: dict[str, Point3] = {"mid_hip": ORIGIN}
    frames: dict[str, Mat3] = {"pelvis": pelvis, "thorax": thorax, "head": head_frame}
    pts["spine"] = apply(pelvis, Point3(0, b.PELVIS, 0))
    pts["neck"] = pts["spine"] + apply(thorax, Point3(0, b.THORAX, 0))
    head = pts["neck"] + apply(head_frame, Point3(0, b.HEAD_CENTRE_ABOVE_SHOULDERS, 0))
    pts["head"] = head
    pts["nose"] = head + apply(head_frame, Point3(0.064, -0.01, 0))
    for side in SIDES:
        s = _sign(side)
        _face(pts, head, head_frame, side, s)
        _leg(pts, frames, pose, pelvis, side, s)
        _arm(pts, frames, pose, thorax, side, s)
    return Skeleton(pts, frames)


def _face(pts: dict[str, Point3], head: Point3, frame: Mat3, side: str, s: float) -> None:
    for name, offset in (
        ("eye_inner", Point3(0.056, 0.012, 0.014 * s)),
        ("eye", Point3(0.054, 0.012, 0.028 * s)),
        ("eye_outer", Point3(0.05, 0.012, 0.042 * s)),
        ("ear", Point3(0.0, 0.0, 0.065 * s)),
    ):
        pts[f"{side}_{name}"] = head + apply(frame, offset)
    pts[f"mouth_{side}"] = head + apply(frame, Point3(0.055, -0.035, 0.02 * s))


def _leg(
    pts: dict[str, Point3],
    frames: dict[str, Mat3],
    pose: b.Pose,
    pelvis: Mat3,
    side: str,
    s: float,
) -> None:
    a = pose.angle
    hip = apply(pelvis, Point3(0, 0, s * b.HIP_HALF_WIDTH))
    thigh = matmul(pelvis, rot_z(a("hip_flexion", side)))
    thigh = matmul(thigh, rot_x(-s * a("hip_abduction", side)))
    thigh = matmul(thigh, rot_y(-s * a("hip_rotation", side)))
    shank = matmul(thigh, rot_z(-a("knee_flexion", side)))
    foot = matmul(shank, rot_z(a("ankle_dorsiflexion", side)))
    knee = hip + apply(thigh, Point3(0, -b.THIGH, 0))
    ankle = knee + apply(shank, Point3(0, -b.SHANK, 0))
    sole = -(b.ANKLE_HEIGHT - b.RADIUS["foot"])
    heel_x = -b.HEEL_BEHIND_ANKLE + b.RADIUS["foot"]
    toe_x = b.FOOT_LENGTH - b.HEEL_BEHIND_ANKLE - b.RADIUS["foot"]
    pts[f"{side}_hip"], pts[f"{side}_knee"], pts[f"{side}_ankle"] = hip, knee, ankle
    pts[f"{side}_heel"] = ankle + apply(foot, Point3(heel_x, sole, 0))
    pts[f"{side}_foot_index"] = ankle + apply(foot, Point3(toe_x, sole, 0))
    frames[f"{side}_thigh"], frames[f"{side}_shank"], frames[f"{side}_foot"] = thigh, shank, foot


def _arm(
    pts: dict[str, Point3],
    frames: dict[str, Mat3],
    pose: b.Pose,
    thorax: Mat3,
    side: str,
    s: float,
) -> None:
    a = pose.angle
    shoulder = pts["neck"] + apply(thorax, Point3(0, -0.01, s * b.SHOULDER_HALF_WIDTH))
    upper = matmul(thorax, rot_z(a("shoulder_flexion", side)))
    upper = matmul(upper, rot_x(-s * a("shoulder_abduction", side)))
    fore = matmul(upper, rot_z(a("elbow_flexion", side)))
    # The forearm is taken as turned palm-back (pronated), so extending the wrist lifts
    # the back of the hand forward, as when a palm is put flat on the floor.
    hand = matmul(fore, rot_z(a("wrist_extension", side)))
    elbow = shoulder + apply(upper, Point3(0, -b.UPPER_ARM, 0))
    wrist = elbow + apply(fore, Point3(0, -b.FOREARM, 0))
    pts[f"{side}_shoulder"], pts[f"{side}_elbow"], pts[f"{side}_wrist"] = shoulder, elbow, wrist
    pts[f"{side}_index"] = wrist + apply(hand, Point3(0, -0.8 * b.HAND, -0.012 * s))
    pts[f"{side}_pinky"] = wrist + apply(hand, Point3(0, -0.7 * b.HAND, 0.012 * s))
    pts[f"{side}_thumb"] = wrist + apply(hand, Point3(-0.012, -0.45 * b.HAND, -0.025 * s))
    frames[f"{side}_upper_arm"], frames[f"{side}_forearm"] = upper, fore
    frames[f"{side}_hand"] = hand


@cache
def surface_radius() -> Mapping[str, float]:
    """How far below each point the body's surface reaches (its thickest part there)."""
    out: dict[str, float] = {"head": b.RADIUS["head"]}
    for part in capsules():
        for name in (part.start, part.end):
            out[name] = max(out.get(name, 0.0), part.radius)
    return MappingProxyType(out)


def lowest(skeleton: Skeleton) -> float:
    """Height of the lowest body surface."""
    radius = surface_radius()
    return min(skeleton.points[k].y - r for k, r in radius.items())


def grounded(skeleton: Skeleton) -> Skeleton:
    """The same body moved up or down so its lowest surface rests on the floor."""
    return skeleton.shifted(Point3(0, -lowest(skeleton), 0))


def contacts(skeleton: Skeleton, tolerance: float = 0.012) -> frozenset[str]:
    """Points whose surface touches the floor (within ``tolerance`` of height)."""
    radius = surface_radius()
    floor = lowest(skeleton)
    return frozenset(k for k, r in radius.items() if skeleton.points[k].y - r - floor <= tolerance)


def pose_points(pose: b.Pose) -> dict[str, Point3]:
    """Named 3-D points of a pose resting on the floor (fractions of body height)."""
    return grounded(solve(pose)).points
