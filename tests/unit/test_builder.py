"""Building a plan: start steps, equipment, dose, days, time, deload and race weeks."""

from __future__ import annotations

import itertools
from collections import Counter, defaultdict
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from hipstride.knowledge.catalog import load_catalog
from hipstride.knowledge.models import SessionRole
from hipstride.plan.builder import build_plan, usable_ladder
from hipstride.plan.dose import estimate_seconds
from hipstride.plan.models import Experience, Findings, Plan, Profile, WeekKind

catalog = load_catalog()
MON = date(2025, 3, 3)
ALL_KIT = frozenset({"mat", "chair", "box", "mini-band-light"})
WEEK = Profile(
    running_days=frozenset({1, 3, 5, 6}),
    long_run_day=6,
    equipment=ALL_KIT,
    minutes_per_session=60,
    experience=Experience.SOME,
)


def _with(profile: Profile, **kw: object) -> Profile:
    return Profile(**{**profile.__dict__, **kw})


def _start(plan: Plan, family: str) -> str:
    return next(i.step_id for s in plan.sessions for i in s.items if i.family_id == family)


def _bridge(score: int, holds: tuple[float, float], *outcomes: str) -> Findings:
    return Findings(
        bridge_score=score,
        bridge_outcomes=frozenset(outcomes),
        bridge_hold_seconds={"left": holds[0], "right": holds[1]},
    )


def test_a_depth_limit_starts_the_squat_at_the_box_squat() -> None:
    findings = Findings(squat_score=1, squat_outcomes=frozenset({"depth-limit"}))
    plan = build_plan(catalog, WEEK, findings, MON)
    assert _start(plan, "squat") == "box-squat"
    assert (
        "Squat starts at 'Sit-to-stand squat to a chair': your deep squat did not reach "
        "full depth." in plan.explanations
    )


def test_the_reasons_speak_to_the_runner_not_about_the_source() -> None:
    plan = build_plan(catalog, _with(WEEK, experience=Experience.NEW), Findings(), MON)
    assert not [line for line in plan.explanations if "article" in line.lower()]
    assert (
        "You start at Clamshell: the usual first step, with easier steps below it and harder "
        "ones above (you are new to strength work)." in plan.explanations
    )


def test_low_endurance_under_10_seconds_starts_at_the_short_bridge() -> None:
    plan = build_plan(catalog, WEEK, _bridge(1, (8, 12), "endurance-deficit"), MON)
    assert _start(plan, "glute-bridge") == "short-bridge"


def test_fair_endurance_starts_at_the_glute_bridge() -> None:
    plan = build_plan(catalog, WEEK, _bridge(2, (15, 20), "endurance-deficit"), MON)
    assert _start(plan, "glute-bridge") == "glute-bridge"


def test_good_endurance_starts_at_the_single_leg_bridge() -> None:
    plan = build_plan(catalog, WEEK, _bridge(3, (40, 42), "good-endurance"), MON)
    assert _start(plan, "glute-bridge") == "single-leg-bridge"


def test_a_hamstring_cramp_prefers_the_135_degree_bridge() -> None:
    findings = _bridge(3, (40, 42), "good-endurance", "hamstring-cramp")
    plan = build_plan(catalog, WEEK, findings, MON)
    assert _start(plan, "glute-bridge") == "single-leg-bridge-135"
    ladder = usable_ladder(catalog.ladders["glute-bridge"], findings)
    assert "single-leg-bridge" not in [s.id for s in ladder]


def test_a_runner_new_to_strength_starts_at_the_base_with_two_sets() -> None:
    novice = _with(WEEK, experience=Experience.NEW)
    plan = build_plan(catalog, novice, _bridge(3, (40, 42), "good-endurance"), MON)
    assert _start(plan, "glute-bridge") == "glute-bridge"
    for item in plan.sessions[0].items:
        place = catalog.place(item.step_id)
        base = next(i for i, s in enumerate(place.ladder, 1) if s.origin.value == "article-base")
        assert place.level <= base
        assert item.sets == 2


def test_without_a_band_the_side_step_uses_the_highest_step_that_needs_none() -> None:
    plan = build_plan(catalog, _with(WEEK, equipment=frozenset({"mat", "chair"})), Findings(), MON)
    assert _start(plan, "side-step") == "side-step-unbanded"
    assert any(
        "'Side step without a band'" in line and "band" in line for line in plan.explanations
    )


def test_any_mini_band_serves_a_step_that_asks_for_one() -> None:
    kit = frozenset({"mat", "chair", "mini-band-medium"})
    plan = build_plan(catalog, _with(WEEK, equipment=kit), Findings(), MON)
    assert _start(plan, "side-step") == "banded-side-step"


def test_the_weaker_side_gets_an_extra_set_on_one_sided_strength_steps() -> None:
    findings = Findings(
        bridge_score=2,
        bridge_outcomes=frozenset({"endurance-deficit", "side-difference"}),
        bridge_hold_seconds={"left": 12, "right": 25},
        weaker_side="left",
    )
    plan = build_plan(catalog, WEEK, findings, MON)
    items = plan.sessions[0].items
    assert all(
        (i.extra_set_side == "left")
        == (i.one_side and catalog.families[i.family_id].role is not SessionRole.STRETCH)
        for i in items
    )


def test_activation_comes_first_and_stretches_close_every_session() -> None:
    plan = build_plan(catalog, WEEK, Findings(), MON)
    for session in plan.sessions:
        roles = [catalog.families[i.family_id].role for i in session.items]
        order = {SessionRole.ACTIVATION: 0, SessionRole.STRENGTH: 1, SessionRole.STRETCH: 2}
        assert roles == sorted(roles, key=order.__getitem__)
        assert roles[-1] is SessionRole.STRETCH


def test_weeks_4_and_8_are_deload_weeks_with_one_set_fewer() -> None:
    plan = build_plan(catalog, WEEK, Findings(), MON)
    for session in plan.sessions:
        expected = WeekKind.DELOAD if session.week in (4, 8) else WeekKind.BUILD
        assert session.week_kind is expected
        if expected is WeekKind.DELOAD:
            assert all(i.sets == 1 for i in session.items)


def test_race_week_is_half_volume_and_the_two_days_before_the_race_are_free() -> None:
    race = MON + timedelta(days=5 * 7 + 2)  # Wednesday of week 6
    profile = _with(WEEK, race_date=race, sessions_per_week=3)
    plan = build_plan(catalog, profile, Findings(), MON)
    in_race_week = [s for s in plan.sessions if race - timedelta(days=6) <= s.day <= race]
    assert in_race_week and all(s.week_kind is WeekKind.RACE for s in in_race_week)
    assert all(not (race - timedelta(days=2) <= s.day <= race) for s in plan.sessions)
    assert all(i.sets == 1 for s in in_race_week for i in s.items)


def test_a_short_session_alternates_families_so_each_gets_two_sessions_a_week() -> None:
    profile = _with(WEEK, minutes_per_session=25, sessions_per_week=3)
    plan = build_plan(catalog, profile, Findings(), MON)
    week1 = [s for s in plan.sessions if s.week == 1]
    assert len(week1) == 3
    counts = Counter(i.family_id for s in week1 for i in s.items)
    assert all(n >= 2 for n in counts.values())
    assert any("alternate" in line for line in plan.explanations)
    assert all(sum(estimate_seconds(i) for i in s.items) <= 25 * 60 for s in week1)


def test_a_very_short_session_drops_families_and_says_so() -> None:
    profile = _with(WEEK, minutes_per_session=12, sessions_per_week=2)
    plan = build_plan(catalog, profile, Findings(), MON)
    assert any("is left out" in line for line in plan.explanations)
    assert all(sum(estimate_seconds(i) for i in s.items) <= 12 * 60 for s in plan.sessions)


def test_pain_in_a_self_test_makes_no_plan() -> None:
    findings = Findings(squat_score=0, squat_outcomes=frozenset({"pain"}))
    plan = build_plan(catalog, WEEK, findings, MON)
    assert plan.sessions == ()
    assert plan.explanations[0].startswith("No plan yet")


def test_a_shared_running_day_carries_the_before_your_run_note() -> None:
    profile = _with(WEEK, running_days=frozenset(range(7)), sessions_per_week=2)
    plan = build_plan(catalog, profile, Findings(), MON)
    assert all("before your run" in s.note for s in plan.sessions)


squat_findings = st.sampled_from(
    [frozenset(), frozenset({"full-depth"}), frozenset({"depth-limit"}), frozenset({"heel-lift"})]
)
findings_st = st.builds(
    lambda sq, score, left, right, cramp: Findings(
        squat_score=None if not sq else (3 if "full-depth" in sq else 1),
        squat_outcomes=sq,
        bridge_score=score,
        bridge_outcomes=frozenset(
            {"good-endurance" if min(left, right) >= 30 else "endurance-deficit"}
            | ({"hamstring-cramp"} if cramp else set())
        ),
        bridge_hold_seconds={"left": left, "right": right},
        weaker_side="left" if left < 0.75 * right else None,
    ),
    squat_findings,
    st.integers(1, 3),
    st.floats(0, 60),
    st.floats(0, 60),
    st.booleans(),
)
profiles_st = st.builds(
    Profile,
    running_days=st.frozensets(st.integers(0, 6)),
    long_run_day=st.none() | st.integers(0, 6),
    hard_days=st.frozensets(st.integers(0, 6), max_size=2),
    race_date=st.none() | st.integers(0, 60).map(lambda d: MON + timedelta(days=d)),
    experience=st.sampled_from(list(Experience)),
    equipment=st.frozensets(st.sampled_from(sorted(catalog.equipment))),
    minutes_per_session=st.integers(10, 60),
    sessions_per_week=st.integers(2, 3),
    allow_consecutive=st.booleans(),
)


@settings(max_examples=200, deadline=None)
@given(profiles_st, findings_st)
def test_every_plan_keeps_the_placement_and_volume_rules(
    profile: Profile, findings: Findings
) -> None:
    plan = build_plan(catalog, profile, findings, MON)
    bad = set(profile.hard_days) | (
        {profile.long_run_day} if profile.long_run_day is not None else set()
    )
    dates = [s.day for s in plan.sessions]
    assert dates == sorted(dates)
    for s in plan.sessions:
        assert s.day.weekday() not in bad and (s.day.weekday() + 1) % 7 not in bad
        if profile.race_date:
            assert not (profile.race_date - timedelta(days=2) <= s.day <= profile.race_date)
        for item in s.items:
            step = catalog.step(item.step_id)
            assert item.sets >= 1
            assert step.family == item.family_id
    if not profile.allow_consecutive:
        assert all((b - a).days > 1 for a, b in itertools.pairwise(dates))
    over = any("over your" in line for line in plan.explanations)
    if not over:
        limit = profile.minutes_per_session * 60
        assert all(sum(estimate_seconds(i) for i in s.items) <= limit for s in plan.sessions)
    # weekly volume: at most one set more per exercise, never more going into a lighter week
    last: dict[str, tuple[int, WeekKind]] = {}
    for s in plan.sessions:
        for item in s.items:
            if item.family_id in last:
                sets, _ = last[item.family_id]
                assert item.sets <= sets + 1
                if s.week_kind is not WeekKind.BUILD:
                    assert item.sets <= sets
            last[item.family_id] = (item.sets, s.week_kind)
    # every strength family in the plan gets 2+ sessions in each full build week
    weekly: dict[int, list[set[str]]] = defaultdict(list)
    for s in plan.sessions:
        if s.week_kind is WeekKind.BUILD:
            weekly[s.week].append({i.family_id for i in s.items})
    strength = {i.family_id for s in plan.sessions for i in s.items} - {
        "hip-flexor-stretch",
        "hip-stretch",
    }
    for sessions in weekly.values():
        if len(sessions) >= 2 and not profile.race_date:
            for fam in strength:
                assert sum(fam in ids for ids in sessions) >= 2
    assert plan.explanations
