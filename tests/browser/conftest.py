"""The real app served by uvicorn on a loopback port, and Debian's Chromium driven by
Playwright at phone and laptop sizes.

Playwright's own browser download cannot work here, so the browser is /usr/bin/chromium
(``make test`` installs the Debian package) and axe-core comes from node_modules (``make
test`` runs ``npm ci``). Without them the tests skip, and in CI (CI=true) they fail.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from fastapi import FastAPI
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, sync_playwright

from hipstride.settings import Settings
from hipstride.web.app import create_app
from hipstride.web.launch import sign_in_link
from tests.conftest import ROOT, system_tool
from tests.e2e.web_client import Clock, planned_db  # noqa: F401 - a fixture, found by name

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / "build" / "screenshots"
PHONE: dict[str, Any] = {
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
}
LAPTOP: dict[str, Any] = {"viewport": {"width": 1366, "height": 768}}
TIMEOUT_MS = 10_000


def _missing(message: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


@dataclass
class LiveServer:
    """One app on ``base_url``, over its own SQLite copy; ``clock`` is the app's clock."""

    base_url: str
    app: FastAPI
    settings: Settings
    clock: Clock
    db_url: str
    server: uvicorn.Server
    thread: threading.Thread

    def sign_in_link(self) -> str:
        """The link ``hipstride serve`` would print for this server's port."""
        port = int(self.base_url.rsplit(":", 1)[1])
        return sign_in_link(self.settings, host="127.0.0.1", port=port, now=self.clock.now)

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)
        self.app.state.store.engine.dispose()


def serve(app: FastAPI, **config: Any) -> tuple[str, uvicorn.Server, threading.Thread]:
    """Serve ``app`` with uvicorn in a thread on a free loopback port; wait until it listens.

    ``config`` goes to ``uvicorn.Config``; by default, as ``hipstride serve`` does, the
    X-Forwarded-* headers of a proxy on 127.0.0.1 are trusted.
    """
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    options = {"proxy_headers": True, "forwarded_allow_ips": "127.0.0.1"} | config
    server = uvicorn.Server(
        uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off", **options)
    )
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.01)
    return f"http://127.0.0.1:{port}", server, thread


def start_live_server(source: Path, folder: Path, **config: Any) -> LiveServer:
    """The app over a copy of the planned runner's database, its clock in the plan's week 1."""
    copy = folder / "live.db"
    shutil.copyfile(source, copy)
    db_url = f"sqlite:///{copy}"
    settings = Settings(database_url=db_url, athlete="runner")
    clock = Clock()
    app = create_app(settings, clock=clock)
    base_url, server, thread = serve(app, **config)
    return LiveServer(base_url, app, settings, clock, db_url, server, thread)


@pytest.fixture
def live_server(planned_db: Path, tmp_path: Path) -> Iterator[LiveServer]:  # noqa: F811
    """A server of its own for a test that writes."""
    server = start_live_server(planned_db, tmp_path)
    yield server
    server.stop()


@pytest.fixture(scope="module")
def shared_server(
    planned_db: Path,  # noqa: F811
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[LiveServer]:
    """One server for a module whose tests only read (pages, accessibility, screenshots)."""
    server = start_live_server(planned_db, tmp_path_factory.mktemp("live"))
    yield server
    server.stop()


@pytest.fixture(scope="session")
def chromium() -> str:
    return system_tool("chromium", "chromium")


@pytest.fixture(scope="session")
def axe_script() -> Path:
    if not AXE.exists():
        _missing(f"{AXE} is missing: run `npm ci` at the repository root (make test does)")
    return AXE


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="session")
def browser(playwright: Playwright, chromium: str) -> Iterator[Browser]:
    instance = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_FLAGS)
    yield instance
    instance.close()


def new_context(browser: Browser, size: dict[str, Any], **options: Any) -> BrowserContext:
    context = browser.new_context(**size, locale="en-GB", timezone_id="UTC", **options)
    context.set_default_timeout(TIMEOUT_MS)
    return context


@pytest.fixture
def phone(browser: Browser) -> Iterator[BrowserContext]:
    """A phone-sized touch screen, as a runner holds it in the middle of a session."""
    context = new_context(browser, PHONE)
    yield context
    context.close()


@pytest.fixture
def laptop(browser: Browser) -> Iterator[BrowserContext]:
    context = new_context(browser, LAPTOP)
    yield context
    context.close()


def sign_in(page: Page, server: LiveServer) -> None:
    """Open the printed link, as the runner does, and land on the dashboard."""
    page.goto(server.sign_in_link())
    page.wait_for_url(f"{server.base_url}/")


def follow_nav(page: Page, name: str) -> None:
    """Follow a link of the main navigation as a person would: on a phone most links sit under
    "More", so that opens first when the link is not in the bar."""
    nav = page.get_by_role("navigation", name="Main")
    link = nav.get_by_role("link", name=name, exact=True)
    if not link.is_visible():
        nav.locator("summary", has_text="More").click()
    link.click()
