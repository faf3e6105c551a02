"""The joint angles a figure keyframe may set, and the range each one allows.

Content and drawing share this table: the content check refuses a keyframe that bends a
joint further than people can, and the body model in ``hipstride.figures`` reads the same
names. It is plain data so that ``knowledge`` never has to import ``figures``.

Ranges are the usual clinical norms for healthy adults (AAOS / Norkin & White, rounded),
widened only where the exercises themselves go further in healthy runners: hip flexion
with the knee bent (deep squat, knee-to-chest), weight-bearing ankle dorsiflexion (a
lunge or deep squat) and hip external rotation with the hip flexed (figure-four stretch).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

SIDES = ("left", "right")


@dataclass(frozen=True)
class JointAngle:
    """One angle of the body model, in degrees, and the range it may take."""

    name: str
    label: str
    low: float
    high: float
    sided: bool
    sign: str = ""

    def describe_range(self) -> str:
        extra = f"; {self.sign}" if self.sign else ""
        return f"{self.label} ({self.low:g} to {self.high:g}°{extra})"


_TABLE = (
    JointAngle("hip_flexion", "the hip's flexion range", -30, 130, True, "negative is extension"),
    JointAngle(
        "hip_abduction", "the hip's abduction range", -30, 45, True, "negative is adduction"
    ),
    JointAngle(
        "hip_rotation", "the hip's rotation range", -45, 60, True, "positive is external rotation"
    ),
    JointAngle("knee_flexion", "the knee's range", 0, 150, True),
    JointAngle(
        "ankle_dorsiflexion",
        "the ankle's range",
        -50,
        40,
        True,
        "positive is dorsiflexion, negative plantar flexion",
    ),
    JointAngle(
        "shoulder_flexion",
        "the shoulder's flexion range",
        -60,
        180,
        True,
        "negative is extension",
    ),
    JointAngle("shoulder_abduction", "the shoulder's abduction range", 0, 180, True),
    JointAngle("elbow_flexion", "the elbow's range", 0, 150, True),
    JointAngle(
        "wrist_extension",
        "the wrist's range",
        -80,
        90,
        True,
        "negative is flexion; 90 is a palm flat on the floor",
    ),
    JointAngle(
        "trunk_flexion", "the trunk's flexion range", -30, 80, False, "negative is extension"
    ),
    JointAngle(
        "trunk_lateral_tilt",
        "the trunk's side-bend range",
        -35,
        35,
        False,
        "positive bends to the right",
    ),
    JointAngle("neck_flexion", "the neck's range", -45, 45, False, "negative is extension"),
    JointAngle(
        "pelvic_tilt",
        "the pelvis's tilt range",
        -45,
        90,
        False,
        "forward as in a hip hinge, negative backward as in a bridge",
    ),
    JointAngle(
        "pelvic_drop", "the pelvis's drop range", -20, 20, False, "positive drops the right side"
    ),
)

JOINT_ANGLES: dict[str, JointAngle] = {a.name: a for a in _TABLE}
"""Every angle by base name; sided ones are written ``<name>`` (both sides) or
``<name>_left`` / ``<name>_right``."""


def all_names() -> list[str]:
    """Every name a keyframe may use, sided variants included."""
    names: list[str] = []
    for angle in _TABLE:
        names.append(angle.name)
        if angle.sided:
            names += [f"{angle.name}_{side}" for side in SIDES]
    return names


def lookup(name: str) -> tuple[JointAngle, str | None] | None:
    """The angle a keyframe key refers to, and its side (None for both or unsided)."""
    if name in JOINT_ANGLES:
        return JOINT_ANGLES[name], None
    base, _, side = name.rpartition("_")
    angle = JOINT_ANGLES.get(base)
    if angle is not None and angle.sided and side in SIDES:
        return angle, side
    return None


def angle_problem(name: str, value: float) -> str | None:
    """Why a keyframe's ``name: value`` is impossible, or None when it is fine."""
    found = lookup(name)
    if found is None:
        close = difflib.get_close_matches(name, all_names(), n=3, cutoff=0.6)
        hint = (
            f"did you mean {', '.join(close)}?"
            if close
            else "use one of: " + ", ".join(a.name for a in _TABLE)
        )
        return f"is not a joint angle of the figure; {hint}"
    angle = found[0]
    if not angle.low <= value <= angle.high:
        return f"{value:g}° is beyond {angle.describe_range()}"
    return None
