"""The Runs, Load and calendar pages in Chromium at phone size: an upload of real activity
files with its progress bar (and without JavaScript, the plain form), axe-core on each page
with results, and screenshots in build/screenshots/."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import (
    PHONE,
    SCREENSHOTS,
    LiveServer,
    follow_nav,
    new_context,
    sign_in,
)
from tests.browser.test_pages import _describe, axe_violations
from tests.integration.runs_files import runs_folder

FILES = ("tcxparser__test.tcx", "goldencheetah__GarminFR955v18.zip", "elevate__treadmill.fit")
BAD = "fitdecode__activity-unexpected-eof.fit"


def _check(page: Page, axe: Path, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"{name}-phone.png", full_page=True, animations="disabled")
    violations = axe_violations(page, axe)
    assert not violations, f"{page.url}:\n{_describe(violations)}"


def _watch_progress(page: Page) -> None:
    """Record what the status line says while the upload runs (the script changes it)."""
    page.evaluate(
        """() => {
            window.uploadStatus = [];
            const status = document.getElementById("upload-status");
            new MutationObserver(() => window.uploadStatus.push(status.textContent))
                .observe(status, {childList: true, characterData: true, subtree: true});
            window.stillTheSamePage = true;
        }"""
    )


IMPORT_MS = 60_000


def test_an_upload_shows_its_progress_and_the_result_at_phone_size(
    browser: Browser, live_server: LiveServer, axe_script: Path
) -> None:
    folder = runs_folder()
    context = new_context(browser, PHONE, bypass_csp=True)  # axe is injected inline
    page = context.new_page()
    try:
        sign_in(page, live_server)
        follow_nav(page, "Runs")
        page.wait_for_url(f"{live_server.base_url}/runs")
        _check(page, axe_script, "runs-empty")
        page.get_by_label("Files", exact=True).set_input_files([folder / n for n in (*FILES, BAD)])
        _watch_progress(page)
        page.get_by_role("button", name="Import").click()
        result = page.locator("#import-result")
        # Importing takes seconds on a busy two-core machine: wait for it, not for a clock.
        expect(result).to_contain_text("3 imported · 0 duplicate · 1 skipped", timeout=IMPORT_MS)
        expect(result).to_contain_text(f"{BAD}: truncated file")
        assert page.evaluate("window.stillTheSamePage") is True  # sent by the script
        said = page.evaluate("window.uploadStatus")
        assert any(s.endswith("% sent") for s in said), said
        assert "Sent; reading your files…" in said
        expect(result).to_be_focused()
        expect(page.locator("table.runs tbody tr")).to_have_count(3)
        _check(page, axe_script, "runs-imported")

        # The form still works after the page part was replaced: a second upload, duplicates.
        page.get_by_label("Files", exact=True).set_input_files([folder / FILES[0]])
        page.get_by_role("button", name="Import").click()
        expect(page.locator("#import-result")).to_contain_text(
            "0 imported · 1 duplicate", timeout=IMPORT_MS
        )

        page.get_by_role("button", name="Counts towards load: leave out").first.click()
        expect(page.get_by_role("button", name="Left out of load").first).to_be_visible()

        page.goto(f"{live_server.base_url}/load")
        # The shared files are years old: the page asks for recent runs rather than draw
        # an empty chart (tests/e2e/test_web_runs.py checks the chart itself).
        expect(page.get_by_role("link", name="Import your runs")).to_be_visible()
        _check(page, axe_script, "load")

        page.goto(f"{live_server.base_url}/settings/calendar")
        page.get_by_role("button", name="Make a private calendar link").click()
        url = page.get_by_label("Subscription URL").input_value()
        assert url.startswith(f"{live_server.base_url}/calendar/") and url.endswith(".ics")
        _check(page, axe_script, "calendar-feed")
    finally:
        context.close()


def test_without_javascript_the_form_posts_as_it_is(
    browser: Browser, live_server: LiveServer
) -> None:
    context = new_context(browser, PHONE, java_script_enabled=False)
    page = context.new_page()
    try:
        sign_in(page, live_server)
        page.goto(f"{live_server.base_url}/runs")
        expect(page.locator("#upload-progress")).to_be_hidden()
        page.get_by_label("Files", exact=True).set_input_files([runs_folder() / FILES[0]])
        page.get_by_role("button", name="Import").click()
        expect(page.locator("#import-result")).to_contain_text("1 imported", timeout=IMPORT_MS)
    finally:
        context.close()
