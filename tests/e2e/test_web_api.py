"""The JSON API: sessions, logging sets once per key, finishing, and problem details."""

from __future__ import annotations

from sqlalchemy import create_engine, func, select

from hipstride.store.tables import SetLog
from tests.e2e.web_client import (
    TestClient,
)

DAY = "2026-11-30"


def _set_count(db_url: str) -> int:
    engine = create_engine(db_url)
    try:
        with engine.connect() as connection:
            return connection.scalar(select(func.count()).select_from(SetLog)) or 0
    finally:
        engine.dispose()


def _first_slot(client: TestClient) -> dict:
    session = client.get(f"/api/v1/sessions/{DAY}").json()
    return session["remaining"][0]


def _body(slot: dict, key: str = "phone-1:0001", **changes: object) -> dict:
    body = {
        "day": DAY,
        "position": slot["position"],
        "set_number": slot["set_number"],
        "side": slot["side"],
        "reps": 12,
        "pain": 1,
        "reps_in_reserve": 3,
        "idempotency_key": key,
    }
    return body | changes


def test_the_api_needs_a_session_and_says_so_as_a_problem(app):
    response = TestClient(app).get("/api/v1/plan")
    assert response.status_code == 401
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert problem["status"] == 401 and problem["title"] == "Unauthorized"
    assert {"type", "title", "status", "detail"} <= set(problem)


def test_the_plan_and_the_days_session_with_its_set_slots(runner):
    plan = runner.get("/api/v1/plan").json()
    assert plan["start"] == DAY and plan["weeks_count"] == 8
    session = runner.get(f"/api/v1/sessions/{DAY}").json()
    assert session["items"][0]["step_id"] == "clamshell"
    first = session["remaining"][0]
    assert (first["position"], first["set_number"], first["side"]) == (0, 1, "left")
    assert runner.get("/api/v1/sessions/2026-12-01").status_code == 404


def test_the_same_idempotency_key_twice_stores_one_set(runner, db_url):
    slot = _first_slot(runner)
    first = runner.post("/api/v1/sets", json=_body(slot))
    again = runner.post("/api/v1/sets", json=_body(slot))
    assert first.status_code == again.status_code == 201
    assert first.json() == again.json()
    assert first.json()["reps"] == 12 and first.json()["target_reps"] == slot["target_reps"]
    assert _set_count(db_url) == 1
    after = runner.get(f"/api/v1/sessions/{DAY}").json()
    assert after["done_sets"] == 1 and after["remaining"][0] != slot


def test_a_slot_already_done_is_refused_under_a_new_key(runner):
    slot = _first_slot(runner)
    runner.post("/api/v1/sets", json=_body(slot))
    response = runner.post("/api/v1/sets", json=_body(slot, key="phone-1:0002"))
    assert response.status_code == 422 and response.json()["field"] == "set_number"


def test_a_bad_body_is_a_problem_naming_the_field(runner, db_url):
    slot = _first_slot(runner)
    response = runner.post("/api/v1/sets", json=_body(slot, pain=11))
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert problem["field"] == "pain" and problem["status"] == 422
    assert "pain" in problem["detail"]
    missing = runner.post("/api/v1/sets", json={"day": DAY})
    assert missing.status_code == 422 and missing.json()["field"]
    assert _set_count(db_url) == 0


def test_finishing_a_session_adapts_the_plan_and_explains(runner):
    session = runner.get(f"/api/v1/sessions/{DAY}").json()
    nothing = runner.post(f"/api/v1/sessions/{DAY}/finish")
    assert nothing.status_code == 409
    for n, slot in enumerate(session["remaining"]):
        body = _body(slot, key=f"phone-1:{n:04d}")
        if slot["target_hold_seconds"]:
            body |= {"reps": None, "held_seconds": slot["target_hold_seconds"]}
        assert runner.post("/api/v1/sets", json=body).status_code == 201
    done = runner.post(f"/api/v1/sessions/{DAY}/finish")
    assert done.status_code == 200, done.text
    result = done.json()
    assert result["status"] == "done" and result["explanations"]
    plan = runner.get("/api/v1/plan").json()
    assert plan["weeks"][0]["sessions"][0]["done"] is True


def test_the_openapi_document_describes_the_api(app):
    spec = TestClient(app).get("/api/v1/openapi.json").json()
    assert {"/api/v1/plan", "/api/v1/sets", "/api/v1/sessions/{day}"} <= set(spec["paths"])
    assert not any(path.startswith("/sign-in") for path in spec["paths"])
