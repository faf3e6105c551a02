"""Web accounts: sign-up, passwords (argon2), one-time sign-in links, sessions, rate limits.

Everything lives in the database, so web workers keep no state. Tokens are handed out once
and stored only as their SHA-256. Keyword-only functions; the caller owns the session and
commits.
"""

from __future__ import annotations

import hashlib
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from hipstride.store import queries
from hipstride.store import tables as db

SESSION_LIFETIME = timedelta(days=30)
LINK_LIFETIME = timedelta(minutes=15)
FAILURE_WINDOW = timedelta(minutes=15)
MAX_FAILURES_PER_ACCOUNT = 5
MAX_FAILURES_PER_ADDRESS = 20
MIN_PASSWORD_LENGTH = 10

_hasher = PasswordHasher()  # stateless parameters only; no I/O at import


class AccountProblem(ValueError):
    """A sign-up or sign-in that cannot go ahead; the message is safe to show."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class TooManyAttempts(PermissionError):
    """Too many failed sign-ins lately, for this account or from this address."""


@dataclass(frozen=True)
class SignedIn:
    """A new browser session: the cookie value (shown once) and its CSRF token."""

    token: str
    csrf_token: str
    account_id: uuid.UUID


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def normalise_username(username: str) -> str:
    return username.strip().lower()


def hash_password(password: str) -> str:
    """argon2id with the library's current parameters (checked again at each sign-in)."""
    return _hasher.hash(password)


def create_account(
    session: Session,
    *,
    username: str,
    password: str | None,
    athlete_id: uuid.UUID | None,
    now: datetime,
    role: str = "runner",
) -> db.Account:
    """A new account; a runner without an athlete gets a new athlete of their own."""
    name = normalise_username(username)
    if not 3 <= len(name) <= 200:
        raise AccountProblem("Choose a name or email of 3 to 200 characters.", "username")
    if password is not None and len(password) < MIN_PASSWORD_LENGTH:
        raise AccountProblem(
            f"Choose a password of at least {MIN_PASSWORD_LENGTH} characters.", "password"
        )
    if session.scalar(select(db.Account.id).where(db.Account.username == name)) is not None:
        raise AccountProblem("That name is taken; choose another or sign in.", "username")
    if athlete_id is None:
        athlete = db.Athlete(name=name, created_at=now)
        session.add(athlete)
        session.flush()
        athlete_id = athlete.id
    account = db.Account(
        athlete_id=athlete_id,
        username=name,
        password_hash=_hasher.hash(password) if password is not None else None,
        role=role,
        created_at=now,
    )
    session.add(account)
    session.flush()
    return account


def local_account(session: Session, *, athlete_name: str, now: datetime) -> db.Account:
    """The account of the CLI's runner (created on first use), so CLI and web share data."""
    athlete = queries.get_or_create_athlete(session, name=athlete_name, now=now)
    account = session.scalars(
        select(db.Account)
        .where(db.Account.athlete_id == athlete.id)
        .order_by(db.Account.created_at)
    ).first()
    if account is not None:
        return account
    username = normalise_username(athlete_name)
    taken = session.scalar(select(db.Account.id).where(db.Account.username == username))
    if taken is not None:  # someone signed up with that name: keep theirs, suffix ours
        username = f"{username}-{athlete.id.hex[:6]}"
    return create_account(session, username=username, password=None, athlete_id=athlete.id, now=now)


def create_sign_in_link(session: Session, *, account_id: uuid.UUID, now: datetime) -> str:
    """A one-time token for ``/sign-in/TOKEN``, valid for ``LINK_LIFETIME``."""
    token = secrets.token_urlsafe(32)
    session.add(
        db.SignInLink(
            account_id=account_id,
            token_hash=token_hash(token),
            created_at=now,
            expires_at=now + LINK_LIFETIME,
        )
    )
    session.flush()
    return token


def redeem_sign_in_link(session: Session, *, token: str, now: datetime) -> SignedIn | None:
    """A session for the link's account, once; None when unknown, used or expired."""
    link = session.scalars(
        select(db.SignInLink).where(db.SignInLink.token_hash == token_hash(token))
    ).first()
    if link is None or link.used_at is not None or link.expires_at <= now:
        return None
    link.used_at = now
    return start_session(session, account_id=link.account_id, now=now)


def start_session(session: Session, *, account_id: uuid.UUID, now: datetime) -> SignedIn:
    token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    session.add(
        db.WebSession(
            account_id=account_id,
            token_hash=token_hash(token),
            csrf_token=csrf,
            created_at=now,
            expires_at=now + SESSION_LIFETIME,
        )
    )
    session.flush()
    return SignedIn(token, csrf, account_id)


def session_account(
    session: Session, *, token: str, now: datetime
) -> tuple[db.Account, db.WebSession] | None:
    """The account a session cookie belongs to, while the session lasts."""
    row = session.execute(
        select(db.Account, db.WebSession)
        .join(db.WebSession, db.WebSession.account_id == db.Account.id)
        .where(db.WebSession.token_hash == token_hash(token), db.WebSession.expires_at > now)
    ).first()
    return None if row is None else (row[0], row[1])


def end_session(session: Session, *, token: str) -> None:
    session.execute(delete(db.WebSession).where(db.WebSession.token_hash == token_hash(token)))


def _recent_failures(session: Session, where: object, now: datetime) -> int:
    query = select(func.count()).where(where, db.SignInFailure.at > now - FAILURE_WINDOW)  # type: ignore[arg-type]
    return session.scalar(query.select_from(db.SignInFailure)) or 0


def sign_in_with_password(
    session: Session, *, username: str, password: str, ip: str, now: datetime
) -> SignedIn | None:
    """A session when the password is right; None when not (and the failure is counted).

    Raises ``TooManyAttempts`` before checking anything once the account or the address has
    failed too often in the last ``FAILURE_WINDOW``.
    """
    account = session.scalars(
        select(db.Account).where(db.Account.username == normalise_username(username))
    ).first()
    if _recent_failures(session, db.SignInFailure.ip == ip, now) >= MAX_FAILURES_PER_ADDRESS or (
        account is not None
        and _recent_failures(session, db.SignInFailure.account_id == account.id, now)
        >= MAX_FAILURES_PER_ACCOUNT
    ):
        raise TooManyAttempts("Too many failed sign-ins. Wait 15 minutes and try again.")
    if account is not None and account.password_hash is not None:
        try:
            _hasher.verify(account.password_hash, password)
        except (VerificationError, InvalidHashError):
            pass
        else:
            if _hasher.check_needs_rehash(account.password_hash):
                account.password_hash = _hasher.hash(password)
            return start_session(session, account_id=account.id, now=now)
    session.add(db.SignInFailure(account_id=account.id if account else None, ip=ip[:64], at=now))
    session.flush()
    return None
