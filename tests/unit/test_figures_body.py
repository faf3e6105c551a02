"""The body model: forward kinematics keeps bones whole, rests on the floor, and means
what its angles say."""

from __future__ import annotations

import math

from hipstride.figures import body as b
from hipstride.figures.body import Pose, pose_of, resolve_angles
from hipstride.figures.geometry import Point3, angle_between
from hipstride.figures.kinematics import contacts, grounded, pose_points, solve
from hipstride.figures.views import camera, project
from hipstride.knowledge.catalog import load_catalog
from hipstride.knowledge.figure_models import Orientation, View

SEGMENTS = {
    ("hip", "knee"): b.THIGH,
    ("knee", "ankle"): b.SHANK,
    ("shoulder", "elbow"): b.UPPER_ARM,
    ("elbow", "wrist"): b.FOREARM,
}


def every_bundled_pose() -> list[Pose]:
    catalog = load_catalog()
    items = [*catalog.steps.values(), *catalog.self_tests.values()]
    return [
        pose_of(frame, item.figure.orientation)
        for item in items
        if item.figure is not None
        for frame in item.figure.keyframes
    ]


def pose(orientation: Orientation = Orientation.STANDING, **angles: float) -> Pose:
    return Pose(orientation, resolve_angles(angles))


def sagittal_angle(vector: Point3, pelvis_up: Point3, pelvis_front: Point3) -> float:
    """Angle of a vector from 'straight down the pelvis', turning towards the front."""
    down = pelvis_up.scale(-1)
    return math.degrees(math.atan2(vector.dot(pelvis_front), vector.dot(down)))


def test_bones_keep_their_length_in_every_bundled_pose():
    for p in every_bundled_pose():
        pts = pose_points(p)
        for side in ("left", "right"):
            for (a, c), length in SEGMENTS.items():
                measured = (pts[f"{side}_{c}"] - pts[f"{side}_{a}"]).norm()
                assert math.isclose(measured, length, abs_tol=1e-9), (p, a, c)
        assert math.isclose((pts["neck"] - pts["spine"]).norm(), b.THORAX, abs_tol=1e-9)


def test_nothing_goes_through_the_floor_in_any_bundled_pose():
    for p in every_bundled_pose():
        skeleton = grounded(solve(p))
        assert min(pt.y for pt in skeleton.points.values()) > -0.001
        assert contacts(skeleton)


def test_standing_puts_both_feet_flat_on_the_floor_and_the_head_at_full_height():
    pts = pose_points(pose())
    for side in ("left", "right"):
        assert math.isclose(pts[f"{side}_heel"].y, pts[f"{side}_foot_index"].y, abs_tol=1e-9)
        assert math.isclose(pts[f"{side}_heel"].y, b.RADIUS["foot"], abs_tol=1e-9)
    assert math.isclose(pts["head"].y + b.RADIUS["head"], 1.0, abs_tol=1e-9)
    assert pts["right_hip"].y > pts["right_knee"].y > pts["right_ankle"].y


def test_lying_on_the_back_rests_the_trunk_on_the_floor():
    skeleton = grounded(solve(pose(Orientation.SUPINE)))
    assert {"mid_hip", "spine", "neck", "head"} <= contacts(skeleton)


def test_measuring_the_knee_from_the_points_gives_back_its_flexion():
    for flexion in (0.0, 35.0, 90.0, 148.0):
        pts = pose_points(pose(hip_flexion=40, knee_flexion=flexion, hip_rotation=20))
        thigh = pts["right_knee"] - pts["right_hip"]
        shank = pts["right_ankle"] - pts["right_knee"]
        assert math.isclose(angle_between(thigh, shank), flexion, abs_tol=0.5)


def test_measuring_hip_and_trunk_from_the_points_gives_back_their_angles():
    for hip, trunk, tilt in ((0, 0, 0), (95, 10, 35), (-20, -15, -10), (120, 40, 20)):
        p = pose(hip_flexion=hip, trunk_flexion=trunk, pelvic_tilt=tilt, hip_abduction=10)
        pts = pose_points(p)
        up = pts["spine"] - pts["mid_hip"]
        right = pts["right_hip"] - pts["left_hip"]
        front = Point3(
            up.y * right.z - up.z * right.y,
            up.z * right.x - up.x * right.z,
            up.x * right.y - up.y * right.x,
        ).scale(1 / (up.norm() * right.norm()))
        up = up.scale(1 / up.norm())
        thigh = pts["right_knee"] - pts["right_hip"]
        assert math.isclose(sagittal_angle(thigh, up, front), hip, abs_tol=0.5)
        thorax = pts["neck"] - pts["spine"]
        measured_trunk = -sagittal_angle(thorax.scale(-1), up, front)
        assert math.isclose(measured_trunk, trunk, abs_tol=0.5)
        lean = math.degrees(math.atan2(up.x, up.y))
        assert math.isclose(lean, tilt, abs_tol=0.5)


def test_bundled_keyframes_round_trip_through_the_points():
    for p in every_bundled_pose():
        pts = pose_points(p)
        for side in ("left", "right"):
            thigh = pts[f"{side}_knee"] - pts[f"{side}_hip"]
            shank = pts[f"{side}_ankle"] - pts[f"{side}_knee"]
            expected = p.angle("knee_flexion", side)
            assert math.isclose(angle_between(thigh, shank), expected, abs_tol=0.5)


def test_the_side_view_drops_the_depth_axis():
    pts = pose_points(pose(hip_abduction=30))
    flat = project(pts, camera(View.SIDE))
    for name, point in pts.items():
        assert math.isclose(flat[name].x, point.x, abs_tol=1e-12)
        assert math.isclose(flat[name].y, point.y, abs_tol=1e-12)
    assert math.isclose(flat["left_hip"].x, flat["right_hip"].x, abs_tol=1e-12)


def test_the_front_view_shows_the_runners_right_on_the_left_of_the_picture():
    flat = project(pose_points(pose()), camera(View.FRONT))
    assert flat["right_shoulder"].x < flat["left_shoulder"].x


def test_pose_points_name_the_landmarks_a_pose_model_uses():
    pts = pose_points(pose())
    for joint in ("shoulder", "elbow", "wrist", "hip", "knee", "ankle", "heel", "foot_index"):
        assert f"left_{joint}" in pts and f"right_{joint}" in pts
    assert "nose" in pts
    assert pts["left_hip"].z < pts["right_hip"].z
