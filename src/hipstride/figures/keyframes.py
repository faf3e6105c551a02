"""Keyframes to movement: range checks, in-between poses, and where the body stands.

Between two keyframes every angle moves smoothly (ease in, ease out). The body is kept
in place by what stays on the floor: the points that touch it in both keyframes (the
feet in a squat, the hands and the kneeling knee on hands and knees) do not slide, so a
side step travels and a bridge rises without the figure drifting about.
"""

from __future__ import annotations

from dataclasses import dataclass

from hipstride.figures.body import Pose, pose_of
from hipstride.figures.geometry import Point3
from hipstride.figures.kinematics import Skeleton, contacts, grounded, solve
from hipstride.knowledge.figure_models import Figure

STEPS_BETWEEN = 6
"""In-between frames drawn from one keyframe to the next (the keyframe itself included)."""


def ease(t: float) -> float:
    """Smooth start and stop, as a person moves."""
    return t * t * (3.0 - 2.0 * t)


def interpolate(start: Pose, end: Pose, t: float) -> Pose:
    """The pose a fraction ``t`` (0 to 1) of the way from ``start`` to ``end``."""
    names = set(start.angles) | set(end.angles)
    angles = {n: start.angles.get(n, 0.0) * (1 - t) + end.angles.get(n, 0.0) * t for n in names}
    return Pose(start.orientation, angles)


def centre(skeleton: Skeleton, names: frozenset[str]) -> Point3:
    """The mean of some named points, e.g. of the points touching the floor."""
    total = Point3(0, 0, 0)
    for name in names:
        total = total + skeleton.points[name]
    return total.scale(1 / len(names))


def anchor(skeleton: Skeleton, names: frozenset[str], target: Point3) -> Skeleton:
    """Slide a pose along the floor so that what touches it does not slide between frames."""
    here = centre(skeleton, names)
    return skeleton.shifted(Point3(target.x - here.x, 0, target.z - here.z))


@dataclass(frozen=True)
class Motion:
    """The frames of a movement, placed on the floor, and which of them are keyframes."""

    frames: tuple[Skeleton, ...]
    keyframe_at: dict[str, int]
    names: tuple[str, ...]


def motion(figure: Figure, steps: int = STEPS_BETWEEN) -> Motion:
    """Every frame from the first keyframe to the last, grounded and kept in place."""
    poses = [pose_of(k, figure.orientation) for k in figure.keyframes]
    keys = [grounded(solve(p)) for p in poses]
    first_contacts = contacts(keys[0])
    placed = [anchor(keys[0], first_contacts, Point3(0, 0, 0))]
    frames: list[Skeleton] = [placed[0]]
    keyframe_at = {figure.keyframes[0].name: 0}
    for i in range(1, len(keys)):
        common = contacts(keys[i - 1]) & contacts(keys[i]) or frozenset({"mid_hip"})
        target = centre(placed[i - 1], common)
        for step in range(1, steps + 1):
            t = ease(step / steps)
            between = grounded(solve(interpolate(poses[i - 1], poses[i], t)))
            frames.append(anchor(between, common, target))
        placed.append(frames[-1])
        keyframe_at[figure.keyframes[i].name] = len(frames) - 1
    return Motion(tuple(frames), keyframe_at, tuple(k.name for k in figure.keyframes))


def timeline(
    moved: Motion, hold_at: str | None, *, frame_s: float = 0.2
) -> list[tuple[int, float]]:
    """Which frame shows for how long: there and back, pausing at each keyframe.

    The held keyframe (a stretch, a bridge hold) lingers; the others pause briefly.
    """
    last = len(moved.frames) - 1
    pauses = dict.fromkeys(moved.keyframe_at.values(), 0.5)
    pauses[0] = 1.0
    if hold_at is not None:
        pauses[moved.keyframe_at[hold_at]] = 2.5
    order = list(range(last + 1)) + list(range(last - 1, 0, -1))
    return [(i, pauses.get(i, frame_s)) for i in order]
