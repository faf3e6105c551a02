"""Coaching, access tokens and user administration on SQLite and PostgreSQL."""

from __future__ import annotations

import itertools
import json
import uuid
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from hipstride.services import (
    accounts,
    assessment,
    calendar,
    coach_view,
    coaching,
    data,
    tokens,
    training,
    users,
)
from hipstride.services.accounts import AccountProblem
from hipstride.services.assessment import require_clearance
from hipstride.services.progress import progress
from hipstride.store import tables as db
from hipstride.store.engine import make_engine, make_sessionmaker, migrate
from hipstride.training.alerts import AlertKind
from hipstride.training.session import SetSlot
from tests.integration.test_services_loop import CATALOG, MONDAY, T0, _plan, _runner

NOW = datetime.combine(MONDAY, datetime.min.time(), tzinfo=T0.tzinfo) + timedelta(hours=7)


def _coach(session: Session, name: str = "coach@example.org") -> db.Account:
    return accounts.create_account(
        session, username=name, password=None, athlete_id=None, now=T0, role="coach"
    )


def _runner_account(session: Session) -> db.Account:
    athlete_id = _runner(session, equipment={"mat", "chair", "mini-band-light"})
    _plan(session, athlete_id)
    return accounts.create_account(
        session, username="ana@example.org", password=None, athlete_id=athlete_id, now=T0
    )


def _linked(session: Session) -> tuple[db.Account, db.Account, db.CoachLink]:
    coach, runner = _coach(session), _runner_account(session)
    made = coaching.create_invitation(session, coach=coach, now=T0)
    link = coaching.accept_invitation(session, code=made.code, runner=runner, now=T0)
    return coach, runner, link


def _days(session: Session, athlete_id: uuid.UUID) -> list[date]:
    plan = coaching.queries.active_plan(session, athlete_id=athlete_id)
    assert plan is not None
    return [s.day for s in plan.sessions]


def _train(
    session: Session, athlete_id: uuid.UUID, day: date, pains: list[int], *, finish: bool = True
) -> None:
    """Log every set of the day's session, pains in order (the last one repeats)."""
    todo = training.session_for(session, athlete_id=athlete_id, day=day)
    pain = itertools.chain(pains, itertools.repeat(pains[-1]))
    moments = (
        datetime.combine(day, datetime.min.time(), T0.tzinfo) + timedelta(minutes=i)
        for i in itertools.count(7 * 60)
    )

    def entry(slot: SetSlot) -> training.SetEntry:
        hold = slot.target_hold_seconds is not None
        return training.SetEntry(
            reps=None if hold else slot.target_reps,
            held_seconds=slot.target_hold_seconds if hold else None,
            pain=next(pain),
            reps_in_reserve=None if hold else 3,
        )

    logged = training.log_unguided(
        session, athlete_id=athlete_id, todo=todo, entry_for=entry, clock=lambda: next(moments)
    )
    if finish:
        training.finish_session(
            session, catalog=CATALOG, athlete_id=athlete_id, session_log_id=logged.session_log_id,
            now=NOW,
        )  # fmt: skip


def _summary(session: Session, link: db.CoachLink, today: date) -> coach_view.RunnerSummary:
    now = datetime.combine(today, datetime.min.time(), T0.tzinfo) + timedelta(hours=20)
    return coach_view.summary(session, catalog=CATALOG, link=link, name="ana", now=now)


def test_an_invitation_links_once_and_either_side_can_end_the_link(session: Session) -> None:
    coach, runner = _coach(session), _runner_account(session)
    made = coaching.create_invitation(session, coach=coach, now=T0)
    assert made.expires_at == T0 + coaching.INVITATION_LIFETIME
    stored = session.scalars(select(db.CoachInvitation)).one()
    assert stored.code_hash == accounts.token_hash(made.code) and made.code not in stored.code_hash
    typed = made.code.lower().replace("-", " ")  # read out over the phone
    link = coaching.accept_invitation(session, code=typed, runner=runner, now=T0)
    assert coaching.is_linked(session, coach=coach, athlete_id=runner.athlete_id)
    session.refresh(stored)
    assert (stored.used_at, stored.used_by_athlete_id) == (T0, runner.athlete_id)
    with pytest.raises(coaching.NotFound):
        coaching.accept_invitation(session, code=made.code, runner=runner, now=T0)
    assert [name for _, name in coaching.coaches_of(session, athlete_id=runner.athlete_id)] == [
        "coach@example.org"
    ]
    assert [name for _, name in coaching.runners_of(session, coach_account_id=coach.id)] == ["ana"]
    coaching.revoke_link(session, link_id=link.id, account=runner, now=T0)
    assert not coaching.is_linked(session, coach=coach, athlete_id=runner.athlete_id)
    assert session.get_one(db.CoachLink, link.id).revoked_at == T0  # kept for the record
    with pytest.raises(coaching.NotFound):
        coaching.revoke_link(session, link_id=link.id, account=runner, now=T0)


def test_invitations_are_for_coaches_expire_and_are_not_for_coaches_to_accept(
    session: Session,
) -> None:
    coach, runner = _coach(session), _runner_account(session)
    with pytest.raises(coaching.CoachingProblem, match="Only a coach"):
        coaching.create_invitation(session, coach=runner, now=T0)
    made = coaching.create_invitation(session, coach=coach, now=T0)
    other_coach = _coach(session, "other@example.org")
    with pytest.raises(coaching.CoachingProblem, match="cannot be coached"):
        coaching.accept_invitation(session, code=made.code, runner=other_coach, now=T0)
    late = T0 + coaching.INVITATION_LIFETIME
    with pytest.raises(coaching.NotFound):
        coaching.accept_invitation(session, code=made.code, runner=runner, now=late)
    with pytest.raises(coaching.NotFound):
        coaching.open_invitation(session, code="AAAA-BBBB", now=T0)


def test_a_stranger_cannot_end_someone_elses_link(session: Session) -> None:
    _, _, link = _linked(session)
    stranger = _coach(session, "stranger@example.org")
    with pytest.raises(coaching.NotFound):
        coaching.revoke_link(session, link_id=link.id, account=stranger, now=T0)


def test_an_override_holds_through_adaptation_and_the_runner_reads_the_note(
    session: Session,
) -> None:
    coach, runner, _ = _linked(session)
    athlete_id = runner.athlete_id
    first, second, third = _days(session, athlete_id)[:3]
    change = coaching.OverrideRequest(
        day=second, position=0, note="Go easy after the race", sets=1, reps_min=6, reps_max=8
    )
    row = coaching.override_prescription(
        session, catalog=CATALOG, athlete_id=athlete_id, coach=coach, request=change
    )
    assert (row.sets, row.reps_min, row.reps_max) == (1, 6, 8)
    assert row.override_by == "coach@example.org"
    assert row.note == "Set by coach@example.org: Go easy after the race"
    untouched = next(
        p
        for s in row.planned_session.plan.sessions
        if s.day == third
        for p in s.prescriptions
        if p.position == 0
    )
    before = (untouched.sets, untouched.reps_min, untouched.note)
    _train(session, athlete_id, first, [1])  # finishing adapts the sessions to come
    session.refresh(row)
    assert (row.sets, row.reps_min, row.reps_max) == (1, 6, 8)
    assert row.override_note == "Go easy after the race"
    session.refresh(untouched)
    assert (untouched.sets, untouched.reps_min, untouched.note) != before
    todo = training.session_for(session, athlete_id=athlete_id, day=second)
    assert todo.items[0].note == "coach@example.org: Go easy after the race"
    assert todo.items[0].dose == "1 × 6-8" + (" per side" if todo.items[0].one_side else "")


def test_an_override_is_refused_for_a_started_session_a_foreign_step_or_no_note(
    session: Session,
) -> None:
    coach, runner, _ = _linked(session)
    athlete_id = runner.athlete_id
    first, second = _days(session, athlete_id)[:2]
    _train(session, athlete_id, first, [1], finish=False)

    def override(**fields: object) -> None:
        request = coaching.OverrideRequest(**({"day": second, "position": 0, "note": "x"} | fields))  # type: ignore[arg-type]
        coaching.override_prescription(
            session, catalog=CATALOG, athlete_id=athlete_id, coach=coach, request=request
        )

    with pytest.raises(coaching.CoachingProblem, match="started"):
        override(day=first)
    with pytest.raises(coaching.CoachingProblem, match="ladder") as bad_step:
        override(step_id="no-such-step")
    assert bad_step.value.field == "step_id"
    with pytest.raises(coaching.CoachingProblem, match="note"):
        override(note="   ")
    with pytest.raises(coaching.CoachingProblem, match="lowest first"):
        override(reps_min=12, reps_max=8)
    with pytest.raises(coaching.NotFound):
        override(day=second - timedelta(days=1))
    with pytest.raises(coaching.NotFound):
        override(position=99)


def test_high_pain_alerts_the_coach_until_the_coach_clears_the_runner(session: Session) -> None:
    coach, runner, link = _linked(session)
    athlete_id = runner.athlete_id
    first = _days(session, athlete_id)[0]
    assert _summary(session, link, first).alerts == []
    _train(session, athlete_id, first, [2, 8, 0])  # one exercise carried on: not twice
    alerts = _summary(session, link, first).alerts
    assert [a.kind for a in alerts] == [AlertKind.HIGH_PAIN]
    assert alerts[0].message.startswith("Pain 8/10 in a set of")
    later = datetime.combine(first, datetime.min.time(), T0.tzinfo) + timedelta(hours=21)
    coaching.clear_to_train(session, athlete_id=athlete_id, coach=coach, note="seen", now=later)
    assert _summary(session, link, first + timedelta(days=1)).alerts == []
    clearance = coaching.queries.latest_clearance(session, athlete_id=athlete_id)
    assert clearance is not None
    assert (clearance.cleared_by, clearance.kind, clearance.note) == (
        "coach@example.org",
        "clinician",
        "seen",
    )
    assert require_clearance(session, athlete_id=athlete_id) is False  # clean screen: no hold


def test_carrying_on_after_pain_above_5_twice_and_five_idle_days_alert(session: Session) -> None:
    _, runner, link = _linked(session)
    athlete_id = runner.athlete_id
    first, second = _days(session, athlete_id)[:2]
    _train(session, athlete_id, first, [6, 1])  # pain 6 then carried on
    assert [a.kind for a in _summary(session, link, first).alerts] == []
    _train(session, athlete_id, second, [6, 1])
    found = _summary(session, link, second).alerts
    assert [a.kind for a in found] == [AlertKind.PAIN_RULE]
    assert found[0].message.startswith("Carried on after pain above 5/10 2 times")
    idle_day = second + timedelta(days=5)
    summary = _summary(session, link, idle_day)
    assert summary.days_since_session == 5 and summary.last_session == second
    assert [a.kind for a in summary.alerts][-1] is AlertKind.IDLE
    assert summary.alerts[-1].message == "No session for 5 days."
    assert summary.adherence is not None and 0 < summary.adherence < 1
    counted = progress(session, catalog=CATALOG, athlete_id=athlete_id, today=idle_day)
    assert summary.adherence == counted.adherence  # the runner's Progress page says the same


def test_a_token_is_kept_as_its_hash_noted_when_used_and_refused_once_revoked(
    session: Session,
) -> None:
    account = _coach(session)
    made = tokens.create_token(session, account_id=account.id, name="  nightly  backup ", now=T0)
    assert made.token.startswith("hs_") and made.row.name == "nightly backup"
    assert made.row.token_hash == accounts.token_hash(made.token)
    later = T0 + timedelta(hours=1)
    found = tokens.token_account(session, token=made.token, now=later)
    assert found is not None and found.id == account.id and made.row.last_used_at == later
    assert tokens.token_account(session, token=made.token + "x", now=later) is None
    stranger = _coach(session, "stranger@example.org")
    assert not tokens.revoke_token(session, account_id=stranger.id, token_id=made.row.id, now=T0)
    assert tokens.revoke_token(session, account_id=account.id, token_id=made.row.id, now=T0)
    assert tokens.token_account(session, token=made.token, now=later) is None
    with pytest.raises(tokens.TokenProblem):
        tokens.create_token(session, account_id=account.id, name=" ", now=T0)


def test_a_password_reset_signs_the_user_out_everywhere(session: Session) -> None:
    account = users.create_user(
        session, username="Coach@Example.org", role="coach", password="first password", now=T0
    )
    signed = accounts.start_session(session, account_id=account.id, now=T0)
    token = tokens.create_token(session, account_id=account.id, name="script", now=T0).token
    feed = calendar.create_feed(session, athlete_id=account.athlete_id, now=T0).token
    users.reset_password(session, username="coach@example.org", password="second password", now=T0)
    assert accounts.session_account(session, token=signed.token, now=T0) is None
    assert tokens.token_account(session, token=token, now=T0) is None
    assert calendar.feed_athlete(session, token=feed, now=T0) is None
    assert accounts.sign_in_with_password(
        session, username="coach@example.org", password="second password", ip="x", now=T0
    )
    with pytest.raises(AccountProblem, match="at least"):
        users.reset_password(session, username="coach@example.org", password="short", now=T0)
    with pytest.raises(AccountProblem, match="No user"):
        users.reset_password(session, username="nobody", password="long enough password", now=T0)
    with pytest.raises(AccountProblem, match="Role"):
        users.create_user(session, username="x@y.z", role="admin", password=None, now=T0)
    assert [(u.username, u.role, u.has_password) for u in users.list_users(session)] == [
        ("coach@example.org", "coach", True)
    ]


def test_an_export_keeps_the_reminder_and_leaves_links_and_tokens_to_this_database(
    session: Session, tmp_path: Path
) -> None:
    _, runner, _ = _linked(session)
    tokens.create_token(session, account_id=runner.id, name="x", now=T0)
    session.get_one(db.Athlete, runner.athlete_id).reminder_time = time(7, 30)
    session.flush()
    document = json.loads(
        json.dumps(data.export_athlete(session, athlete_id=runner.athlete_id, now=T0))
    )
    assert document["athlete"]["reminder_time"] == "07:30"
    text = json.dumps(document)
    assert "coach_links" not in text and "access_tokens" not in text and "hs_" not in text
    target = make_engine(f"sqlite:///{tmp_path / 'restored.db'}")
    migrate(target)
    with make_sessionmaker(target)() as restored, restored.begin():
        data.import_athlete(restored, document=document)
    with make_sessionmaker(target)() as restored:
        assert restored.scalars(select(db.Athlete.reminder_time)).one() == time(7, 30)
        assert restored.scalars(select(db.CoachLink)).all() == []
    target.dispose()


def test_a_runner_on_hold_after_a_red_flag_trains_again_once_the_coach_clears_them(
    session: Session,
) -> None:
    coach, runner, link = _linked(session)
    flagged = dict.fromkeys((q.id for q in CATALOG.pain_screen.questions), False)
    flagged[next(iter(flagged))] = True
    later = T0 + timedelta(days=1)
    assessment.record_pain_screen(
        session, catalog=CATALOG, athlete_id=runner.athlete_id, answers=flagged, now=later
    )
    assert _summary(session, link, MONDAY).on_hold
    with pytest.raises(assessment.NotCleared):
        require_clearance(session, athlete_id=runner.athlete_id)
    coaching.clear_to_train(
        session,
        athlete_id=runner.athlete_id,
        coach=coach,
        note=None,
        now=later + timedelta(hours=1),
    )
    assert not _summary(session, link, MONDAY).on_hold
    assert require_clearance(session, athlete_id=runner.athlete_id) is True


def test_the_coach_sees_the_runners_days_in_the_runners_time_zone(session: Session) -> None:
    _, runner, link = _linked(session)
    session.get_one(db.Athlete, runner.athlete_id).time_zone = "Pacific/Auckland"
    first = _days(session, runner.athlete_id)[0]
    _train(session, runner.athlete_id, first, [1])  # 07:00 UTC is 20:00 in Auckland
    late = datetime.combine(first, datetime.min.time(), T0.tzinfo) + timedelta(hours=12)
    summary = coach_view.summary(session, catalog=CATALOG, link=link, name="ana", now=late)
    assert summary.last_session == first and summary.days_since_session == 1  # 01:00 next day
