"""Plans of every length, races inside them included, keep their rules and never crash."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from hipstride.knowledge.catalog import load_catalog
from hipstride.plan.builder import build_plan
from hipstride.plan.models import Findings, Profile, WeekKind

CATALOG = load_catalog()
START = date(2026, 11, 30)


def test_a_one_week_plan_with_the_race_in_it_places_what_the_week_allows():
    profile = Profile(running_days=frozenset({1, 3, 5}), race_date=date(2026, 12, 2))
    plan = build_plan(CATALOG, profile, Findings(), START, weeks=1)
    # Mon 30 Nov falls in the two days before the Wednesday race; Friday is after it.
    assert [(s.day, s.week_kind) for s in plan.sessions] == [(date(2026, 12, 4), WeekKind.BUILD)]


@settings(max_examples=150, deadline=None)
@given(
    weeks=st.integers(1, 12),
    race_in=st.one_of(st.none(), st.integers(0, 90)),
    runs=st.sets(st.integers(0, 6), min_size=1, max_size=6),
    sessions=st.integers(2, 3),
)
def test_any_length_and_race_date_builds_a_plan_that_keeps_clear_of_the_race(
    weeks: int, race_in: int | None, runs: set[int], sessions: int
) -> None:
    race = START + timedelta(days=race_in) if race_in is not None else None
    profile = Profile(running_days=frozenset(runs), race_date=race, sessions_per_week=sessions)
    plan = build_plan(CATALOG, profile, Findings(), START, weeks=weeks)
    end = START + timedelta(days=7 * weeks)
    for s in plan.sessions:
        assert START <= s.day < end
        if race is not None:
            assert not race - timedelta(days=2) <= s.day <= race
