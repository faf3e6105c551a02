"""POST /sets: log one set, at most once per idempotency key."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, status
from fastapi.responses import JSONResponse

from hipstride.services import training
from hipstride.services.sets import KeyTaken, SetProblem, record_set
from hipstride.web.api.schemas import SetCreate, SetPublic
from hipstride.web.deps import Now, OwnAthlete, SessionDep
from hipstride.web.problems import problem

router = APIRouter(prefix="/sets", tags=["sets"])


@router.post("", status_code=status.HTTP_201_CREATED, response_model=SetPublic)
def log_set(
    body: SetCreate, session: SessionDep, athlete_id: OwnAthlete, now: Now
) -> SetPublic | JSONResponse:
    """Store one set of a planned session. A retry with the same key returns the same set."""
    try:
        row = record_set(
            session,
            athlete_id=athlete_id,
            day=body.day,
            position=body.position,
            set_number=body.set_number,
            side=body.side,
            reps=body.reps,
            held_seconds=body.held_seconds,
            pain=body.pain,
            reps_in_reserve=body.reps_in_reserve,
            idempotency_key=body.idempotency_key,
            now=now,
        )
    except training.NoSession as exc:
        raise HTTPException(404, str(exc)) from None
    except KeyTaken as exc:
        return problem(409, str(exc), extra={"field": exc.field})
    except SetProblem as exc:
        return problem(422, str(exc), extra={"field": exc.field})
    session.commit()
    return SetPublic.model_validate(row, from_attributes=True)
