"""The coach's alert rules: high pain, the pain rule broken twice, no session for five days."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from hipstride.training.alerts import (
    AlertKind,
    PainedSet,
    alerts,
    high_pain,
    idle,
    pain_rule,
    pain_rule_breaks,
)

DAY = date(2026, 11, 30)


def _sets(pains: list[int], *, session: str = "s1", exercise: str = "clamshell") -> list[PainedSet]:
    return [PainedSet(DAY, session, exercise, "clamshell", p) for p in pains]


def test_pain_of_7_alerts_and_6_does_not():
    assert high_pain(_sets([6, 6]), [(DAY, 6)]) == []
    (alert,) = high_pain(_sets([2, 7, 3]), [])
    assert alert.kind is AlertKind.HIGH_PAIN
    assert alert.message == "Pain 7/10 in a set of clamshell on Mon 30 Nov."


def test_a_morning_check_in_of_9_is_the_days_worst():
    (alert,) = high_pain(_sets([8]), [(DAY, 9)])
    assert alert.message == "Pain 9/10 in the morning check-in on Mon 30 Nov."


def test_stopping_after_pain_above_5_is_keeping_the_rule():
    assert pain_rule_breaks(_sets([1, 2, 6])) == []
    assert pain_rule_breaks(_sets([6, 1]) + _sets([1], exercise="bridge")) == [DAY]


def test_one_break_is_not_yet_an_alert_two_are():
    assert pain_rule(_sets([6, 1])) is None
    twice = _sets([6, 1]) + _sets([7, 7], session="s2")
    alert = pain_rule(twice)
    assert alert is not None and alert.kind is AlertKind.PAIN_RULE
    assert "2 times" in alert.message


def test_five_days_without_a_session_alerts():
    assert idle(DAY, None, DAY + timedelta(days=4)) is None
    alert = idle(DAY, None, DAY + timedelta(days=5))
    assert alert is not None and alert.message == "No session for 5 days."
    never = idle(None, DAY, DAY + timedelta(days=6))
    assert never is not None and never.message == "No session yet for 6 days."
    assert idle(None, None, DAY) is None


pains = st.lists(st.integers(0, 10), max_size=12)


@given(pains, st.lists(st.integers(0, 10), max_size=5))
def test_high_pain_alerts_exactly_when_some_pain_reaches_7(sets: list[int], mornings: list[int]):
    days = [(DAY + timedelta(days=i), p) for i, p in enumerate(mornings)]
    found = high_pain(_sets(sets), days)
    assert bool(found) == (max(sets + mornings, default=0) >= 7)
    assert all(a.kind is AlertKind.HIGH_PAIN for a in found)
    assert len({a.day for a in found}) == len(found)  # one per day


@given(st.lists(pains, max_size=6))
def test_a_break_is_a_session_with_a_set_after_one_above_5(sessions: list[list[int]]):
    sets = [s for i, p in enumerate(sessions) for s in _sets(p, session=f"s{i}")]
    expected = sum(1 for p in sessions if any(x > 5 for x in p[:-1]))
    assert len(pain_rule_breaks(sets)) == expected
    assert (pain_rule(sets) is not None) == (expected >= 2)


@given(st.integers(0, 60), st.integers(0, 60))
def test_idle_counts_from_the_last_session(last: int, today: int):
    alert = idle(DAY + timedelta(days=last), None, DAY + timedelta(days=max(last, today)))
    assert (alert is not None) == (max(last, today) - last >= 5)
    combined = alerts(
        [], [], last_session=DAY, since=None, today=DAY + timedelta(days=max(today, 0))
    )
    assert [a.kind for a in combined] == ([AlertKind.IDLE] if today >= 5 else [])
