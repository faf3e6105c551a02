"""The services behind the runner's web pages, on SQLite and PostgreSQL: the history a page at
a time, settings, the self-test guard; the profile rules and the charts checked by Hypothesis."""

from __future__ import annotations

import io
import uuid
import xml.etree.ElementTree as ET
import zipfile
from datetime import UTC, date, datetime, time, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy.orm import Session

from hipstride.assess.squat import SquatMeasures
from hipstride.knowledge.catalog import load_catalog
from hipstride.plan.models import WEEKDAYS, Profile
from hipstride.services import assessment, data, history, planning, runner, training
from hipstride.training.progress import Progress, StepReached, Week
from hipstride.training.progress import TestPoint as Taken
from hipstride.training.session import SetSlot
from hipstride.web.charts_svg import progress_charts

CATALOG = load_catalog()
MONDAY = date(2026, 11, 30)
T0 = datetime(2026, 11, 25, 8, 0, tzinfo=UTC)
NO = dict.fromkeys((q.id for q in CATALOG.pain_screen.questions), False)
NAMES = [d.lower() for d in WEEKDAYS]
SVG = "{http://www.w3.org/2000/svg}"


def _planned(session: Session) -> uuid.UUID:
    athlete = runner.athlete(session, name="ana", now=T0)
    profile = Profile(running_days=frozenset({1, 3, 5}), long_run_day=6, sessions_per_week=2)
    runner.save_profile(session, athlete_id=athlete.id, profile=profile, now=T0)
    assessment.record_pain_screen(
        session, catalog=CATALOG, athlete_id=athlete.id, answers=NO, now=T0
    )
    good = assessment.bridge_side(35, hamstring_cramp=False, pain=0)
    assessment.record_squat(
        session, catalog=CATALOG, athlete_id=athlete.id, measures=SquatMeasures(True), now=T0
    )
    assessment.record_bridge(
        session, catalog=CATALOG, athlete_id=athlete.id, left=good, right=good, now=T0
    )
    planning.make_plan(
        session, catalog=CATALOG, athlete_id=athlete.id, start=MONDAY, weeks=4, now=T0
    )
    session.flush()
    return athlete.id


def _log(session: Session, athlete_id: uuid.UUID, day: date, at: datetime) -> None:
    todo = training.session_for(session, athlete_id=athlete_id, day=day)

    def entry_for(slot: SetSlot) -> training.SetEntry:
        hold = slot.target_hold_seconds is not None
        return training.SetEntry(
            reps=None if hold else slot.target_reps,
            held_seconds=slot.target_hold_seconds if hold else None,
            pain=2,
            reps_in_reserve=None if hold else 3,
        )

    training.log_unguided(
        session, athlete_id=athlete_id, todo=todo, entry_for=entry_for, clock=lambda: at
    )


def test_history_pages_through_sessions_newest_first(session: Session):
    athlete_id = _planned(session)
    days = [s.day for s in planning.active_plan(session, athlete_id=athlete_id).sessions][:3]
    for i, day in enumerate(days):
        _log(session, athlete_id, day, T0 + timedelta(days=5 + i))
    first = history.history(session, catalog=CATALOG, athlete_id=athlete_id, per_page=2)
    assert (first.total, first.pages, first.has_next) == (3, 2, True)
    assert [s.day for s in first.sessions] == [days[2], days[1]]
    last = history.history(session, catalog=CATALOG, athlete_id=athlete_id, page=2, per_page=2)
    assert [s.day for s in last.sessions] == [days[0]] and not last.has_next
    entry = last.sessions[0]
    assert entry.worst_pain == 2 and not entry.guided and entry.sets
    assert all(s.name != s.step_id for s in entry.sets)  # names from the catalog
    with pytest.raises(ValueError):
        history.history(session, catalog=CATALOG, athlete_id=athlete_id, page=0)
    other = runner.athlete(session, name="bo", now=T0)
    assert history.history(session, catalog=CATALOG, athlete_id=other.id).total == 0


def test_settings_are_checked_and_stored(session: Session):
    athlete = runner.athlete(session, name="ana", now=T0)
    with pytest.raises(runner.ProfileProblem) as problem:
        runner.save_settings(
            session, athlete_id=athlete.id, units="km", time_zone="Nowhere/Land", reminder_time=None
        )
    assert problem.value.field == "time_zone"
    with pytest.raises(runner.ProfileProblem):
        runner.parse_reminder_time("7 o'clock")
    runner.save_settings(
        session,
        athlete_id=athlete.id,
        units="mi",
        time_zone="America/Denver",
        reminder_time=runner.parse_reminder_time("06:45"),
    )
    session.flush()
    session.expire_all()
    assert runner.existing_athlete(session, name="ana").reminder_time == time(6, 45)
    assert runner.existing_athlete(session, name="ana").time_zone == "America/Denver"


def test_the_tests_are_open_after_a_clean_screen_or_a_clearance(session: Session):
    athlete = runner.athlete(session, name="ana", now=T0)
    assert not assessment.screen_passed(session, athlete_id=athlete.id)
    flagged = NO | {"current-injury": True}
    assessment.record_pain_screen(
        session, catalog=CATALOG, athlete_id=athlete.id, answers=flagged, now=T0
    )
    session.flush()
    assert not assessment.screen_passed(session, athlete_id=athlete.id)
    assessment.record_clearance(
        session, athlete_id=athlete.id, cleared_by="Dr Lee", now=T0 + timedelta(days=3)
    )
    session.flush()
    assert assessment.screen_passed(session, athlete_id=athlete.id)


def test_the_csv_zip_holds_the_same_tables_as_the_folder(session: Session, tmp_path):
    athlete_id = _planned(session)
    written = data.export_csv(session, athlete_id=athlete_id, folder=tmp_path)
    archive = zipfile.ZipFile(io.BytesIO(data.export_csv_zip(session, athlete_id=athlete_id)))
    assert sorted(archive.namelist()) == sorted(written)
    for name in written:
        assert archive.read(name) == (tmp_path / name).read_bytes()


days = st.lists(st.sampled_from(NAMES + [n.upper() for n in NAMES]), max_size=9)


@given(runs=days, long_run=st.none() | st.sampled_from(NAMES), hard=days)
def test_profile_fields_round_trip_and_the_long_run_is_a_running_day(runs, long_run, hard):
    profile = runner.profile_from_fields(
        running_days=runs,
        long_run_day=long_run,
        hard_days=hard,
        race_date=None,
        experience="some",
        equipment=["mat"],
        known_equipment=frozenset(CATALOG.equipment),
        minutes_per_session=30,
        sessions_per_week=2,
        allow_consecutive=False,
    )
    fields = runner.profile_fields(profile)
    assert set(fields["running_days"]) == {d.lower() for d in runs} | ({long_run} - {None})
    assert fields["long_run_day"] == long_run
    assert fields["hard_days"] == [n for n in NAMES if n in {d.lower() for d in hard}]


@given(word=st.text(min_size=1, max_size=8).filter(lambda w: w.strip().lower()[:3] not in NAMES))
def test_a_word_that_is_not_a_weekday_is_refused_by_name(word):
    with pytest.raises(runner.ProfileProblem) as problem:
        runner.weekdays_from_names([word], "hard_days")
    assert problem.value.field == "hard_days"


points = st.lists(
    st.tuples(st.dates(date(2026, 1, 1), date(2027, 12, 31)), st.integers(0, 10)), max_size=20
)


@given(sets=st.lists(st.integers(0, 400), max_size=30), mornings=points)
def test_every_chart_is_well_formed_svg_with_a_title_and_a_description(sets, mornings):
    start = date(2026, 11, 30)
    weeks = tuple(
        Week(start + timedelta(weeks=i), 2, 1, n, min(n, 10), None) for i, n in enumerate(sets)
    )
    tests = (Taken(start, "deep-squat", None, 2, None),)
    steps = (StepReached("squat", "Squat <&>", "box-squat", "Box squat", 1, 4),)
    progress = Progress(tests, steps, weeks, tuple(sorted(mornings)), None)
    for chart_id, svg in progress_charts(progress).items():
        root = ET.fromstring(svg)
        assert root.get("role") == "img", chart_id
        assert root.find(f"{SVG}title").text and root.find(f"{SVG}desc").text
        assert "style" not in svg and "script" not in svg
