"""User administration for whoever runs the server: make accounts, reset a password, list.

A reset ends the account's browser sessions and unused sign-in links and revokes its access
tokens and calendar links, so a leaked password, cookie or token stops working at once.
The caller owns the session and commits.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from hipstride.services.accounts import (
    MIN_PASSWORD_LENGTH,
    AccountProblem,
    create_account,
    hash_password,
    normalise_username,
)
from hipstride.store import tables as db


@dataclass(frozen=True)
class UserLine:
    username: str
    role: str
    created_at: datetime
    has_password: bool
    linked: int  # runners for a coach, coaches for a runner


def create_user(
    session: Session, *, username: str, role: str, password: str | None, now: datetime
) -> db.Account:
    if role not in db.ROLES:
        raise AccountProblem(f"Role must be one of: {', '.join(db.ROLES)}.", "role")
    return create_account(
        session, username=username, password=password, athlete_id=None, now=now, role=role
    )


def reset_password(session: Session, *, username: str, password: str, now: datetime) -> db.Account:
    account = session.scalars(
        select(db.Account).where(db.Account.username == normalise_username(username))
    ).first()
    if account is None:
        raise AccountProblem(f"No user named {username!r}: see `hipstride user list`.", "username")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountProblem(
            f"Choose a password of at least {MIN_PASSWORD_LENGTH} characters.", "password"
        )
    account.password_hash = hash_password(password)
    session.execute(delete(db.WebSession).where(db.WebSession.account_id == account.id))
    session.execute(
        delete(db.SignInLink).where(
            db.SignInLink.account_id == account.id, db.SignInLink.used_at.is_(None)
        )
    )
    session.execute(delete(db.SignInFailure).where(db.SignInFailure.account_id == account.id))
    session.execute(
        update(db.AccessToken)
        .where(db.AccessToken.account_id == account.id, db.AccessToken.revoked_at.is_(None))
        .values(revoked_at=now)
    )
    session.execute(
        update(db.CalendarFeed)
        .where(
            db.CalendarFeed.athlete_id == account.athlete_id,
            db.CalendarFeed.revoked_at.is_(None),
        )
        .values(revoked_at=now)
    )
    return account


def list_users(session: Session) -> list[UserLine]:
    live = db.CoachLink.revoked_at.is_(None)
    as_coach = (
        select(func.count())
        .where(db.CoachLink.coach_account_id == db.Account.id, live)
        .scalar_subquery()
    )
    as_runner = (
        select(func.count())
        .where(db.CoachLink.athlete_id == db.Account.athlete_id, live)
        .scalar_subquery()
    )
    rows = session.execute(
        select(db.Account, as_coach, as_runner).order_by(db.Account.username)
    ).all()
    return [
        UserLine(
            a.username,
            a.role,
            a.created_at,
            a.password_hash is not None,
            coached if a.role == "coach" else coaches,
        )
        for a, coached, coaches in rows
    ]
