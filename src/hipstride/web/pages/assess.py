"""The self-tests in the browser, one step at a time: the pain screen, the deep squat, the
single-leg bridge, then the findings and "Make my plan". A red flag stops at the referral.

Each step is its own form and is saved when sent (through ``services.assessment``), so a
runner can stop after any step and come back; the guard is the pain screen, as in the CLI.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import RedirectResponse, Response
from starlette.datastructures import FormData

from hipstride.assess.bridge import BridgeSide
from hipstride.assess.squat import SquatMeasures
from hipstride.services import assessment
from hipstride.services.figures import NoFigure, UnknownStill, self_test_illustration_svg
from hipstride.services.runner import NeedsProfile, current_profile
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
from hipstride.web.pages.library import SVG_POLICY

router = APIRouter(tags=["pages"], include_in_schema=False)
SQUAT, BRIDGE = "deep-squat", "single-leg-bridge"


def _page(
    request: Request, templates: TemplatesDep, name: str, status: int = 200, **context: Any
) -> Response:
    return templates.TemplateResponse(
        request, name, {"nav": "assess", **context}, status_code=status
    )


def _stop(
    request: Request, templates: TemplatesDep, catalog: CatalogDep, **context: Any
) -> Response:
    """The referral: no further test and no plan until a clinician clears the runner."""
    return _page(
        request, templates, "assess_stop.html", referral=catalog.pain_screen.referral, **context
    )


@router.get("/self-tests/{test_id}.svg")
def self_test_svg(
    test_id: str, catalog: CatalogDep, viewer: CurrentAccount, still: str | None = None
) -> Response:
    """A self-test's drawing (shared content): animated, or the position named ``still``."""
    if test_id not in catalog.self_tests:
        raise HTTPException(404, f"No self-test {test_id!r}.")
    try:
        svg = self_test_illustration_svg(catalog, test_id, still=still)
    except (NoFigure, UnknownStill) as exc:
        raise HTTPException(404, str(exc)) from None
    return Response(
        svg,
        media_type="image/svg+xml",
        headers={"content-security-policy": SVG_POLICY, "cache-control": "private, max-age=3600"},
    )


@router.get("/assess")
def screen_page(
    request: Request, catalog: CatalogDep, templates: TemplatesDep, viewer: CurrentAccount
) -> Response:
    return _page(
        request, templates, "assess_screen.html", viewer=viewer, screen=catalog.pain_screen
    )


@router.post("/assess/screen", dependencies=[CsrfChecked])
async def screen_answers(
    request: Request,
    session: SessionDep,
    catalog: CatalogDep,
    templates: TemplatesDep,
    viewer: CurrentAccount,
    athlete_id: OwnAthlete,
    now: Now,
) -> Response:
    form = await request.form()
    screen = catalog.pain_screen
    answers: dict[str, bool] = {}
    for question in screen.questions:
        answer = forms.text(form, question.id)
        if answer not in ("yes", "no"):
            return _page(
                request,
                templates,
                "assess_screen.html",
                422,
                viewer=viewer,
                screen=screen,
                error=f"Answer every question: “{question.ask}” has no answer yet.",
                answers={q.id: forms.text(form, q.id) for q in screen.questions},
            )
        answers[question.id] = answer == "yes"
    result = assessment.record_pain_screen(
        session, catalog=catalog, athlete_id=athlete_id, answers=answers, now=now
    )
    session.commit()
    if result.red_flags:
        return _stop(request, templates, catalog, viewer=viewer, lines=result.lines)
    return RedirectResponse("/assess/squat", status_code=303)


def _screened(session: SessionDep, athlete_id: OwnAthlete) -> Response | None:
    """Back to the pain screen unless it has been answered without a red flag (or cleared)."""
    if assessment.screen_passed(session, athlete_id=athlete_id):
        return None
    return RedirectResponse("/assess", status_code=303)


@router.get("/assess/squat")
def squat_page(
    request: Request,
    session: SessionDep,
    catalog: CatalogDep,
    templates: TemplatesDep,
    viewer: CurrentAccount,
    athlete_id: OwnAthlete,
) -> Response:
    return _screened(session, athlete_id) or _page(
        request, templates, "assess_squat.html", viewer=viewer, test=catalog.self_test(SQUAT)
    )


def _squat_measures(form: FormData) -> SquatMeasures:
    depth = forms.text(form, "reached_depth")
    if depth not in ("yes", "no"):
        raise forms.FormProblem("reached_depth", "Choose whether your buttocks reached your heels.")
    return SquatMeasures(
        reached_depth=depth == "yes",
        heels_lift=forms.checked(form, "heels_lift"),
        forward_lean=forms.checked(form, "forward_lean"),
        falls_back=forms.checked(form, "falls_back"),
        pain=forms.whole(form, "pain", low=0, high=10, label="Pain during the squat"),
    )


@router.post("/assess/squat", dependencies=[CsrfChecked])
async def squat_result(
    request: Request,
    session: SessionDep,
    catalog: CatalogDep,
    templates: TemplatesDep,
    viewer: CurrentAccount,
    athlete_id: OwnAthlete,
    now: Now,
) -> Response:
    if (back := _screened(session, athlete_id)) is not None:
        return back
    form = await request.form()
    try:
        measures = _squat_measures(form)
    except forms.FormProblem as exc:
        return _page(
            request,
            templates,
            "assess_squat.html",
            422,
            viewer=viewer,
            test=catalog.self_test(SQUAT),
            error=exc.message,
        )
    result = assessment.record_squat(
        session, catalog=catalog, athlete_id=athlete_id, measures=measures, now=now
    )
    session.commit()
    if "pain" in result.outcomes:
        return _stop(request, templates, catalog, viewer=viewer, lines=result.lines)
    return RedirectResponse("/assess/bridge", status_code=303)


@router.get("/assess/bridge")
def bridge_page(
    request: Request,
    session: SessionDep,
    catalog: CatalogDep,
    templates: TemplatesDep,
    viewer: CurrentAccount,
    athlete_id: OwnAthlete,
) -> Response:
    return _screened(session, athlete_id) or _page(
        request, templates, "assess_bridge.html", viewer=viewer, test=catalog.self_test(BRIDGE)
    )


def _side(form: FormData, side: str) -> BridgeSide:
    return assessment.bridge_side(
        forms.number(
            form,
            f"{side}_hold_seconds",
            low=0,
            high=600,
            whole=False,
            label=f"Seconds held on your {side} foot",
        ),
        hamstring_cramp=forms.checked(form, f"{side}_cramp"),
        pain=forms.whole(form, f"{side}_pain", low=0, high=10, label=f"Pain on the {side} side"),
    )


@router.post("/assess/bridge", dependencies=[CsrfChecked])
async def bridge_result(
    request: Request,
    session: SessionDep,
    catalog: CatalogDep,
    templates: TemplatesDep,
    viewer: CurrentAccount,
    athlete_id: OwnAthlete,
    now: Now,
) -> Response:
    if (back := _screened(session, athlete_id)) is not None:
        return back
    form = await request.form()
    try:
        left, right = _side(form, "left"), _side(form, "right")
    except forms.FormProblem as exc:
        return _page(
            request,
            templates,
            "assess_bridge.html",
            422,
            viewer=viewer,
            test=catalog.self_test(BRIDGE),
            error=exc.message,
        )
    result = assessment.record_bridge(
        session, catalog=catalog, athlete_id=athlete_id, left=left, right=right, now=now
    )
    session.commit()
    if "pain" in result.outcomes:
        return _stop(request, templates, catalog, viewer=viewer, lines=result.lines)
    return RedirectResponse("/assess/results", status_code=303)


@router.get("/assess/results")
def results_page(
    request: Request,
    session: SessionDep,
    catalog: CatalogDep,
    templates: TemplatesDep,
    viewer: CurrentAccount,
    athlete_id: OwnAthlete,
    today: Today,
) -> Response:
    latest = assessment.latest_tests(session, catalog=catalog, athlete_id=athlete_id)
    try:
        assessment.require_clearance(session, athlete_id=athlete_id)
        on_hold = None
    except assessment.NotCleared as exc:
        on_hold = str(exc)
    try:
        current_profile(session, athlete_id=athlete_id)
        has_profile = True
    except NeedsProfile:
        has_profile = False
    tests = [
        (catalog.self_test(SQUAT).name, latest.squat),
        (catalog.self_test(BRIDGE).name, latest.bridge),
    ]
    return _page(
        request,
        templates,
        "assess_results.html",
        viewer=viewer,
        tests=tests,
        on_hold=on_hold,
        referral=catalog.pain_screen.referral,
        has_profile=has_profile,
        today=today.isoformat(),
    )


@router.post("/assess/clear", dependencies=[CsrfChecked])
async def clearance(
    request: Request,
    session: SessionDep,
    catalog: CatalogDep,
    templates: TemplatesDep,
    viewer: CurrentAccount,
    athlete_id: OwnAthlete,
    now: Now,
) -> Response:
    """A clinician cleared the runner (``hipstride clear --by NAME``)."""
    form = await request.form()
    by = forms.text(form, "cleared_by")
    if not by or len(by) > 200:
        return _stop(
            request,
            templates,
            catalog,
            viewer=viewer,
            lines=(),
            status=422,
            error="Give the name of the physical therapist or orthopedist who cleared you.",
        )
    assessment.record_clearance(
        session,
        athlete_id=athlete_id,
        cleared_by=by,
        now=now,
        note=forms.text(form, "note")[:2000] or None,
    )
    session.commit()
    return RedirectResponse("/assess/results", status_code=303)
