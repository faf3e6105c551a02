"""Coaching: invitations, the links they make, and what a coach may do for a linked runner.

A coach sees a runner only through a live link that the runner accepted from the coach's
invitation; the runner (or the coach) can end it. Invitation codes are kept only as their
SHA-256, like every other secret. Keyword-only functions; the caller commits.
"""

from __future__ import annotations

import secrets
import uuid
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from hipstride.knowledge.catalog import Catalog
from hipstride.plan import models as core
from hipstride.plan.dose import MAX_SETS, prescription_for
from hipstride.plan.progression import apply_override
from hipstride.services.accounts import token_hash
from hipstride.services.assessment import record_clearance
from hipstride.services.convert import prescription_fields, prescription_to_core
from hipstride.store import queries
from hipstride.store import tables as db

INVITATION_LIFETIME = timedelta(days=7)
MAX_NOTE = 1000


class CoachingProblem(ValueError):
    """A coaching request that cannot go ahead; the message is safe to show."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class NotFound(LookupError):
    """No such invitation, link, session or exercise (for this account)."""


@dataclass(frozen=True)
class NewInvitation:
    """The code is shown once, to the coach who hands it on."""

    code: str
    expires_at: datetime


def _code() -> str:
    """Eight groups of 4 letters and digits: easy to read out, too many to guess."""
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    raw = "".join(secrets.choice(alphabet) for _ in range(32))
    return "-".join(raw[i : i + 4] for i in range(0, 32, 4))


def normalise_code(code: str) -> str:
    """What the runner typed, in the form it was handed out (case and spaces forgiven)."""
    raw = "".join(ch for ch in code.upper() if ch.isalnum())
    return "-".join(raw[i : i + 4] for i in range(0, len(raw), 4))


def create_invitation(session: Session, *, coach: db.Account, now: datetime) -> NewInvitation:
    if coach.role != "coach":
        raise CoachingProblem("Only a coach account can invite runners.")
    code = _code()
    expires = now + INVITATION_LIFETIME
    session.add(
        db.CoachInvitation(
            coach_account_id=coach.id,
            code_hash=token_hash(code),
            created_at=now,
            expires_at=expires,
        )
    )
    session.flush()
    return NewInvitation(code, expires)


def _open(session: Session, code: str, now: datetime) -> tuple[db.CoachInvitation, db.Account]:
    row = session.execute(
        select(db.CoachInvitation, db.Account)
        .join(db.Account, db.CoachInvitation.coach_account_id == db.Account.id)
        .where(db.CoachInvitation.code_hash == token_hash(normalise_code(code)))
    ).first()
    if row is None or row[0].used_at is not None or row[0].expires_at <= now:
        raise NotFound("This invitation was used already, has expired or does not exist.")
    return row[0], row[1]


def open_invitation(session: Session, *, code: str, now: datetime) -> db.Account:
    """The inviting coach of an unused, unexpired invitation; ``NotFound`` otherwise."""
    return _open(session, code, now)[1]


def accept_invitation(
    session: Session, *, code: str, runner: db.Account, now: datetime
) -> db.CoachLink:
    """Link the runner to the inviting coach, once per code; an existing link is kept."""
    invitation, coach = _open(session, code, now)
    if runner.role != "runner":
        raise CoachingProblem("A coach account cannot be coached: sign in as the runner.")
    claimed = session.execute(  # one UPDATE: of two runners racing with one code, one wins
        update(db.CoachInvitation)
        .where(db.CoachInvitation.id == invitation.id, db.CoachInvitation.used_at.is_(None))
        .values(used_at=now, used_by_athlete_id=runner.athlete_id)
        .execution_options(synchronize_session="fetch")
    )
    if getattr(claimed, "rowcount", 0) != 1:
        raise NotFound("This invitation was used already, has expired or does not exist.")
    link = live_link(session, coach_account_id=coach.id, athlete_id=runner.athlete_id)
    if link is None:
        link = db.CoachLink(coach_account_id=coach.id, athlete_id=runner.athlete_id, created_at=now)
        session.add(link)
        session.flush()
    return link


def live_link(
    session: Session, *, coach_account_id: uuid.UUID, athlete_id: uuid.UUID
) -> db.CoachLink | None:
    return session.scalars(
        select(db.CoachLink).where(
            db.CoachLink.coach_account_id == coach_account_id,
            db.CoachLink.athlete_id == athlete_id,
            db.CoachLink.revoked_at.is_(None),
        )
    ).first()


def is_linked(session: Session, *, coach: db.Account, athlete_id: uuid.UUID) -> bool:
    """Whether ``coach`` may see this athlete now: a coach account with a live link."""
    return (
        coach.role == "coach"
        and live_link(session, coach_account_id=coach.id, athlete_id=athlete_id) is not None
    )


def runners_of(session: Session, *, coach_account_id: uuid.UUID) -> list[tuple[db.CoachLink, str]]:
    """The coach's live links with each runner's name, oldest link first."""
    rows = session.execute(
        select(db.CoachLink, db.Athlete.name)
        .join(db.Athlete, db.CoachLink.athlete_id == db.Athlete.id)
        .where(db.CoachLink.coach_account_id == coach_account_id, db.CoachLink.revoked_at.is_(None))
        .order_by(db.CoachLink.created_at)
    ).all()
    return [(link, name) for link, name in rows]


def coaches_of(session: Session, *, athlete_id: uuid.UUID) -> list[tuple[db.CoachLink, str]]:
    """The runner's live links with each coach's name, oldest first."""
    rows = session.execute(
        select(db.CoachLink, db.Account.username)
        .join(db.Account, db.CoachLink.coach_account_id == db.Account.id)
        .where(db.CoachLink.athlete_id == athlete_id, db.CoachLink.revoked_at.is_(None))
        .order_by(db.CoachLink.created_at)
    ).all()
    return [(link, name) for link, name in rows]


def coach_name(session: Session, *, link: db.CoachLink) -> str:
    return session.get_one(db.Account, link.coach_account_id).username


def revoke_link(
    session: Session, *, link_id: uuid.UUID, account: db.Account, now: datetime
) -> db.CoachLink:
    """End a link: the runner's to stop sharing, or the coach's to stop coaching."""
    link = session.get(db.CoachLink, link_id)
    if (
        link is None
        or link.revoked_at is not None
        or (link.athlete_id != account.athlete_id and link.coach_account_id != account.id)
        or (account.role == "coach" and link.coach_account_id != account.id)
    ):
        raise NotFound("No such coach link.")
    link.revoked_at = now
    return link


def clear_to_train(
    session: Session, *, athlete_id: uuid.UUID, coach: db.Account, note: str | None, now: datetime
) -> None:
    """The coach or physio records that the runner may train again (kept with their name)."""
    text = (note or "").strip() or None
    if text is not None and len(text) > MAX_NOTE:
        raise CoachingProblem(f"Keep the note under {MAX_NOTE} characters.", "note")
    record_clearance(session, athlete_id=athlete_id, cleared_by=coach.username, now=now, note=text)
    session.flush()


@dataclass(frozen=True)
class OverrideRequest:
    """What a coach changes in one exercise of one planned session; None keeps it."""

    day: date
    position: int
    note: str
    step_id: str | None = None
    sets: int | None = None
    reps_min: int | None = None
    reps_max: int | None = None
    hold_seconds: int | None = None


def _dose(target: db.Prescription, request: OverrideRequest, catalog: Catalog) -> core.Prescription:
    current = prescription_to_core(target)
    chosen = current
    if request.step_id and request.step_id != target.step_id:
        ladder = catalog.ladders.get(target.family_id, ())
        step = next((s for s in ladder if s.id == request.step_id), None)
        if step is None:
            raise CoachingProblem(
                f"{request.step_id!r} is not a step of this exercise's ladder.", "step_id"
            )
        chosen = prescription_for(step, sets=current.sets)
        # A form sends the old step's dose fields: keep only those the new step takes.
        if chosen.hold_seconds is None:
            request = replace(request, hold_seconds=None)
        else:
            request = replace(request, reps_min=None, reps_max=None)
    if request.sets is not None:
        if not 1 <= request.sets <= MAX_SETS + 2:
            raise CoachingProblem(f"Sets must be 1 to {MAX_SETS + 2}.", "sets")
        chosen = replace(chosen, sets=request.sets)
    if chosen.hold_seconds is not None:
        if request.reps_min is not None or request.reps_max is not None:
            raise CoachingProblem("This step is a hold: give seconds, not reps.", "reps_min")
        if request.hold_seconds is not None:
            if not 5 <= request.hold_seconds <= 300:
                raise CoachingProblem("Hold for 5 to 300 seconds.", "hold_seconds")
            chosen = replace(chosen, hold_seconds=request.hold_seconds)
    else:
        if request.hold_seconds is not None:
            raise CoachingProblem(
                "This step is done in reps: give reps, not seconds.", "hold_seconds"
            )
        low = request.reps_min if request.reps_min is not None else chosen.reps_min
        high = request.reps_max if request.reps_max is not None else chosen.reps_max
        if low is None or high is None or not 1 <= low <= high <= 100:
            raise CoachingProblem("Reps must be 1 to 100, the lowest first.", "reps_min")
        chosen = replace(chosen, reps_min=low, reps_max=high)
    return chosen


def override_prescription(
    session: Session,
    *,
    catalog: Catalog,
    athlete_id: uuid.UUID,
    coach: db.Account,
    request: OverrideRequest,
) -> db.Prescription:
    """Replace one exercise of a session not yet started; adaptation leaves it as set."""
    note = " ".join(request.note.split())
    if not 1 <= len(note) <= MAX_NOTE:
        raise CoachingProblem(
            f"Say why in a note the runner will read (1 to {MAX_NOTE} characters).", "note"
        )
    plan = queries.active_plan(session, athlete_id=athlete_id)
    planned = next((s for s in plan.sessions if s.day == request.day), None) if plan else None
    if planned is None:
        raise NotFound(f"No session is planned on {request.day.isoformat()}.")
    target = next((p for p in planned.prescriptions if p.position == request.position), None)
    if target is None:
        raise NotFound(f"That session has no exercise at position {request.position}.")
    started = session.scalar(
        select(db.SessionLog.id).where(db.SessionLog.planned_session_id == planned.id).limit(1)
    )
    if started is not None:
        raise CoachingProblem(
            "The runner has started this session already: change a later one.", "day"
        )
    current = prescription_to_core(target)
    chosen = _dose(target, request, catalog)
    decision = apply_override(current, chosen, by=coach.username, reason=note)
    for key, value in prescription_fields(decision.prescription, decision.working).items():
        setattr(target, key, value)
    target.override_note = note
    target.override_by = coach.username
    session.flush()
    return target
