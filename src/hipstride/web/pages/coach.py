"""The coach's pages: the linked runners with their alerts, one runner's page, inviting,
clearing a runner to train and changing an exercise of a coming session."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import RedirectResponse, Response

from hipstride.services import coach_view, coaching
from hipstride.web.deps import (
    CatalogDep,
    Coach,
    CoachedAthlete,
    CsrfChecked,
    CurrentAccount,
    Me,
    Now,
    SessionDep,
    TemplatesDep,
)

router = APIRouter(tags=["pages"], include_in_schema=False)
SAVED = {
    "cleared": "Recorded: the runner is cleared to train.",
    "override": "Saved: the runner sees your change and your note in their plan.",
}


def _runner_url(athlete_id: object, saved: str) -> str:
    return f"/coach/runners/{athlete_id}?saved={saved}"


@router.get("/coach")
def runners_page(
    request: Request,
    session: SessionDep,
    catalog: CatalogDep,
    templates: TemplatesDep,
    viewer: CurrentAccount,
    me: Me,
    now: Now,
) -> Response:
    """A runner who lands here is told where their own sharing page is, not just refused."""
    if me.role != "coach":
        return templates.TemplateResponse(
            request, "coach.html", {"viewer": viewer, "runners": [], "nav": "coach"}
        )
    links = coaching.runners_of(session, coach_account_id=me.id)
    runners = coach_view.runner_list(session, catalog=catalog, links=links, now=now)
    return templates.TemplateResponse(
        request, "coach.html", {"viewer": viewer, "runners": runners, "nav": "coach"}
    )


@router.post("/coach/invitations", dependencies=[CsrfChecked])
def invite(
    request: Request,
    session: SessionDep,
    templates: TemplatesDep,
    viewer: CurrentAccount,
    coach: Coach,
    now: Now,
) -> Response:
    """The code and the link, shown this once (the page is not cached)."""
    made = coaching.create_invitation(session, coach=coach, now=now)
    session.commit()
    response = templates.TemplateResponse(
        request,
        "coach_invited.html",
        {
            "viewer": viewer,
            "nav": "coach",
            "code": made.code,
            "url": str(request.url_for("invitation_page", code=made.code)),
            "expires": f"{made.expires_at:%d %B %Y %H:%M} UTC",
        },
        status_code=201,
    )
    response.headers["cache-control"] = "no-store"
    return response


def _detail_page(
    request: Request,
    templates: TemplatesDep,
    viewer: CurrentAccount,
    page: dict[str, Any],
    *,
    saved: str | None = None,
    error: str | None = None,
    status_code: int = 200,
) -> Response:
    return templates.TemplateResponse(
        request,
        "coach_runner.html",
        {
            "viewer": viewer,
            "nav": "coach",
            "page": page,
            "saved": SAVED.get(saved or ""),
            "error": error,
        },
        status_code=status_code,
    )


@router.get("/coach/runners/{athlete_id}")
def runner_page(
    request: Request,
    runner: CoachedAthlete,
    session: SessionDep,
    catalog: CatalogDep,
    templates: TemplatesDep,
    viewer: CurrentAccount,
    now: Now,
    saved: str | None = None,
) -> Response:
    page = coach_view.detail(session, catalog=catalog, link=runner.link, name=runner.name, now=now)
    return _detail_page(request, templates, viewer, page, saved=saved)


@router.post("/coach/runners/{athlete_id}/clear", dependencies=[CsrfChecked])
def clear(
    runner: CoachedAthlete,
    session: SessionDep,
    now: Now,
    note: Annotated[str | None, Form(max_length=1000)] = None,
) -> Response:
    coaching.clear_to_train(
        session, athlete_id=runner.athlete_id, coach=runner.coach, note=note, now=now
    )
    session.commit()
    return RedirectResponse(_runner_url(runner.athlete_id, "cleared"), status_code=303)


def _number(value: str | None, field: str) -> int | None:
    if value is None or not value.strip():
        return None
    try:
        return int(value)
    except ValueError:
        raise coaching.CoachingProblem(f"Give {field} as a whole number.", field) from None


@router.post("/coach/runners/{athlete_id}/override", dependencies=[CsrfChecked])
def override(
    request: Request,
    runner: CoachedAthlete,
    session: SessionDep,
    catalog: CatalogDep,
    templates: TemplatesDep,
    viewer: CurrentAccount,
    now: Now,
    day: Annotated[date, Form()],
    position: Annotated[int, Form(ge=0)],
    note: Annotated[str, Form(max_length=1000)] = "",
    step_id: Annotated[str | None, Form(max_length=100)] = None,
    sets: Annotated[str | None, Form(max_length=10)] = None,
    reps_min: Annotated[str | None, Form(max_length=10)] = None,
    reps_max: Annotated[str | None, Form(max_length=10)] = None,
    hold_seconds: Annotated[str | None, Form(max_length=10)] = None,
) -> Response:
    try:
        change = coaching.OverrideRequest(
            day=day,
            position=position,
            note=note,
            step_id=step_id or None,
            sets=_number(sets, "sets"),
            reps_min=_number(reps_min, "reps_min"),
            reps_max=_number(reps_max, "reps_max"),
            hold_seconds=_number(hold_seconds, "hold_seconds"),
        )
        coaching.override_prescription(
            session,
            catalog=catalog,
            athlete_id=runner.athlete_id,
            coach=runner.coach,
            request=change,
        )
    except coaching.NotFound as exc:
        raise HTTPException(404, str(exc)) from None
    except coaching.CoachingProblem as exc:
        session.rollback()
        page = coach_view.detail(
            session, catalog=catalog, link=runner.link, name=runner.name, now=now
        )
        return _detail_page(request, templates, viewer, page, error=str(exc), status_code=422)
    session.commit()
    return RedirectResponse(_runner_url(runner.athlete_id, "override"), status_code=303)


@router.post("/coach/runners/{athlete_id}/stop", dependencies=[CsrfChecked])
def stop(runner: CoachedAthlete, session: SessionDep, now: Now) -> Response:
    """Stop coaching this runner: the link ends, their data stays theirs."""
    coaching.revoke_link(session, link_id=runner.link.id, account=runner.coach, now=now)
    session.commit()
    return RedirectResponse("/coach", status_code=303)
