"""GET/PUT /profile and /settings: the running week, units and time zone."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException
from fastapi.responses import JSONResponse

from hipstride.services import runner
from hipstride.store import tables as db
from hipstride.web.api.runner_schemas import ProfileBody, SettingsBody
from hipstride.web.deps import CatalogDep, Now, OwnAthlete, SessionDep
from hipstride.web.problems import problem

router = APIRouter(tags=["profile"])


@router.get("/profile", response_model=ProfileBody)
def read_profile(session: SessionDep, athlete_id: OwnAthlete) -> dict[str, Any]:
    """The current profile (the one the next plan is built from)."""
    try:
        return runner.profile_fields(runner.current_profile(session, athlete_id=athlete_id))
    except runner.NeedsProfile:
        raise HTTPException(
            404, "No profile yet: PUT /api/v1/profile to describe your week."
        ) from None


@router.put("/profile", response_model=ProfileBody)
def write_profile(
    body: ProfileBody, session: SessionDep, catalog: CatalogDep, athlete_id: OwnAthlete, now: Now
) -> dict[str, Any] | JSONResponse:
    """A new profile; older ones stay as history. Make a new plan for it to take effect."""
    try:
        profile = runner.profile_from_fields(
            **body.model_dump(exclude={"running_days", "hard_days"}),
            running_days=list(body.running_days),
            hard_days=list(body.hard_days),
            known_equipment=frozenset(catalog.equipment),
        )
    except runner.ProfileProblem as exc:
        return problem(422, str(exc), extra={"field": exc.field})
    runner.save_profile(session, athlete_id=athlete_id, profile=profile, now=now)
    session.commit()
    return runner.profile_fields(profile)


def _settings(athlete: db.Athlete) -> SettingsBody:
    return SettingsBody(
        units=athlete.units,
        time_zone=athlete.time_zone,
        reminder_time=athlete.reminder_time,
    )


@router.get("/settings")
def read_settings(session: SessionDep, athlete_id: OwnAthlete) -> SettingsBody:
    return _settings(session.get_one(db.Athlete, athlete_id))


@router.put("/settings", response_model=SettingsBody)
def write_settings(
    body: SettingsBody, session: SessionDep, athlete_id: OwnAthlete
) -> SettingsBody | JSONResponse:
    """Units, time zone (an IANA name such as Europe/Berlin) and reminder time (local)."""
    try:
        athlete = runner.save_settings(
            session,
            athlete_id=athlete_id,
            units=body.units,
            time_zone=body.time_zone,
            reminder_time=body.reminder_time.replace(second=0, microsecond=0)
            if body.reminder_time
            else None,
        )
    except runner.ProfileProblem as exc:
        session.rollback()
        return problem(422, str(exc), extra={"field": exc.field})
    session.commit()
    return _settings(athlete)
