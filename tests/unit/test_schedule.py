"""Placing strength days around the running week."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import combinations, pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from hipstride.knowledge.catalog import load_catalog
from hipstride.plan.models import Profile
from hipstride.plan.schedule import SHARED_DAY_NOTE, choose_weekdays, schedule_days

catalog = load_catalog()
MON = date(2025, 3, 3)  # a Monday
MON_, TUE, WED, THU, FRI, SAT, SUN = range(7)


def _profile(**kw: object) -> Profile:
    base: dict[str, object] = {"running_days": frozenset({TUE, THU, SAT, SUN}), "long_run_day": SUN}
    base.update(kw)
    return Profile(**base)  # type: ignore[arg-type]


def test_never_places_strength_the_day_before_the_long_run() -> None:
    pattern = choose_weekdays(_profile())
    assert SAT not in pattern.weekdays
    assert SUN not in pattern.weekdays


def test_never_places_strength_on_or_the_day_before_a_hard_session() -> None:
    pattern = choose_weekdays(_profile(hard_days=frozenset({THU})))
    assert THU not in pattern.weekdays and WED not in pattern.weekdays


def test_never_places_two_strength_days_in_a_row_by_default() -> None:
    days = sorted(choose_weekdays(_profile()).weekdays)
    assert all(b - a > 1 for a, b in pairwise(days))
    assert not (MON_ in days and SUN in days)


def test_places_three_sessions_when_the_week_allows() -> None:
    pattern = choose_weekdays(_profile(sessions_per_week=3))
    assert len(pattern.weekdays) == 3


def test_prefers_rest_days_over_easy_running_days() -> None:
    pattern = choose_weekdays(_profile(sessions_per_week=2))
    assert not pattern.shared


def test_a_shared_running_day_says_strength_goes_before_the_run() -> None:
    profile = Profile(running_days=frozenset(range(7)), long_run_day=SUN, sessions_per_week=2)
    days, lines = schedule_days(profile, MON, 1)
    assert days and all(d.shared_with_run for d in days)
    assert any("6 hours apart" in line for line in lines)
    assert "6 hours apart" in SHARED_DAY_NOTE


def test_places_fewer_sessions_and_says_why_when_the_week_is_full() -> None:
    profile = _profile(hard_days=frozenset({TUE, THU}), sessions_per_week=3)
    pattern = choose_weekdays(profile)
    assert len(pattern.weekdays) < 3
    assert any(line.startswith(f"Only {len(pattern.weekdays)} of 3") for line in pattern.lines)


def test_consecutive_days_are_used_only_when_allowed() -> None:
    tight = _profile(hard_days=frozenset({WED}), sessions_per_week=3)
    assert len(choose_weekdays(tight).weekdays) == 2
    allowed = _profile(hard_days=frozenset({WED}), sessions_per_week=3, allow_consecutive=True)
    assert choose_weekdays(allowed).weekdays == (MON_, THU, FRI)


def test_no_strength_in_the_two_days_before_a_race_or_on_race_day() -> None:
    race = MON + timedelta(days=16)  # a Wednesday
    profile = Profile(running_days=frozenset({SAT}), race_date=race, sessions_per_week=3)
    days, lines = schedule_days(profile, MON, 4)
    assert all(not (race - timedelta(days=2) <= d.day <= race) for d in days)
    assert any("race" in line for line in lines)


def test_sessions_per_week_outside_2_to_3_is_clamped_and_explained() -> None:
    pattern = choose_weekdays(_profile(sessions_per_week=5))
    assert pattern.wanted == 3
    assert any("You asked for 5" in line for line in pattern.lines)


profiles = st.builds(
    Profile,
    running_days=st.frozensets(st.integers(0, 6)),
    long_run_day=st.none() | st.integers(0, 6),
    hard_days=st.frozensets(st.integers(0, 6), max_size=3),
    sessions_per_week=st.integers(1, 4),
    allow_consecutive=st.booleans(),
)


def _allowed(profile: Profile, day: int) -> bool:
    bad = set(profile.hard_days) | (
        {profile.long_run_day} if profile.long_run_day is not None else set()
    )
    return day not in bad and (day + 1) % 7 not in bad


def _adjacent(days: tuple[int, ...]) -> bool:
    return any((a - b) % 7 in (1, 6) for a, b in combinations(days, 2))


@settings(max_examples=200, deadline=None)
@given(profiles)
def test_placement_rules_always_hold_and_the_week_is_used_when_it_allows(profile: Profile) -> None:
    chosen = choose_weekdays(profile).weekdays
    wanted = min(3, max(2, profile.sessions_per_week))
    assert len(chosen) <= wanted
    assert all(_allowed(profile, d) for d in chosen)
    if not profile.allow_consecutive:
        assert not _adjacent(chosen)
    feasible = [
        c
        for k in range(wanted + 1)
        for c in combinations([d for d in range(7) if _allowed(profile, d)], k)
        if profile.allow_consecutive or not _adjacent(c)
    ]
    assert len(chosen) == max(len(c) for c in feasible)


@settings(max_examples=200, deadline=None)
@given(profiles, st.integers(0, 60), st.integers(0, 6))
def test_dates_follow_the_weekly_pattern_and_keep_clear_of_the_race(
    profile: Profile, race_offset: int, start_shift: int
) -> None:
    start = MON + timedelta(days=start_shift)
    race = start + timedelta(days=race_offset)
    profile = Profile(**{**profile.__dict__, "race_date": race})
    days, _ = schedule_days(profile, start, 8)
    pattern = choose_weekdays(profile).weekdays
    for d in days:
        assert d.day.weekday() in pattern
        assert not (race - timedelta(days=2) <= d.day <= race)
        assert d.week == (d.day - start).days // 7 + 1
    dates = [d.day for d in days]
    if not profile.allow_consecutive:
        assert all((b - a).days > 1 for a, b in pairwise(dates))
