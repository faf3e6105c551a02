"""The camera check on real recordings in ../shared/media, read where they lie.

Landmarks are found once per clip per test session (the pose model is the slow part), at
the sampled rate the CLI uses.
"""

from __future__ import annotations

import json
import math
import os
from pathlib import Path

import pytest

from hipstride.figures.landmarks import LandmarkSequence
from hipstride.knowledge.catalog import load_catalog
from hipstride.motion.analyze import analyze
from tests.conftest import shared_path

FRONT = "front_oblique_squats.mp4"
SIDE = "side_view_squats.mp4"


def require_video_extra() -> None:
    """OpenCV and MediaPipe (``make test`` installs them); in CI their absence fails."""
    from hipstride.video import INSTALL_HINT, available

    if not available():
        if os.environ.get("CI") == "true":
            pytest.fail(INSTALL_HINT)
        pytest.skip(INSTALL_HINT)


@pytest.fixture(scope="session")
def clip_landmarks():
    """Landmarks per clip name, read on first use and kept for the session."""
    from hipstride.video.pose import read_landmarks

    cache: dict[str, LandmarkSequence] = {}

    def get(name: str) -> LandmarkSequence:
        require_video_extra()
        path = shared_path("media", name)
        if name not in cache:
            cache[name] = read_landmarks(path)
        return cache[name]

    return get


def _squat(seq: LandmarkSequence):
    catalog = load_catalog()
    test = catalog.self_test("deep-squat")
    return analyze(seq, family="squat", subject=test.id, test=test)


def test_the_front_oblique_clip_shows_three_squats_from_the_front(clip_landmarks):
    analysis = _squat(clip_landmarks(FRONT))
    assert analysis.view == "front"
    assert analysis.rep_count == 3
    assert analysis.figure("trunk-angle").value is None


def test_the_side_clip_shows_two_deep_squats_side_on(clip_landmarks):
    seq = clip_landmarks(SIDE)
    assert seq.fps == pytest.approx(15, abs=0.1)  # 30 fps sampled down
    analysis = _squat(seq)
    assert analysis.view == "side"
    assert analysis.rep_count == 2
    assert [r.deep for r in analysis.reps] == [True, True]
    # The long standing lead-in is not a repetition: both start after 7 s.
    assert all(r.start_s > 7 for r in analysis.reps)
    assert analysis.score is not None and analysis.figure("knee-flexion").confidence > 0.9


def _mean_px_from_reference(seq: LandmarkSequence) -> float:
    """Mean pixel distance of our landmarks from the reference BlazePose output."""
    reference = json.loads(
        Path(shared_path("media", "front_oblique_squats.reference_landmarks.json")).read_text()
    )
    assert len(seq.frames) == len(reference) == 65
    distances = [
        math.dist((p.x * seq.width, p.y * seq.height), (ref[0], ref[1]))
        for frame, points in zip(seq.frames, reference, strict=True)
        if frame.landmarks is not None
        for p, ref in zip(frame.landmarks, points, strict=True)
    ]
    assert len(distances) >= 60 * 33
    return sum(distances) / len(distances)


def test_our_landmarks_on_the_front_clip_stay_near_the_reference(clip_landmarks):
    assert _mean_px_from_reference(clip_landmarks(FRONT)) < 10


def test_the_service_reports_progress_as_it_reads_a_clip():
    """What a web route's job would show: frames done of frames in all, to the end."""
    from hipstride.services.camera import check_clip

    require_video_extra()
    seen: list[tuple[int, int]] = []
    check = check_clip(
        shared_path("media", FRONT),
        catalog=load_catalog(),
        step_id="bodyweight-squat",
        progress=lambda done, total: seen.append((done, total)),
    )
    assert seen[-1] == (65, 65)
    assert [done for done, _ in seen] == list(range(1, 66))
    assert check.analysis.rep_count == 3 and check.analysis.subject == "bodyweight-squat"


def _stored_sideways(source: Path, target: Path) -> Path:
    """The clip as a phone stores a portrait video: frames on their side, and a display
    matrix in the track header ('tkhd') that says to turn them 90° clockwise."""
    import struct

    import cv2

    cap = cv2.VideoCapture(str(source))
    size = (int(cap.get(cv2.CAP_PROP_FRAME_HEIGHT)), int(cap.get(cv2.CAP_PROP_FRAME_WIDTH)))
    writer = cv2.VideoWriter(
        str(target), cv2.VideoWriter_fourcc(*"mp4v"), cap.get(cv2.CAP_PROP_FPS), size
    )
    while True:
        ok, image = cap.read()
        if not ok:
            break
        writer.write(cv2.rotate(image, cv2.ROTATE_90_COUNTERCLOCKWISE))
    writer.release()
    cap.release()
    data = bytearray(target.read_bytes())
    box = data.find(b"tkhd")
    assert box > 0 and data[box + 4] == 0, "expected a version 0 track header"
    matrix = box + 4 + 4 + 20 + 8 + 8  # version/flags, times/track/duration, reserved, layer..
    data[matrix : matrix + 36] = struct.pack(">9I", 0, 0x10000, 0, 0xFFFF0000, 0, 0, 0, 0, 1 << 30)
    target.write_bytes(bytes(data))
    return target


def test_a_clip_stored_sideways_is_turned_upright_from_its_metadata(tmp_path):
    from hipstride.video.pose import open_clip, read_landmarks

    require_video_extra()
    clip = _stored_sideways(shared_path("media", FRONT), tmp_path / "sideways.mp4")
    with open_clip(clip) as (_, info):
        assert info.rotation == 90 and (info.width, info.height) == (720, 1280)
    seq = read_landmarks(clip)
    assert (seq.width, seq.height) == (720, 1280)
    assert _squat(seq).rep_count == 3
    assert _mean_px_from_reference(seq) < 10
