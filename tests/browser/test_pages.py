"""Every page of the app in Chromium at phone and laptop sizes: axe-core finds no serious or
critical accessibility problem, and a screenshot of each lands in build/screenshots/.

The pages come from the route table (``routers()``), so a page added later is checked too:
every GET page without a path parameter, plus the pages below that need one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.routing import APIRoute
from playwright.sync_api import Browser, BrowserContext, Page

from hipstride.web.app import API_PREFIX, routers
from tests.browser.conftest import LAPTOP, PHONE, SCREENSHOTS, LiveServer, new_context, sign_in
from tests.browser.guided import SESSION

WITH_PARAMETERS = ["/exercises/clamshell", SESSION, "/exercises/no-such-exercise"]
ANONYMOUS = {"/sign-in", "/sign-up"}
FILES = "pdf|svg|png|json|csv|zip|ics|gpx|tcx|fit|xml|txt|webmanifest"  # downloads, not pages
NOT_PAGES = re.compile(rf"\.({FILES})$|^/sign-out$")
IMPACTS = {"serious", "critical"}


def page_paths() -> list[str]:
    """The GET pages of the route table that take no path parameter, and a few that do."""
    paths = []
    for router, prefix in routers():
        if prefix == API_PREFIX:
            continue
        for route in router.routes:
            path = prefix + route.path  # type: ignore[attr-defined]
            if (
                isinstance(route, APIRoute)
                and "GET" in route.methods
                and "{" not in path
                and not NOT_PAGES.search(path)
            ):
                paths.append(path)
    return sorted(set(paths)) + WITH_PARAMETERS


SIZES = {"phone": PHONE, "laptop": LAPTOP}


@pytest.fixture(scope="module")
def contexts(browser: Browser, shared_server: LiveServer) -> Iterator[dict[str, BrowserContext]]:
    """Per size, a signed-in context and one of a stranger. The app's CSP forbids inline
    scripts, axe's injected one included, so these contexts bypass it (other tests keep it)."""
    made: dict[str, BrowserContext] = {}
    for size, options in SIZES.items():
        made[size] = new_context(browser, options, bypass_csp=True)
        sign_in(made[size].new_page(), shared_server)
        made[f"{size}-anonymous"] = new_context(browser, options, bypass_csp=True)
    yield made
    for context in made.values():
        context.close()


def _name(path: str) -> str:
    return path.strip("/").replace("/", "-").replace(".", "-") or "dashboard"


def axe_violations(page: Page, axe: Path) -> list[dict[str, Any]]:
    """axe-core's serious and critical violations (WCAG 2.x A and AA, and best practice)."""
    page.add_script_tag(path=str(axe))
    result = page.evaluate(
        """async () => await axe.run(document, {
            runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa",
                                            "wcag22aa", "best-practice"]},
            resultTypes: ["violations"],
        })"""
    )
    return [v for v in result["violations"] if v["impact"] in IMPACTS]


def _describe(violations: list[dict[str, Any]]) -> str:
    return "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']} at "
        + ", ".join(str(node["target"]) for node in v["nodes"][:3])
        for v in violations
    )


@pytest.mark.parametrize("path", page_paths())
def test_each_page_is_accessible_and_photographed(
    path: str,
    contexts: dict[str, BrowserContext],
    shared_server: LiveServer,
    axe_script: Path,
) -> None:
    """Screenshots at both sizes; axe at the phone's, the size a runner uses mid-session (the
    markup is the same at both, and axe is the slow part)."""
    for size in SIZES:
        context = contexts[f"{size}-anonymous" if path in ANONYMOUS else size]
        page = context.new_page()
        try:
            response = page.goto(shared_server.base_url + path)
            assert response is not None
            expected = 404 if "no-such" in path else 200
            assert response.status == expected, (path, response.status)
            assert page.url.rstrip("/") == (shared_server.base_url + path).rstrip("/"), page.url
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(
                path=SCREENSHOTS / f"{_name(path)}-{size}.png",
                full_page=True,
                animations="disabled",
            )
            if size == "phone":
                width = page.evaluate("document.documentElement.scrollWidth")
                assert width <= PHONE["viewport"]["width"], f"{path} scrolls sideways: {width}px"
                violations = axe_violations(page, axe_script)
                assert not violations, f"{path} at {size} size:\n{_describe(violations)}"
        finally:
            page.close()


def test_axe_does_report_a_real_problem(
    contexts: dict[str, BrowserContext], axe_script: Path
) -> None:
    """The check above can fail: an image without a text alternative is caught."""
    page = contexts["laptop-anonymous"].new_page()
    try:
        page.set_content('<html lang="en"><title>t</title><main><img src="x.png"></main></html>')
        assert "image-alt" in {v["id"] for v in axe_violations(page, axe_script)}
    finally:
        page.close()
