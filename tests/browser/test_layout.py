"""What a runner on a phone and a coach on a laptop would notice, checked in Chromium: a
self-test drawing no taller than a third of a phone screen, the terminal hint only where
there is a terminal, and a progress chart with nothing to draw replaced by one line with
the next step."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, expect

from tests.browser.conftest import LAPTOP, PHONE, LiveServer, new_context, sign_in


@pytest.fixture(scope="module")
def signed_in(browser: Browser, shared_server: LiveServer) -> Iterator[dict[str, BrowserContext]]:
    made = {"phone": new_context(browser, PHONE), "laptop": new_context(browser, LAPTOP)}
    for context in made.values():
        sign_in(context.new_page(), shared_server)
    yield made
    for context in made.values():
        context.close()


@pytest.mark.parametrize("path", ["/assess/squat", "/assess/bridge"])
def test_a_self_test_drawing_leaves_room_for_the_form_on_a_phone(
    path: str, signed_in: dict[str, BrowserContext], shared_server: LiveServer
) -> None:
    page = signed_in["phone"].new_page()
    page.goto(shared_server.base_url + path)
    box = page.locator(".howto .figure").bounding_box()
    assert box and box["height"] <= PHONE["viewport"]["height"] / 3, box


def test_the_terminal_hint_shows_on_a_laptop_only(
    signed_in: dict[str, BrowserContext], shared_server: LiveServer
) -> None:
    for size, shown in (("phone", False), ("laptop", True)):
        page = signed_in[size].new_page()
        page.goto(shared_server.base_url + "/")
        hint = page.get_by_text("Or in a terminal")
        if shown:
            expect(hint).to_be_visible()
        else:
            expect(hint).to_be_hidden()


def test_an_empty_chart_is_one_line_with_the_next_step(
    signed_in: dict[str, BrowserContext], shared_server: LiveServer
) -> None:
    page = signed_in["phone"].new_page()
    page.goto(shared_server.base_url + "/progress")  # the planned runner has logged no set
    volume = page.locator("figure").filter(has=page.get_by_role("heading", name="Sets per week"))
    expect(volume.locator("svg")).to_have_count(0)
    expect(volume.get_by_role("link", name="Go to today")).to_be_visible()
    expect(page.locator("svg#chart-steps")).to_be_visible()  # the plan's ladders are drawn
