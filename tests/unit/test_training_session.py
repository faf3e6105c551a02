"""The guided session's slots and timer."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from hipstride.plan.models import Prescription
from hipstride.training.session import Timer, remaining, slots

BRIDGE = Prescription("glute-bridge", "single-leg-bridge", 2, 8, 12, None, 60, one_side=True)
SQUAT = Prescription("squat", "bodyweight-squat", 3, 8, 15, None, 60)
STRETCH = Prescription(
    "hip-flexor-stretch", "half-kneeling-hip-flexor-stretch", 2, None, None, 30, 10, one_side=True
)


def test_one_sided_sets_alternate_sides_and_the_weaker_side_gets_its_extra_set_last():
    weaker_left = Prescription(**{**BRIDGE.__dict__, "extra_set_side": "left"})
    keys = [(s.set_number, s.side) for s in slots([weaker_left])]
    assert keys == [(1, "left"), (1, "right"), (2, "left"), (2, "right"), (3, "left")]
    assert slots([weaker_left])[0].label == "set 1 of 3, left side"
    assert slots([weaker_left])[1].label == "set 1 of 2, right side"


def test_a_session_runs_its_exercises_in_order_aiming_at_the_working_reps():
    all_slots = slots([SQUAT, STRETCH])
    assert [s.position for s in all_slots] == [0, 0, 0, 1, 1, 1, 1]
    assert all_slots[0].target_reps == 8 and all_slots[0].target_hold_seconds is None
    assert all_slots[3].target_hold_seconds == 30 and all_slots[3].first_of_exercise


@given(st.sets(st.integers(min_value=0, max_value=8)))
def test_resuming_skips_exactly_the_sets_already_logged(done_indices):
    items = [SQUAT, BRIDGE, STRETCH]
    every = slots(items)
    done = {every[i].key for i in done_indices if i < len(every)}
    left = remaining(items, done)
    assert {s.key for s in left} == {s.key for s in every} - done
    assert [s.key for s in left] == [s.key for s in every if s.key not in done]


def test_a_timer_pauses_extends_and_skips():
    timer = Timer(30).tick(10)
    assert timer.left == 20
    paused = timer.toggle_pause().tick(100)
    assert paused.left == 20 and not paused.done
    extended = paused.toggle_pause().extend(15).tick(30)
    assert extended.left == 5
    assert extended.skip().done and Timer(5).tick(5).done
