"""The week the runs show, and moving strength sessions to fit it."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import date, timedelta
from statistics import median

from hypothesis import given, settings
from hypothesis import strategies as st

from hipstride.plan.models import Profile
from hipstride.plan.schedule import blocked_weekdays, choose_weekdays, race_blocked, schedule_days
from hipstride.running.week import (
    RunSummary,
    SessionDay,
    fill_profile,
    infer_week,
    move_lines,
    refit,
)

TODAY = date(2026, 12, 7)  # a Monday
MON, TUE, WED, THU, FRI, SAT, SUN = range(7)


def _weeks_of(pattern: dict[int, RunSummary], weeks: int = 6) -> list[RunSummary]:
    """The same week repeated: each weekday's run, for ``weeks`` weeks before TODAY."""
    runs = []
    for w in range(1, weeks + 1):
        monday = TODAY - timedelta(days=7 * w)
        for weekday, run in pattern.items():
            runs.append(RunSummary(monday + timedelta(days=weekday), *_fields(run)))
    return runs


def _fields(run: RunSummary) -> tuple[float, float, int | None, float | None]:
    return run.seconds, run.distance_m, run.avg_heart_rate, run.fastest_lap_pace


EASY = RunSummary(TODAY, 45 * 60, 8000, 140)  # 5:37 per km
LONG = RunSummary(TODAY, 100 * 60, 17000, 142)
TEMPO = RunSummary(TODAY, 40 * 60, 8500, 160)  # 4:42 per km, heart rate up
INTERVALS = RunSummary(TODAY, 45 * 60, 8000, 146, fastest_lap_pace=250)  # 4:10 laps


def test_a_steady_week_gives_running_days_long_run_and_hard_day() -> None:
    week = infer_week(_weeks_of({TUE: EASY, THU: TEMPO, SAT: EASY, SUN: LONG}), TODAY)
    assert week is not None
    assert week.running_days == {TUE, THU, SAT, SUN}
    assert week.long_run_day == SUN
    assert week.hard_days == {THU}
    assert week.weeks == 6 and week.runs == 24
    assert "Sun" in " ".join(week.lines) and "Thu" in " ".join(week.lines)


def test_interval_laps_make_a_hard_day_even_at_an_easy_average() -> None:
    week = infer_week(_weeks_of({MON: EASY, WED: INTERVALS, SAT: LONG}), TODAY)
    assert week is not None and week.hard_days == {WED}


def test_equal_runs_have_no_long_run_and_no_hard_day() -> None:
    week = infer_week(_weeks_of({MON: EASY, WED: EASY, FRI: EASY}), TODAY)
    assert week is not None
    assert week.long_run_day is None and week.hard_days == frozenset()


def test_an_occasional_run_does_not_make_a_running_day() -> None:
    runs = _weeks_of({TUE: EASY, SAT: LONG})
    runs.append(RunSummary(TODAY - timedelta(days=5), 1800, 5000))  # one Wednesday
    week = infer_week(runs, TODAY)
    assert week is not None and WED not in week.running_days


def test_two_weeks_of_runs_are_too_few_to_infer_anything() -> None:
    assert infer_week(_weeks_of({TUE: EASY, SUN: LONG}, weeks=2), TODAY) is None
    assert infer_week([], TODAY) is None


def test_the_profile_wins_and_the_runs_fill_only_what_it_leaves_open() -> None:
    week = infer_week(_weeks_of({TUE: EASY, THU: TEMPO, SAT: LONG}), TODAY)
    open_profile = Profile(running_days=frozenset())
    filled, lines = fill_profile(open_profile, week)
    assert filled.running_days == {TUE, THU, SAT} and filled.long_run_day == SAT
    assert filled.hard_days == {THU} and lines
    stated = Profile(running_days=frozenset({MON, FRI}), long_run_day=FRI)
    kept, notes = fill_profile(stated, week)
    assert kept.running_days == {MON, FRI} and kept.long_run_day == FRI
    assert any("keeps your profile" in n for n in notes)
    assert fill_profile(stated, None) == (stated, ())


runs_strategy = st.lists(
    st.builds(
        RunSummary,
        day=st.integers(0, 60).map(lambda n: TODAY - timedelta(days=n)),
        seconds=st.floats(600, 3 * 3600),
        distance_m=st.floats(0, 35000),
        avg_heart_rate=st.none() | st.integers(100, 190),
        fastest_lap_pace=st.none() | st.floats(150, 500),
    ),
    max_size=60,
)


@settings(max_examples=200)
@given(runs_strategy)
def test_inferred_days_are_days_with_runs_and_the_long_run_is_the_longest(
    runs: list[RunSummary],
) -> None:
    week = infer_week(runs, TODAY)
    if week is None:
        return
    with_runs = {r.day.weekday() for r in runs if 0 <= (TODAY - r.day).days < 42}
    assert week.running_days <= with_runs
    assert week.hard_days <= week.running_days
    if week.long_run_day is not None:
        assert week.long_run_day in week.running_days
        assert week.long_run_day not in week.hard_days
        typical = week.typical_seconds
        assert typical[week.long_run_day] == max(typical.values())
        longest: dict[date, float] = {}
        for r in runs:
            if r.day.weekday() == week.long_run_day and 0 <= (TODAY - r.day).days < 42:
                longest[r.day] = max(longest.get(r.day, 0), r.seconds)
        assert typical[week.long_run_day] == median(longest.values())


@settings(max_examples=200)
@given(runs_strategy, st.integers(2, 3))
def test_strength_never_lands_on_the_long_run_or_a_hard_day(
    runs: list[RunSummary], sessions: int
) -> None:
    filled, _ = fill_profile(
        Profile(running_days=frozenset(), sessions_per_week=sessions), infer_week(runs, TODAY)
    )
    pattern = choose_weekdays(filled)
    heavy = set(filled.hard_days) | ({filled.long_run_day} - {None})
    assert not heavy & set(pattern.weekdays)
    free = [d for d in range(7) if d not in blocked_weekdays(filled)]
    if free:  # the week has room: at least one session is placed
        assert pattern.weekdays


profiles = st.builds(
    Profile,
    running_days=st.frozensets(st.integers(0, 6)),
    long_run_day=st.none() | st.integers(0, 6),
    hard_days=st.frozensets(st.integers(0, 6), max_size=2),
    sessions_per_week=st.integers(2, 3),
    race_date=st.none() | st.integers(0, 27).map(lambda n: TODAY + timedelta(days=n)),
)
START = TODAY - timedelta(days=7)


@st.composite
def plans(draw: st.DrawFn) -> tuple[list[SessionDay], date]:
    days = draw(st.sets(st.integers(0, 27), max_size=12))
    today = TODAY + timedelta(days=draw(st.integers(-7, 20)))
    started = draw(st.sets(st.sampled_from(sorted(days)), max_size=3) if days else st.just(set()))
    sessions = [
        SessionDay(
            n, START + timedelta(days=n), n not in started and START + timedelta(days=n) >= today
        )
        for n in sorted(days)
    ]
    return sessions, today


@settings(max_examples=300)
@given(plans(), profiles)
def test_refit_moves_only_sessions_not_started_within_their_week_onto_allowed_days(
    plan: tuple[list[SessionDay], date], profile: Profile
) -> None:
    sessions, today = plan
    moves = refit(sessions, profile, START, today)
    by_key = {s.key: s for s in sessions}
    allowed = set(choose_weekdays(profile).weekdays)
    for m in moves:
        s = by_key[m.key]
        assert s.movable and m.old == s.day
        if m.new is not None:
            assert (m.new - START).days // 7 == (s.day - START).days // 7
            assert m.new >= today and m.new.weekday() in allowed
            assert not race_blocked(m.new, profile.race_date)
    moved = {m.key: m.new for m in moves}
    after = [
        SessionDay(s.key, moved.get(s.key, s.day), s.movable)  # type: ignore[arg-type]
        for s in sessions
        if moved.get(s.key, s.day) is not None
    ]
    assert max(Counter(s.day for s in after).values(), default=1) == 1
    assert refit(after, profile, START, today) == ()  # a second run moves nothing


def test_moving_off_a_new_long_run_day_explains_what_moved_and_why() -> None:
    old = Profile(running_days=frozenset({TUE, THU, SUN}), long_run_day=SUN)
    new = Profile(running_days=frozenset({TUE, THU, FRI}), long_run_day=FRI)
    start = TODAY
    planned = choose_weekdays(old).weekdays
    sessions = [
        SessionDay(i, start + timedelta(days=7 * w + d), True)
        for i, (w, d) in enumerate((w, d) for w in range(2) for d in planned)
    ]
    moves = refit(sessions, new, start, TODAY)
    assert moves and all(m.new is None or m.new.weekday() not in {THU, FRI} for m in moves)
    lines = move_lines(moves, planned, new, TODAY)
    assert lines[0].startswith("Strength days now")
    assert "your long run" in lines[0] or "the day before your long run" in lines[0]
    assert any("moves to" in line for line in lines[1:])


@settings(max_examples=200)
@given(profiles, st.booleans(), st.integers(1, 6))
def test_a_plan_laid_out_by_the_schedule_already_fits_its_own_week(
    profile: Profile, consecutive: bool, weeks: int
) -> None:
    profile = replace(profile, allow_consecutive=consecutive)
    days, _ = schedule_days(profile, START, weeks)
    sessions = [SessionDay(i, d.day, True) for i, d in enumerate(days)]
    assert refit(sessions, profile, START, START) == ()
