"""The main navigation in Chromium: on a phone a short bar with "More" holding the rest (opened
and closed with the keyboard alone, every entry a 44 px target), on a laptop the everyday
pages in one row, and "Runners" first for a coach and absent for a runner. Screenshots of the
open menu land in build/screenshots/."""

from __future__ import annotations

from playwright.sync_api import Browser, Page, expect

from hipstride.services import accounts
from tests.browser.conftest import LAPTOP, PHONE, SCREENSHOTS, LiveServer, new_context, sign_in

RUNNER_PHONE_BAR = ["Today", "Plan", "Progress", "More"]
EVERYDAY = ["Check-in", "Exercises", "Self-tests", "Camera", "Runs", "History"]
RARE = ["New plan", "Profile", "Coach", "My data", "Handout"]
TARGET_PX = 44


def _bar(page: Page) -> list[str]:
    """The entries of the bar a person sees, in order ("More" by its summary)."""
    return [text.strip() for text in page.locator(".nav-bar > li:visible").all_inner_texts()]


def _menu(page: Page) -> list[str]:
    return [text.strip() for text in page.locator(".nav-menu li:visible").all_inner_texts()]


def _press_until_focused(page: Page, selector: str, limit: int = 20) -> None:
    for _ in range(limit):
        if page.evaluate("(s) => document.activeElement?.matches(s) ?? false", selector):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"{selector} never took the focus after {limit} presses of Tab")


def _coach_links(server: LiveServer, count: int) -> list[str]:
    """A coach account, as ``hipstride user create --role coach`` makes it, and sign-in links."""
    with server.app.state.store.sessions() as session, session.begin():
        account = accounts.create_account(
            session,
            username="coach@example.org",
            password=None,
            athlete_id=None,
            now=server.clock.now,
            role="coach",
        )
        tokens = [
            accounts.create_sign_in_link(session, account_id=account.id, now=server.clock.now)
            for _ in range(count)
        ]
    return [f"{server.base_url}/sign-in/{token}" for token in tokens]


def test_on_a_phone_more_opens_and_closes_with_the_keyboard(
    browser: Browser, live_server: LiveServer
) -> None:
    context = new_context(browser, PHONE)
    page = context.new_page()
    try:
        sign_in(page, live_server)
        assert _bar(page) == RUNNER_PHONE_BAR
        assert page.locator('.nav a[href="/coach"]').count() == 0  # a runner has no runners
        for entry in page.locator(".nav-bar > li:visible").all():
            box = entry.bounding_box()
            assert box and box["height"] >= TARGET_PX, (entry.inner_text(), box)
        assert _menu(page) == []  # closed

        _press_until_focused(page, ".nav-more summary")
        page.keyboard.press("Enter")
        assert _menu(page) == EVERYDAY + RARE
        for link in page.locator(".nav-menu li:visible a").all():
            box = link.bounding_box()
            assert box and box["height"] >= TARGET_PX, (link.inner_text(), box)
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["viewport"]["width"]
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=SCREENSHOTS / "nav-more-open-phone.png", animations="disabled")
        page.keyboard.press("Tab")
        expect(page.locator(".nav-menu a").filter(has_text="Check-in")).to_be_focused()
        page.keyboard.press("Escape")
        assert _menu(page) == []
        expect(page.locator(".nav-more summary")).to_be_focused()

        page.keyboard.press("Enter")
        page.locator(".nav-menu").get_by_role("link", name="Profile").click()
        page.wait_for_url("**/profile")
        expect(page.locator(".nav-more")).to_have_class("nav-more holds-current")
        page.locator(".nav-more summary").click()
        expect(page.locator('.nav-menu a[aria-current="page"]')).to_have_text("Profile")
        page.mouse.click(PHONE["viewport"]["width"] / 2, PHONE["viewport"]["height"] - 20)
        assert _menu(page) == [] and page.url.endswith("/profile")  # a tap elsewhere closes it
    finally:
        context.close()


def test_on_a_laptop_the_everyday_pages_sit_in_one_row(
    browser: Browser, live_server: LiveServer
) -> None:
    context = new_context(browser, LAPTOP)
    page = context.new_page()
    try:
        sign_in(page, live_server)
        page.keyboard.press("Tab")  # the first stop skips the dozen links of the bar
        expect(page.get_by_role("link", name="Skip to the page")).to_be_focused()
        page.keyboard.press("Enter")
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.closest('main') !== null")
        assert _bar(page) == ["Today", "Plan", "Progress", *EVERYDAY, "More"]
        tops = {
            round(box["y"])
            for e in page.locator(".nav-bar > li:visible").all()
            if (box := e.bounding_box())
        }
        assert len(tops) == 1, tops
        page.locator(".nav-more summary").click()
        assert _menu(page) == RARE
        page.screenshot(path=SCREENSHOTS / "nav-more-open-laptop.png", animations="disabled")
    finally:
        context.close()


def test_a_coach_sees_runners_first(browser: Browser, live_server: LiveServer) -> None:
    for size, link in zip((PHONE, LAPTOP), _coach_links(live_server, 2), strict=True):
        context = new_context(browser, size)
        page = context.new_page()
        try:
            page.goto(link)
            page.goto(f"{live_server.base_url}/coach")
            bar = _bar(page)
            assert bar[0] == "Runners", bar
            if size is PHONE:  # their own progress is under "More", so the bar fits
                assert bar == ["Runners", "Today", "Plan", "More"]
                width = page.evaluate("document.documentElement.scrollWidth")
                assert width <= PHONE["viewport"]["width"], width
            current = page.locator('.nav-bar a[href="/coach"]')
            expect(current).to_have_attribute("aria-current", "page")
        finally:
            context.close()
