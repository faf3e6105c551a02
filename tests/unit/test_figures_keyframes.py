"""Keyframes live with the content: every bundled step has possible ones, an impossible
one is reported with file and line, and the movement between them starts and ends on them."""

from __future__ import annotations

import math

from hipstride.figures.body import Pose, pose_of, resolve_angles
from hipstride.figures.keyframes import ease, interpolate, motion, timeline
from hipstride.figures.kinematics import grounded, solve
from hipstride.knowledge.catalog import load_catalog, validate_content
from hipstride.knowledge.figure_models import Figure, Keyframe, Orientation
from hipstride.knowledge.joints import JOINT_ANGLES, angle_problem
from tests.conftest import FIXTURES


def bundled_figures() -> dict[str, Figure]:
    catalog = load_catalog()
    items = [*catalog.steps.values(), *catalog.self_tests.values()]
    return {f"{type(i).__name__}:{i.id}": i.figure for i in items if i.figure is not None}


def test_every_bundled_step_and_both_self_tests_have_two_keyframes_or_more():
    catalog = load_catalog()
    for step in catalog.steps.values():
        assert step.figure is not None, step.id
        assert len(step.figure.keyframes) >= 2, step.id
    for test_id in ("deep-squat", "single-leg-bridge"):
        figure = catalog.self_test(test_id).figure
        assert figure is not None and len(figure.keyframes) >= 2


def test_every_bundled_keyframe_angle_is_within_its_joints_range():
    for name, figure in bundled_figures().items():
        for frame in figure.keyframes:
            for angle, value in frame.angles.items():
                assert angle_problem(angle, value) is None, f"{name} {frame.name}.{angle}"


def test_an_impossible_keyframe_is_reported_with_file_line_and_range():
    folder = FIXTURES / "content" / "bad_keyframe"
    catalog, errors = validate_content(folder)
    assert catalog is None
    assert [str(e).replace(str(folder), "bad_keyframe") for e in errors] == [
        "bad_keyframe/bridge.yaml:37: steps[0].figure.keyframes[1].angles.knee_flexion_left: "
        "190° is beyond the knee's range (0 to 150°)",
        "bad_keyframe/bridge.yaml:38: steps[0].figure.keyframes[1].angles.hip_flexon: is not a "
        "joint angle of the figure; did you mean hip_flexion, hip_flexion_left, "
        "hip_flexion_right?",
    ]


def test_a_signed_range_explains_which_way_is_negative():
    assert angle_problem("hip_flexion_right", -45) == (
        "-45° is beyond the hip's flexion range (-30 to 130°; negative is extension)"
    )
    assert angle_problem("knee_flexion", 150) is None


def test_every_range_holds_the_neutral_standing_position():
    for angle in JOINT_ANGLES.values():
        assert angle.low <= 0 <= angle.high, angle.name


def test_a_sided_angle_wins_over_the_shared_one_whatever_the_order():
    angles = resolve_angles({"knee_flexion_left": 10, "knee_flexion": 90})
    assert angles["knee_flexion_left"] == 10 and angles["knee_flexion_right"] == 90


def test_interpolation_hits_the_keyframes_at_its_ends():
    start = Pose(Orientation.STANDING, resolve_angles({"knee_flexion": 10}))
    end = Pose(Orientation.STANDING, resolve_angles({"knee_flexion": 100, "hip_flexion": 90}))
    assert interpolate(start, end, 0.0).angles == start.angles
    assert interpolate(start, end, 1.0).angles == end.angles
    middle = interpolate(start, end, ease(0.5))
    assert math.isclose(middle.angle("knee_flexion", "left"), 55.0)


def test_the_motion_starts_and_ends_on_the_keyframes_and_keeps_the_feet_in_place():
    figure = load_catalog().step("bodyweight-squat").figure
    assert figure is not None
    moved = motion(figure)
    for frame in figure.keyframes:
        expected = grounded(solve(pose_of(frame, figure.orientation)))
        placed = moved.frames[moved.keyframe_at[frame.name]]
        for name in ("right_knee", "head"):
            assert math.isclose(placed.points[name].y, expected.points[name].y, abs_tol=1e-9)
    heels = [f.points["right_heel"] for f in moved.frames]
    assert max(h.x for h in heels) - min(h.x for h in heels) < 1e-9
    assert max(h.y for h in heels) < 0.02


def test_the_animation_goes_there_and_back_and_lingers_on_the_held_keyframe():
    figure = Figure(
        view="side",
        orientation="kneeling",
        hold_at="stretch",
        keyframes=[
            Keyframe(name="start", angles={"knee_flexion_right": 90, "hip_flexion_left": 90}),
            Keyframe(name="stretch", angles={"knee_flexion_right": 90, "hip_flexion_right": -20}),
        ],
    )
    moved = motion(figure)
    plan = timeline(moved, "stretch")
    shown = [frame for frame, _ in plan]
    last = len(moved.frames) - 1
    assert shown[0] == 0 and shown[last] == last and shown[-1] == 1
    seconds = dict(plan)
    assert seconds[last] > seconds[0] > seconds[1]
