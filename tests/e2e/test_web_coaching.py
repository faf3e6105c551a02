"""Coaching through the web app: invite, accept, alerts, clear, override, revoke; tokens."""

from __future__ import annotations

import hashlib

from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, select

from hipstride.store.tables import AccessToken
from hipstride.web.app import routers
from tests.e2e.coaching_setup import accept, coach_client, invite, linked_coach
from tests.e2e.web_client import csrf_of, sign_up

DAY = "2026-11-30"


def _log_set(runner: TestClient, pain: int, key: str) -> None:
    slot = runner.get(f"/api/v1/sessions/{DAY}").json()["remaining"][0]
    body = {
        "day": DAY,
        "position": slot["position"],
        "set_number": slot["set_number"],
        "side": slot["side"],
        "reps": 10,
        "pain": pain,
        "idempotency_key": key,
    }
    assert runner.post("/api/v1/sets", json=body).status_code == 201


def _next_day(runner: TestClient) -> str:
    """The first session after today's, which nobody has started."""
    days = [s["day"] for w in runner.get("/api/v1/plan").json()["weeks"] for s in w["sessions"]]
    return next(d for d in days if d > DAY)


def test_a_coach_invites_sees_the_alert_overrides_and_the_runner_reads_the_note(app, runner):
    coach = coach_client(app)
    assert "No runners yet" in coach.get("/coach").text
    code, path = invite(coach)
    invitation = runner.get(path)
    assert invitation.status_code == 200 and "coach@example.org invites you" in invitation.text
    assert invitation.headers["cache-control"] == "no-store"
    accept(runner, path)
    sharing = runner.get("/sharing?saved=linked").text
    assert "coach@example.org" in sharing and "your coach can now see your training" in sharing
    assert runner.get(path).status_code == 404  # used: the code works once

    listing = coach.get("/coach").text
    assert 'href="/coach/runners/' in listing and "Pain 8/10" not in listing
    _log_set(runner, 8, "phone:0001")
    listing = coach.get("/coach").text
    assert "Pain 8/10 in a set of Clamshell" in listing
    runner_path = listing.split('href="/coach/runners/', 1)[1].split('"', 1)[0]
    detail = coach.get(f"/coach/runners/{runner_path}")
    assert detail.status_code == 200 and "Pain 8/10" in detail.text

    day = _next_day(runner)
    form = {
        "csrf_token": csrf_of(coach, "/coach"),
        "day": day,
        "position": "0",
        "step_id": "",
        "sets": "1",
        "reps_min": "6",
        "reps_max": "8",
        "note": "One easy set: your hip needs a quieter week.",
    }
    saved = coach.post(f"/coach/runners/{runner_path}/override", data=form, follow_redirects=False)
    assert saved.status_code == 303, saved.text
    assert "the runner sees your change" in coach.get(saved.headers["location"]).text
    note = "coach@example.org: One easy set: your hip needs a quieter week."
    assert note in runner.get("/plan").text
    assert note in runner.get(f"/session/{day}").text
    assert "coach's note" in runner.get("/").text  # the coming sessions on the dashboard
    plan = runner.get("/api/v1/plan").json()
    item = next(s for w in plan["weeks"] for s in w["sessions"] if s["day"] == day)["items"][0]
    assert item["coach_note"] == note and item["dose"].startswith("1 × 6-8")

    bad = coach.post(
        f"/coach/runners/{runner_path}/override", data=form | {"note": "", "reps_min": "9"}
    )
    assert bad.status_code == 422 and 'role="alert"' in bad.text

    cleared = coach.post(
        f"/coach/runners/{runner_path}/clear",
        data={"csrf_token": csrf_of(coach, "/coach"), "note": "Seen by the physio"},
        follow_redirects=False,
    )
    assert cleared.status_code == 303
    assert "Pain 8/10" not in coach.get("/coach").text  # dealt with: alerts start again

    link_id = runner.get("/api/v1/coaches").json()[0]["id"]
    revoked = runner.post(
        f"/sharing/{link_id}/revoke",
        data={"csrf_token": csrf_of(runner, "/sharing")},
        follow_redirects=False,
    )
    assert revoked.status_code == 303
    assert coach.get(f"/coach/runners/{runner_path}").status_code == 404
    assert "No runners yet" in coach.get("/coach").text
    assert code  # the code itself also works on the sharing page (see the API test)


def test_the_api_with_a_token_covers_every_coaching_use_case(app, runner, db_url):
    coach = coach_client(app)
    made = coach.post("/api/v1/tokens", json={"name": "weekly report"})
    assert made.status_code == 201
    token = made.json()["token"]
    script = TestClient(app, headers={"Authorization": f"Bearer {token}"})
    invitation = script.post("/api/v1/coach/invitations")
    assert invitation.status_code == 201
    assert invitation.json()["url"].endswith("/invite/" + invitation.json()["code"])
    code = invitation.json()["code"]
    linked = runner.post("/api/v1/invitations/accept", json={"code": code.lower()})
    assert linked.status_code == 201 and linked.json()["coach"] == "coach@example.org"
    again = runner.post("/api/v1/invitations/accept", json={"code": code})
    assert again.status_code == 404
    assert again.headers["content-type"] == "application/problem+json"

    runners = script.get("/api/v1/coach/runners").json()
    assert [r["name"] for r in runners] == ["runner"] and runners[0]["alerts"] == []
    athlete_id = runners[0]["athlete_id"]
    detail = script.get(f"/api/v1/coach/runners/{athlete_id}").json()
    assert detail["tests"][0]["score"] == 3 and detail["upcoming"][0]["day"] == DAY
    cleared = script.post(f"/api/v1/coach/runners/{athlete_id}/clearance", json={"note": "ok"})
    assert cleared.status_code == 201 and cleared.json()["cleared_by"] == "coach@example.org"
    day = _next_day(runner)
    change = {"day": day, "position": 0, "note": "Hold here this week", "sets": 2}
    changed = script.post(f"/api/v1/coach/runners/{athlete_id}/overrides", json=change)
    assert changed.status_code == 200, changed.text
    assert changed.json()["override_note"] == "Hold here this week"
    wrong = script.post(
        f"/api/v1/coach/runners/{athlete_id}/overrides", json=change | {"step_id": "nope"}
    )
    assert wrong.status_code == 422 and wrong.headers["content-type"] == "application/problem+json"
    assert wrong.json()["field"] == "step_id" and "ladder" in wrong.json()["detail"]

    # Tokens are stored as SHA-256 only, listed without the secret, and revocable.
    engine = create_engine(db_url)
    with engine.connect() as connection:
        stored = connection.scalars(select(AccessToken.token_hash)).all()
    engine.dispose()
    assert stored == [hashlib.sha256(token.encode()).hexdigest()]
    listed = script.get("/api/v1/tokens").json()
    assert "token" not in listed[0] and listed[0]["last_used_at"] is not None
    assert script.delete(f"/api/v1/tokens/{listed[0]['id']}").status_code == 204
    refused = script.get("/api/v1/coach/runners")
    assert refused.status_code == 401 and refused.headers["www-authenticate"] == "Bearer"
    assert refused.headers["content-type"] == "application/problem+json"

    link_id = runner.get("/api/v1/coaches").json()[0]["id"]
    assert runner.delete(f"/api/v1/coaches/{link_id}").status_code == 204
    assert coach.get(f"/api/v1/coach/runners/{athlete_id}").status_code == 404
    assert runner.get("/api/v1/coaches").json() == []


def test_a_token_works_for_the_api_only_and_cannot_post_forms(app, runner):
    token = runner.post("/api/v1/tokens", json={"name": "script"}).json()["token"]
    script = TestClient(app, headers={"Authorization": f"Bearer {token}"})
    assert script.get("/api/v1/plan").json()["start"] == DAY
    assert script.get("/plan", follow_redirects=False).status_code == 303  # pages: sign in
    form = script.post("/settings/tokens", data={"name": "x"}, follow_redirects=False)
    assert form.status_code in (303, 403)
    forged = TestClient(app, headers={"Authorization": "Bearer hs_forged"})
    assert forged.get("/api/v1/plan").status_code == 401
    # What hands out lasting access needs the person, not a token that may have leaked.
    for path, body in (
        ("/api/v1/tokens", {"name": "another"}),
        ("/api/v1/calendar-feeds", None),
        ("/api/v1/invitations/accept", {"code": "x" * 32}),
    ):
        refused = script.post(path, json=body)
        assert refused.status_code == 403, (path, refused.text)
        assert "signed in to the web app" in refused.json()["detail"]
    assert len(runner.get("/api/v1/tokens").json()) == 1
    assert runner.get("/api/v1/calendar-feeds").json() == []


def test_runners_are_pointed_elsewhere_or_refused_and_coaches_cannot_accept(app, runner):
    told = runner.get("/coach")
    assert told.status_code == 200 and "signed in with a runner account" in told.text
    assert "Make an invitation" not in told.text
    refused = runner.post("/coach/invitations", data={"csrf_token": csrf_of(runner)})
    assert refused.status_code == 403
    assert runner.post("/api/v1/coach/invitations").status_code == 403
    coach = coach_client(app)
    other = coach_client(app, "other-coach@example.org")
    code, _ = invite(coach)
    refused = other.post("/sharing/accept", data={"code": code, "csrf_token": csrf_of(other)})
    assert refused.status_code == 422 and "cannot be coached" in refused.text


def test_the_tokens_page_shows_a_new_token_once_and_revokes_it(app, runner):
    page = runner.post(
        "/settings/tokens",
        data={"name": "backup", "csrf_token": csrf_of(runner, "/settings/tokens")},
    )
    assert page.status_code == 201 and page.headers["cache-control"] == "no-store"
    token = page.text.split('id="new-token" class="secret" type="text" readonly value="', 1)[1]
    token = token.split('"', 1)[0]
    assert token.startswith("hs_")
    listing = runner.get("/settings/tokens").text
    assert "backup" in listing and token not in listing and "never used" in listing
    token_id = runner.get("/api/v1/tokens").json()[0]["id"]
    revoked = runner.post(
        f"/settings/tokens/{token_id}/revoke",
        data={"csrf_token": csrf_of(runner, "/settings/tokens")},
        follow_redirects=False,
    )
    assert revoked.status_code == 303
    assert "revoked" in runner.get("/settings/tokens").text
    empty = runner.post("/settings/tokens", data={"name": " ", "csrf_token": csrf_of(runner)})
    assert empty.status_code == 422 and "Name the token" in empty.text


def test_an_unlinked_or_unlinked_again_coach_gets_404_on_every_coach_route(app, runner):
    coach, ids = linked_coach(app, runner)
    stranger = coach_client(app, "stranger-coach@example.org")
    sign_up(other := TestClient(app), "other-runner@example.org")
    coach_routes = [
        (method, prefix + route.path)
        for router, prefix in routers()
        for route in router.routes
        if isinstance(route, APIRoute) and "{athlete_id}" in route.path
        for method in sorted(route.methods)
    ]
    assert len(coach_routes) >= 8
    for method, template in coach_routes:
        path = template.replace("{athlete_id}", ids["athlete_id"])
        for client in (stranger, other):
            data = None if path.startswith("/api/") else {"csrf_token": csrf_of(client)}
            response = client.request(method, path, data=data)
            assert response.status_code == 404, (method, template, response.text)
    assert coach.get(f"/coach/runners/{ids['athlete_id']}").status_code == 200
    runner.delete(f"/api/v1/coaches/{ids['link_id']}")
    assert coach.get(f"/coach/runners/{ids['athlete_id']}").status_code == 404
    assert coach.get(f"/api/v1/coach/runners/{ids['athlete_id']}").status_code == 404


def test_the_openapi_schema_documents_the_coaching_and_token_routes(app):
    spec = TestClient(app).get("/api/v1/openapi.json").json()
    paths = spec["paths"]
    details = spec["components"]["schemas"]["ProblemDetails"]
    assert details["required"] == ["title", "status", "detail"]
    for path in (
        "/api/v1/coach/invitations",
        "/api/v1/coach/runners",
        "/api/v1/coach/runners/{athlete_id}",
        "/api/v1/coach/runners/{athlete_id}/clearance",
        "/api/v1/coach/runners/{athlete_id}/overrides",
        "/api/v1/invitations/accept",
        "/api/v1/coaches",
        "/api/v1/coaches/{link_id}",
        "/api/v1/tokens",
        "/api/v1/tokens/{token_id}",
    ):
        assert path in paths, path
        for operation in paths[path].values():
            assert operation.get("description") or operation.get("summary"), path
            problem = operation["responses"]["401"]["content"]["application/problem+json"]
            assert problem["schema"] == {"$ref": "#/components/schemas/ProblemDetails"}
