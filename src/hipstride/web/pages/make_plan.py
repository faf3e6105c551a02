"""Make or replace the plan from the browser (``hipstride plan``), with the reasons it gives."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from hipstride.services.assessment import NotCleared
from hipstride.services.planning import EmptyPlan, StartOutOfRange, make_plan
from hipstride.services.runner import NeedsProfile
from hipstride.web import forms
from hipstride.web.deps import (
    CatalogDep,
    CsrfChecked,
    CurrentAccount,
    Now,
    OwnAthlete,
    SessionDep,
    TemplatesDep,
    Today,
)

router = APIRouter(tags=["pages"], include_in_schema=False)


@router.get("/plan/new")
def new_plan_page(
    request: Request, templates: TemplatesDep, viewer: CurrentAccount, today: Today
) -> Response:
    return templates.TemplateResponse(
        request, "plan_new.html", {"viewer": viewer, "nav": "plan-new", "today": today.isoformat()}
    )


@router.post("/plan/new", dependencies=[CsrfChecked])
async def make_plan_from_form(
    request: Request,
    session: SessionDep,
    catalog: CatalogDep,
    templates: TemplatesDep,
    viewer: CurrentAccount,
    athlete_id: OwnAthlete,
    today: Today,
    now: Now,
) -> Response:
    """Build and store the plan; the old one stays in the history as replaced."""
    form = await request.form()
    context = {"viewer": viewer, "nav": "plan-new", "today": today.isoformat()}
    try:
        start = forms.optional_date(form, "start", label="First day") or today
        weeks = forms.whole(form, "weeks", low=1, high=26, label="Weeks")
        _, plan = make_plan(
            session, catalog=catalog, athlete_id=athlete_id, start=start, weeks=weeks, now=now
        )
    except forms.FormProblem as exc:
        return templates.TemplateResponse(
            request, "plan_new.html", {**context, "error": exc.message}, status_code=422
        )
    except StartOutOfRange as exc:
        return templates.TemplateResponse(
            request, "plan_new.html", {**context, "error": str(exc)}, status_code=422
        )
    except (NotCleared, NeedsProfile, EmptyPlan) as exc:
        session.rollback()
        return templates.TemplateResponse(
            request,
            "plan_new.html",
            {**context, "error": str(exc), "needs_profile": isinstance(exc, NeedsProfile)},
            status_code=409,
        )
    session.commit()
    return templates.TemplateResponse(
        request,
        "plan_made.html",
        {
            **context,
            "start": f"{plan.start:%A %d %B %Y}",
            "weeks": plan.weeks,
            "sessions": len(plan.sessions),
            "explanations": plan.explanations,
        },
    )
