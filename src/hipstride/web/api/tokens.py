"""Personal access tokens over the API: for scripts, sent as ``Authorization: Bearer``."""

from __future__ import annotations

import uuid
from datetime import datetime

from fastapi import APIRouter, HTTPException, Response, status
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from hipstride.services import tokens
from hipstride.store import tables as db
from hipstride.web.api.coaching import PROBLEM_RESPONSES
from hipstride.web.deps import CurrentAccount, Now, SessionAccount, SessionDep
from hipstride.web.problems import problem

router = APIRouter(prefix="/tokens", tags=["tokens"])


class TokenCreate(BaseModel):
    name: str = Field(min_length=1, max_length=100, description="What uses it, e.g. 'backup'.")


class TokenPublic(BaseModel):
    id: uuid.UUID
    name: str
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None


class TokenCreated(TokenPublic):
    token: str = Field(description="Shown once: only its SHA-256 is kept.")


def _public(row: db.AccessToken) -> TokenPublic:
    return TokenPublic.model_validate(row, from_attributes=True)


@router.get("", response_model=list[TokenPublic], responses={401: PROBLEM_RESPONSES[401]})
def list_tokens(session: SessionDep, viewer: CurrentAccount) -> list[TokenPublic]:
    """Your tokens, newest first, revoked ones included."""
    return [_public(t) for t in tokens.list_tokens(session, account_id=viewer.account_id)]


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=TokenCreated,
    responses={code: PROBLEM_RESPONSES[code] for code in (401, 422)},
)
def create_token(
    body: TokenCreate, session: SessionDep, viewer: SessionAccount, now: Now
) -> TokenCreated | JSONResponse:
    """A new token. Copy it now: it is not shown again."""
    try:
        made = tokens.create_token(session, account_id=viewer.account_id, name=body.name, now=now)
    except tokens.TokenProblem as exc:
        return problem(422, str(exc), extra={"field": exc.field} if exc.field else None)
    session.commit()
    return TokenCreated(**_public(made.row).model_dump(), token=made.token)


@router.delete(
    "/{token_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses={code: PROBLEM_RESPONSES[code] for code in (401, 404)},
)
def revoke_token(
    token_id: uuid.UUID, session: SessionDep, viewer: CurrentAccount, now: Now
) -> Response:
    """Revoke a token: scripts using it are refused from now on."""
    if not tokens.revoke_token(session, account_id=viewer.account_id, token_id=token_id, now=now):
        raise HTTPException(404, "You have no token with that id.")
    session.commit()
    return Response(status_code=status.HTTP_204_NO_CONTENT)
