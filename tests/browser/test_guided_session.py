"""A runner does today's guided session in a real browser: timers, a reload, going offline,
a dropped answer, and the whole session with the keyboard alone."""

from __future__ import annotations

from playwright.sync_api import BrowserContext, Page, Route, expect

from tests.browser.conftest import LiveServer, sign_in
from tests.browser.guided import (
    SESSION,
    current_form,
    current_label,
    remaining,
    save_current_set,
    set_count,
    set_rows,
    wait_until_saved,
)


def _start(page: Page, server: LiveServer) -> None:
    sign_in(page, server)
    page.get_by_role("link", name="Start session").click()
    page.wait_for_url(f"{server.base_url}{SESSION}")
    expect(current_form(page)).to_have_count(1)


def test_a_whole_session_with_timers_survives_a_reload_and_ends_with_the_result(
    phone: BrowserContext, live_server: LiveServer
) -> None:
    page = phone.new_page()
    page.clock.install()  # the timers run on a clock the test moves, not on the wall
    _start(page, live_server)
    slots = remaining(page, live_server.base_url)
    assert len(slots) > 8

    # The first set, then a rest that runs out on its own (moved on by the fake clock).
    current_form(page).get_by_label("Reps done").fill("12")
    current_form(page).get_by_label("Reps in reserve").fill("3")
    save_current_set(page, skip_rest=False)
    wait_until_saved(page)
    # Left then right side of the same set: no rest in between.
    expect(page.locator("#timer")).to_be_hidden()
    assert current_label(page) == slots[1]["label"].capitalize()
    save_current_set(page, skip_rest=False)
    timer = page.locator("#timer")
    expect(timer).to_be_visible()
    expect(timer.locator("[data-timer-next]")).to_contain_text(slots[2]["label"])
    page.clock.run_for(120_000)
    expect(timer).to_be_hidden()
    expect(current_form(page).get_by_label("Reps done")).to_be_focused()

    for _ in range(2, 7):
        save_current_set(page)
    wait_until_saved(page)
    assert set_count(live_server.db_url) == 7

    # A reload in the middle: the page resumes at the next slot, nothing is lost.
    page.reload()
    assert current_label(page) == slots[7]["label"].capitalize()
    assert set_count(live_server.db_url) == 7
    assert len(remaining(page, live_server.base_url)) == len(slots) - 7

    for slot in slots[7:]:
        assert current_label(page) == slot["label"].capitalize()
        if slot["target_hold_seconds"]:
            form = current_form(page)
            form.get_by_role("button", name="hold timer").click()
            expect(timer).to_be_visible()
            page.clock.run_for(slot["target_hold_seconds"] * 1000 + 500)
            expect(timer).to_be_hidden()
            held = form.get_by_label("Seconds held")
            expect(held).to_have_value(str(slot["target_hold_seconds"]))
            expect(held).to_be_focused()
        save_current_set(page)
    wait_until_saved(page)
    assert set_count(live_server.db_url) == len(slots)

    finish = page.locator("#finish")
    expect(finish).to_be_visible()
    finish.get_by_role("button", name="Finish session").click()
    expect(page.get_by_role("heading", name="What changes next time")).to_be_visible()
    assert page.locator(".explanations li, .card p").count() >= 1
    page.get_by_role("link", name="Back to today").click()
    expect(page.locator(f'a[href="{SESSION}"]')).to_have_count(0)  # done: no Start button


def test_sets_logged_offline_reach_the_server_once_when_back_online(
    phone: BrowserContext, live_server: LiveServer
) -> None:
    page = phone.new_page()
    _start(page, live_server)
    save_current_set(page)
    wait_until_saved(page)

    phone.set_offline(True)
    save_current_set(page)
    save_current_set(page)
    status = page.locator("#sync-status")
    expect(status).to_contain_text("waiting to send")
    expect(status).to_contain_text("kept on this phone")
    assert set_count(live_server.db_url) == 1

    phone.set_offline(False)
    wait_until_saved(page)
    rows = set_rows(live_server.db_url)
    assert len(rows) == 3
    assert len({key for _, _, key in rows}) == 3
    assert sorted((n, side) for n, side, _ in rows) == [(1, "left"), (1, "right"), (2, "left")]
    page.reload()  # what the phone shows agrees with the server
    assert current_label(page) == remaining(page, live_server.base_url)[0]["label"].capitalize()


def test_a_set_whose_answer_is_lost_is_sent_again_and_stored_once(
    phone: BrowserContext, live_server: LiveServer
) -> None:
    """The server stores the set, then the connection drops before the answer arrives: the
    phone keeps the set queued, sends it again with the same key, and the server keeps one."""
    page = phone.new_page()
    _start(page, live_server)
    dropped: list[str] = []

    def store_then_drop(route: Route) -> None:
        if dropped:
            route.continue_()
            return
        response = route.fetch()  # reaches the server, which stores the set
        dropped.append(response.text())
        route.abort("connectionreset")

    page.route("**/api/v1/sets", store_then_drop)
    save_current_set(page)
    expect(page.locator("#sync-status")).to_contain_text("waiting to send")
    assert set_count(live_server.db_url) == 1
    page.evaluate("window.dispatchEvent(new Event('online'))")  # what reconnecting fires
    wait_until_saved(page)
    rows = set_rows(live_server.db_url)
    assert len(rows) == 1 and rows[0][2] and rows[0][2] in dropped[0]


def _press_until_focused(page: Page, selector: str, key: str = "Tab", limit: int = 40) -> None:
    for _ in range(limit):
        if page.evaluate("(s) => document.activeElement?.matches(s) ?? false", selector):
            return
        page.keyboard.press(key)
    raise AssertionError(f"{selector} never took the focus after {limit} presses of {key}")


def test_the_whole_session_with_the_keyboard_alone(
    laptop: BrowserContext, live_server: LiveServer
) -> None:
    page = laptop.new_page()
    page.clock.install()
    sign_in(page, live_server)
    _press_until_focused(page, 'a.button[href="/session/2026-11-30"]')
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.base_url}{SESSION}")
    slots = remaining(page, live_server.base_url)

    _press_until_focused(page, "form.set-form:not([hidden]) input:not([type=hidden])")
    timer = page.locator("#timer")
    for done, slot in enumerate(slots, start=1):
        assert current_label(page) == slot["label"].capitalize()
        if slot["target_hold_seconds"]:
            _press_until_focused(page, "form.set-form:not([hidden]) [data-hold-start]", "Shift+Tab")
            page.keyboard.press("Space")
            expect(page.locator("[data-timer-skip]")).to_be_focused()
            page.clock.run_for(2_000)
            page.keyboard.press("Space")  # Stop: the seconds held so far are filled in
            expect(timer).to_be_hidden()
            held = current_form(page).get_by_label("Seconds held")
            expect(held).to_be_focused()
            expect(held).to_have_value("2")
        page.keyboard.press("Enter")  # submits the set form from its field
        if done < len(slots) and timer.is_visible():
            expect(page.locator("[data-timer-skip]")).to_be_focused()
            page.keyboard.press("Space")
        if done < len(slots):
            focused = "form.set-form:not([hidden]) input:not([type=hidden])"
            assert page.evaluate("(s) => document.activeElement.matches(s)", focused), done
    wait_until_saved(page)
    assert set_count(live_server.db_url) == len(slots)
    finish = page.locator("#finish").get_by_role("button", name="Finish session")
    expect(finish).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="What changes next time")).to_be_visible()
