"""RunRecord rules: the runner's local day, units, durations, and what a record refuses."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hipstride.importers.common import sport_from_name, sport_from_speed
from hipstride.running.records import RunRecord, format_duration, in_units, pace_seconds_per_unit


def _record(start: datetime, **changes: object) -> RunRecord:
    fields: dict[str, object] = {
        "start": start,
        "elapsed_seconds": 1800.0,
        "moving_seconds": 1700.0,
        "distance_m": 5000.0,
        "sport": "run",
        "source_hash": "0" * 64,
        "source_format": "gpx",
    }
    return RunRecord(**{**fields, **changes})  # type: ignore[arg-type]


def test_a_run_at_half_past_eleven_at_night_belongs_to_that_local_day():
    # 23:30 in New York on 3 March is 04:30 UTC on 4 March.
    run = _record(datetime(2026, 3, 4, 4, 30, tzinfo=UTC))
    assert run.local_day(ZoneInfo("America/New_York")) == date(2026, 3, 3)
    assert run.local_day(ZoneInfo("UTC")) == date(2026, 3, 4)


def test_a_naive_start_is_refused():
    with pytest.raises(ValueError, match="timezone-aware"):
        _record(datetime(2026, 3, 4, 4, 30))


def test_moving_time_cannot_exceed_elapsed_time():
    with pytest.raises(ValueError, match="exceeds elapsed"):
        _record(datetime(2026, 3, 4, tzinfo=UTC), moving_seconds=4000.0)


def test_only_runs_count_as_runs():
    start = datetime(2026, 3, 4, tzinfo=UTC)
    assert _record(start).is_run
    assert not _record(start, sport="ride").is_run


@given(st.floats(min_value=0, max_value=1e6, allow_nan=False))
def test_miles_and_kilometres_describe_the_same_distance(metres: float):
    assert in_units(metres, "mi") * 1609.344 == pytest.approx(in_units(metres, "km") * 1000)


@given(st.integers(min_value=0, max_value=100 * 3600))
def test_durations_read_back_to_the_same_seconds(seconds: int):
    parts = [int(p) for p in format_duration(seconds).split(":")]
    total = sum(p * 60**i for i, p in enumerate(reversed(parts)))
    assert total == seconds


def test_pace_needs_a_distance():
    assert pace_seconds_per_unit(0, 600, "km") is None
    assert pace_seconds_per_unit(5000, 1500, "km") == 300


@pytest.mark.parametrize(
    ("word", "sport"),
    [("Running", "run"), ("9", "run"), ("Biking", "ride"), ("hiking", "hike"), ("Zumba", None)],
)
def test_the_files_own_word_names_the_sport(word: str, sport: str | None):
    assert sport_from_name(word) == sport


@given(st.floats(min_value=100, max_value=200_000), st.floats(min_value=60, max_value=36_000))
def test_a_guessed_sport_always_says_it_was_guessed(metres: float, seconds: float):
    sport, note = sport_from_speed(metres, seconds)
    kmh = metres / seconds * 3.6
    assert sport == ("ride" if kmh > 16 else "walk" if kmh < 7 else "run")
    assert "names no sport" in note


def test_laps_and_records_are_values():
    start = datetime(2026, 3, 4, tzinfo=UTC)
    assert _record(start) == _record(start)
    assert _record(start) != _record(start + timedelta(seconds=1))
