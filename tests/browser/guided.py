"""Helpers for driving the guided session page (static/session.js) in a browser."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Locator, Page, expect
from sqlalchemy import create_engine, func, select

from hipstride.store.tables import SetLog

DAY = "2026-11-30"  # the plan's first session; the live server's clock is that morning
SESSION = f"/session/{DAY}"


def current_form(page: Page) -> Locator:
    """The one set form on show: session.js hides every other."""
    return page.locator("form.set-form:not([hidden])")


def current_label(page: Page) -> str:
    return current_form(page).locator(".slot-label").inner_text()


def remaining(page: Page, base_url: str) -> list[dict[str, Any]]:
    """The set slots left, as the API says (the browser context's cookies sign it in)."""
    response = page.request.get(f"{base_url}/api/v1/sessions/{DAY}")
    assert response.ok, response.text()
    slots: list[dict[str, Any]] = response.json()["remaining"]
    return slots


def wait_until_saved(page: Page) -> None:
    expect(page.locator("#sync-status")).to_have_text("All sets saved.")


def set_rows(db_url: str) -> list[tuple[int, str | None, str | None]]:
    """Every stored set: (set number, side, idempotency key)."""
    engine = create_engine(db_url)
    try:
        with engine.connect() as connection:
            query = select(SetLog.set_number, SetLog.side, SetLog.idempotency_key)
            return [tuple(row) for row in connection.execute(query)]  # type: ignore[misc]
    finally:
        engine.dispose()


def set_count(db_url: str) -> int:
    engine = create_engine(db_url)
    try:
        with engine.connect() as connection:
            return connection.scalar(select(func.count()).select_from(SetLog)) or 0
    finally:
        engine.dispose()


def save_current_set(page: Page, *, skip_rest: bool = True) -> None:
    """Press "Save set" on the form on show; end the rest timer with its Skip button."""
    current_form(page).get_by_role("button", name="Save set").click()
    timer = page.locator("#timer")
    if skip_rest and timer.is_visible():
        timer.get_by_role("button", name="Skip").click()
        expect(timer).to_be_hidden()
