"""A coach account linked to the web tests' runner, made through the web app itself."""

from __future__ import annotations

import re

from fastapi import FastAPI
from fastapi.testclient import TestClient

from hipstride.services import accounts
from tests.e2e.web_client import NOW, csrf_of


def coach_client(app: FastAPI, username: str = "coach@example.org") -> TestClient:
    """A coach account (as ``hipstride user create --role coach`` makes), signed in."""
    with app.state.store.sessions() as session, session.begin():
        account = accounts.create_account(
            session, username=username, password=None, athlete_id=None, now=NOW, role="coach"
        )
        token = accounts.create_sign_in_link(session, account_id=account.id, now=NOW)
    client = TestClient(app)
    assert client.get(f"/sign-in/{token}", follow_redirects=False).status_code == 303
    return client


def invite(coach: TestClient) -> tuple[str, str]:
    """The code and the link path of a new invitation, from the coach's page."""
    page = coach.post("/coach/invitations", data={"csrf_token": csrf_of(coach, "/coach")})
    assert page.status_code == 201, page.text
    code = re.search(r'id="invite-code"[^>]*value="([A-Z0-9-]+)"', page.text)
    url = re.search(r'id="invite-url"[^>]*value="http://testserver(/invite/[A-Z0-9-]+)"', page.text)
    assert code and url, page.text
    return code.group(1), url.group(1)


def accept(runner: TestClient, link_path: str) -> None:
    response = runner.post(
        link_path, data={"csrf_token": csrf_of(runner, link_path)}, follow_redirects=False
    )
    assert response.status_code == 303 and response.headers["location"] == "/sharing?saved=linked"


def linked_coach(app: FastAPI, runner: TestClient) -> tuple[TestClient, dict[str, str]]:
    """A coach linked to ``runner``, and the ids the runner's coaching routes take."""
    coach = coach_client(app)
    _, path = invite(coach)
    accept(runner, path)
    link = runner.get("/api/v1/coaches").json()[0]
    token = runner.post("/api/v1/tokens", json={"name": "backup"}).json()
    athlete_id = coach.get("/api/v1/coach/runners").json()[0]["athlete_id"]
    return coach, {"athlete_id": athlete_id, "link_id": link["id"], "token_id": token["id"]}
