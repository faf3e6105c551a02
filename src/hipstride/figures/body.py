"""The body: segment lengths and thicknesses, and a pose as joint angles plus orientation.

Lengths are fractions of standing height from Winter's anthropometric table (Winter DA,
*Biomechanics and Motor Control of Human Movement*, 4th ed., 2009, fig. 4.1): hip 0.530,
knee 0.285, ankle 0.039, shoulder 0.818, elbow 0.630, wrist 0.485, fingertip 0.377, top of
the head 1.0, shoulder width 0.259, foot length 0.152. Thicknesses (capsule radii) are
rounded from typical adult girths; they decide where a body part touches the floor.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from hipstride.knowledge.figure_models import Keyframe, Orientation
from hipstride.knowledge.joints import JOINT_ANGLES, SIDES, lookup

THIGH = 0.530 - 0.285
SHANK = 0.285 - 0.039
ANKLE_HEIGHT = 0.039
FOOT_LENGTH = 0.152
HEEL_BEHIND_ANKLE = 0.035
UPPER_ARM = 0.818 - 0.630
FOREARM = 0.630 - 0.485
HAND = 0.485 - 0.377
PELVIS = 0.10
"""Hip-joint centre to the lumbar spine point; the rest of the trunk is the thorax."""
THORAX = 0.818 - 0.530 - PELVIS
HEAD_CENTRE_ABOVE_SHOULDERS = 0.935 - 0.818
HIP_HALF_WIDTH = 0.052
"""Half the distance between the hip-joint centres (about 0.1 of height)."""
SHOULDER_HALF_WIDTH = 0.11
"""Half the distance between the shoulder-joint centres (a little inside 0.259/2)."""

RADIUS: dict[str, float] = {
    "head": 0.065,
    "trunk": 0.062,
    "thigh": 0.05,
    "shank": 0.034,
    "foot": 0.014,
    "upper_arm": 0.027,
    "forearm": 0.022,
    "hand": 0.018,
}
"""Half-thickness of each body part, as a fraction of height."""


@dataclass(frozen=True)
class Pose:
    """A body position: every joint angle (sides resolved) and the whole-body orientation.

    ``angles`` holds full names such as ``knee_flexion_left`` and ``trunk_flexion``;
    anything missing is 0, the anatomical standing position with arms hanging.
    """

    orientation: Orientation
    angles: Mapping[str, float] = field(default_factory=dict)

    def angle(self, name: str, side: str | None = None) -> float:
        key = f"{name}_{side}" if side else name
        return self.angles.get(key, 0.0)


def full_angle_names() -> list[str]:
    """Every angle a complete pose has, one per side for the sided ones."""
    names: list[str] = []
    for angle in JOINT_ANGLES.values():
        names += [f"{angle.name}_{s}" for s in SIDES] if angle.sided else [angle.name]
    return names


def resolve_angles(written: Mapping[str, float]) -> dict[str, float]:
    """Expand a keyframe's angles to one value per side; a sided name beats a shared one."""
    resolved = dict.fromkeys(full_angle_names(), 0.0)
    sided_later: list[tuple[str, float]] = []
    for name, value in written.items():
        found = lookup(name)
        if found is None:
            raise ValueError(f"{name!r} is not a joint angle of the figure")
        angle, side = found
        if angle.sided and side is None:
            for s in SIDES:
                resolved[f"{name}_{s}"] = float(value)
        elif side is not None:
            sided_later.append((name, float(value)))
        else:
            resolved[name] = float(value)
    for name, value in sided_later:
        resolved[name] = value
    return resolved


def pose_of(keyframe: Keyframe, orientation: Orientation) -> Pose:
    """The pose a content keyframe describes."""
    return Pose(orientation, resolve_angles(keyframe.angles))
