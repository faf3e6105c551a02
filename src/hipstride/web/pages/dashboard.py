"""The dashboard: today's or the next session, the ones after, the last self-tests."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from hipstride.services.assessment import NotCleared, latest_tests, require_clearance
from hipstride.services.planning import upcoming_sessions
from hipstride.store import queries
from hipstride.web.deps import (
    CatalogDep,
    CurrentAccount,
    OwnAthlete,
    SessionDep,
    TemplatesDep,
    Today,
)

router = APIRouter(tags=["pages"], include_in_schema=False)
UPCOMING = 4


@dataclass(frozen=True)
class TestLine:
    name: str
    taken: str | None
    score: int | None
    lines: tuple[str, ...]


@dataclass(frozen=True)
class DashboardPage:
    """What the dashboard shows; every field is filled by ``dashboard`` below."""

    today: str
    has_plan: bool
    next_session: dict[str, Any] | None  # today's, or the next not done
    is_today: bool
    later: list[dict[str, Any]] = field(default_factory=list)
    tests: list[TestLine] = field(default_factory=list)
    needs_tests: bool = False
    on_hold: str | None = None  # the safety note when a red flag is open
    referral: str = ""


@router.get("/")
def dashboard(
    request: Request,
    session: SessionDep,
    catalog: CatalogDep,
    templates: TemplatesDep,
    viewer: CurrentAccount,
    athlete_id: OwnAthlete,
    today: Today,
) -> Response:
    plan = upcoming_sessions(
        session, catalog=catalog, athlete_id=athlete_id, today=today, limit=UPCOMING
    )
    upcoming = plan.sessions
    latest = latest_tests(session, catalog=catalog, athlete_id=athlete_id)
    tests = [
        TestLine(
            catalog.self_test(test_id).name,
            f"{taken:%d %b %Y}" if taken else None,
            result.score if result else None,
            tuple(result.lines) if result else (),
        )
        for test_id, result, taken in (
            ("deep-squat", latest.squat, latest.squat_taken),
            ("single-leg-bridge", latest.bridge, latest.bridge_taken),
        )
    ]
    screened = queries.latest_pain_screen(session, athlete_id=athlete_id) is not None
    try:
        if screened:  # no screen yet is not a red flag: the prompt asks for the tests
            require_clearance(session, athlete_id=athlete_id)
        on_hold = None
    except NotCleared as exc:
        on_hold = str(exc)
    page = DashboardPage(
        today=f"{today:%A %d %B}",
        has_plan=plan.has_plan,
        next_session=upcoming[0] if upcoming else None,
        is_today=bool(upcoming) and upcoming[0]["day"] == today.isoformat(),
        later=upcoming[1:UPCOMING],
        tests=tests,
        needs_tests=latest.squat is None or latest.bridge is None,
        on_hold=on_hold,
        referral=catalog.pain_screen.referral,
    )
    return templates.TemplateResponse(
        request, "dashboard.html", {"viewer": viewer, "page": page, "nav": "home"}
    )
