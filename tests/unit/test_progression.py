"""Progression and back-off: double progression under the pain-monitoring model."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from hipstride.knowledge.catalog import load_catalog
from hipstride.plan.dose import prescription_for
from hipstride.plan.models import Prescription, WeekKind
from hipstride.plan.progression import (
    Action,
    PainZone,
    apply_override,
    classify_pain,
    next_prescription,
)
from hipstride.training.models import ExerciseOutcome, SetResult

catalog = load_catalog()
BRIDGE = catalog.ladders["glute-bridge"]
DAY = date(2025, 3, 3)


def _rx(step_id: str, sets: int = 2, reps_min: int | None = None) -> Prescription:
    return prescription_for(catalog.step(step_id), sets=sets, reps_min=reps_min)


def _outcome(
    rx: Prescription,
    reps: int | None = None,
    *,
    pain: int = 0,
    rir: int | None = 3,
    morning: int | None = None,
    day: date = DAY,
) -> ExerciseOutcome:
    n = rx.sets * (2 if rx.one_side else 1)
    done = rx.reps_max if reps is None else reps
    sets = tuple(
        SetResult(
            rx.step_id, i, None, rx.reps_min, rx.hold_seconds, done, rx.hold_seconds, pain, rir
        )
        for i in range(1, n + 1)
    )
    return ExerciseOutcome(day, rx, sets, morning)


def test_pain_zones_follow_the_pain_monitoring_model() -> None:
    assert [classify_pain(p) for p in (0, 2, 3, 5, 6, 10)] == [
        PainZone.SAFE,
        PainZone.SAFE,
        PainZone.ACCEPTABLE,
        PainZone.ACCEPTABLE,
        PainZone.TOO_MUCH,
        PainZone.TOO_MUCH,
    ]


def test_reps_go_up_within_the_range_first() -> None:
    rx = _rx("glute-bridge", reps_min=10)
    decision = next_prescription(rx, [_outcome(rx, 12)], BRIDGE, week_kind=WeekKind.BUILD)
    assert decision.action is Action.MORE_REPS
    assert decision.prescription.reps_min == 12
    assert decision.prescription.sets == 2


def test_a_set_is_added_when_every_set_reaches_the_top_with_reps_to_spare() -> None:
    rx = _rx("glute-bridge", reps_min=15)
    decision = next_prescription(rx, [_outcome(rx, 15, pain=3)], BRIDGE, week_kind=WeekKind.BUILD)
    assert decision.action is Action.MORE_SETS
    assert decision.prescription.sets == 3


def test_three_sets_at_the_top_move_up_the_ladder_at_the_bottom_of_the_range() -> None:
    rx = _rx("glute-bridge", sets=3, reps_min=15)
    decision = next_prescription(rx, [_outcome(rx, 15, pain=1)], BRIDGE, week_kind=WeekKind.BUILD)
    new = decision.prescription
    assert (new.step_id, new.sets, new.reps_min) == ("single-leg-bridge", 2, 8)
    assert decision.explanation.startswith("Glute bridge 3×15 at 3 reps in reserve, pain 1 →")
    assert "Single-leg bridge 2×8" in decision.explanation
    assert new.note == decision.explanation


def test_the_top_of_the_range_with_under_two_reps_in_reserve_holds() -> None:
    rx = _rx("glute-bridge", reps_min=15)
    decision = next_prescription(rx, [_outcome(rx, 15, rir=1)], BRIDGE, week_kind=WeekKind.BUILD)
    assert decision.action is Action.HOLD and decision.prescription.sets == 2


def test_pain_above_5_keeps_the_step_and_cuts_a_set() -> None:
    rx = _rx("glute-bridge", sets=3, reps_min=15)
    decision = next_prescription(rx, [_outcome(rx, 15, pain=6)], BRIDGE, week_kind=WeekKind.BUILD)
    assert decision.action is Action.BACK_OFF
    assert (decision.prescription.step_id, decision.prescription.sets) == ("glute-bridge", 2)
    assert "pain 6 is above 5" in decision.explanation


def test_pain_above_5_twice_in_a_row_goes_one_step_down() -> None:
    rx = _rx("glute-bridge", sets=2)
    log = [_outcome(rx, pain=7), _outcome(rx, pain=6, day=DAY + timedelta(days=2))]
    decision = next_prescription(rx, log, BRIDGE, week_kind=WeekKind.BUILD)
    assert decision.action is Action.STEP_DOWN
    assert decision.prescription.step_id == "short-bridge"


def test_the_step_never_goes_below_the_first_rung() -> None:
    rx = _rx("short-bridge", sets=2)
    log = [_outcome(rx, pain=8), _outcome(rx, pain=8, day=DAY + timedelta(days=2))]
    decision = next_prescription(rx, log, BRIDGE, week_kind=WeekKind.BUILD)
    assert decision.prescription.step_id == "short-bridge"
    assert decision.prescription.sets == 1


def test_pain_that_has_not_settled_by_the_next_morning_backs_off() -> None:
    rx = _rx("glute-bridge", reps_min=15)
    outcome = _outcome(rx, 15, pain=2, morning=4)
    decision = next_prescription(rx, [outcome], BRIDGE, week_kind=WeekKind.BUILD)
    assert decision.action is Action.BACK_OFF


def test_morning_pain_in_the_safe_zone_counts_as_settled() -> None:
    rx = _rx("glute-bridge", reps_min=15)
    outcome = _outcome(rx, 15, pain=0, morning=2)
    decision = next_prescription(rx, [outcome], BRIDGE, week_kind=WeekKind.BUILD)
    assert decision.action is not Action.BACK_OFF
    worse = next_prescription(
        rx, [_outcome(rx, 15, pain=0, morning=3)], BRIDGE, week_kind=WeekKind.BUILD
    )
    assert worse.action is Action.BACK_OFF


def test_morning_pain_rising_week_to_week_backs_off() -> None:
    rx = _rx("glute-bridge", reps_min=15)
    decision = next_prescription(
        rx, [_outcome(rx, 15)], BRIDGE, week_kind=WeekKind.BUILD, morning_pain_trend=(0, 1, 2)
    )
    assert decision.action is Action.BACK_OFF


def test_a_deload_week_holds_the_step_with_one_set_fewer_and_keeps_the_working_level() -> None:
    rx = _rx("glute-bridge", sets=3, reps_min=15)
    decision = next_prescription(rx, [_outcome(rx, 15)], BRIDGE, week_kind=WeekKind.DELOAD)
    assert (decision.prescription.step_id, decision.prescription.sets) == ("glute-bridge", 2)
    assert decision.working.sets == 3
    back = next_prescription(
        decision.working,
        [_outcome(decision.prescription, 15)],
        BRIDGE,
        week_kind=WeekKind.BUILD,
    )
    assert back.prescription.sets == 3 and back.prescription.step_id == "glute-bridge"


def test_race_week_halves_the_sets() -> None:
    rx = _rx("glute-bridge", sets=3)
    decision = next_prescription(rx, [], BRIDGE, week_kind=WeekKind.RACE)
    assert decision.prescription.sets == 2


def test_a_coach_override_replaces_the_rules_with_its_reason() -> None:
    rx = _rx("glute-bridge")
    chosen = _rx("single-leg-bridge", sets=3)
    decision = apply_override(rx, chosen, by="your coach", reason="ready for one leg")
    assert decision.prescription.step_id == "single-leg-bridge"
    assert decision.prescription.note == "Set by your coach: ready for one leg"


LADDERS = list(catalog.ladders.values())
WEEKS = st.sampled_from(list(WeekKind))


def _situation(
    data: st.DataObject,
) -> tuple[list[ExerciseOutcome], Prescription, tuple[object, ...]]:
    draw = data.draw
    ladder = draw(st.sampled_from(LADDERS))
    step = draw(st.sampled_from(ladder))
    rx = prescription_for(step, sets=draw(st.integers(1, 3)))
    if rx.reps_max is not None and rx.reps_min is not None:
        rx = replace(rx, reps_min=draw(st.integers(rx.reps_min, rx.reps_max)))
    outcomes = []
    for i in range(draw(st.integers(0, 3))):
        top = rx.reps_max or rx.hold_seconds or 10
        outcomes.append(
            _outcome(
                rx,
                draw(st.integers(0, top + 2)),
                pain=draw(st.integers(0, 10)),
                rir=draw(st.none() | st.integers(0, 5)),
                morning=draw(st.none() | st.integers(0, 10)),
                day=DAY + timedelta(days=2 * i),
            )
        )
    trend = tuple(draw(st.lists(st.integers(0, 10), max_size=4)))
    return outcomes, rx, (ladder, trend)


def _level(ladder: tuple[object, ...], step_id: str) -> int:
    return [s.id for s in ladder].index(step_id)  # type: ignore[attr-defined]


@settings(max_examples=200, deadline=None)
@given(st.data(), WEEKS)
def test_pain_above_5_never_progresses_and_the_step_stays_on_the_ladder(
    data: st.DataObject, kind: WeekKind
) -> None:
    outcomes, rx, (ladder, trend) = _situation(data)
    decision = next_prescription(rx, outcomes, ladder, week_kind=kind, morning_pain_trend=trend)  # type: ignore[arg-type]
    new = decision.working
    assert _level(ladder, new.step_id) >= 0  # type: ignore[arg-type]
    assert new.sets >= 1
    if outcomes and max(s.pain for s in outcomes[-1].sets) > 5:
        assert _level(ladder, new.step_id) <= _level(ladder, rx.step_id)  # type: ignore[arg-type]
        assert new.sets <= rx.sets or new.step_id != rx.step_id
        assert decision.action in (Action.BACK_OFF, Action.STEP_DOWN)
        assert new.step_id != rx.step_id or (new.reps_min or 0) <= (rx.reps_min or 0)


@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from(LADDERS),
    st.lists(
        st.tuples(st.integers(0, 10), st.integers(0, 4), st.integers(-3, 2)),
        min_size=4,
        max_size=30,
    ),
    st.sets(st.integers(0, 29), max_size=6),
)
def test_volume_never_jumps_more_than_one_set_nor_grows_into_a_lighter_week(
    ladder: tuple[object, ...], log: list[tuple[int, int, int]], light: set[int]
) -> None:
    step = ladder[0]
    working = prescription_for(step)  # type: ignore[arg-type]
    done = working
    for n, (pain, rir, shortfall) in enumerate(log):
        top = done.reps_max or done.hold_seconds or 10
        outcome = _outcome(
            done, max(0, top + shortfall), pain=pain, rir=rir, day=DAY + timedelta(days=n)
        )
        kind = WeekKind.DELOAD if n in light else WeekKind.BUILD
        if n % 7 == 6:
            kind = WeekKind.RACE
        decision = next_prescription(working, [outcome], ladder, week_kind=kind)  # type: ignore[arg-type]
        nxt = decision.prescription
        if nxt.step_id == done.step_id:
            assert nxt.sets <= done.sets + 1
            if kind is not WeekKind.BUILD:
                assert nxt.sets <= done.sets
        assert nxt.sets <= 3
        working, done = decision.working, nxt
