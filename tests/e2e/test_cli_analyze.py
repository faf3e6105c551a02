"""``hipstride analyze`` as a runner uses it: real clips, landmark files, bad input, saving."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from hipstride.figures.landmarks import to_json
from hipstride.figures.synthetic import synthesize
from hipstride.knowledge.catalog import load_catalog
from tests.conftest import shared_path
from tests.e2e.runner_setup import planned_runner
from tests.e2e.test_cli_library import hipstride
from tests.integration.test_camera_clips import require_video_extra

catalog = load_catalog()


def _flat(text_: str) -> str:
    return " ".join(text_.split())


def _landmark_file(tmp_path: Path, subject, name: str = "clip.json", **kw) -> Path:
    seq, _ = synthesize(subject, **kw)
    path = tmp_path / name
    path.write_text(json.dumps(to_json(seq)))
    return path


def _written(path: Path, content: str) -> Path:
    path.write_text(content)
    return path


def _blank_video(path: Path, seconds: float, fps: float = 15.0) -> Path:
    """A clip of an empty room: a grey wall with a box sliding across it."""
    import cv2
    import numpy as np

    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"mp4v"), fps, (320, 480))
    for i in range(round(seconds * fps)):
        image = np.full((480, 320, 3), 128, dtype=np.uint8)
        cv2.rectangle(image, (10 + i, 200), (60 + i, 260), (40, 90, 200), -1)
        writer.write(image)
    writer.release()
    return path


def _cut(source: Path, target: Path, frames: int) -> Path:
    import cv2

    cap = cv2.VideoCapture(str(source))
    fps = cap.get(cv2.CAP_PROP_FPS)
    size = (int(cap.get(cv2.CAP_PROP_FRAME_WIDTH)), int(cap.get(cv2.CAP_PROP_FRAME_HEIGHT)))
    writer = cv2.VideoWriter(str(target), cv2.VideoWriter_fourcc(*"mp4v"), fps, size)
    for _ in range(frames):
        ok, image = cap.read()
        assert ok
        writer.write(image)
    writer.release()
    cap.release()
    return target


def test_a_landmark_file_of_a_clean_deep_squat_scores_three_as_json(tmp_path):
    clip = _landmark_file(tmp_path, catalog.self_test("deep-squat"), reps=3, noise_px=1.0)
    result = hipstride("analyze", str(clip), "--test", "deep-squat", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["rep_count"] == 3 and data["score"] == 3 and data["view"] == "side"
    assert data["outcomes"] == ["full-depth"]


def test_the_report_says_what_it_cannot_judge_and_that_it_is_no_diagnosis(tmp_path):
    clip = _landmark_file(tmp_path, catalog.self_test("deep-squat"), reps=2, view="front")
    result = hipstride("analyze", str(clip), "--test", "deep-squat")
    assert result.returncode == 0, result.stderr
    out = _flat(result.stdout)
    assert "cannot judge this from this view" in out
    assert "not a diagnosis" in out and "physical therapist" in out


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (lambda p: _written(p / "empty.mp4", ""), "the file is empty"),
        (lambda p: _written(p / "notes.mp4", "just some text\n"), "not a video OpenCV can read"),
        (lambda p: _blank_video(p / "room.mp4", 3.0), "no person was found"),
        (lambda p: p / "missing.mp4", "no such file"),
    ],
    ids=["empty", "not-a-video", "nobody", "missing"],
)
def test_bad_clips_fail_naming_the_file_and_the_fix(tmp_path, make, expected):
    require_video_extra()
    path = make(tmp_path)
    result = hipstride("analyze", str(path), "--test", "deep-squat")
    assert result.returncode == 1
    err = _flat(result.stderr)
    assert path.name in err and expected in err


def test_a_clip_too_short_says_how_long_to_film(tmp_path):
    require_video_extra()
    short = _cut(shared_path("media", "front_oblique_squats.mp4"), tmp_path / "short.mp4", 4)
    result = hipstride("analyze", str(short), "--test", "deep-squat")
    assert result.returncode == 1
    err = _flat(result.stderr)
    assert "short.mp4" in err and "film at least" in err


def test_a_broken_landmark_file_is_named(tmp_path):
    bad = tmp_path / "marks.json"
    bad.write_text('{"format": "hipstride-landmarks", "version": 1, "frames": "no"}')
    result = hipstride("analyze", str(bad), "--exercise", "bodyweight-squat")
    assert result.returncode == 1 and "marks.json" in _flat(result.stderr)


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["--test", "deep-squat", "--exercise", "bodyweight-squat"],
        ["--test", "plank"],
        ["--exercise", "no-such-step"],
    ],
    ids=["neither", "both", "unknown-test", "unknown-step"],
)
def test_the_subject_must_be_one_known_test_or_exercise(tmp_path, args):
    clip = _landmark_file(tmp_path, catalog.self_test("deep-squat"), reps=1)
    result = hipstride("analyze", str(clip), *args)
    assert result.returncode == 2, result.stdout


def test_the_front_clip_is_annotated_with_its_skeleton(tmp_path):
    require_video_extra()
    import cv2

    out = tmp_path / "annotated.mp4"
    clip = shared_path("media", "front_oblique_squats.mp4")
    result = hipstride("analyze", str(clip), "--test", "deep-squat", "--annotate", str(out))
    assert result.returncode == 0, result.stderr
    assert "3 repetition(s)" in result.stdout
    cap = cv2.VideoCapture(str(out))
    assert int(cap.get(cv2.CAP_PROP_FRAME_COUNT)) == 65
    assert (int(cap.get(cv2.CAP_PROP_FRAME_WIDTH)), int(cap.get(cv2.CAP_PROP_FRAME_HEIGHT))) == (
        720,
        1280,
    )
    cap.release()
    assert [p.name for p in tmp_path.iterdir()] == ["annotated.mp4"]


def test_a_saved_squat_test_lands_in_the_history_from_the_camera(tmp_path):
    db = f"sqlite:///{tmp_path / 'hs.db'}"
    clip = _landmark_file(tmp_path, catalog.self_test("deep-squat"), reps=2, heel_lift=True)
    result = hipstride(
        "analyze", str(clip), "--test", "deep-squat", "--save",
        env={"HIPSTRIDE_DATABASE_URL": db},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "Saved: deep squat 2/3" in result.stderr
    with create_engine(db).connect() as conn:
        rows = conn.execute(
            text("SELECT test_id, score, source, outcomes FROM self_test_results")
        ).all()
    assert [(r[0], r[1], r[2]) for r in rows] == [("deep-squat", 2, "camera")]
    assert json.loads(rows[0][3]) == ["heel-lift"]


def test_a_saved_exercise_clip_logs_the_next_set_with_the_counted_reps(tmp_path):
    db = f"sqlite:///{tmp_path / 'hs.db'}"
    env = {"HIPSTRIDE_DATABASE_URL": db}
    planned_runner(db)
    plan = json.loads(hipstride("plan", "show", "--json", env=env).stdout)
    first = plan["weeks"][0]["sessions"][0]
    squat = next(i for i in first["items"] if i["family_id"] == "squat")
    clip = _landmark_file(tmp_path, catalog.step(squat["step_id"]), reps=6, noise_px=1.0)
    args = ["analyze", str(clip), "--exercise", squat["step_id"], "--save", "--day", first["day"]]
    refused = hipstride(*args, env=env)
    assert refused.returncode == 2 and "--pain" in _flat(refused.stderr)
    result = hipstride(*args, "--pain", "1", env=env)
    assert result.returncode == 0, result.stderr
    assert "6 reps, pain 1/10" in _flat(result.stderr)
    with create_engine(db).connect() as conn:
        rows = conn.execute(text("SELECT step_id, set_number, reps, pain FROM set_logs")).all()
    assert [tuple(r) for r in rows] == [(squat["step_id"], 1, 6, 1)]


def test_without_the_video_extra_the_command_says_how_to_add_it(tmp_path):
    broken = tmp_path / "site" / "mediapipe"
    broken.mkdir(parents=True)
    (broken / "__init__.py").write_text("raise ImportError('not installed here')\n")
    clip = shared_path("media", "front_oblique_squats.mp4")
    result = hipstride(
        "analyze", str(clip), "--test", "deep-squat", env={"PYTHONPATH": str(broken.parent)}
    )
    assert result.returncode == 1
    err = _flat(result.stderr)
    assert "pip install 'hipstride[video]'" in err and "mediapipe==0.10.21" in err
