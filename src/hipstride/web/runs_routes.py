"""The runs, load and calendar routers (issue 6), for ``app.routers()``."""

from __future__ import annotations

from fastapi import APIRouter


def runs_routers(api_prefix: str) -> list[tuple[APIRouter, str]]:
    from hipstride.web.api import calendar_feeds as api_calendar_feeds
    from hipstride.web.api import runs as api_runs
    from hipstride.web.pages import calendar_feed, runs

    pages = [(runs.router, ""), (calendar_feed.router, "")]
    return [*pages, (api_runs.router, api_prefix), (api_calendar_feeds.router, api_prefix)]
