"""The morning check-in (``hipstride checkin``): pain the morning after, and what it changes."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from hipstride.plan.progression import PAIN_LIMIT
from hipstride.services.adapt import morning_pain_warning, record_checkin
from hipstride.store import queries
from hipstride.web import forms
from hipstride.web.deps import (
    CatalogDep,
    CsrfChecked,
    CurrentAccount,
    OwnAthlete,
    SessionDep,
    TemplatesDep,
    Today,
)

router = APIRouter(tags=["pages"], include_in_schema=False)
RECENT_DAYS = 28


def _context(session: Session, athlete_id: Any, today: date, **extra: Any) -> dict[str, Any]:
    recent = queries.checkins_between(
        session, athlete_id=athlete_id, start=today - timedelta(days=RECENT_DAYS), end=today
    )
    return {
        "nav": "checkin",
        "today": today.isoformat(),
        "recent": sorted(recent, key=lambda c: c.day, reverse=True),
        "pain_limit": PAIN_LIMIT,
        **extra,
    }


@router.get("/checkin")
def checkin_page(
    request: Request,
    session: SessionDep,
    templates: TemplatesDep,
    viewer: CurrentAccount,
    athlete_id: OwnAthlete,
    today: Today,
) -> Response:
    return templates.TemplateResponse(
        request, "checkin.html", {"viewer": viewer, **_context(session, athlete_id, today)}
    )


@router.post("/checkin", dependencies=[CsrfChecked])
async def checkin_form(
    request: Request,
    session: SessionDep,
    catalog: CatalogDep,
    templates: TemplatesDep,
    viewer: CurrentAccount,
    athlete_id: OwnAthlete,
    today: Today,
) -> Response:
    """Store the morning; the plan re-adapts from the latest session done and says how."""
    form = await request.form()
    try:
        day = forms.optional_date(form, "day", label="Morning") or today
        if day > today:
            raise forms.FormProblem("day", "Morning: a check-in cannot be for a day to come.")
        pain = forms.whole(form, "pain", low=0, high=10, label="Pain this morning")
    except forms.FormProblem as exc:
        context = _context(session, athlete_id, today, error=exc.message)
        return templates.TemplateResponse(
            request, "checkin.html", {"viewer": viewer, **context}, status_code=422
        )
    lines = record_checkin(
        session,
        catalog=catalog,
        athlete_id=athlete_id,
        day=day,
        pain=pain,
        note=forms.text(form, "note")[:2000] or None,
    )
    session.commit()
    context = _context(
        session,
        athlete_id,
        today,
        recorded=f"Recorded morning pain {pain}/10 for {day:%a %d %b}.",
        warning=morning_pain_warning(pain),
        lines=lines,
    )
    return templates.TemplateResponse(request, "checkin.html", {"viewer": viewer, **context})
