"""Synthetic landmarks: MediaPipe's layout, the angles they were made from, reps, faults, JSON."""

from __future__ import annotations

import json
import math
from statistics import mean

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hipstride.figures.landmarks import (
    LANDMARK_NAMES,
    Frame,
    Landmark,
    LandmarkSequence,
    Truth,
    TruthFrame,
    angle_at,
    angle_between,
    from_json,
    from_vertical,
    tilt,
    to_json,
    turn_at,
)
from hipstride.figures.synthetic import Side, synthesize
from hipstride.figures.synthetic import View as CameraView
from hipstride.knowledge.catalog import load_catalog
from hipstride.knowledge.figure_models import Figure, Keyframe, Orientation, View
from hipstride.knowledge.models import SelfTest, Step

catalog = load_catalog()

MEDIAPIPE_ORDER = [
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
]

SQUATS = [("step", "box-squat"), ("step", "bodyweight-squat"), ("step", "single-leg-squat")]
SQUATS += [("test", "deep-squat")]
BRIDGES = [("step", "short-bridge"), ("step", "glute-bridge"), ("step", "single-leg-bridge")]
BRIDGES += [("test", "single-leg-bridge")]
QUADRUPED = [("step", "quadruped-partial-hip-extension"), ("step", "quadruped-hip-extension")]
SIDE_STEPS = ["side-step-unbanded", "banded-side-step"]


def _item(kind: str, item_id: str) -> Step | SelfTest:
    return catalog.step(item_id) if kind == "step" else catalog.self_test(item_id)


def _mid(a: Landmark, b: Landmark) -> Landmark:
    return Landmark((a.x + b.x) / 2, (a.y + b.y) / 2, 0.0, 1.0)


def _side_angles(seq: LandmarkSequence, truth: Truth, frame: Frame) -> dict[str, float]:
    """What a camera check would read off a side view, with the truth's sign conventions."""
    size = {"width": seq.width, "height": seq.height}
    mirror = 1.0 if truth.near_side == "right" else -1.0
    lm = {n: frame.get(n) for n in LANDMARK_NAMES}
    out: dict[str, float] = {}
    for s in ("left", "right"):
        hip, knee, ankle, shoulder = (lm[f"{s}_{j}"] for j in ("hip", "knee", "ankle", "shoulder"))
        assert hip and knee and ankle and shoulder
        out[f"knee_flexion_{s}"] = 180 - angle_at(hip, knee, ankle, **size)
        out[f"hip_flexion_{s}"] = mirror * turn_at(shoulder, hip, knee, **size)
    lh, rh, ls, rs = lm["left_hip"], lm["right_hip"], lm["left_shoulder"], lm["right_shoulder"]
    assert lh and rh and ls and rs
    out["trunk_angle"] = mirror * from_vertical(_mid(lh, rh), _mid(ls, rs), **size)
    return out


def _front_angles(seq: LandmarkSequence, frame: Frame) -> dict[str, float]:
    size = {"width": seq.width, "height": seq.height}
    lh, rh = frame.get("left_hip"), frame.get("right_hip")
    lk, rk = frame.get("left_knee"), frame.get("right_knee")
    assert lh and rh and lk and rk
    return {
        "hip_abduction": angle_between(lh, lk, rh, rk, **size),
        "pelvic_drop": tilt(lh, rh, **size),
    }


def _worst(seq: LandmarkSequence, truth: Truth, names: list[str]) -> float:
    worst = 0.0
    for frame, known in zip(seq.frames, truth.frames, strict=True):
        seen = _side_angles(seq, truth, frame)
        worst = max(worst, *(abs(seen[n] - known.angles[n]) for n in names))
    return worst


def _at(truth: Truth, seq: LandmarkSequence, time_s: float) -> tuple[Frame, TruthFrame]:
    i = min(range(len(seq.frames)), key=lambda k: abs(seq.frames[k].time_s - time_s))
    return seq.frames[i], truth.frames[i]


SIDE_NAMES = [f"{a}_{s}" for a in ("knee_flexion", "hip_flexion") for s in ("left", "right")]
SIDE_NAMES.append("trunk_angle")


def test_every_frame_has_the_33_landmarks_in_mediapipe_order() -> None:
    seq, _ = synthesize(catalog.step("bodyweight-squat"), reps=1)
    assert list(LANDMARK_NAMES) == MEDIAPIPE_ORDER
    assert all(f.landmarks is not None and len(f.landmarks) == 33 for f in seq.frames)
    assert all(f.world is not None and len(f.world) == 33 for f in seq.frames)


@pytest.mark.parametrize("view", ["side", "front"])
def test_a_standing_squat_stays_inside_the_picture_in_both_views(view: CameraView) -> None:
    seq, _ = synthesize(catalog.step("bodyweight-squat"), reps=1, view=view)
    points = [p for f in seq.frames for p in f.landmarks or ()]
    assert all(0 <= p.x <= 1 and 0 <= p.y <= 1 for p in points)
    assert 0.6 <= max(p.y for p in points) - min(p.y for p in points) <= 0.8 or view == "side"


def test_dropped_frames_are_none_at_the_requested_rate_and_the_same_each_time() -> None:
    step = catalog.step("bodyweight-squat")
    every, _ = synthesize(step, reps=2, drop_every=5)
    dropped = [i for i, f in enumerate(every.frames) if f.landmarks is None]
    assert dropped == list(range(4, len(every.frames), 5))
    assert all(every.frames[i].world is None for i in dropped)
    some, _ = synthesize(step, reps=5, drop_fraction=0.2, seed=7)
    again, _ = synthesize(step, reps=5, drop_fraction=0.2, seed=7)
    other, _ = synthesize(step, reps=5, drop_fraction=0.2, seed=8)
    pattern = [f.landmarks is None for f in some.frames]
    assert pattern == [f.landmarks is None for f in again.frames]
    assert pattern != [f.landmarks is None for f in other.frames]
    assert abs(sum(pattern) / len(pattern) - 0.2) < 0.05


@pytest.mark.parametrize(("kind", "item_id"), SQUATS + BRIDGES + QUADRUPED)
@pytest.mark.parametrize("near_side", ["right", "left"])
def test_side_view_angles_match_the_truth_within_a_degree(
    kind: str, item_id: str, near_side: Side
) -> None:
    item = _item(kind, item_id)
    seq, truth = synthesize(item, reps=2, view="side", near_side=near_side, hold_s=1.0)
    assert _worst(seq, truth, SIDE_NAMES) < 1.0


ALL_ITEMS = [("step", s) for s in catalog.steps] + [("test", t) for t in catalog.self_tests]


@pytest.mark.parametrize(("kind", "item_id"), ALL_ITEMS)
def test_every_illustrated_item_makes_landmarks_inside_the_picture(kind: str, item_id: str) -> None:
    item = _item(kind, item_id)
    assert item.figure is not None, f"{item_id} has no figure"
    seq, truth = synthesize(item, reps=1, hold_s=1.0, fps=15)
    assert truth.rep_count == 1 and len(seq.frames) == len(truth.frames)
    points = [p for f in seq.frames for p in f.landmarks or ()]
    assert len(points) == 33 * len(seq.frames)
    assert all(0 <= p.x <= 1 and 0 <= p.y <= 1 for p in points)
    if truth.view == "side":
        assert _worst(seq, truth, SIDE_NAMES) < 1.0


def test_bridge_and_quadruped_truth_shows_the_hip_opening() -> None:
    _, bridge = synthesize(catalog.step("glute-bridge"), reps=1)
    top = min(bridge.frames, key=lambda f: abs(f.time_s - bridge.reps[0].bottom_s))
    assert abs(top.angles["hip_flexion_right"]) < 10  # hips in line with trunk and thigh
    _, quad = synthesize(catalog.step("quadruped-hip-extension"), reps=1)
    start, top = quad.frames[0], max(quad.frames, key=lambda f: -f.angles["hip_flexion_right"])
    assert start.angles["hip_flexion_right"] > 60 > top.angles["hip_flexion_right"]


@settings(max_examples=50, deadline=None)
@given(
    knee=st.floats(0, 140),
    hip=st.floats(0, 120),
    tilt_deg=st.floats(-10, 40),
    ankle=st.floats(-20, 30),
)
def test_landmarks_reproduce_the_keyframe_angles_they_were_made_from(
    knee: float, hip: float, tilt_deg: float, ankle: float
) -> None:
    figure = Figure(
        view=View.SIDE,
        orientation=Orientation.STANDING,
        keyframes=[
            Keyframe(name="start"),
            Keyframe(
                name="end",
                angles={
                    "knee_flexion": knee,
                    "hip_flexion": hip,
                    "pelvic_tilt": tilt_deg,
                    "ankle_dorsiflexion": ankle,
                },
            ),
        ],
    )
    seq, truth = synthesize(figure, reps=1, tempo=(0.3, 0.2, 0.3), fps=10)
    frame, known = _at(truth, seq, truth.reps[0].bottom_s)
    seen = _side_angles(seq, truth, frame)
    assert seen["knee_flexion_right"] == pytest.approx(knee, abs=1)
    assert seen["hip_flexion_left"] == pytest.approx(hip, abs=1)
    assert seen["trunk_angle"] == pytest.approx(tilt_deg, abs=1)
    assert known.angles["ankle_dorsiflexion_right"] == pytest.approx(ankle, abs=1e-6)


@pytest.mark.parametrize("step_id", SIDE_STEPS)
def test_front_view_of_a_side_step_shows_the_angle_between_the_thighs(step_id: str) -> None:
    seq, truth = synthesize(catalog.step(step_id), reps=1)
    assert truth.view == "front"
    for frame, known in zip(seq.frames, truth.frames, strict=True):
        seen = _front_angles(seq, frame)
        assert seen["hip_abduction"] == pytest.approx(abs(known.angles["hip_abduction"]), abs=1)


def test_front_view_abduction_is_the_keyframes_abduction_when_the_hips_are_straight() -> None:
    figure = Figure(
        view=View.FRONT,
        orientation=Orientation.STANDING,
        keyframes=[Keyframe(name="start"), Keyframe(name="apart", angles={"hip_abduction": 20})],
    )
    seq, truth = synthesize(figure, reps=1)
    frame, _ = _at(truth, seq, truth.reps[0].bottom_s)
    assert _front_angles(seq, frame)["hip_abduction"] == pytest.approx(40, abs=1)


@settings(max_examples=50, deadline=None)
@given(
    reps=st.integers(1, 4),
    down=st.floats(0.3, 2.5),
    pause=st.floats(0, 1.5),
    up=st.floats(0.3, 2.5),
    fps=st.sampled_from([10.0, 15.0, 24.0]),
)
def test_the_truth_has_exactly_the_reps_asked_for_at_the_tempo_asked_for(
    reps: int, down: float, pause: float, up: float, fps: float
) -> None:
    figure = catalog.step("bodyweight-squat").figure
    assert figure is not None
    seq, truth = synthesize(figure, reps=reps, tempo=(down, pause, up), fps=fps)
    assert truth.rep_count == reps
    assert abs(seq.duration_s - reps * (down + pause + up)) <= 1 / fps
    for i, rep in enumerate(truth.reps):
        assert rep.start_s == pytest.approx(i * (down + pause + up))
        assert rep.bottom_s == pytest.approx(rep.start_s + down)
        assert rep.end_s == pytest.approx(rep.start_s + down + pause + up)


def test_the_tempo_defaults_to_the_steps_dose() -> None:
    _, truth = synthesize(catalog.step("box-squat"), reps=1)  # tempo 3-1-2
    assert truth.tempo == (3.0, 1.0, 2.0)
    _, truth = synthesize(catalog.self_test("deep-squat"), reps=1)
    assert truth.tempo == (2.0, 1.0, 2.0)


def test_half_depth_bends_the_knee_about_halfway() -> None:
    step = catalog.step("bodyweight-squat")
    seq, truth = synthesize(step, reps=1, depth=0.5)
    frame, known = _at(truth, seq, truth.reps[0].bottom_s)
    assert step.figure is not None
    end = step.figure.keyframe("end").angles["knee_flexion"]
    assert _side_angles(seq, truth, frame)["knee_flexion_right"] == pytest.approx(end / 2, abs=1)
    assert known.pose["knee_flexion_right"] == pytest.approx(end / 2)


def test_the_knee_flexion_at_the_bottom_can_be_set_outright() -> None:
    seq, truth = synthesize(
        catalog.step("bodyweight-squat"), reps=1, bottom_angles={"knee_flexion": 70}
    )
    frame, _ = _at(truth, seq, truth.reps[0].bottom_s)
    seen = _side_angles(seq, truth, frame)
    assert seen["knee_flexion_left"] == pytest.approx(70, abs=1)
    assert seen["knee_flexion_right"] == pytest.approx(70, abs=1)


def test_a_pelvic_drop_in_the_single_leg_bridge_shows_from_eight_seconds_into_the_hold() -> None:
    seq, truth = synthesize(
        catalog.self_test("single-leg-bridge"),
        reps=1,
        hold_s=14,
        pelvic_drop_deg=12,
        pelvic_drop_after_s=8,
        view="front",
    )
    assert truth.drop_side == "left"  # the lifted foot's side
    ((hold_start, hold_end),) = truth.holds
    onset = hold_start + 8
    before, after = [], []
    for frame, known in zip(seq.frames, truth.frames, strict=True):
        seen = _front_angles(seq, frame)["pelvic_drop"]
        assert seen == pytest.approx(known.angles["pelvic_drop"], abs=1)
        if frame.time_s < onset:
            before.append(seen)
        elif onset + 0.5 <= frame.time_s < hold_end:
            after.append(seen)
    assert len(after) > 100
    assert max(abs(a) for a in before) < 1
    assert all(abs(a) == pytest.approx(12, abs=1) for a in after)


def test_a_pelvic_drop_without_a_start_time_grows_with_the_movement() -> None:
    _, truth = synthesize(catalog.step("single-leg-squat"), reps=1, pelvic_drop_deg=8)
    start = truth.frames[0]
    bottom = min(truth.frames, key=lambda f: abs(f.time_s - truth.reps[0].bottom_s))
    assert start.angles["pelvic_drop"] == pytest.approx(0, abs=1e-6)
    assert bottom.angles["pelvic_drop"] == pytest.approx(-8, abs=1)  # the left side drops


@pytest.mark.parametrize(("kind", "item_id"), SQUATS)
def test_lean_adds_that_much_trunk_flexion_at_the_bottom(kind: str, item_id: str) -> None:
    item = _item(kind, item_id)
    plain_seq, plain = synthesize(item, reps=1)
    lean_seq, leaning = synthesize(item, reps=1, lean_deg=15)
    bottom = plain.reps[0].bottom_s
    plain_seen = _side_angles(plain_seq, plain, _at(plain, plain_seq, bottom)[0])
    lean_seen = _side_angles(lean_seq, leaning, _at(leaning, lean_seq, bottom)[0])
    assert lean_seen["trunk_angle"] - plain_seen["trunk_angle"] == pytest.approx(15, abs=1)
    assert lean_seen["knee_flexion_right"] == pytest.approx(plain_seen["knee_flexion_right"])
    start = _side_angles(lean_seq, leaning, lean_seq.frames[0])["trunk_angle"]
    assert start == pytest.approx(
        _side_angles(plain_seq, plain, plain_seq.frames[0])["trunk_angle"]
    )


def test_heel_lift_raises_the_heels_at_the_bottom() -> None:
    seq, truth = synthesize(catalog.self_test("deep-squat"), reps=1, heel_lift=True)
    frame, known = _at(truth, seq, truth.reps[0].bottom_s)
    heel, toe = frame.get("right_heel"), frame.get("right_foot_index")
    assert heel and toe and heel.y < toe.y - 0.01  # higher in the picture
    assert known.pose["ankle_dorsiflexion_right"] == pytest.approx(35 - 25)
    first_heel, first_toe = seq.frames[0].get("right_heel"), seq.frames[0].get("right_foot_index")
    assert first_heel and first_toe and abs(first_heel.y - first_toe.y) < 0.002


def test_noise_keeps_the_angles_close_on_average_and_the_seed_repeats_it() -> None:
    step = catalog.step("bodyweight-squat")
    seq, truth = synthesize(step, reps=3, noise_px=3, seed=11)
    errors = [
        abs(_side_angles(seq, truth, f)[n] - known.angles[n])
        for f, known in zip(seq.frames, truth.frames, strict=True)
        for n in SIDE_NAMES
    ]
    assert 0.1 < mean(errors) < 3
    again, _ = synthesize(step, reps=3, noise_px=3, seed=11)
    other, _ = synthesize(step, reps=3, noise_px=3, seed=12)
    assert again == seq
    assert other != seq
    visible = [p.visibility for f in seq.frames for p in f.landmarks or ()]
    clean, _ = synthesize(step, reps=3, seed=11)
    assert mean(visible) < mean(p.visibility for f in clean.frames for p in f.landmarks or ())


def test_far_side_landmarks_are_less_visible_in_a_side_view_only() -> None:
    step = catalog.step("bodyweight-squat")
    side, _ = synthesize(step, reps=1)
    first = side.frames[0]
    for joint in ("shoulder", "hip", "knee", "ankle"):
        near, far = first.get(f"right_{joint}"), first.get(f"left_{joint}")
        assert near and far and near.visibility > 0.9 and 0.4 <= far.visibility <= 0.6
    front, _ = synthesize(step, reps=1, view="front")
    assert all(p.visibility > 0.9 for p in front.frames[0].landmarks or ())


def test_world_landmarks_are_metres_about_the_hips_midpoint() -> None:
    seq, _ = synthesize(catalog.step("bodyweight-squat"), reps=1, height_m=1.8)
    world = seq.frames[0].world
    assert world is not None
    lh, rh, nose, ankle = world[23], world[24], world[0], world[28]
    assert (lh.x + rh.x) / 2 == pytest.approx(0, abs=1e-9)
    assert (lh.y + rh.y) / 2 == pytest.approx(0, abs=1e-9)
    assert ankle.y - nose.y == pytest.approx(1.8 * (0.925 - 0.039), abs=0.08)  # y is down


def test_angle_at_corrects_for_the_portrait_aspect_ratio() -> None:
    b = Landmark(0.5, 0.5, 0, 1)
    a = Landmark(0.5 + 100 / 720, 0.5, 0, 1)
    c = Landmark(0.5 + 100 / 720, 0.5 - 100 / 1280, 0, 1)  # 45° up and right, in pixels
    assert angle_at(a, b, c, width=720, height=1280) == pytest.approx(45)
    assert turn_at(a, b, c, width=720, height=1280) == pytest.approx(-135)  # leftwards, then
    assert turn_at(c, b, a, width=720, height=1280) == pytest.approx(135)  # up-right: clockwise
    assert tilt(b, c, width=720, height=1280) == pytest.approx(45)
    assert from_vertical(b, c, width=720, height=1280) == pytest.approx(45)


def test_json_round_trips_the_sequence_and_its_truth() -> None:
    seq, truth = synthesize(catalog.step("glute-bridge"), reps=1, noise_px=2, drop_every=4)
    data = json.loads(json.dumps(to_json(seq, truth)))
    assert data["fps"] == 30 and data["width"] == 720 and data["height"] == 1280
    assert data["frames"][3]["landmarks"] is None
    assert len(data["frames"][0]["landmarks"]) == 33 and len(data["frames"][0]["landmarks"][0]) == 4
    assert from_json(data) == (seq, truth)
    assert from_json(json.loads(json.dumps(to_json(seq)))) == (seq, None)


def test_a_landmark_file_from_elsewhere_reads_without_truth_or_visibility() -> None:
    raw = {"fps": 25, "width": 1080, "height": 1920, "frames": [
        {"t": 0.0, "landmarks": [[0.5, 0.5, 0.0]] * 33},
        {"t": 0.04, "landmarks": None},
    ]}  # fmt: skip
    seq, truth = from_json(raw)
    assert truth is None and seq.frames[1].landmarks is None
    assert seq.frames[0].landmarks is not None and seq.frames[0].landmarks[5].visibility == 1
    with pytest.raises(ValueError, match="33 landmarks"):
        from_json({**raw, "frames": [{"t": 0.0, "landmarks": [[0.5, 0.5, 0.0]] * 32}]})
    with pytest.raises(ValueError, match="fps"):
        from_json({"frames": []})


def test_a_step_without_keyframes_is_refused_clearly() -> None:
    step = catalog.step("bodyweight-squat").model_copy(update={"figure": None})
    with pytest.raises(ValueError, match="no figure"):
        synthesize(step)


def test_the_camera_can_be_turned_for_an_oblique_view() -> None:
    seq, truth = synthesize(catalog.step("bodyweight-squat"), reps=1, yaw_deg=30)
    frame, known = _at(truth, seq, truth.reps[0].bottom_s)
    seen = _side_angles(seq, truth, frame)["knee_flexion_right"]
    assert seen != pytest.approx(known.angles["knee_flexion_right"], abs=1)
    assert math.isfinite(seen)
