"""The camera check's service on a real database: self-test results saved from a clip."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from hipstride.figures.landmarks import Frame, LandmarkSequence, to_json
from hipstride.figures.synthetic import synthesize
from hipstride.knowledge.catalog import load_catalog
from hipstride.services import assessment, camera, runner
from hipstride.store import tables as db
from tests.unit.test_motion import _mirrored

CATALOG = load_catalog()
T0 = datetime(2026, 11, 25, 8, 0, tzinfo=UTC)


def _write(path: Path, seq: LandmarkSequence) -> Path:
    path.write_text(json.dumps(to_json(seq)))
    return path


def _both_sides(left_drop_after: float, right_drop_after: float) -> LandmarkSequence:
    """Left foot up first, then the right (the mirrored body), one clip."""
    test = CATALOG.self_test("single-leg-bridge")
    kw = {"reps": 1, "fps": 15.0, "view": "front", "hold_s": 30.0, "pelvic_drop_deg": 15.0}
    left, _ = synthesize(test, pelvic_drop_after_s=left_drop_after, **kw)
    right, _ = synthesize(test, pelvic_drop_after_s=right_drop_after, **kw)
    right = _mirrored(right)
    shift = left.frames[-1].time_s + 1 / left.fps
    later = tuple(replace(f, time_s=f.time_s + shift) for f in right.frames)
    frames: tuple[Frame, ...] = left.frames + later
    return LandmarkSequence(left.fps, left.width, left.height, frames, "both-sides")


def test_a_bridge_clip_of_both_sides_is_saved_per_side_from_the_camera(session: Session, tmp_path):
    clip = _write(tmp_path / "bridge.json", _both_sides(8.0, 20.0))
    check = camera.check_clip(clip, catalog=CATALOG, test="bridge")
    assert [h.side for h in check.analysis.holds] == ["left", "right"]
    assert check.analysis.score == 1 and "side-difference" in check.analysis.outcomes
    athlete = runner.athlete(session, name="ana", now=T0)
    result = camera.save_bridge_test(
        session, catalog=CATALOG, athlete_id=athlete.id, analysis=check.analysis, now=T0
    )
    session.flush()
    assert result.score == 1 and result.weaker_side == "left"
    rows = session.scalars(select(db.SelfTestResult).order_by(db.SelfTestResult.side)).all()
    assert [(r.side, r.source) for r in rows] == [("left", "camera"), ("right", "camera")]
    assert rows[0].measures["hold_seconds"] == pytest.approx(8.3, abs=0.75)
    latest = assessment.latest_tests(session, catalog=CATALOG, athlete_id=athlete.id)
    assert latest.bridge is not None and latest.bridge.score == 1


def test_a_squat_clip_is_saved_with_its_score_and_what_limited_it(session: Session, tmp_path):
    seq, _ = synthesize(CATALOG.self_test("deep-squat"), reps=2, lean_deg=30.0, noise_px=1.0)
    check = camera.check_clip(
        _write(tmp_path / "squat.json", seq), catalog=CATALOG, test="deep-squat"
    )
    athlete = runner.athlete(session, name="ana", now=T0)
    saved = camera.save_squat_test(
        session, catalog=CATALOG, athlete_id=athlete.id, analysis=check.analysis, now=T0
    )
    session.flush()
    assert saved.score == 2 and saved.outcomes == ("forward-lean",)
    row = session.scalars(select(db.SelfTestResult)).one()
    assert row.source == "camera" and row.measures["forward_lean"] is True
    latest = assessment.latest_tests(session, catalog=CATALOG, athlete_id=athlete.id)
    assert latest.squat is not None and latest.squat.score == 2


def test_a_front_view_squat_that_reached_depth_has_no_score_to_save(session: Session, tmp_path):
    seq, _ = synthesize(CATALOG.self_test("deep-squat"), reps=2, view="front")
    check = camera.check_clip(
        _write(tmp_path / "front.json", seq), catalog=CATALOG, test="deep-squat"
    )
    athlete = runner.athlete(session, name="ana", now=T0)
    with pytest.raises(camera.NotSaved, match="side-on"):
        camera.save_squat_test(
            session, catalog=CATALOG, athlete_id=athlete.id, analysis=check.analysis, now=T0
        )
    assert session.scalars(select(db.SelfTestResult)).all() == []
