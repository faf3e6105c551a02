"""Personal access tokens: how a script reaches the API without a browser.

A token is shown once, when made; only its SHA-256 is kept, so a copy of the database lets
no one in. Revoking keeps the row (and when it was last used) for the record.
"""

from __future__ import annotations

import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from hipstride.services.accounts import token_hash
from hipstride.store import tables as db

PREFIX = "hs_"  # lets secret scanners and people recognise a hipstride token
MAX_NAME = 100
MAX_TOKENS = 50


class TokenProblem(ValueError):
    """A token that cannot be made; the message is safe to show."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class NewToken:
    """The row, and the token itself: the only time it is seen."""

    row: db.AccessToken
    token: str


def create_token(session: Session, *, account_id: uuid.UUID, name: str, now: datetime) -> NewToken:
    label = " ".join(name.split())
    if not 1 <= len(label) <= MAX_NAME:
        raise TokenProblem(
            f"Name the token (1 to {MAX_NAME} characters), e.g. the script that uses it.", "name"
        )
    live = [t for t in list_tokens(session, account_id=account_id) if t.revoked_at is None]
    if len(live) >= MAX_TOKENS:
        raise TokenProblem(f"You have {MAX_TOKENS} tokens already: revoke one you no longer use.")
    token = PREFIX + secrets.token_urlsafe(32)
    row = db.AccessToken(
        account_id=account_id, name=label, token_hash=token_hash(token), created_at=now
    )
    session.add(row)
    session.flush()
    return NewToken(row, token)


def list_tokens(session: Session, *, account_id: uuid.UUID) -> list[db.AccessToken]:
    """The account's tokens, newest first, revoked ones included."""
    return list(
        session.scalars(
            select(db.AccessToken)
            .where(db.AccessToken.account_id == account_id)
            .order_by(db.AccessToken.created_at.desc(), db.AccessToken.name)
        )
    )


def revoke_token(
    session: Session, *, account_id: uuid.UUID, token_id: uuid.UUID, now: datetime
) -> bool:
    """Revoke one of the account's own tokens; False when it has no such token."""
    row = session.get(db.AccessToken, token_id)
    if row is None or row.account_id != account_id:
        return False
    if row.revoked_at is None:
        row.revoked_at = now
    return True


def token_account(session: Session, *, token: str, now: datetime) -> db.Account | None:
    """The account a live token belongs to (noting its use), or None."""
    if not token.startswith(PREFIX):
        return None
    row = session.execute(
        select(db.AccessToken, db.Account)
        .join(db.Account, db.AccessToken.account_id == db.Account.id)
        .where(db.AccessToken.token_hash == token_hash(token), db.AccessToken.revoked_at.is_(None))
    ).first()
    if row is None:
        return None
    token_row, account = row[0], row[1]
    token_row.last_used_at = now
    return account
