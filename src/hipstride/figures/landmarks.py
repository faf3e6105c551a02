"""Pose landmarks in MediaPipe Pose's layout, the truth behind synthetic ones, and 2-D angles.

The camera check reads landmark sequences (from MediaPipe, or made by ``synthetic``) and
measures angles from them. Both sides share the types, the angle helpers and the JSON
shape here, so a check that passes on synthetic landmarks reads real ones the same way.

JSON shape (``to_json`` / ``from_json``; plain dicts, the caller reads and writes files)::

    {
      "format": "hipstride-landmarks", "version": 1,
      "fps": 30.0, "width": 720, "height": 1280, "source": "bodyweight-squat",
      "names": ["nose", ..., "right_foot_index"],           # the 33, MediaPipe order
      "frames": [
        {"t": 0.0,
         "landmarks": [[x, y, z, visibility], ...33] | null,  # null: dropped frame
         "world": [[x, y, z, visibility], ...33] | null},
        ...
      ],
      "truth": {...} | null                                   # see ``truth_to_json``
    }

``x``, ``y`` are normalised image coordinates (0..1, y down) and ``z`` is depth on the
scale of ``x`` with the hips' midpoint at 0, smaller nearer the camera, as MediaPipe's
``pose_landmarks``. ``world`` is in metres with the origin at the hips' midpoint and
camera-aligned axes (x right, y down, z away from the camera), as ``pose_world_landmarks``.
A landmark given as ``[x, y, z]`` is read with visibility 1.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

LANDMARK_NAMES: tuple[str, ...] = (
    "nose",
    "left_eye_inner",
    "left_eye",
    "left_eye_outer",
    "right_eye_inner",
    "right_eye",
    "right_eye_outer",
    "left_ear",
    "right_ear",
    "mouth_left",
    "mouth_right",
    "left_shoulder",
    "right_shoulder",
    "left_elbow",
    "right_elbow",
    "left_wrist",
    "right_wrist",
    "left_pinky",
    "right_pinky",
    "left_index",
    "right_index",
    "left_thumb",
    "right_thumb",
    "left_hip",
    "right_hip",
    "left_knee",
    "right_knee",
    "left_ankle",
    "right_ankle",
    "left_heel",
    "right_heel",
    "left_foot_index",
    "right_foot_index",
)
"""MediaPipe Pose's 33 landmarks, index = position in this tuple."""

INDEX: dict[str, int] = {name: i for i, name in enumerate(LANDMARK_NAMES)}

APPROXIMATE: frozenset[str] = frozenset(
    LANDMARK_NAMES[0:11] + LANDMARK_NAMES[17:23] + LANDMARK_NAMES[29:33]
)
"""Landmarks the body model places by rule rather than at a joint centre: the face (fixed
offsets from the head centre), pinky, index and thumb (offsets along the hand) and heel and
foot index (points on the sole, not the skin MediaPipe tracks). Joint landmarks (shoulders
to ankles) are the model's joint centres; MediaPipe's hips sit a little wider than those."""

FORMAT = "hipstride-landmarks"
VERSION = 1

MEASURES: dict[str, str] = {
    "knee_flexion_left": "180 minus the hip-knee-ankle angle, seen from the side",
    "knee_flexion_right": "180 minus the hip-knee-ankle angle, seen from the side",
    "hip_flexion_left": "trunk-thigh angle (shoulder-hip-knee), seen from the side; "
    "0 in line, negative when the thigh is behind the trunk line",
    "hip_flexion_right": "as hip_flexion_left",
    "ankle_dorsiflexion_left": "shank-to-sole angle minus 90, seen from the side",
    "ankle_dorsiflexion_right": "as ankle_dorsiflexion_left",
    "trunk_angle": "hips' midpoint to shoulders' midpoint from vertical, seen from the side; "
    "positive towards +x (a standing body's front)",
    "pelvic_drop": "hip line's tilt seen from the front; positive when the right hip is lower",
    "hip_abduction": "angle between the thighs seen from the front; negative when the knees "
    "are closer together than the hips",
}
"""What each truth angle means. "From the side" is the plane a square-on side camera sees
(world x-y), "from the front" the plane a square-on front camera sees (world z-y)."""


class HasXY(Protocol):
    """Anything with normalised picture coordinates (a Landmark, or MediaPipe's own)."""

    @property
    def x(self) -> float: ...

    @property
    def y(self) -> float: ...


@dataclass(frozen=True, slots=True)
class Landmark:
    """One landmark: image-normalised (or world, metres) x, y, z and visibility 0..1."""

    x: float
    y: float
    z: float
    visibility: float


@dataclass(frozen=True)
class Frame:
    """One video frame; ``landmarks`` and ``world`` are None when the pose was not found."""

    time_s: float
    landmarks: tuple[Landmark, ...] | None
    world: tuple[Landmark, ...] | None = None

    def get(self, name: str) -> Landmark | None:
        """The named image landmark, or None in a dropped frame."""
        return None if self.landmarks is None else self.landmarks[INDEX[name]]


@dataclass(frozen=True)
class LandmarkSequence:
    """A clip's landmarks, frame by frame, and the picture size they are normalised to."""

    fps: float
    width: int
    height: int
    frames: tuple[Frame, ...]
    source: str

    @property
    def duration_s(self) -> float:
        return len(self.frames) / self.fps


@dataclass(frozen=True)
class Rep:
    """One repetition: leaving the start, reaching the far keyframe, back at the start.

    ``bottom_s`` is the far keyframe: the bottom of a squat, the top of a bridge.
    """

    start_s: float
    bottom_s: float
    end_s: float


@dataclass(frozen=True)
class TruthFrame:
    """What the body did at one frame, dropped or not.

    ``angles`` are the measures in ``MEASURES`` taken on the 3-D model (what a square-on
    camera sees); ``pose`` holds the model's joint angles that made the frame. For movement
    in one plane (a squat seen from the side) the two agree: knee flexion exactly, hip
    flexion when ``trunk_flexion`` is 0.
    """

    time_s: float
    phase: str
    """``still``, ``down`` (towards the far keyframe), ``pause``, ``hold`` or ``up``."""
    rep: int | None
    """0-based repetition, None while standing still before or after."""
    angles: Mapping[str, float]
    pose: Mapping[str, float]


@dataclass(frozen=True)
class Truth:
    """Everything a synthetic sequence was made from, for tests to compare against."""

    source: str
    view: str
    near_side: str
    """The side of the body nearer the camera in a side view (``right`` or ``left``)."""
    yaw_deg: float
    tempo: tuple[float, float, float]
    depth: float
    lean_deg: float
    pelvic_drop_deg: float
    drop_side: str | None
    heel_lift: bool
    noise_px: float
    seed: int
    reps: tuple[Rep, ...]
    holds: tuple[tuple[float, float], ...]
    frames: tuple[TruthFrame, ...]

    @property
    def rep_count(self) -> int:
        return len(self.reps)


# --- 2-D angles from normalised landmarks ---------------------------------------------


def _px(p: HasXY, width: int, height: int) -> tuple[float, float]:
    """Pixels with y up, so angles come out as people draw them."""
    return p.x * width, -p.y * height


def _vec(p: HasXY, q: HasXY, width: int, height: int) -> tuple[float, float]:
    (px, py), (qx, qy) = _px(p, width, height), _px(q, width, height)
    return qx - px, qy - py


def _signed(u: tuple[float, float], v: tuple[float, float]) -> float:
    """Counter-clockwise angle from u to v, degrees in (-180, 180]."""
    return math.degrees(math.atan2(u[0] * v[1] - u[1] * v[0], u[0] * v[0] + u[1] * v[1]))


def angle_at(a: HasXY, b: HasXY, c: HasXY, *, width: int, height: int) -> float:
    """The angle a-b-c at ``b``, 0 to 180°, in pixels (normalised x, y times the frame size),
    so a portrait frame does not squash it."""
    return abs(_signed(_vec(b, a, width, height), _vec(b, c, width, height)))


def turn_at(a: HasXY, b: HasXY, c: HasXY, *, width: int, height: int) -> float:
    """How far the path a→b→c turns at ``b``: 0 when straight, counter-clockwise positive
    as the picture is seen. Signed, so hip extension can be told from flexion."""
    return _signed(_vec(a, b, width, height), _vec(b, c, width, height))


def from_vertical(p: HasXY, q: HasXY, *, width: int, height: int) -> float:
    """The line p→q's angle from straight up in the picture, positive leaning right."""
    dx, dy = _vec(p, q, width, height)
    return math.degrees(math.atan2(dx, dy))


def tilt(p: HasXY, q: HasXY, *, width: int, height: int) -> float:
    """The slope of the line through p and q, -90 to 90°, positive rising to the right."""
    dx, dy = _vec(p, q, width, height)
    if dx < 0 or (dx == 0 and dy < 0):
        dx, dy = -dx, -dy
    return math.degrees(math.atan2(dy, dx))


def angle_between(p1: HasXY, q1: HasXY, p2: HasXY, q2: HasXY, *, width: int, height: int) -> float:
    """The angle between the directions p1→q1 and p2→q2, 0 to 180° (e.g. the thighs)."""
    return abs(_signed(_vec(p1, q1, width, height), _vec(p2, q2, width, height)))


# --- JSON -------------------------------------------------------------------------------


def _points(points: tuple[Landmark, ...] | None) -> list[list[float]] | None:
    if points is None:
        return None
    return [[p.x, p.y, p.z, p.visibility] for p in points]


def truth_to_json(truth: Truth) -> dict[str, Any]:
    """The truth as plain data; frames are parallel to the sequence's frames."""
    return {
        "source": truth.source,
        "view": truth.view,
        "near_side": truth.near_side,
        "yaw_deg": truth.yaw_deg,
        "tempo": list(truth.tempo),
        "depth": truth.depth,
        "lean_deg": truth.lean_deg,
        "pelvic_drop_deg": truth.pelvic_drop_deg,
        "drop_side": truth.drop_side,
        "heel_lift": truth.heel_lift,
        "noise_px": truth.noise_px,
        "seed": truth.seed,
        "rep_count": truth.rep_count,
        "reps": [{"start": r.start_s, "bottom": r.bottom_s, "end": r.end_s} for r in truth.reps],
        "holds": [[a, b] for a, b in truth.holds],
        "frames": [
            {
                "t": f.time_s,
                "phase": f.phase,
                "rep": f.rep,
                "angles": dict(f.angles),
                "pose": dict(f.pose),
            }
            for f in truth.frames
        ],
    }


def to_json(seq: LandmarkSequence, truth: Truth | None = None) -> dict[str, Any]:
    """The sequence (and its truth, if any) as a JSON-ready dict; see the module doc."""
    return {
        "format": FORMAT,
        "version": VERSION,
        "fps": seq.fps,
        "width": seq.width,
        "height": seq.height,
        "source": seq.source,
        "names": list(LANDMARK_NAMES),
        "frames": [
            {"t": f.time_s, "landmarks": _points(f.landmarks), "world": _points(f.world)}
            for f in seq.frames
        ],
        "truth": None if truth is None else truth_to_json(truth),
    }


def _read_points(raw: Any, where: str) -> tuple[Landmark, ...] | None:
    if raw is None:
        return None
    if not isinstance(raw, Sequence) or len(raw) != len(LANDMARK_NAMES):
        raise ValueError(f"{where}: expected a list of {len(LANDMARK_NAMES)} landmarks or null")
    out: list[Landmark] = []
    for i, item in enumerate(raw):
        if not isinstance(item, Sequence) or len(item) not in (3, 4):
            raise ValueError(f"{where}[{i}]: expected [x, y, z, visibility]")
        values = [float(v) for v in item]
        out.append(Landmark(values[0], values[1], values[2], values[3] if len(values) == 4 else 1))
    return tuple(out)


def _truth_from(raw: Mapping[str, Any]) -> Truth:
    return Truth(
        source=str(raw["source"]),
        view=str(raw["view"]),
        near_side=str(raw["near_side"]),
        yaw_deg=float(raw["yaw_deg"]),
        tempo=(float(raw["tempo"][0]), float(raw["tempo"][1]), float(raw["tempo"][2])),
        depth=float(raw["depth"]),
        lean_deg=float(raw["lean_deg"]),
        pelvic_drop_deg=float(raw["pelvic_drop_deg"]),
        drop_side=None if raw["drop_side"] is None else str(raw["drop_side"]),
        heel_lift=bool(raw["heel_lift"]),
        noise_px=float(raw["noise_px"]),
        seed=int(raw["seed"]),
        reps=tuple(
            Rep(float(r["start"]), float(r["bottom"]), float(r["end"])) for r in raw["reps"]
        ),
        holds=tuple((float(a), float(b)) for a, b in raw["holds"]),
        frames=tuple(
            TruthFrame(
                float(f["t"]),
                str(f["phase"]),
                None if f["rep"] is None else int(f["rep"]),
                {str(k): float(v) for k, v in f["angles"].items()},
                {str(k): float(v) for k, v in f["pose"].items()},
            )
            for f in raw["frames"]
        ),
    )


def from_json(data: Mapping[str, Any]) -> tuple[LandmarkSequence, Truth | None]:
    """A sequence (and its truth, when the dict has one) from ``to_json``'s shape.

    Only ``fps``, ``width``, ``height`` and ``frames`` (each with ``t`` and ``landmarks``)
    are required, so landmark files from other tools can be read too.
    """
    try:
        fps, width, height = float(data["fps"]), int(data["width"]), int(data["height"])
        raw_frames = data["frames"]
    except (KeyError, TypeError, ValueError) as exc:
        raise ValueError(
            f"not a landmark sequence: needs fps, width, height, frames ({exc})"
        ) from exc
    if fps <= 0 or width <= 0 or height <= 0:
        raise ValueError("fps, width and height must be positive")
    frames = tuple(
        Frame(
            float(f["t"]),
            _read_points(f.get("landmarks"), f"frames[{i}].landmarks"),
            _read_points(f.get("world"), f"frames[{i}].world"),
        )
        for i, f in enumerate(raw_frames)
    )
    seq = LandmarkSequence(fps, width, height, frames, str(data.get("source", "")))
    raw_truth = data.get("truth")
    return seq, None if raw_truth is None else _truth_from(raw_truth)
