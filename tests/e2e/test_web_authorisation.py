"""Every route that takes an id or a day, tried by another account: refused or shared.

The cases come from the app's route table, so a new route with a parameter fails here until
it is given a place below.
"""

from __future__ import annotations

import re

from fastapi.routing import APIRoute

from hipstride.web.app import routers
from tests.e2e.coaching_setup import linked_coach
from tests.e2e.web_client import (
    TestClient,
    csrf_of,
    sign_up,
)

VALUES = {
    "day": "2026-11-30",
    "step_id": "clamshell",
    "test_id": "deep-squat",
    "token": "not-a-real-token-" + "x" * 30,
    "code": "NOTA-REAL-CODE-AT-ALL",
}
# Content everyone shares: the same answer for every account.
SHARED = {
    "/exercises/{step_id}",
    "/exercises/{step_id}.svg",
    "/api/v1/exercises/{step_id}",
    "/self-tests/{test_id}.svg",
}
# Needs no account at all.
PUBLIC = {"/sign-in/{token}", "/invite/{code}", "/calendar/{token}.ics"}
# The runner's athlete, coach link and token ids come from ``linked_coach`` at run time.
# The runner's run and calendar-feed ids come from ``_runs_and_feed``.


def _routes_with_parameters() -> list[tuple[str, str]]:
    return [
        (method, prefix + route.path)
        for router, prefix in routers()
        for route in router.routes
        if isinstance(route, APIRoute) and "{" in route.path
        for method in sorted(route.methods)
    ]


def _fill(path: str, values: dict[str, str] = VALUES) -> str:
    return re.sub(r"\{(\w+)\}", lambda m: values[m.group(1)], path)


def _content(response) -> bytes:
    """What a page shows, without the per-session parts (the sign-out form's CSRF token)."""
    body: bytes = response.content
    return body.split(b"<main", 1)[-1] if body.startswith(b"<!doctype") else body


# A valid body for the routes that need one, so the refusal is about whose data it is.
BODIES = {
    "/api/v1/runs/{run_id}": {"counts_for_load": False},
    "/api/v1/camera-checks/{job_id}/save": {"pain": 0},
}


def _call(client: TestClient, method: str, path: str, template: str = ""):
    if path.startswith("/api/") or method == "GET":
        return client.request(method, path, json=BODIES.get(template))
    return client.request(method, path, data={"csrf_token": csrf_of(client)})


def _runs_and_feed(runner: TestClient) -> dict[str, str]:
    """A run (a GPX written here) and a calendar feed of the runner's own."""
    from datetime import UTC, datetime

    from tests.e2e.test_cli_load_and_fit import gpx

    track = gpx(datetime(2026, 11, 24, 7, tzinfo=UTC), 30, 5.0).encode()
    imported = runner.post("/api/v1/runs", files={"files": ("run.gpx", track)}).json()
    feed = runner.post("/api/v1/calendar-feeds").json()
    return {"run_id": imported["files"][0]["run_id"], "feed_id": feed["id"]}


def _camera_check(runner: TestClient) -> dict[str, str]:
    """A camera check of the runner's own, from a landmark file (no pose model needed)."""
    import json

    from hipstride.figures.landmarks import to_json
    from hipstride.figures.synthetic import synthesize
    from hipstride.knowledge.catalog import load_catalog
    from hipstride.web.jobs import wait_for_jobs

    seq, _ = synthesize(load_catalog().step("clamshell"), reps=3)
    clip = ("c.json", json.dumps(to_json(seq)).encode())
    job = runner.post("/api/v1/camera-checks", data={"step": "clamshell"}, files={"clip": clip})
    wait_for_jobs(runner.app, timeout=60)
    return {"job_id": job.json()["id"]}


def test_another_account_cannot_reach_the_runners_data_by_any_route(app, runner):
    other = TestClient(app)
    sign_up(other, "stranger@example.org")
    _, linked = linked_coach(app, runner)  # a coach reaches the runner; a stranger must not
    linked |= _runs_and_feed(runner) | _camera_check(runner)
    routes = _routes_with_parameters()
    assert {path for _, path in routes} >= SHARED | PUBLIC | {"/api/v1/sessions/{day}"}
    for method, template in routes:
        path = _fill(template, VALUES | linked)
        theirs = _call(other, method, path, template)
        if template in SHARED:
            assert theirs.status_code == 200, (method, template)
            mine = _call(runner, method, path)
            assert _content(theirs) == _content(mine), (method, template)
        elif template in PUBLIC:
            assert theirs.status_code == 404, (method, template)
        else:  # the runner's own data: not there for anybody else
            assert theirs.status_code == 404, (method, template, theirs.text)
            assert "Clamshell" not in theirs.text
    assert runner.get("/api/v1/sessions/2026-11-30").json()["done_sets"] == 0
    mine = runner.get("/api/v1/runs").json()["runs"]
    assert [r["counts_for_load"] for r in mine] == [True]  # nobody else changed it
    assert runner.get("/api/v1/calendar-feeds").json()[0]["revoked_at"] is None
    assert runner.get(f"/api/v1/camera-checks/{linked['job_id']}").json()["saved"] is None


def test_another_account_cannot_log_a_set_into_the_runners_session(app, runner):
    other = TestClient(app)
    sign_up(other, "stranger@example.org")
    slot = runner.get("/api/v1/sessions/2026-11-30").json()["remaining"][0]
    body = {
        "day": "2026-11-30",
        "position": slot["position"],
        "set_number": slot["set_number"],
        "side": slot["side"],
        "reps": 12,
        "pain": 0,
        "idempotency_key": "stranger:0001",
    }
    assert other.post("/api/v1/sets", json=body).status_code == 404
    assert (
        runner.post("/api/v1/sets", json=body | {"idempotency_key": "mine:0001"}).status_code == 201
    )
    # The runner's key cannot be replayed by someone else to read their set.
    replay = other.post("/api/v1/sets", json=body | {"idempotency_key": "mine:0001"})
    assert replay.status_code == 409 and "reps" not in replay.json()
    assert runner.get("/api/v1/sessions/2026-11-30").json()["done_sets"] == 1
