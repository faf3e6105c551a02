"""GET /sessions/{day} and POST /sessions/{day}/finish: the runner's planned sessions."""

from __future__ import annotations

from datetime import date

from fastapi import APIRouter, HTTPException

from hipstride.services import training
from hipstride.services.sets import SetProblem, finish_day
from hipstride.web.api.schemas import (
    FinishPublic,
    PrescriptionPublic,
    SessionPublic,
    SetSlotPublic,
)
from hipstride.web.deps import CatalogDep, Now, OwnAthlete, SessionDep

router = APIRouter(prefix="/sessions", tags=["sessions"])


@router.get("/{day}")
def read_session(
    day: date, session: SessionDep, catalog: CatalogDep, athlete_id: OwnAthlete
) -> SessionPublic:
    """The session planned on ``day``, with the set slots still to do."""
    try:
        todo = training.session_for(session, athlete_id=athlete_id, day=day)
    except training.NoSession as exc:
        raise HTTPException(404, str(exc)) from None
    steps = catalog.steps
    return SessionPublic(
        day=todo.day,
        week=todo.week,
        week_kind=todo.week_kind,
        note=todo.note,
        items=[
            PrescriptionPublic(
                position=i,
                step_id=p.step_id,
                family_id=p.family_id,
                name=steps[p.step_id].name if p.step_id in steps else p.step_id,
                dose=p.dose,
                rest_seconds=p.rest_seconds,
                note=p.note,
            )
            for i, p in enumerate(todo.items)
        ],
        done_sets=todo.done_sets,
        remaining=[
            SetSlotPublic(
                position=s.position,
                step_id=s.prescription.step_id,
                set_number=s.set_number,
                side=s.side,
                target_reps=s.target_reps,
                target_hold_seconds=s.target_hold_seconds,
                label=s.label,
            )
            for s in todo.left
        ],
    )


@router.post("/{day}/finish")
def finish_session(
    day: date, session: SessionDep, catalog: CatalogDep, athlete_id: OwnAthlete, now: Now
) -> FinishPublic:
    """Finish the day's session; the plan adapts and says why, one line per exercise."""
    try:
        lines = finish_day(session, catalog=catalog, athlete_id=athlete_id, day=day, now=now)
    except training.NoSession as exc:
        raise HTTPException(404, str(exc)) from None
    except SetProblem as exc:
        raise HTTPException(409, str(exc)) from None
    session.commit()
    return FinishPublic(day=day, status="done", explanations=lines)
