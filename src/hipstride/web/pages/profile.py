"""The profile (``hipstride profile``) and the settings: units, time zone, reminder time."""

from __future__ import annotations

from typing import Any
from zoneinfo import available_timezones

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy.orm import Session

from hipstride.knowledge.catalog import Catalog
from hipstride.plan.models import WEEKDAYS, Profile
from hipstride.services import runner
from hipstride.store import tables as db
from hipstride.web import forms
from hipstride.web.deps import (
    CatalogDep,
    CsrfChecked,
    CurrentAccount,
    Now,
    OwnAthlete,
    SessionDep,
    TemplatesDep,
    Viewer,
)

router = APIRouter(tags=["pages"], include_in_schema=False)
DEFAULT = Profile(running_days=frozenset({1, 3, 5, 6}), long_run_day=6)  # as the CLI offers
DAYS = [
    (d.lower(), name)
    for d, name in zip(
        WEEKDAYS,
        ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
        strict=True,
    )
]

LABELS = {
    "running_days": "Running days",
    "long_run_day": "Long-run day",
    "hard_days": "Hard days",
    "experience": "Strength training so far",
    "equipment": "Equipment",
    "units": "Units",
    "time_zone": "Time zone",
    "reminder_time": "Reminder time",
}


def _zones() -> list[str]:
    return sorted(z for z in available_timezones() if "/" in z and not z.startswith("Etc/"))


def _render(
    request: Request,
    session: Session,
    catalog: Catalog,
    templates: TemplatesDep,
    viewer: Viewer,
    *,
    values: dict[str, Any] | None = None,
    status: int = 200,
    **extra: Any,
) -> Response:
    athlete = session.get_one(db.Athlete, viewer.athlete_id)
    try:
        current: Profile | None = runner.current_profile(session, athlete_id=viewer.athlete_id)
    except runner.NeedsProfile:
        current = None
    context = {
        "viewer": viewer,
        "nav": "profile",
        "has_profile": current is not None,
        "p": values or runner.profile_fields(current or DEFAULT),
        "days": DAYS,
        "equipment": sorted(catalog.equipment.values(), key=lambda e: e.id),
        "units": athlete.units,
        "time_zone": athlete.time_zone,
        "reminder_time": athlete.reminder_time,
        "zones": _zones(),
        **extra,
    }
    return templates.TemplateResponse(request, "profile.html", context, status_code=status)


@router.get("/profile")
def profile_page(
    request: Request,
    session: SessionDep,
    catalog: CatalogDep,
    templates: TemplatesDep,
    viewer: CurrentAccount,
    saved: str | None = None,
) -> Response:
    return _render(request, session, catalog, templates, viewer, saved=saved)


@router.post("/profile", dependencies=[CsrfChecked])
async def save_profile_form(
    request: Request,
    session: SessionDep,
    catalog: CatalogDep,
    templates: TemplatesDep,
    viewer: CurrentAccount,
    athlete_id: OwnAthlete,
    now: Now,
) -> Response:
    form = await request.form()
    runs, hard, kit = (forms.many(form, k) for k in ("running_days", "hard_days", "equipment"))
    long_run, experience = forms.text(form, "long_run_day") or None, forms.text(form, "experience")
    consecutive = forms.checked(form, "allow_consecutive")
    values: dict[str, Any] = {
        "running_days": runs,
        "long_run_day": long_run,
        "hard_days": hard,
        "race_date": forms.text(form, "race_date"),
        "experience": experience,
        "equipment": kit,
        "minutes_per_session": forms.text(form, "minutes_per_session"),
        "sessions_per_week": forms.text(form, "sessions_per_week"),
        "allow_consecutive": consecutive,
    }
    try:
        profile = runner.profile_from_fields(
            running_days=runs,
            long_run_day=long_run,
            hard_days=hard,
            race_date=forms.optional_date(form, "race_date", label="Race date"),
            experience=experience,
            equipment=kit,
            known_equipment=frozenset(catalog.equipment),
            minutes_per_session=forms.whole(
                form, "minutes_per_session", low=10, high=90, label="Minutes per session"
            ),
            sessions_per_week=forms.whole(
                form, "sessions_per_week", low=2, high=3, label="Sessions a week"
            ),
            allow_consecutive=consecutive,
        )
    except (forms.FormProblem, runner.ProfileProblem) as exc:
        message = exc.message
        if isinstance(exc, runner.ProfileProblem):
            message = f"{LABELS.get(exc.field, exc.field)}: {message}"
        return _render(
            request,
            session,
            catalog,
            templates,
            viewer,
            values=values,
            status=422,
            error=message,
            error_field=exc.field,
        )
    runner.save_profile(session, athlete_id=athlete_id, profile=profile, now=now)
    session.commit()
    return RedirectResponse("/profile?saved=profile", status_code=303)


@router.post("/profile/settings", dependencies=[CsrfChecked])
async def save_settings_form(
    request: Request,
    session: SessionDep,
    catalog: CatalogDep,
    templates: TemplatesDep,
    viewer: CurrentAccount,
    athlete_id: OwnAthlete,
) -> Response:
    form = await request.form()
    try:
        runner.save_settings(
            session,
            athlete_id=athlete_id,
            units=forms.text(form, "units"),
            time_zone=forms.text(form, "time_zone"),
            reminder_time=runner.parse_reminder_time(forms.text(form, "reminder_time")),
        )
    except runner.ProfileProblem as exc:
        session.rollback()
        return _render(
            request,
            session,
            catalog,
            templates,
            viewer,
            status=422,
            settings_error=f"{LABELS.get(exc.field, exc.field)}: {exc.message}",
            error_field=exc.field,
        )
    session.commit()
    return RedirectResponse("/profile?saved=settings", status_code=303)
