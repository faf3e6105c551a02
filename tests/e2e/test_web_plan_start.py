"""A plan starts within a year of the runner's today: the API, the form and the CLI say so.

A start in year 1 used to be stored, and every page counting weeks from the start then took
seconds. The clock of the web tests is Monday 30 Nov 2026; the range is 366 days either way.
"""

from __future__ import annotations

import json
from datetime import date, timedelta

from tests.e2e.test_cli_library import hipstride
from tests.e2e.web_client import TestClient, csrf_of

TODAY = date(2026, 11, 30)
EARLIEST, LATEST = TODAY - timedelta(days=366), TODAY + timedelta(days=366)


def test_the_api_refuses_a_start_in_year_one_naming_the_field_and_the_range(
    runner: TestClient,
) -> None:
    before = runner.get("/api/v1/plan").json()
    response = runner.post("/api/v1/plan", json={"start": "0001-01-01", "weeks": 8})
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("application/problem+json")
    problem = response.json()
    assert problem["field"] == "start"
    assert problem["errors"] == [{"field": "start", "detail": problem["detail"]}]
    assert EARLIEST.isoformat() in problem["detail"]
    assert LATEST.isoformat() in problem["detail"]
    assert runner.get("/api/v1/plan").json() == before  # nothing replaced


def test_the_api_takes_the_edges_of_the_range_and_refuses_one_day_past(
    runner: TestClient,
) -> None:
    for start in (LATEST + timedelta(days=1), EARLIEST - timedelta(days=1)):
        response = runner.post("/api/v1/plan", json={"start": start.isoformat(), "weeks": 2})
        assert response.status_code == 422, response.text
        assert response.json()["field"] == "start"
    for start in (LATEST, EARLIEST):
        response = runner.post("/api/v1/plan", json={"start": start.isoformat(), "weeks": 2})
        assert response.status_code == 201, response.text
        assert runner.get("/api/v1/plan").json()["start"] == start.isoformat()


def test_the_plan_form_shows_the_range_for_a_start_in_year_one(runner: TestClient) -> None:
    before = runner.get("/api/v1/plan").json()
    form = {"csrf_token": csrf_of(runner, "/plan/new"), "start": "0001-01-01", "weeks": "8"}
    page = runner.post("/plan/new", data=form)
    assert page.status_code == 422
    assert f"between {EARLIEST.isoformat()} and {LATEST.isoformat()}" in page.text
    assert runner.get("/api/v1/plan").json() == before
    assert runner.get("/progress").status_code == 200


def test_the_cli_exits_2_naming_start_and_the_range(db_url: str) -> None:
    env = {"HIPSTRIDE_DATABASE_URL": db_url}
    result = hipstride("plan", "--start", "0001-01-01", env=env)
    assert result.returncode == 2, (result.stdout, result.stderr)
    message = " ".join(result.stderr.split())
    assert "--start: 0001-01-01 is too far from today" in message
    assert "a plan starts between" in message
    assert "Traceback" not in result.stderr
    shown = hipstride("plan", "show", "--json", env=env)
    assert json.loads(shown.stdout)["start"] == "2026-11-30"  # the plan is kept
