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


def test_our_landmarks_on_the_front_clip_stay_near_the_reference(clip_landmarks):
    seq = clip_landmarks(FRONT)
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
    assert sum(distances) / len(distances) < 10


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
