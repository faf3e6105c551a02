"""Signing in and out of the web app, and what protects it: cookies, CSRF, headers, limits."""

from __future__ import annotations

from datetime import timedelta

from hipstride.services.accounts import LINK_LIFETIME, MAX_FAILURES_PER_ACCOUNT
from tests.e2e.web_client import (
    NOW,
    TestClient,
    csrf_of,
    link_path,
    sign_up,
)


def test_the_printed_link_signs_the_cli_runner_in_once(app, settings):
    client = TestClient(app)
    path = link_path(settings)
    response = client.get(path, follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/"
    assert "Today's session" in client.get("/").text  # the CLI's plan, seen on the web
    again = TestClient(app).get(path, follow_redirects=False)
    assert again.status_code == 404
    assert "used already or has expired" in again.text


def test_a_sign_in_link_expires(app, settings, clock):
    path = link_path(settings)
    clock.now = NOW + LINK_LIFETIME + timedelta(seconds=1)
    assert TestClient(app).get(path, follow_redirects=False).status_code == 404


def test_pages_need_a_session_and_send_strangers_to_sign_in(app):
    response = TestClient(app).get("/plan", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/sign-in"


def test_the_session_cookie_is_httponly_and_lax(app, settings):
    client = TestClient(app)
    cookie = client.get(link_path(settings), follow_redirects=False).headers["set-cookie"]
    assert "hipstride_session=" in cookie
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie
    assert "Secure" not in cookie  # plain http on 127.0.0.1: a Secure cookie would be lost


def test_the_session_cookie_is_secure_over_https(app, settings):
    client = TestClient(app, base_url="https://hipstride.example")
    cookie = client.get(link_path(settings), follow_redirects=False).headers["set-cookie"]
    assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=lax" in cookie


def test_every_response_carries_the_security_headers(runner):
    for path in ("/", "/sign-in", "/exercises", "/api/v1/plan", "/static/app.css"):
        headers = runner.get(path).headers
        policy = headers["content-security-policy"]
        directives = {d.split()[0]: d.split()[1:] for d in policy.split("; ")}
        assert directives["script-src"] == ["'self'"], path
        assert "'unsafe-inline'" not in policy
        assert directives["frame-ancestors"] == ["'none'"]
        assert headers["x-frame-options"] == "DENY"
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "same-origin"


def test_pages_have_no_inline_scripts_or_styles(runner):
    for path in ("/", "/plan", "/exercises", "/exercises/clamshell", "/docs"):
        html = runner.get(path).text
        assert "<script>" not in html and "<style" not in html and " style=" not in html, path
        assert "https://" not in html.split("<main", 1)[0], path  # nothing from a CDN


def test_a_form_post_without_its_csrf_token_is_refused(runner):
    assert runner.post("/sign-out", data={}).status_code == 403
    assert runner.post("/sign-out", data={"csrf_token": "forged"}).status_code == 403
    assert runner.get("/plan", follow_redirects=False).status_code == 200  # still signed in
    token = csrf_of(runner)
    response = runner.post("/sign-out", data={"csrf_token": token}, follow_redirects=False)
    assert response.status_code == 303
    assert runner.get("/plan", follow_redirects=False).status_code == 303  # signed out


def test_the_sign_in_form_is_csrf_protected_too(app):
    client = TestClient(app)
    client.get("/sign-in")  # sets the double-submit cookie
    response = client.post("/sign-in", data={"username": "x", "password": "y"})
    assert response.status_code == 403


def test_sign_up_then_sign_in_with_the_password(app):
    client = TestClient(app)
    sign_up(client, "ana@example.org", "a long passphrase")
    assert "Your self-tests" in client.get("/").text
    assert "Make your plan" in client.get("/").text  # a new runner has no plan yet
    other = TestClient(app)
    token = csrf_of(other, "/sign-in")
    response = other.post(
        "/sign-in",
        data={"username": "ANA@example.org", "password": "a long passphrase", "csrf_token": token},
        follow_redirects=False,
    )
    assert response.status_code == 303


def test_a_short_password_is_refused_naming_the_rule(app):
    client = TestClient(app)
    token = csrf_of(client, "/sign-up")
    response = client.post(
        "/sign-up", data={"username": "bo@example.org", "password": "short", "csrf_token": token}
    )
    assert response.status_code == 422 and "at least 10 characters" in response.text


def test_repeated_failed_sign_ins_are_refused_with_429(app, clock):
    sign_up(TestClient(app), "ana@example.org", "a long passphrase")
    client = TestClient(app)
    token = csrf_of(client, "/sign-in")

    def attempt(password: str) -> int:
        data = {"username": "ana@example.org", "password": password, "csrf_token": token}
        return client.post("/sign-in", data=data).status_code

    assert [attempt("wrong guess") for _ in range(MAX_FAILURES_PER_ACCOUNT)] == [401] * 5
    assert attempt("wrong guess") == 429
    assert attempt("a long passphrase") == 429  # even the right password waits
    clock.now = NOW + timedelta(minutes=16)
    assert attempt("a long passphrase") == 200  # signed in: the redirect was followed
