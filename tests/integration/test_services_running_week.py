"""Load, week inference, re-fitting and the calendar as services, on SQLite and PostgreSQL."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, time, timedelta

import vobject
from sqlalchemy.orm import Session

from hipstride.assess.bridge import BridgeSide
from hipstride.assess.squat import SquatMeasures
from hipstride.knowledge.catalog import load_catalog
from hipstride.plan.models import Experience, Profile
from hipstride.plan.schedule import SHARED_DAY_NOTE
from hipstride.services import assessment, planning, runner, training
from hipstride.services.calendar import calendar_for
from hipstride.services.load import load_for, strength_by_week
from hipstride.services.replan import effective_profile, fit_plan_to_runs
from hipstride.store import queries
from hipstride.store import tables as db

CATALOG = load_catalog()
MONDAY = date(2026, 11, 30)
T0 = datetime(2026, 11, 25, 8, 0, tzinfo=UTC)
NO = dict.fromkeys((q.id for q in CATALOG.pain_screen.questions), False)


def _runner(session: Session, zone: str = "UTC", race: date | None = None) -> uuid.UUID:
    athlete = runner.athlete(session, name="ana", now=T0)
    athlete.time_zone = zone
    profile = Profile(
        running_days=frozenset(),
        experience=Experience.NEW,
        equipment=frozenset({"mat", "chair"}),
        sessions_per_week=3,
        race_date=race,
    )
    runner.save_profile(session, athlete_id=athlete.id, profile=profile, now=T0)
    assessment.record_pain_screen(
        session, catalog=CATALOG, athlete_id=athlete.id, answers=NO, now=T0
    )
    assessment.record_squat(
        session, catalog=CATALOG, athlete_id=athlete.id, measures=SquatMeasures(True), now=T0
    )
    good = BridgeSide(35, pelvic_drop=False)
    assessment.record_bridge(
        session, catalog=CATALOG, athlete_id=athlete.id, left=good, right=good, now=T0
    )
    session.flush()
    return athlete.id


def _add_runs(session: Session, athlete_id: uuid.UUID, first_monday: date, weeks: int) -> None:
    """Tue easy, Thu fast, Sat long: rows in the importer's table, as an import leaves them."""
    for w in range(weeks):
        for weekday, minutes, km in ((1, 45, 8.0), (3, 40, 8.5), (5, 100, 17.0)):
            day = first_monday + timedelta(weeks=w, days=weekday)
            session.add(
                db.Run(
                    athlete_id=athlete_id,
                    start=datetime(day.year, day.month, day.day, 7, tzinfo=UTC),
                    elapsed_seconds=minutes * 60,
                    moving_seconds=minutes * 60,
                    distance_m=km * 1000,
                    sport="run",
                    counts_for_load=True,
                    source_format="gpx",
                    source_hash=f"{day.isoformat()}-{uuid.uuid4().hex}",
                    source_name=f"{day.isoformat()}.gpx",
                    imported_at=T0,
                )
            )
    session.flush()


def test_load_adds_up_the_stored_runs_in_the_runners_units(session: Session) -> None:
    athlete_id = _runner(session)
    session.get_one(db.Athlete, athlete_id).units = "mi"
    _add_runs(session, athlete_id, MONDAY - timedelta(weeks=5), 5)
    report, units = load_for(session, athlete_id=athlete_id, today=MONDAY - timedelta(days=1))
    assert units == "mi"
    assert [w.runs for w in report.weeks] == [3] * 5
    assert report.weeks[3].ratio is None  # 27 days from the first run: too little history
    assert report.weeks[-1].distance_m == 33500
    assert report.weeks[-1].ratio is not None and report.flags == ()


def test_the_runs_fill_what_the_profile_leaves_open(session: Session) -> None:
    athlete_id = _runner(session)
    _add_runs(session, athlete_id, MONDAY - timedelta(weeks=6), 6)
    profile, lines = effective_profile(session, athlete_id=athlete_id, today=MONDAY)
    assert profile.running_days == {1, 3, 5}
    assert profile.long_run_day == 5 and profile.hard_days == {3}
    assert any("Your long run is on Sat" in line for line in lines)


def test_fitting_moves_only_sessions_not_started_and_keeps_their_ids(session: Session) -> None:
    athlete_id = _runner(session)
    planning.make_plan(
        session, catalog=CATALOG, athlete_id=athlete_id, start=MONDAY, weeks=2, now=T0
    )
    plan = queries.active_plan(session, athlete_id=athlete_id)
    assert plan is not None
    ids = {s.id: s.day for s in plan.sessions}
    assert {d.weekday() for d in ids.values()} == {0, 2, 4}
    todo = training.session_for(session, athlete_id=athlete_id, day=MONDAY)
    training.start(session, athlete_id=athlete_id, todo=todo, now=T0, guided=True)

    _add_runs(session, athlete_id, MONDAY - timedelta(weeks=6), 6)
    lines = fit_plan_to_runs(session, athlete_id=athlete_id, today=MONDAY)
    assert lines and lines[-1]
    session.expire_all()
    plan = queries.active_plan(session, athlete_id=athlete_id)
    assert plan is not None
    after = {s.id: s.day for s in plan.sessions}
    assert after[todo.planned_session_id] == MONDAY  # started: it stays where it was
    assert set(after) <= set(ids)
    assert {d.weekday() for i, d in after.items() if i != todo.planned_session_id} <= {1, 6}
    assert any("moves to" in e for e in plan.explanations)
    for s in plan.sessions:  # Tue is a running day now: strength before the run
        if s.id != todo.planned_session_id:
            assert (s.note == SHARED_DAY_NOTE) == (s.day.weekday() == 1)
    assert fit_plan_to_runs(session, athlete_id=athlete_id, today=MONDAY) == []


def test_a_session_moved_into_race_week_takes_race_week_volume(session: Session) -> None:
    race = MONDAY + timedelta(days=9)  # Wed of week 2: race week runs from Thu of week 1
    athlete_id = _runner(session, race=race)
    planning.make_plan(
        session, catalog=CATALOG, athlete_id=athlete_id, start=MONDAY, weeks=2, now=T0
    )
    wednesday = MONDAY + timedelta(days=2)
    plan = queries.active_plan(session, athlete_id=athlete_id)
    assert plan is not None
    moved = next(s for s in plan.sessions if s.day == wednesday)
    assert moved.week_kind == "build" and {p.sets for p in moved.prescriptions} == {2}
    _add_runs(session, athlete_id, MONDAY - timedelta(weeks=6), 6)
    assert fit_plan_to_runs(session, athlete_id=athlete_id, today=MONDAY)
    session.expire_all()
    moved = session.get_one(db.PlannedSession, moved.id)
    assert moved.day == MONDAY + timedelta(days=6)  # Sunday, inside race week
    assert moved.week_kind == "race"
    assert {p.sets for p in moved.prescriptions} == {1}  # half of 2, rounded up
    assert {p.working_sets for p in moved.prescriptions} == {2}


def test_calendar_times_are_in_the_runners_zone_across_a_clock_change(session: Session) -> None:
    athlete_id = _runner(session, zone="Europe/Berlin")
    start = date(2027, 3, 22)  # summer time starts on Sun 28 March 2027
    planning.make_plan(
        session, catalog=CATALOG, athlete_id=athlete_id, start=start, weeks=2, now=T0
    )
    ics = calendar_for(session, catalog=CATALOG, athlete_id=athlete_id, now=T0, at=time(6, 45))
    events = vobject.readOne(ics.decode()).vevent_list
    offsets = set()
    for event in events:
        begins = event.dtstart.value
        assert begins.time() == time(6, 45)
        offsets.add(begins.utcoffset())
    assert offsets == {timedelta(hours=1), timedelta(hours=2)}


def test_strength_adherence_sits_beside_each_week(session: Session) -> None:
    athlete_id = _runner(session)
    planning.make_plan(
        session, catalog=CATALOG, athlete_id=athlete_id, start=MONDAY, weeks=2, now=T0
    )
    plan = queries.active_plan(session, athlete_id=athlete_id)
    assert plan is not None
    first = plan.sessions[0]
    session.add(
        db.SessionLog(
            athlete_id=athlete_id, planned_session_id=first.id, started_at=T0, status="done"
        )
    )
    session.flush()
    weeks = strength_by_week(session, athlete_id=athlete_id)
    assert weeks == {MONDAY: (1, 3), MONDAY + timedelta(weeks=1): (0, 3)}


def test_todays_session_and_a_coachs_change_are_never_moved_or_dropped(session: Session) -> None:
    athlete_id = _runner(session)
    planning.make_plan(
        session, catalog=CATALOG, athlete_id=athlete_id, start=MONDAY, weeks=2, now=T0
    )
    plan = queries.active_plan(session, athlete_id=athlete_id)
    assert plan is not None
    wednesday, friday = MONDAY + timedelta(days=2), MONDAY + timedelta(days=4)
    by_day = {s.day: s for s in plan.sessions}
    by_day[friday].prescriptions[0].override_note = "Keep Friday: the track is shut Tuesday"
    ids = {s.id: s.day for s in plan.sessions}

    _add_runs(session, athlete_id, MONDAY - timedelta(weeks=6), 6)
    assert fit_plan_to_runs(session, athlete_id=athlete_id, today=wednesday)
    session.expire_all()
    plan = queries.active_plan(session, athlete_id=athlete_id)
    assert plan is not None
    after = {s.id: s.day for s in plan.sessions}
    assert after[by_day[wednesday].id] == wednesday  # today's, not started: kept for today
    assert after[by_day[friday].id] == friday  # the coach's change stays where it was
    assert set(after) <= set(ids) and any(after[i] != d for i, d in ids.items() if i in after)
