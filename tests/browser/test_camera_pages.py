"""The camera check in Chromium at phone size: the guidance before filming, a clip sent from
the file input, the progress page (camera.js, under the app's CSP) and the result, each
checked by axe-core and photographed into build/screenshots/.

A landmark file stands in for the video here: the pose model's run is covered by
tests/e2e/test_web_camera.py, and the pages are the same.
"""

from __future__ import annotations

import json
from pathlib import Path

from playwright.sync_api import Browser, Page, expect

from hipstride.figures.landmarks import to_json
from hipstride.figures.synthetic import synthesize
from hipstride.knowledge.catalog import load_catalog
from tests.browser.conftest import PHONE, SCREENSHOTS, LiveServer, new_context, sign_in
from tests.browser.test_pages import _describe, axe_violations


def _check(page: Page, axe: Path, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"{name}-phone.png", full_page=True, animations="disabled")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["viewport"]["width"], f"{page.url} scrolls sideways: {width}px"
    violations = axe_violations(page, axe)
    assert not violations, f"{page.url}:\n{_describe(violations)}"


def _squat_test_file(folder: Path) -> Path:
    seq, _ = synthesize(load_catalog().self_test("deep-squat"), reps=3, noise_px=1.0)
    path = folder / "squat.json"
    path.write_text(json.dumps(to_json(seq)))
    return path


def test_filming_the_squat_test_from_guidance_to_saved_result(
    browser: Browser, live_server: LiveServer, axe_script: Path, tmp_path: Path
) -> None:
    context = new_context(browser, PHONE, bypass_csp=True)  # axe is an injected script
    try:
        page = context.new_page()
        sign_in(page, live_server)
        page.goto(live_server.base_url + "/camera")
        _check(page, axe_script, "camera-choose")
        page.get_by_role("link", name="Deep squat", exact=False).first.click()
        expect(page.get_by_role("heading", name="Where to put the phone")).to_be_visible()
        expect(page.locator("img.figure")).to_have_attribute("src", "/self-tests/deep-squat.svg")
        _check(page, axe_script, "camera-guidance")
        page.set_input_files("#camera-clip", str(_squat_test_file(tmp_path)))
        page.get_by_role("button", name="Analyse the clip").click()
        expect(page.get_by_role("heading", name="What the camera saw")).to_be_visible(
            timeout=30_000
        )
        expect(page.locator("#camera-reps")).to_contain_text("3 repetitions")
        _check(page, axe_script, "camera-result")
        page.get_by_role("button", name="Save to my self-tests").click()
        expect(page.get_by_role("status")).to_contain_text("Saved to your self-tests")
    finally:
        context.close()


def test_the_progress_page_moves_on_by_itself_under_the_csp(
    browser: Browser, live_server: LiveServer, axe_script: Path
) -> None:
    """A job seen while still queued: camera.js polls the API and reloads into the result."""
    from sqlalchemy import select

    from hipstride.services import camera_jobs
    from hipstride.store import tables as db

    app = live_server.app
    with app.state.store.sessions() as session:
        athlete = session.scalars(select(db.Athlete.id).where(db.Athlete.name == "runner")).one()
        job = camera_jobs.create_job(
            session,
            catalog=app.state.catalog,
            athlete_id=athlete,
            test="bridge",
            step_id=None,
            filename="bridge.mp4",
            keep_video=False,
            now=live_server.clock.now,
        )
        session.commit()
        job_id = job.id
    context = new_context(browser, PHONE)  # the app's CSP applies: camera.js is a file
    try:
        page = context.new_page()
        sign_in(page, live_server)
        page.goto(f"{live_server.base_url}/camera/{job_id}")
        expect(page.get_by_role("link", name="Check again")).to_be_visible()
        page.screenshot(path=SCREENSHOTS / "camera-progress-phone.png", full_page=True)
        with app.state.store.sessions() as session:  # the worker elsewhere gives up on it
            stored = session.get_one(db.CameraJob, job_id)
            stored.status, stored.error = "failed", "the file is empty. Record it again."
            session.commit()
        expect(page.get_by_role("alert")).to_contain_text("the file is empty", timeout=10_000)
    finally:
        context.close()
