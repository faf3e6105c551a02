"""Running load: weekly totals, EWMA acute and chronic load (values worked out by hand), flags."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hipstride.knowledge.catalog import load_catalog
from hipstride.running.load import (
    JUMP_REFS,
    METHOD_REFS,
    RATIO_REFS,
    DayRun,
    day_run,
    ewma,
    load_report,
    smoothing,
)
from hipstride.running.records import RunRecord

MON = date(2026, 11, 2)  # a Monday


def _run(offset: int, minutes: float, km: float = 0.0) -> DayRun:
    return DayRun(MON + timedelta(days=offset), km * 1000, minutes * 60)


def test_smoothing_is_two_over_n_plus_one() -> None:
    assert smoothing(7) == 0.25
    assert smoothing(28) == pytest.approx(2 / 29)


def test_ewma_worked_by_hand() -> None:
    # λ = 0.25: 10·0.25 = 2.5; 0·0.25 + 0.75·2.5 = 1.875; 20·0.25 + 0.75·1.875 = 6.40625
    assert ewma([10, 0, 20], 7) == pytest.approx([2.5, 1.875, 6.40625])
    # λ = 2/29: 29·(2/29) = 2; then 2·(27/29) = 54/29
    assert ewma([29, 0], 28) == pytest.approx([2.0, 54 / 29])


def test_weekly_distance_and_time_add_up_monday_to_sunday() -> None:
    runs = [_run(0, 30, 5), _run(6, 60, 10), _run(7, 45, 8)]
    report = load_report(runs, through=MON + timedelta(days=8))
    first, second = report.weeks
    assert (first.start, first.end, first.runs) == (MON, MON + timedelta(days=6), 2)
    assert first.distance_m == 15000 and first.seconds == 90 * 60
    assert second.end == MON + timedelta(days=8) and second.runs == 1
    assert second.change == pytest.approx(8 / 15 - 1) and second.measure == "distance"


def test_acute_and_chronic_at_the_end_of_the_first_week() -> None:
    # 60 minutes on day 0 only, through day 6: acute = 15·0.75^6, chronic = 60·λ·(1-λ)^6
    report = load_report([_run(0, 60)], through=MON + timedelta(days=6))
    (week,) = report.weeks
    assert week.acute == pytest.approx(15 * 0.75**6)
    lam = 2 / 29
    assert week.chronic == pytest.approx(60 * lam * (1 - lam) ** 6)
    assert week.ratio is None  # fewer than 28 days of history
    assert any("28 days" in note for note in report.notes)


def test_a_jump_above_thirty_percent_is_flagged_with_its_paper() -> None:
    runs = [_run(0, 60, 10), _run(7, 80, 13.1)]  # +31 %
    report = load_report(runs, through=MON + timedelta(days=13), units="km")
    (flag,) = report.flags
    assert flag.kind == "jump" and flag.week_start == MON + timedelta(days=7)
    assert flag.value == pytest.approx(0.31)
    assert flag.references == JUMP_REFS
    assert "13.1 km" in flag.text and "10.0 km" in flag.text and "31 % more" in flag.text


def test_a_thirty_percent_rise_exactly_is_not_flagged() -> None:
    report = load_report([_run(0, 60, 10), _run(7, 80, 13)], through=MON + timedelta(days=13))
    assert report.flags == ()


def test_jumps_compare_time_when_a_distance_is_missing() -> None:
    report = load_report([_run(0, 40, 0), _run(7, 60, 9)], through=MON + timedelta(days=13))
    (week1, week2) = report.weeks
    assert not week1.distance_known
    assert week2.measure == "time" and week2.change == pytest.approx(0.5)
    assert report.flags[0].kind == "jump" and "1 h 00 min" in report.flags[0].text


def test_a_spike_after_four_steady_weeks_flags_the_ratio_as_advice() -> None:
    steady = [_run(d, 30) for d in range(28)]
    spike = [_run(28 + d, 90) for d in range(7)]
    report = load_report(steady + spike, through=MON + timedelta(days=34))
    last = report.weeks[-1]
    assert last.ratio is not None and last.ratio > 1.5
    ratio_flags = [f for f in report.flags if f.kind == "ratio"]
    assert ratio_flags and ratio_flags[0].references == RATIO_REFS
    assert "not a rule" in ratio_flags[0].text
    # Four steady weeks: no flag of either kind before the spike.
    assert all(f.week_start == MON + timedelta(days=28) for f in report.flags)


def test_weeks_keeps_the_last_weeks_but_the_averages_use_all_history() -> None:
    runs = [_run(d, 30) for d in range(0, 35, 2)]
    full = load_report(runs, through=MON + timedelta(days=34))
    last = load_report(runs, through=MON + timedelta(days=34), weeks=2)
    assert last.weeks == full.weeks[-2:]


def test_runs_after_the_last_day_are_not_counted() -> None:
    report = load_report([_run(0, 30), _run(9, 30)], through=MON + timedelta(days=3))
    assert [w.runs for w in report.weeks] == [1]


def test_no_runs_says_how_to_import() -> None:
    report = load_report([], through=MON)
    assert report.weeks == () and any("import" in n for n in report.notes)


def test_the_local_day_and_moving_time_come_from_the_record() -> None:
    record = RunRecord(
        start=datetime(2026, 11, 2, 23, 30, tzinfo=UTC),
        elapsed_seconds=3000,
        moving_seconds=2900,
        distance_m=8000,
        sport="run",
        source_hash="x",
        source_format="gpx",
    )
    assert day_run(record, ZoneInfo("Europe/Berlin")) == DayRun(date(2026, 11, 3), 8000, 2900)


def test_every_cited_paper_is_in_the_references() -> None:
    references = load_catalog().references
    for ref in (*METHOD_REFS, *RATIO_REFS, *JUMP_REFS):
        assert ref in references


@given(st.lists(st.tuples(st.integers(0, 60), st.floats(0, 300), st.floats(0, 40)), max_size=40))
def test_weekly_totals_hold_every_run_once(raw: list[tuple[int, float, float]]) -> None:
    runs = [_run(d, m, km) for d, m, km in raw]
    report = load_report(runs, through=MON + timedelta(days=60))
    assert sum(w.runs for w in report.weeks) == len(runs)
    assert sum(w.seconds for w in report.weeks) == pytest.approx(sum(r.seconds for r in runs))
    for week in report.weeks:
        assert week.acute >= 0 and week.chronic >= 0
        assert week.start.weekday() == 0
