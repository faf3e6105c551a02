"""How a step or self-test is illustrated: a body position per keyframe, in a chosen view.

A coach who adds a step writes its keyframes next to its text, so the new step gets
pictures too. Angle names and their ranges are in ``joints.py``; the content check
(``checks.check_figures``) says which angle of which keyframe is impossible.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

KeyframeName = Annotated[
    str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", min_length=2, max_length=30)
]
MuscleId = Annotated[
    str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", min_length=2, max_length=60)
]


class _Strict(BaseModel):
    """Same rules as ``models.Strict`` (kept here to avoid an import cycle)."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class View(StrEnum):
    """Where the camera stands, relative to the body's own front and side."""

    SIDE = "side"
    """From the body's right side: squats, bridges, hands and knees."""
    FRONT = "front"
    """Facing the body: side steps."""
    FRONT_ABOVE = "front-above"
    """Facing the body's front from above, so a clamshell's knee opening shows."""


class Orientation(StrEnum):
    """How the whole body lies before any joint moves."""

    STANDING = "standing"
    SEATED = "seated"
    KNEELING = "kneeling"
    SUPINE = "supine"
    SIDE_LYING = "side-lying"
    QUADRUPED = "quadruped"


class Keyframe(_Strict):
    """A named position: joint angles in degrees; unset angles are the standing neutral.

    A sided angle without a suffix (``knee_flexion``) sets both sides; ``knee_flexion_left``
    sets one and wins over the shared value. The working leg of a one-sided step is the
    right one, nearer the camera in the side view.
    """

    name: KeyframeName
    angles: dict[str, float] = Field(default_factory=dict)


class Figure(_Strict):
    """The illustration of a step or self-test: view, body orientation and keyframes.

    The band (if any) comes from the step's ``band_position`` and the props from its
    equipment, so they are not repeated here. ``hold_at`` names the keyframe that is held
    (a stretch, a bridge hold); the animation lingers there. ``highlight`` is for items
    without muscles of their own (self-tests).
    """

    view: View
    orientation: Orientation
    keyframes: list[Keyframe] = Field(min_length=2)
    hold_at: KeyframeName | None = None
    highlight: list[MuscleId] = Field(
        default_factory=list,
        description="Muscle ids to highlight; a step's default is its primary muscles.",
    )

    @model_validator(mode="after")
    def _names_unique_and_hold_known(self) -> Figure:
        names = [k.name for k in self.keyframes]
        doubled = sorted({n for n in names if names.count(n) > 1})
        if doubled:
            raise ValueError(f"keyframe names must differ; repeated: {', '.join(doubled)}")
        if self.hold_at is not None and self.hold_at not in names:
            raise ValueError(
                f"hold_at {self.hold_at!r} is not a keyframe; use one of: {', '.join(names)}"
            )
        return self

    def keyframe(self, name: str) -> Keyframe:
        """The keyframe called ``name``; raises ``KeyError`` listing the names."""
        for frame in self.keyframes:
            if frame.name == name:
                return frame
        raise KeyError(
            f"no keyframe {name!r}; use one of: {', '.join(k.name for k in self.keyframes)}"
        )
