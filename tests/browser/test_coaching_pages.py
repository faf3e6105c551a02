"""The coaching pages in Chromium, with real data behind them: a coach invites, the runner
accepts by the link, a painful set raises the alert, the coach changes an exercise and the
runner reads the note. axe-core finds no serious or critical problem on any of them, at
phone and laptop sizes, and each is photographed into build/screenshots/."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from hipstride.services import accounts
from tests.browser.conftest import LAPTOP, PHONE, SCREENSHOTS, LiveServer, new_context, sign_in
from tests.browser.test_pages import _describe, axe_violations

DAY = "2026-11-30"


def _coach_link(server: LiveServer) -> str:
    with server.app.state.store.sessions() as session, session.begin():
        coach = accounts.create_account(
            session,
            username="coach@example.org",
            password=None,
            athlete_id=None,
            now=server.clock.now,
            role="coach",
        )
        token = accounts.create_sign_in_link(session, account_id=coach.id, now=server.clock.now)
    return f"{server.base_url}/sign-in/{token}"


def _check(page: Page, axe: Path, name: str, size: str) -> None:
    page.wait_for_load_state("load")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"{name}-{size}.png", full_page=True, animations="disabled")
    violations = axe_violations(page, axe)
    assert not violations, f"{name} at {size} size:\n{_describe(violations)}"


@pytest.mark.parametrize("size", ["phone", "laptop"])
def test_coaching_from_invitation_to_the_runner_reading_the_note(
    size: str, browser: Browser, live_server: LiveServer, axe_script: Path
) -> None:
    options = PHONE if size == "phone" else LAPTOP
    coach_context = new_context(browser, options, bypass_csp=True)  # axe injects a script
    runner_context = new_context(browser, options, bypass_csp=True)
    try:
        coach = coach_context.new_page()
        coach.goto(_coach_link(live_server))
        coach.goto(f"{live_server.base_url}/coach")
        _check(coach, axe_script, "coach-empty", size)
        coach.get_by_role("button", name="Make an invitation").click()
        link = coach.get_by_label("Link").input_value()
        coach.get_by_role("button", name="Copy the link").click()  # shown once JS runs
        expect(coach.locator('[data-copy="invite-url"]')).to_have_text("Copied")
        _check(coach, axe_script, "coach-invited", size)

        runner = runner_context.new_page()
        sign_in(runner, live_server)
        runner.goto(link)
        _check(runner, axe_script, "invite", size)
        runner.get_by_role("button", name=re.compile("Share my training")).click()
        expect(runner.get_by_role("status")).to_contain_text("your coach can now see")
        _check(runner, axe_script, "sharing", size)
        slot = runner.request.get(f"{live_server.base_url}/api/v1/sessions/{DAY}").json()
        first = slot["remaining"][0]
        body = {
            "day": DAY,
            "position": first["position"],
            "set_number": first["set_number"],
            "side": first["side"],
            "reps": 10,
            "pain": 8,
            "idempotency_key": f"browser-{size}:0001",
        }
        assert runner.request.post(f"{live_server.base_url}/api/v1/sets", data=body).ok

        coach.goto(f"{live_server.base_url}/coach")
        expect(coach.get_by_role("list", name="Alerts for runner")).to_contain_text("Pain 8/10")
        _check(coach, axe_script, "coach-runners", size)
        coach.get_by_role("link", name="runner", exact=True).click()
        expect(coach.get_by_role("heading", name="Alerts")).to_be_visible()
        change = coach.locator("details.override").first  # today's is started: the next one
        change.locator("summary").click()
        change.get_by_label("Sets").fill("1")
        change.get_by_label("Note for runner").fill("One easy set this time.")
        change.get_by_role("button", name="Save the change").click()
        expect(coach.get_by_role("status")).to_contain_text("the runner sees your change")
        _check(coach, axe_script, "coach-runner", size)

        runner.goto(f"{live_server.base_url}/plan")
        expect(runner.locator(".coach-note").first).to_contain_text("One easy set this time.")
        runner.goto(f"{live_server.base_url}/settings/tokens")
        runner.get_by_label("What will use it").fill("backup")
        runner.get_by_role("button", name="Make a token").click()
        assert runner.get_by_label("Token", exact=True).input_value().startswith("hs_")
        _check(runner, axe_script, "tokens", size)
    finally:
        coach_context.close()
        runner_context.close()
