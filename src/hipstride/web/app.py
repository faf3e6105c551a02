"""The app factory. Nothing is built at import time: ``create_app(settings)`` opens the
store once (migrating it), loads the catalog and keeps both on ``app.state``."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from fastapi import APIRouter, FastAPI
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from hipstride import __version__
from hipstride.settings import Settings

HERE = Path(__file__).resolve().parent
API_PREFIX = "/api/v1"


def _utcnow() -> datetime:
    return datetime.now(UTC)


def create_app(settings: Settings, *, clock: Callable[[], datetime] = _utcnow) -> FastAPI:
    """The web app for ``settings``; ``clock`` is the one place the web reads the time."""
    from hipstride.services.library import catalog
    from hipstride.services.store import open_store
    from hipstride.web import jobs, problems
    from hipstride.web.security import SameOriginWrites, SecurityHeaders

    app = FastAPI(
        title="hipstride",
        version=__version__,
        summary="Hip strength for runners: the plan, the exercises and the training log.",
        docs_url=None,  # FastAPI's Swagger page loads scripts from a CDN; /docs is ours
        redoc_url=None,
        openapi_url="/api/v1/openapi.json",
        lifespan=jobs.lifespan,  # camera checks' worker pool, shut down with the app
    )
    app.state.settings = settings
    app.state.store = open_store(settings)
    app.state.catalog = catalog(settings)
    app.state.clock = clock
    app.state.templates = Jinja2Templates(directory=HERE / "templates")
    app.add_middleware(SameOriginWrites)
    app.add_middleware(SecurityHeaders)  # outermost: the refusals get the headers too
    problems.install(app)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    for router, prefix in routers():
        # The API's errors are problem details, documented once for every API route.
        api = prefix == API_PREFIX
        app.include_router(
            router, prefix=prefix, responses=problems.PROBLEM_RESPONSES if api else None
        )
    return app


def routers() -> list[tuple[APIRouter, str]]:
    """Every router of the app with its prefix: the route table tests walk."""
    from hipstride.web.api import exercises as api_exercises
    from hipstride.web.api import plan as api_plan
    from hipstride.web.api import sessions as api_sessions
    from hipstride.web.api import sets as api_sets
    from hipstride.web.pages import auth, dashboard, docs, handout, library, plan, session

    pages = [(m.router, "") for m in (auth, dashboard, plan, library, handout, docs, session)]
    api = [(m.router, API_PREFIX) for m in (api_exercises, api_plan, api_sessions, api_sets)]
    from hipstride.web.api import camera as api_camera
    from hipstride.web.coach_routes import coach_routers
    from hipstride.web.pages import camera
    from hipstride.web.runner_routes import runner_routers
    from hipstride.web.runs_routes import runs_routers

    runner = runner_routers(API_PREFIX) + runs_routers(API_PREFIX)
    camera_checks = [(camera.router, ""), (api_camera.router, API_PREFIX)]
    return pages + api + runner + camera_checks + coach_routers(API_PREFIX)


def app_from_env() -> FastAPI:
    """For ``uvicorn --factory``: settings from the environment (``hipstride serve`` sets it)."""
    return create_app(Settings.from_env(os.environ))
