"""Synthetic pose landmarks made from the body model, with the truth they were made from.

The camera check's tests need landmark sequences whose angles, reps and faults are known
exactly. They are made from the same keyframes and the same kinematics as the drawings, so
a step's synthetic squat is the squat its picture shows: the keyframes are eased into one
another as ``keyframes.motion`` does, solved, put on the floor and kept in place by what
stays on it, then seen by an orthographic camera and framed like a phone video.

Pure: no I/O, no clock, no numpy; randomness (noise, dropped frames, visibility jitter)
comes from ``random.Random`` streams seeded by ``seed``.
"""

from __future__ import annotations

import math
import random
from collections.abc import Mapping
from typing import Literal

from hipstride.figures.body import Pose, pose_of
from hipstride.figures.geometry import Point3
from hipstride.figures.keyframes import anchor, centre, ease, interpolate
from hipstride.figures.kinematics import Skeleton, contacts, grounded, solve
from hipstride.figures.landmarks import (
    LANDMARK_NAMES,
    Frame,
    Landmark,
    LandmarkSequence,
    Truth,
    TruthFrame,
)
from hipstride.figures.timing import Leg, Plan, plan_timeline, where
from hipstride.figures.views import Camera, orbit
from hipstride.knowledge.figure_models import Figure
from hipstride.knowledge.figure_models import View as FigureView
from hipstride.knowledge.joints import SIDES, lookup
from hipstride.knowledge.models import SelfTest, Step

View = Literal["side", "front", "front-above"]
Side = Literal["left", "right"]

DEFAULT_TEMPO = (2.0, 1.0, 2.0)
DEFAULT_HOLD_S = 10.0
"""Held at ``hold_at`` when neither the call nor the step's dose says how long."""
HEEL_LIFT_DEG = 25.0
"""Extra plantar flexion at the bottom when the heels come up (pivoting on the toes)."""
DROP_RAMP_S = 0.5
"""A pelvic drop that starts during a hold takes this long to reach its full size."""
NEAR_VISIBILITY, FAR_VISIBILITY = 0.95, 0.5

_CAMERA: dict[str, tuple[float, float]] = {
    "side": (90.0, 0.0),
    "front": (0.0, 0.0),
    "front-above": (30.0, 20.0),
}
"""Azimuth and elevation (see ``views.orbit``). Unlike the drawings' cameras these are
square-on, so the side and front views show the sagittal and frontal planes undistorted."""

_FIGURE_VIEW: dict[FigureView, View] = {
    FigureView.SIDE: "side",
    FigureView.FRONT: "front",
    FigureView.FRONT_ABOVE: "front-above",
}

_STAND_IN = {
    **dict.fromkeys(LANDMARK_NAMES[0:11], "head"),
    **{f"{s}_{part}": f"{s}_wrist" for s in SIDES for part in ("pinky", "index", "thumb")},
}
"""Where a landmark goes if the body model stops giving that point (rough, but present)."""


def _keyframe_poses(
    figure: Figure, depth: float, bottom_angles: Mapping[str, float] | None
) -> list[Pose]:
    """The keyframes scaled by ``depth`` towards the first, the last one overridden."""
    poses = [pose_of(k, figure.orientation) for k in figure.keyframes]
    first = poses[0].angles
    scaled = [poses[0]] + [
        Pose(p.orientation, {n: first[n] + depth * (v - first[n]) for n, v in p.angles.items()})
        for p in poses[1:]
    ]
    if bottom_angles:
        angles = dict(scaled[-1].angles)
        for name, value in bottom_angles.items():
            found = lookup(name)
            if found is None:
                raise ValueError(f"{name!r} is not a joint angle of the figure")
            joint, side = found
            names = [f"{name}_{s}" for s in SIDES] if joint.sided and side is None else [name]
            for key in names:
                angles[key] = float(value)
        scaled[-1] = Pose(scaled[-1].orientation, angles)
    return scaled


def _with_extras(pose: Pose, w: float, lean_deg: float, heel_lift: bool) -> Pose:
    """Lean as a hip hinge (pelvis and trunk tip, thighs stay) and heels pivoting up."""
    angles = dict(pose.angles)
    if lean_deg:
        angles["pelvic_tilt"] = angles.get("pelvic_tilt", 0.0) + lean_deg * w
        for s in SIDES:
            angles[f"hip_flexion_{s}"] = angles.get(f"hip_flexion_{s}", 0.0) + lean_deg * w
    if heel_lift:
        for s in SIDES:
            key = f"ankle_dorsiflexion_{s}"
            angles[key] = angles.get(key, 0.0) - HEEL_LIFT_DEG * w
    return Pose(pose.orientation, angles)


def _rotate(v: Point3, axis: Point3, degrees: float) -> Point3:
    """Rodrigues: ``v`` turned about the unit ``axis``."""
    c, s = math.cos(math.radians(degrees)), math.sin(math.radians(degrees))
    cross = Point3(
        axis.y * v.z - axis.z * v.y, axis.z * v.x - axis.x * v.z, axis.x * v.y - axis.y * v.x
    )
    return v.scale(c) + cross.scale(s) + axis.scale(axis.dot(v) * (1 - c))


def _drop(points: dict[str, Point3], side: str, degrees: float) -> dict[str, Point3]:
    """The unsupported side's hip and leg swung down about the supporting hip.

    The axis is horizontal and square to the hip line, so a level hip line ends up tilted
    by exactly ``degrees`` and a square-on front camera sees that. The trunk is left as it
    was, as when the shoulders stay on the floor in a bridge.
    """
    other = "right" if side == "left" else "left"
    pivot = points[f"{other}_hip"]
    line = points[f"{side}_hip"] - pivot
    n = math.hypot(line.x, line.z)
    if degrees == 0 or n < 1e-9:
        return points
    axis = Point3(-line.z / n, 0.0, line.x / n)
    moved = dict(points)
    for part in ("hip", "knee", "ankle", "heel", "foot_index"):
        key = f"{side}_{part}"
        moved[key] = pivot + _rotate(points[key] - pivot, axis, -degrees)
    return moved


def _unsupported(skeleton: Skeleton) -> str:
    """The side whose foot is higher off the floor; the left when both are down (the
    working leg of one-sided content is the right)."""
    p = skeleton.points
    height = {s: min(p[f"{s}_{k}"].y for k in ("ankle", "heel", "foot_index")) for s in SIDES}
    return "right" if height["right"] > height["left"] + 0.02 else "left"


def _turn(a: tuple[float, float], b: tuple[float, float], c: tuple[float, float]) -> float:
    return _signed((b[0] - a[0], b[1] - a[1]), (c[0] - b[0], c[1] - b[1]))


def _signed(u: tuple[float, float], v: tuple[float, float]) -> float:
    return math.degrees(math.atan2(u[0] * v[1] - u[1] * v[0], u[0] * v[0] + u[1] * v[1]))


def measures(points: Mapping[str, Point3]) -> dict[str, float]:
    """The truth angles (``landmarks.MEASURES``) of one body, from its 3-D points."""

    def side_on(name: str) -> tuple[float, float]:
        return points[name].x, points[name].y

    def vec(a: str, b: str) -> tuple[float, float]:
        return points[b].x - points[a].x, points[b].y - points[a].y

    out: dict[str, float] = {}
    for s in SIDES:
        hip, knee, ankle = (side_on(f"{s}_{j}") for j in ("hip", "knee", "ankle"))
        out[f"knee_flexion_{s}"] = -_turn(hip, knee, ankle)
        out[f"hip_flexion_{s}"] = _turn(side_on(f"{s}_shoulder"), hip, knee)
        foot = _signed(vec(f"{s}_knee", f"{s}_ankle"), vec(f"{s}_heel", f"{s}_foot_index"))
        out[f"ankle_dorsiflexion_{s}"] = foot - 90.0
    lh, rh = points["left_hip"], points["right_hip"]
    ls, rs = points["left_shoulder"], points["right_shoulder"]
    dx, dy = (ls.x + rs.x - lh.x - rh.x) / 2, (ls.y + rs.y - lh.y - rh.y) / 2
    out["trunk_angle"] = math.degrees(math.atan2(dx, dy))
    out["pelvic_drop"] = math.degrees(math.atan2(lh.y - rh.y, rh.z - lh.z))
    lk, rk = points["left_knee"], points["right_knee"]
    apart = abs(_signed((lk.z - lh.z, lk.y - lh.y), (rk.z - rh.z, rk.y - rh.y)))
    closer = abs(rk.z - lk.z) < abs(rh.z - lh.z)
    out["hip_abduction"] = -apart if closer else apart
    return out


def _landmark_points(points: Mapping[str, Point3]) -> list[Point3]:
    return [points[n] if n in points else points[_STAND_IN[n]] for n in LANDMARK_NAMES]


def _side_of(name: str) -> float:
    if name.startswith("left_") or name.endswith("_left"):
        return -1.0
    if name.startswith("right_") or name.endswith("_right"):
        return 1.0
    return 0.0


def _subject(
    item: Figure | Step | SelfTest,
) -> tuple[Figure, str, tuple[float, float, float] | None, float | None]:
    if isinstance(item, Figure):
        return item, "figure", None, None
    if item.figure is None:
        raise ValueError(f"{item.id!r} has no figure: keyframes to make landmarks from")
    if isinstance(item, Step):
        tempo = None
        if item.dose.tempo:
            a, b, c = (float(x) for x in item.dose.tempo.split("-"))
            tempo = (a, b, c)
        hold = None if item.dose.hold_seconds is None else float(item.dose.hold_seconds)
        return item.figure, item.id, tempo, hold
    return item.figure, item.id, None, None


def _check(condition: bool, message: str) -> None:
    if not condition:
        raise ValueError(message)


def synthesize(
    subject: Figure | Step | SelfTest,
    *,
    reps: int = 5,
    tempo: tuple[float, float, float] | None = None,
    hold_s: float | None = None,
    depth: float = 1.0,
    bottom_angles: Mapping[str, float] | None = None,
    lean_deg: float = 0.0,
    pelvic_drop_deg: float = 0.0,
    pelvic_drop_after_s: float | None = None,
    drop_side: Side | None = None,
    heel_lift: bool = False,
    view: View | None = None,
    near_side: Side = "right",
    yaw_deg: float = 0.0,
    fps: float = 30.0,
    width: int = 720,
    height: int = 1280,
    fill: float = 0.7,
    person_px: float | None = None,
    height_m: float = 1.75,
    still_s: float = 0.0,
    noise_px: float = 0.0,
    drop_every: int | None = None,
    drop_fraction: float = 0.0,
    seed: int = 0,
) -> tuple[LandmarkSequence, Truth]:
    """A landmark sequence of ``reps`` repetitions of a step, self-test or figure.

    ``tempo`` is (to the far keyframe, pause there, back) in seconds, by default the step's
    dose tempo or 2-1-2; ``hold_s`` replaces the pause at ``hold_at``. ``depth`` scales every
    keyframe's angles towards the first; ``bottom_angles`` then sets angles of the last
    keyframe (``{"knee_flexion": 120}``). ``lean_deg`` (a hip hinge), ``heel_lift`` and a
    ``pelvic_drop_deg`` without ``pelvic_drop_after_s`` grow with the movement towards the
    far keyframe; with it, the drop starts that long into each hold (or the pause). The
    drop lowers ``drop_side``, by default the side whose foot is off the floor.

    ``view`` (default: the figure's) is a square-on orthographic camera, turned by
    ``yaw_deg``; ``near_side`` is the side facing it in a side view, whose landmarks are
    about 0.95 visible against 0.4-0.6 for the far side. The body's whole movement is
    framed to fill ``fill`` of the picture (or drawn ``person_px`` tall when standing).
    ``noise_px`` adds Gaussian pixel noise; ``drop_every`` / ``drop_fraction`` drop frames.
    """
    figure, source, step_tempo, step_hold = _subject(subject)
    tempo = tempo or step_tempo or DEFAULT_TEMPO
    _check(reps >= 1, "reps must be at least 1")
    _check(min(tempo) >= 0 and tempo[0] + tempo[2] > 0, "tempo needs times >= 0 and movement")
    _check(fps > 0 and width > 0 and height > 0 and height_m > 0, "fps and sizes must be > 0")
    _check(depth >= 0 and noise_px >= 0 and still_s >= 0, "depth, noise and still must be >= 0")
    _check(0 < fill <= 1, "fill is a fraction of the picture, above 0 and at most 1")
    _check(0 <= drop_fraction < 1, "drop_fraction must be in [0, 1)")
    _check(drop_every is None or drop_every >= 2, "drop_every must be at least 2")
    hold = hold_s if hold_s is not None else step_hold if step_hold is not None else DEFAULT_HOLD_S
    _check(hold >= 0, "hold_s must be >= 0")

    names = [k.name for k in figure.keyframes]
    last = len(names) - 1
    hold_index = names.index(figure.hold_at) if figure.hold_at else None
    plan = plan_timeline(last, hold_index, tempo, hold, reps, still_s)

    keys = _keyframe_poses(figure, depth, bottom_angles)
    solved = [
        grounded(solve(_with_extras(p, k / last, lean_deg, heel_lift))) for k, p in enumerate(keys)
    ]
    placed = [anchor(solved[0], contacts(solved[0]), Point3(0.0, 0.0, 0.0))]
    commons: list[frozenset[str]] = [frozenset()]
    targets: list[Point3] = [Point3(0.0, 0.0, 0.0)]
    for i in range(1, last + 1):
        common = contacts(solved[i - 1]) & contacts(solved[i]) or frozenset({"mid_hip"})
        commons.append(common)
        targets.append(centre(placed[i - 1], common))
        placed.append(anchor(solved[i], common, targets[i]))
    dropping = drop_side or _unsupported(placed[-1] if hold_index is None else placed[hold_index])

    if view is None:
        view = _FIGURE_VIEW[figure.view]
    azimuth, elevation = _CAMERA[view]
    if view == "side" and near_side == "left":
        azimuth = -azimuth
    cam = orbit(azimuth + yaw_deg, elevation)

    n_frames = max(1, round(plan.total_s * fps))
    bodies: list[list[Point3]] = []
    truth_frames: list[TruthFrame] = []
    made: dict[float, tuple[Skeleton, Pose]] = {}
    for i in range(n_frames):
        t = i / fps
        leg, pos = where(plan, t)
        if pos not in made:
            made[pos] = _body(pos, keys, placed, commons, targets, lean_deg, heel_lift)
        skeleton, pose = made[pos]
        drop = pelvic_drop_deg * _drop_gate(plan, leg, t, pos / last, pelvic_drop_after_s)
        points = _drop(dict(skeleton.points), dropping, drop)
        bodies.append(_landmark_points(points))
        truth_frames.append(TruthFrame(t, leg.phase, leg.rep, measures(points), dict(pose.angles)))

    seq = _frame(
        bodies,
        cam,
        fps,
        width,
        height,
        fill,
        person_px,
        height_m,
        noise_px,
        drop_every,
        drop_fraction,
        seed,
        source,
    )
    truth = Truth(
        source=source,
        view=view,
        near_side=near_side,
        yaw_deg=yaw_deg,
        tempo=(float(tempo[0]), float(tempo[1]), float(tempo[2])),
        depth=depth,
        lean_deg=lean_deg,
        pelvic_drop_deg=pelvic_drop_deg,
        drop_side=dropping if pelvic_drop_deg else None,
        heel_lift=heel_lift,
        noise_px=noise_px,
        seed=seed,
        reps=plan.reps,
        holds=plan.holds,
        frames=tuple(truth_frames),
    )
    return seq, truth


def _body(
    pos: float,
    keys: list[Pose],
    placed: list[Skeleton],
    commons: list[frozenset[str]],
    targets: list[Point3],
    lean_deg: float,
    heel_lift: bool,
) -> tuple[Skeleton, Pose]:
    """The body at keyframe position ``pos``: the model's in-between pose, kept in place."""
    last = len(keys) - 1
    if pos == int(pos):
        return placed[int(pos)], _with_extras(keys[int(pos)], pos / last, lean_deg, heel_lift)
    lo = int(pos)
    pose = _with_extras(
        interpolate(keys[lo], keys[lo + 1], pos - lo), pos / last, lean_deg, heel_lift
    )
    skeleton = anchor(grounded(solve(pose)), commons[lo + 1], targets[lo + 1])
    return skeleton, pose


def _drop_gate(plan: Plan, leg: Leg, t: float, w: float, after_s: float | None) -> float:
    """How much of the pelvic drop shows at ``t`` (0 to 1)."""
    if after_s is None:
        return w
    if leg.rep is None:
        return 0.0
    rep_legs = [g for g in plan.legs if g.rep == leg.rep]
    holds = [g for g in rep_legs if g.phase == "hold"]
    stays = holds or [g for g in rep_legs if g.phase == "pause"]
    if not stays:
        return 0.0
    onset = stays[-1].start_s + after_s
    up_start = next((g.start_s for g in rep_legs if g.phase == "up"), math.inf)
    reached = min(1.0, max(0.0, (min(t, up_start) - onset) / DROP_RAMP_S))
    gate = ease(reached) if reached > 0 else 0.0
    return gate * w if leg.phase == "up" else gate


def _frame(
    bodies: list[list[Point3]],
    cam: Camera,
    fps: float,
    width: int,
    height: int,
    fill: float,
    person_px: float | None,
    height_m: float,
    noise_px: float,
    drop_every: int | None,
    drop_fraction: float,
    seed: int,
    source: str,
) -> LandmarkSequence:
    """Project, frame like a fixed phone, add noise and visibility, drop frames."""
    flat = [cam.project(p) for body in bodies for p in body]
    x0, x1 = min(q.x for q in flat), max(q.x for q in flat)
    y0, y1 = min(q.y for q in flat), max(q.y for q in flat)
    scale = person_px or fill * min(width / max(x1 - x0, 1e-6), height / max(y1 - y0, 1e-6))
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    noise_rng = random.Random(f"{seed}:noise")
    drop_rng = random.Random(f"{seed}:drop")
    vis_rng = random.Random(f"{seed}:visibility")
    sides = [_side_of(n) for n in LANDMARK_NAMES]
    sigma_m = noise_px / scale * height_m
    frames: list[Frame] = []
    for i, body in enumerate(bodies):
        lh, rh = body[23], body[24]
        mid = (lh + rh).scale(0.5)
        across = rh - lh
        across = across.scale(1 / max(across.norm(), 1e-9))
        m2, m_depth = cam.project(mid), cam.depth(mid)
        image: list[Landmark] = []
        world: list[Landmark] = []
        for p, s in zip(body, sides, strict=True):
            q, depth = cam.project(p), cam.depth(p)
            facing = s * across.dot(cam.towards)
            away = max(0.0, -facing)
            vis = NEAR_VISIBILITY - (NEAR_VISIBILITY - FAR_VISIBILITY) * away
            vis += vis_rng.uniform(-0.1, 0.1) * away + vis_rng.uniform(-0.02, 0.02) * (1 - away)
            nx = ny = nz = 0.0
            wx = wy = wz = 0.0
            if noise_px > 0:
                nx, ny, nz = (noise_rng.gauss(0.0, noise_px) for _ in range(3))
                wx, wy, wz = (noise_rng.gauss(0.0, sigma_m) for _ in range(3))
                vis -= min(0.15, 0.02 * noise_px) * noise_rng.uniform(0.5, 1.0)
            vis = min(1.0, max(0.0, vis))
            px = width / 2 + (q.x - cx) * scale + nx
            py = height / 2 - (q.y - cy) * scale + ny
            z = (-(depth - m_depth) * scale + nz) / width
            image.append(Landmark(px / width, py / height, z, vis))
            world.append(
                Landmark(
                    (q.x - m2.x) * height_m + wx,
                    -(q.y - m2.y) * height_m + wy,
                    -(depth - m_depth) * height_m + wz,
                    vis,
                )
            )
        dropped = drop_rng.random() < drop_fraction
        if drop_every is not None and i % drop_every == drop_every - 1:
            dropped = True
        t = i / fps
        frames.append(Frame(t, None, None) if dropped else Frame(t, tuple(image), tuple(world)))
    return LandmarkSequence(fps, width, height, tuple(frames), source)
