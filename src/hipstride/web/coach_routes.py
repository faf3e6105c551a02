"""The coaching, invitation and access-token routers, for ``app.routers()``."""

from __future__ import annotations

from fastapi import APIRouter


def coach_routers(api_prefix: str) -> list[tuple[APIRouter, str]]:
    from hipstride.web.api import coaching as api_coaching
    from hipstride.web.api import tokens as api_tokens
    from hipstride.web.pages import coach, invitations, tokens

    pages = [(m.router, "") for m in (coach, invitations, tokens)]
    return [*pages, (api_coaching.router, api_prefix), (api_tokens.router, api_prefix)]
