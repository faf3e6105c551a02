"""The runner's own pages and API beyond the first slice, kept in one list so ``app.routers``
needs one line for them: profile, self-tests, making a plan, check-in, history, progress,
export."""

from __future__ import annotations

from fastapi import APIRouter


def runner_routers(api_prefix: str) -> list[tuple[APIRouter, str]]:
    from hipstride.web.api import assess as api_assess
    from hipstride.web.api import checkin as api_checkin
    from hipstride.web.api import export as api_export
    from hipstride.web.api import history as api_history
    from hipstride.web.api import make_plan as api_make_plan
    from hipstride.web.api import profile as api_profile
    from hipstride.web.api import progress as api_progress
    from hipstride.web.pages import assess, checkin, export, history, make_plan, profile, progress

    pages = (profile, assess, make_plan, checkin, history, progress, export)
    api = (
        api_profile,
        api_assess,
        api_make_plan,
        api_checkin,
        api_history,
        api_progress,
        api_export,
    )
    return [(m.router, "") for m in pages] + [(m.router, api_prefix) for m in api]
