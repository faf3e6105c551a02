"""Whole journeys in the browser: a new runner from sign-up through the self-tests to a plan
and progress; a coach who invites a runner, sees the pain alert and changes a session the
runner then reads."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Browser, Page, expect

from hipstride.services import accounts
from tests.browser.conftest import (
    LAPTOP,
    PHONE,
    SCREENSHOTS,
    LiveServer,
    follow_nav,
    new_context,
    sign_in,
)
from tests.browser.guided import DAY, current_form, save_current_set, set_count, wait_until_saved
from tests.browser.test_pages import _describe, axe_violations

NOTE = "One easy set: your hip needs a quieter week."


def _nav(page: Page, name: str) -> None:
    follow_nav(page, name)


def _check_axe(page: Page, axe: Path) -> None:
    violations = axe_violations(page, axe)
    assert not violations, f"{page.url}:\n{_describe(violations)}"


def test_a_new_runner_takes_the_self_tests_gets_a_plan_and_sees_progress(
    browser: Browser, live_server: LiveServer, axe_script: Path
) -> None:
    context = new_context(browser, PHONE, bypass_csp=True)  # axe is injected inline
    page = context.new_page()
    try:
        page.goto(f"{live_server.base_url}/sign-up")
        page.get_by_label("Name or email").fill("newcomer@example.org")
        page.get_by_label("Password").fill("a long passphrase")
        page.get_by_role("button", name="Make my account").click()
        page.wait_for_url(f"{live_server.base_url}/")

        _nav(page, "Profile")
        for field, days in (("running_days", ("tue", "thu", "sat")), ("hard_days", ("thu",))):
            for day in days:
                page.locator(f'input[name="{field}"][value="{day}"]').check()
        page.get_by_label("Long-run day").select_option("sun")
        page.locator('input[name="experience"][value="new"]').check()
        for item in ("mat", "chair", "mini-band-light"):
            page.locator(f'input[name="equipment"][value="{item}"]').check()
        page.get_by_role("button", name="Save my running week").click()
        page.wait_for_url("**/profile?saved=profile")

        _nav(page, "Self-tests")
        for answer in page.get_by_role("radio", name="No").all():
            answer.check()
        page.get_by_role("button", name="Continue").click()
        page.get_by_role("radio", name="My buttocks reached my heels").check()
        _check_axe(page, axe_script)
        page.get_by_role("button", name="Save and go to the bridge test").click()
        page.locator("#left_hold_seconds").fill("35")
        page.locator("#right_hold_seconds").fill("34")
        page.get_by_role("button", name="Save and see my results").click()
        page.wait_for_url("**/assess/results")
        expect(page.locator("#findings .score")).to_have_text(["3/3", "3/3"])

        page.get_by_label("Weeks").fill("4")
        page.get_by_role("button", name="Make my plan").click()
        expect(page.get_by_text("Your 4-week plan is ready")).to_be_visible()
        page.screenshot(path=SCREENSHOTS / "flow-plan-made-phone.png", full_page=True)
        page.get_by_role("link", name="Today", exact=True).last.click()
        page.get_by_role("link", name="Start session").click()
        page.wait_for_url(f"**/session/{DAY}")
        save_current_set(page)
        save_current_set(page)
        wait_until_saved(page)

        _nav(page, "Progress")
        expect(page.locator("#adherence")).to_contain_text("2 sets logged")
        expect(page.locator("svg#chart-volume")).to_be_visible()
        page.screenshot(path=SCREENSHOTS / "flow-progress-new-runner-phone.png", full_page=True)
        _check_axe(page, axe_script)
    finally:
        context.close()


def _coach_page(browser: Browser, server: LiveServer) -> Page:
    """A coach account, as ``hipstride user create --role coach`` makes it, signed in."""
    with server.app.state.store.sessions() as session, session.begin():
        account = accounts.create_account(
            session,
            username="coach@example.org",
            password=None,
            athlete_id=None,
            now=server.clock.now,
            role="coach",
        )
        token = accounts.create_sign_in_link(session, account_id=account.id, now=server.clock.now)
    page = new_context(browser, LAPTOP, bypass_csp=True).new_page()
    page.goto(f"{server.base_url}/sign-in/{token}")
    return page


def test_a_coach_invites_sees_the_pain_alert_and_changes_a_session_the_runner_reads(
    browser: Browser, live_server: LiveServer, axe_script: Path
) -> None:
    coach = _coach_page(browser, live_server)
    phone = new_context(browser, PHONE)
    runner = phone.new_page()
    try:
        coach.goto(f"{live_server.base_url}/coach")
        coach.get_by_role("button", name="Make an invitation").click()
        link = coach.locator("#invite-url").input_value()
        assert link.startswith(f"{live_server.base_url}/invite/")

        sign_in(runner, live_server)
        runner.goto(link)
        runner.get_by_role("button", name="Share my training with coach@example.org").click()
        runner.wait_for_url("**/sharing?saved=linked")

        runner.goto(f"{live_server.base_url}/session/{DAY}")
        current_form(runner).get_by_label("Pain during the set").fill("8")
        save_current_set(runner)
        alert = runner.locator("#pain-alert")
        expect(alert).to_be_visible()
        expect(alert).to_contain_text("see a physical therapist or an orthopedist")
        wait_until_saved(runner)
        assert set_count(live_server.db_url) == 1

        coach.goto(f"{live_server.base_url}/coach")
        expect(coach.locator("ul.alerts")).to_contain_text("Pain 8/10 in a set of Clamshell")
        coach.screenshot(path=SCREENSHOTS / "flow-coach-alert-laptop.png", full_page=True)
        _check_axe(coach, axe_script)
        coach.locator("ul.runners h2 a").first.click()
        expect(coach.locator("main")).to_contain_text("Pain 8/10")
        coach.screenshot(path=SCREENSHOTS / "flow-coach-runner-laptop.png", full_page=True)
        _check_axe(coach, axe_script)

        upcoming = coach.locator("section[aria-labelledby=upcoming-heading] article").first
        day = upcoming.locator("time").get_attribute("datetime")
        assert day and day > DAY
        upcoming.locator("details.override summary").first.click()
        change = upcoming.locator("details.override form").first
        change.get_by_label("Sets").fill("1")
        change.get_by_label("Reps from").fill("6")
        change.get_by_label("to", exact=True).fill("8")
        change.get_by_label("Note for").fill(NOTE)
        change.get_by_role("button", name="Save the change").click()
        expect(coach.locator("main")).to_contain_text("the runner sees your change")

        runner.goto(f"{live_server.base_url}/plan")
        expect(runner.locator("main")).to_contain_text(f"coach@example.org: {NOTE}")
        runner.goto(f"{live_server.base_url}/session/{day}")
        expect(runner.locator("main")).to_contain_text(NOTE)
        expect(runner.locator("section.exercise:not([hidden]) .dose")).to_contain_text("1 × 6-8")
    finally:
        coach.context.close()
        phone.close()
