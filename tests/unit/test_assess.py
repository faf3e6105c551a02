"""Scoring the pain screen and the two self-tests into findings."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hipstride.assess.bridge import BridgeSide, score_bridge
from hipstride.assess.findings import combine_findings
from hipstride.assess.pain import UnknownQuestion, score_pain_screen
from hipstride.assess.squat import SquatMeasures, score_squat
from hipstride.knowledge.catalog import load_catalog

catalog = load_catalog()
SCREEN = catalog.pain_screen
SQUAT = catalog.self_tests["deep-squat"]
BRIDGE = catalog.self_tests["single-leg-bridge"]
ALL_NO = {q.id: False for q in SCREEN.questions}


def test_a_yes_to_a_stopping_question_refers_the_runner_to_a_clinician() -> None:
    result = score_pain_screen(SCREEN, {**ALL_NO, "current-pain": True})
    assert result.red_flags == ("current-pain",)
    assert result.message == SCREEN.referral
    assert not result.clear_to_train


def test_a_healed_past_injury_is_noted_but_does_not_stop_training() -> None:
    result = score_pain_screen(SCREEN, {**ALL_NO, "past-injury": True})
    assert result.clear_to_train
    assert result.noted == ("past-injury",)
    assert result.message == SCREEN.all_clear


def test_an_unanswered_stopping_question_does_not_clear_the_runner() -> None:
    result = score_pain_screen(SCREEN, {"current-pain": False})
    assert not result.clear_to_train
    assert "current-injury" in result.unanswered


def test_an_answer_to_an_unknown_question_is_an_error_not_a_silent_pass() -> None:
    with pytest.raises(UnknownQuestion):
        score_pain_screen(SCREEN, {**ALL_NO, "curent-pain": True})


def test_a_clean_full_squat_scores_3() -> None:
    result = score_squat(SQUAT, SquatMeasures(reached_depth=True))
    assert (result.score, result.outcomes) == (3, ("full-depth",))
    assert result.lines[0] == "Score 3/3: Full depth, clean."


def test_full_depth_only_with_heels_lifting_scores_2() -> None:
    result = score_squat(SQUAT, SquatMeasures(reached_depth=True, heels_lift=True))
    assert (result.score, result.outcomes) == (2, ("heel-lift",))


def test_not_reaching_depth_scores_1_with_what_limited_it() -> None:
    result = score_squat(SQUAT, SquatMeasures(reached_depth=False, forward_lean=True))
    assert result.score == 1
    assert result.outcomes == ("depth-limit", "forward-lean")
    meaning = next(o.meaning for o in SQUAT.outcomes if o.id == "depth-limit")
    assert any(meaning in line for line in result.lines)


def test_any_pain_in_the_squat_scores_0() -> None:
    result = score_squat(SQUAT, SquatMeasures(reached_depth=True, pain=2))
    assert result.score == 0
    assert result.outcomes[0] == "pain"


def test_holding_30_seconds_level_on_both_sides_is_good_endurance() -> None:
    result = score_bridge(BRIDGE, BridgeSide(35), BridgeSide(40))
    assert (result.score, result.outcomes, result.weaker_side) == (3, ("good-endurance",), None)


def test_a_side_25_percent_weaker_gets_flagged_as_the_weaker_side() -> None:
    result = score_bridge(BRIDGE, BridgeSide(30), BridgeSide(40))
    assert result.weaker_side == "left"
    assert "side-difference" in result.outcomes


def test_a_smaller_difference_is_not_a_side_difference() -> None:
    result = score_bridge(BRIDGE, BridgeSide(31), BridgeSide(40))
    assert result.weaker_side is None


def test_a_drop_between_10_and_29_seconds_is_fair_endurance() -> None:
    result = score_bridge(BRIDGE, BridgeSide(20), BridgeSide(22))
    assert result.score == 2
    assert "endurance-deficit" in result.outcomes


def test_a_drop_under_10_seconds_is_low_endurance() -> None:
    assert score_bridge(BRIDGE, BridgeSide(8), BridgeSide(30)).score == 1


def test_a_hamstring_cramp_is_recorded() -> None:
    result = score_bridge(BRIDGE, BridgeSide(35, hamstring_cramp=True), BridgeSide(35))
    assert "hamstring-cramp" in result.outcomes


def test_pain_in_the_bridge_scores_0() -> None:
    result = score_bridge(BRIDGE, BridgeSide(35), BridgeSide(35, pain=3))
    assert result.score == 0 and "pain" in result.outcomes


def test_findings_combine_both_tests_for_the_planner() -> None:
    squat = score_squat(SQUAT, SquatMeasures(reached_depth=False))
    bridge = score_bridge(BRIDGE, BridgeSide(12), BridgeSide(25, hamstring_cramp=True))
    findings = combine_findings(squat, bridge)
    assert findings.squat_score == 1
    assert "depth-limit" in findings.squat_outcomes
    assert findings.bridge_hold_seconds == {"left": 12, "right": 25}
    assert findings.weaker_side == "left"
    assert "pain" not in findings.squat_outcomes | findings.bridge_outcomes


def test_missing_tests_give_empty_findings() -> None:
    findings = combine_findings(None, None)
    assert findings.squat_score is None and findings.bridge_score is None


@settings(max_examples=200, deadline=None)
@given(
    st.floats(0, 120),
    st.floats(0, 120),
    st.integers(0, 10),
    st.integers(0, 10),
    st.booleans(),
)
def test_bridge_scores_follow_the_rubric(
    left: float, right: float, pain_l: int, pain_r: int, cramp: bool
) -> None:
    result = score_bridge(
        BRIDGE, BridgeSide(left, pain=pain_l, hamstring_cramp=cramp), BridgeSide(right, pain=pain_r)
    )
    worst, best = min(left, right), max(left, right)
    if pain_l or pain_r:
        assert result.score == 0
    else:
        assert result.score == (3 if worst >= 30 else 2 if worst >= 10 else 1)
    assert ("side-difference" in result.outcomes) == (best > 0 and best - worst >= 0.25 * best)
    assert ("hamstring-cramp" in result.outcomes) == cramp
    known = {o.id for o in BRIDGE.outcomes}
    assert set(result.outcomes) <= known


@settings(max_examples=200, deadline=None)
@given(st.booleans(), st.booleans(), st.booleans(), st.booleans(), st.integers(0, 10))
def test_squat_scores_follow_the_rubric(
    depth: bool, heels: bool, lean: bool, back: bool, pain: int
) -> None:
    result = score_squat(SQUAT, SquatMeasures(depth, heels, lean, back, pain))
    expected = 0 if pain else 1 if not depth else 2 if (heels or lean or back) else 3
    assert result.score == expected
    assert set(result.outcomes) <= {o.id for o in SQUAT.outcomes}
