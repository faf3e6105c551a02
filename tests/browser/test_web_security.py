"""What tests/e2e/test_web_auth.py leaves out: CSRF on every form of the route table, a
cross-site JSON forgery, cookies behind an https proxy (through uvicorn's proxy headers, as
``hipstride serve`` runs it), and the sign-in limit per address."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from itertools import islice
from pathlib import Path

import httpx2
import pytest
from fastapi.routing import APIRoute

from hipstride.services.accounts import MAX_FAILURES_PER_ACCOUNT, MAX_FAILURES_PER_ADDRESS
from hipstride.web.app import API_PREFIX, routers
from tests.browser.conftest import LiveServer, start_live_server
from tests.browser.guided import DAY, set_count

PATH_VALUES = {"day": DAY, "step_id": "clamshell"}
PROXY = {"x-forwarded-proto": "https", "x-forwarded-for": "203.0.113.5"}


def form_posts() -> list[str]:
    """Every POST of the pages (not the API), its path parameters filled in."""
    paths = []
    for router, prefix in routers():
        for route in router.routes:
            if isinstance(route, APIRoute) and prefix != API_PREFIX and "POST" in route.methods:
                paths.append(
                    re.sub(
                        r"\{(\w+)\}",
                        lambda m: PATH_VALUES.get(m.group(1), str(uuid.uuid4())),
                        prefix + route.path,
                    )
                )
    return sorted(paths)


@pytest.fixture
def client(live_server: LiveServer) -> Iterator[httpx2.Client]:
    with httpx2.Client(base_url=live_server.base_url, timeout=10) as http:
        yield http


@contextmanager
def _signed_in(server: LiveServer) -> Iterator[httpx2.Client]:
    with httpx2.Client(base_url=server.base_url, timeout=10) as http:
        assert http.get(server.sign_in_link()).status_code == 303
        yield http


def _csrf(http: httpx2.Client, path: str, headers: dict[str, str] | None = None) -> str:
    match = re.search(r'name="csrf_token" value="([^"]+)"', http.get(path, headers=headers).text)
    assert match, path
    return match.group(1)


@pytest.fixture(scope="module")
def runner_client(shared_server: LiveServer) -> Iterator[httpx2.Client]:
    with _signed_in(shared_server) as http:
        yield http


@pytest.mark.parametrize("path", form_posts())
def test_every_form_refuses_a_missing_or_forged_csrf_token(
    path: str, shared_server: LiveServer, runner_client: httpx2.Client
) -> None:
    for data in ({}, {"csrf_token": "forged"}, {"csrf_token": ""}):
        response = runner_client.post(path, data=data)
        assert response.status_code == 403, (path, data, response.status_code)
        assert "security token" in response.text
    assert runner_client.get("/plan").status_code == 200  # still signed in
    assert set_count(shared_server.db_url) == 0


def test_a_cross_site_form_cannot_forge_a_json_set(live_server: LiveServer) -> None:
    """A page elsewhere can post text/plain that looks like JSON; the API does not take it."""
    body = (
        '{"day": "2026-11-30", "position": 0, "set_number": 1, "side": "left", "reps": 10, '
        '"pain": 0, "idempotency_key": "forged-by-a-form"}'
    )
    with _signed_in(live_server) as http:
        response = http.post("/api/v1/sets", content=body, headers={"content-type": "text/plain"})
        assert response.status_code == 422
        assert response.headers["content-type"] == "application/problem+json"
    assert set_count(live_server.db_url) == 0


def _cookie(response: httpx2.Response, name: str) -> str:
    cookies = [c for c in response.headers.get_list("set-cookie") if c.startswith(f"{name}=")]
    assert cookies, response.headers
    return cookies[0]


def test_cookies_are_secure_behind_a_trusted_https_proxy(
    live_server: LiveServer, client: httpx2.Client
) -> None:
    csrf = _cookie(client.get("/sign-in", headers=PROXY), "hipstride_csrf")
    session = _cookie(
        client.get(live_server.sign_in_link(), headers=PROXY, follow_redirects=False),
        "hipstride_session",
    )
    for cookie in (csrf, session):
        flags = {part.strip().lower() for part in cookie.split(";")[1:]}
        assert {"httponly", "secure", "samesite=lax", "path=/"} <= flags, cookie
    plain = _cookie(httpx2.get(f"{live_server.base_url}/sign-in"), "hipstride_csrf")
    assert "secure" not in plain.lower()  # plain http straight to the server


def test_forwarded_headers_from_an_untrusted_address_are_ignored(
    planned_db: Path, tmp_path: Path
) -> None:
    server = start_live_server(planned_db, tmp_path, forwarded_allow_ips="10.9.8.7")
    try:
        response = httpx2.get(server.sign_in_link(), headers=PROXY, follow_redirects=False)
        assert response.status_code == 303
        assert "secure" not in _cookie(response, "hipstride_session").lower()
    finally:
        server.stop()


def _sign_up(server: LiveServer, username: str, password: str) -> None:
    with httpx2.Client(base_url=server.base_url, timeout=10) as http:
        data = {"username": username, "password": password, "csrf_token": _csrf(http, "/sign-up")}
        assert http.post("/sign-up", data=data).status_code == 303


def test_failed_sign_ins_are_limited_per_address_across_accounts(
    live_server: LiveServer, client: httpx2.Client
) -> None:
    """Guessing a little at many accounts from one address is stopped too; another address
    (the proxy says which, through X-Forwarded-For) still signs in."""
    per_account = MAX_FAILURES_PER_ACCOUNT - 1
    accounts = -(-MAX_FAILURES_PER_ADDRESS // per_account)
    names = [f"runner{i}@example.org" for i in range(accounts)]
    for name in names:
        _sign_up(live_server, name, "a long passphrase")

    def attempt(http: httpx2.Client, address: str, name: str, password: str) -> int:
        headers = {"x-forwarded-for": address}
        data = {"username": name, "password": password, "csrf_token": _csrf(http, "/sign-in")}
        return http.post("/sign-in", data=data, headers=headers).status_code

    guesses = islice(
        ((name, n) for name in names for n in range(per_account)), MAX_FAILURES_PER_ADDRESS
    )
    statuses = [attempt(client, "203.0.113.5", name, "wrong guess") for name, _ in guesses]
    assert statuses == [401] * MAX_FAILURES_PER_ADDRESS
    assert attempt(client, "203.0.113.5", names[-1], "a long passphrase") == 429
    with httpx2.Client(base_url=live_server.base_url, timeout=10) as other:
        assert attempt(other, "198.51.100.7", names[-1], "a long passphrase") in (200, 303)
