"""The services of the core loop on a real database: clearance, adapting, check-ins, equipment."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy.orm import Session

from hipstride.assess.bridge import BridgeSide
from hipstride.assess.squat import SquatMeasures
from hipstride.knowledge.catalog import load_catalog
from hipstride.plan.models import Experience, Profile
from hipstride.services import assessment, planning, runner, training
from hipstride.services.adapt import record_checkin
from hipstride.training.session import SetSlot

CATALOG = load_catalog()
MONDAY = date(2026, 11, 30)
T0 = datetime(2026, 11, 25, 8, 0, tzinfo=UTC)
NO = dict.fromkeys((q.id for q in CATALOG.pain_screen.questions), False)


def _runner(session: Session, *, equipment: set[str], squat_pain: int = 0) -> uuid.UUID:
    athlete = runner.athlete(session, name="ana", now=T0)
    profile = Profile(
        running_days=frozenset({1, 3, 5, 6}),
        long_run_day=6,
        hard_days=frozenset({3}),
        experience=Experience.NEW,
        equipment=frozenset(equipment),
        minutes_per_session=60,
        sessions_per_week=2,
    )
    runner.save_profile(session, athlete_id=athlete.id, profile=profile, now=T0)
    assessment.record_pain_screen(
        session, catalog=CATALOG, athlete_id=athlete.id, answers=NO, now=T0
    )
    assessment.record_squat(
        session,
        catalog=CATALOG,
        athlete_id=athlete.id,
        measures=SquatMeasures(True, pain=squat_pain),
        now=T0,
    )
    good = BridgeSide(35, pelvic_drop=False)
    assessment.record_bridge(
        session, catalog=CATALOG, athlete_id=athlete.id, left=good, right=good, now=T0
    )
    session.flush()
    return athlete.id


def _plan(session: Session, athlete_id: uuid.UUID, at: datetime = T0) -> None:
    planning.make_plan(
        session, catalog=CATALOG, athlete_id=athlete_id, start=MONDAY, weeks=4, now=at
    )


def _log(session: Session, athlete_id: uuid.UUID, day: date, *, top: bool, rir: int = 3) -> None:
    todo = training.session_for(session, athlete_id=athlete_id, day=day)

    def entry_for(slot: SetSlot) -> training.SetEntry:
        hold = slot.target_hold_seconds is not None
        reps = slot.prescription.reps_max if top else slot.target_reps
        return training.SetEntry(
            reps=None if hold else reps,
            held_seconds=slot.target_hold_seconds if hold else None,
            pain=1,
            reps_in_reserve=None if hold else rir,
        )

    logged = training.log_unguided(
        session, athlete_id=athlete_id, todo=todo, entry_for=entry_for, clock=lambda: T0
    )
    training.finish_session(
        session, catalog=CATALOG, athlete_id=athlete_id, session_log_id=logged.session_log_id,
        now=T0,
    )  # fmt: skip


def _clamshell(session: Session, athlete_id: uuid.UUID, day: date) -> tuple[str, int]:
    todo = training.session_for(session, athlete_id=athlete_id, day=day)
    rx = next(p for p in todo.items if p.family_id == "clamshell")
    return rx.step_id, rx.sets


def test_a_clinicians_clearance_after_a_painful_test_gives_a_real_plan(session: Session) -> None:
    athlete_id = _runner(session, equipment={"mat", "chair", "mini-band-light"}, squat_pain=4)
    with pytest.raises(assessment.NotCleared):
        _plan(session, athlete_id)
    assessment.record_clearance(
        session, athlete_id=athlete_id, cleared_by="Dr Rivera", now=T0 + timedelta(days=1)
    )
    _plan(session, athlete_id, T0 + timedelta(days=1))
    todo = training.session_for(session, athlete_id=athlete_id, day=MONDAY)
    assert todo.items and todo.left


def test_a_week_with_no_room_keeps_the_active_plan(session: Session) -> None:
    athlete_id = _runner(session, equipment={"mat", "chair"})
    _plan(session, athlete_id)
    every_day_hard = Profile(running_days=frozenset(range(7)), hard_days=frozenset(range(7)))
    runner.save_profile(session, athlete_id=athlete_id, profile=every_day_hard, now=T0)
    with pytest.raises(planning.EmptyPlan):
        _plan(session, athlete_id, T0 + timedelta(hours=1))
    assert training.session_for(session, athlete_id=athlete_id, day=MONDAY).items


def test_a_late_checkin_keeps_progress_already_earned(session: Session) -> None:
    athlete_id = _runner(session, equipment={"mat", "chair", "mini-band-light"})
    _plan(session, athlete_id)
    _log(session, athlete_id, MONDAY, top=True)
    friday = MONDAY + timedelta(days=4)
    _log(session, athlete_id, friday, top=True)
    next_monday = MONDAY + timedelta(days=7)
    earned = _clamshell(session, athlete_id, next_monday)
    assert earned == ("banded-clamshell", 2)
    record_checkin(
        session, catalog=CATALOG, athlete_id=athlete_id, day=MONDAY + timedelta(days=1), pain=0,
        note=None,
    )  # fmt: skip
    assert _clamshell(session, athlete_id, next_monday) == earned
    friday_done = training.session_for(session, athlete_id=athlete_id, day=friday)
    assert next(p for p in friday_done.items if p.family_id == "clamshell").step_id == "clamshell"


def test_progression_stays_on_the_steps_the_runners_equipment_allows(session: Session) -> None:
    athlete_id = _runner(session, equipment={"mat", "chair"})
    _plan(session, athlete_id)
    _log(session, athlete_id, MONDAY, top=True)
    _log(session, athlete_id, MONDAY + timedelta(days=4), top=True)
    step, _ = _clamshell(session, athlete_id, MONDAY + timedelta(days=7))
    assert step == "clamshell"  # the banded clamshell needs a band this runner does not own


def test_reps_rise_before_sets_when_the_runner_does_the_prescribed_reps(session: Session) -> None:
    athlete_id = _runner(session, equipment={"mat", "chair", "mini-band-light"})
    _plan(session, athlete_id)
    _log(session, athlete_id, MONDAY, top=False)
    todo = training.session_for(session, athlete_id=athlete_id, day=MONDAY + timedelta(days=4))
    rx = next(p for p in todo.items if p.family_id == "clamshell")
    assert (rx.step_id, rx.sets, rx.reps_min) == ("clamshell", 2, 12)


def test_a_test_taken_late_in_the_evening_is_dated_in_the_runners_time_zone(
    session: Session,
) -> None:
    athlete = runner.athlete(session, name="bo", now=T0)
    athlete.time_zone = "America/Los_Angeles"
    session.flush()
    late_evening = datetime(2026, 11, 25, 6, 30, tzinfo=UTC)  # 22:30 on the 24th in Los Angeles
    assert runner.local_date(session, athlete_id=athlete.id, moment=late_evening) == date(
        2026, 11, 24
    )
