"""How many SQL statements the busiest requests send, on SQLite and on PostgreSQL.

The dashboard and ``POST /api/v1/sets`` are what a phone hits most. Each must cost a small,
fixed number of statements whatever the length of the plan or the number of sets logged, so
an N+1 query (a lazy load per session or per prescription) fails here, not in production.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any

import pytest
from fastapi import FastAPI
from sqlalchemy import event, text

from hipstride.settings import Settings
from hipstride.web.app import create_app
from tests.e2e.runner_setup import planned_runner
from tests.e2e.web_client import Clock, TestClient, signed_in
from tests.integration.conftest import _postgres_url

DAY = date(2026, 11, 30)  # the plan's first day, and the clock's
DASHBOARD_MAX = 10  # viewer, plan, next sessions, their prescriptions, tests and pain screen
SET_MAX = 8  # viewer, key, session, log, new log, savepoint, insert, release


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request: pytest.FixtureRequest, db_url: str) -> Iterator[str]:
    """The planned runner's database: the shared SQLite copy, or a fresh PostgreSQL one."""
    if request.param == "sqlite":
        yield db_url
        return
    from sqlalchemy import create_engine

    admin = create_engine(_postgres_url(), isolation_level="AUTOCOMMIT")
    name = f"hipstride_t_{uuid.uuid4().hex[:16]}"
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        url = admin.url.set(database=name).render_as_string(hide_password=False)
        planned_runner(url)
        yield url
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def served(database: str) -> Iterator[tuple[FastAPI, TestClient]]:
    settings = Settings(database_url=database, athlete="runner")
    application = create_app(settings, clock=Clock())
    try:
        yield application, signed_in(application, settings)
    finally:
        application.state.store.engine.dispose()


@contextmanager
def statements(app: FastAPI) -> Iterator[list[str]]:
    """Every statement the app's engine sends while the block runs."""
    sent: list[str] = []

    def record(*args: Any) -> None:
        sent.append(" ".join(str(args[2]).split()))

    engine = app.state.store.engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        yield sent
    finally:
        event.remove(engine, "before_cursor_execute", record)


def _slots(client: TestClient, day: date) -> list[dict[str, Any]]:
    response = client.get(f"/api/v1/sessions/{day.isoformat()}")
    assert response.status_code == 200, response.text
    remaining: list[dict[str, Any]] = response.json()["remaining"]
    return remaining


def _post(client: TestClient, day: date, slot: dict[str, Any], key: str) -> None:
    body = {
        "day": day.isoformat(),
        "position": slot["position"],
        "set_number": slot["set_number"],
        "side": slot["side"],
        "reps": slot["target_reps"],
        "held_seconds": slot["target_hold_seconds"],
        "pain": 1,
        "idempotency_key": key,
    }
    response = client.post("/api/v1/sets", json=body)
    assert response.status_code == 201, response.text


def _finish_week(client: TestClient) -> str:
    """Log and finish every session of the first week, so the dashboard skips done ones;
    returns the name of the day the next session is on."""
    weeks = client.get("/api/v1/plan").json()["weeks"]
    days = [s["day"] for s in weeks[0]["sessions"]]
    for day in map(date.fromisoformat, days):
        for i, slot in enumerate(_slots(client, day)):
            _post(client, day, slot, f"week-one-{day}-{i:03d}")
        response = client.post(f"/api/v1/sessions/{day.isoformat()}/finish")
        assert response.status_code == 200, response.text
    next_day: str = weeks[1]["sessions"][0]["day_name"]
    return next_day


def test_dashboard_sends_a_fixed_number_of_statements(
    served: tuple[FastAPI, TestClient],
) -> None:
    app, client = served
    with statements(app) as fresh:
        page = client.get("/")
    assert page.status_code == 200
    assert len(fresh) <= DASHBOARD_MAX, "\n".join(fresh)

    next_day = _finish_week(client)  # more logs, more done sessions: the same statements
    with statements(app) as later:
        page = client.get("/")
    assert page.status_code == 200
    assert next_day in page.text
    assert len(later) <= DASHBOARD_MAX, "\n".join(later)
    assert len(later) == len(fresh)


def test_logging_a_set_sends_a_fixed_number_of_statements(
    served: tuple[FastAPI, TestClient],
) -> None:
    app, client = served
    slots = _slots(client, DAY)
    counts = []
    for i, slot in enumerate(slots[:4]):
        with statements(app) as sent:
            _post(client, DAY, slot, f"counted-{i:04d}")
        assert len(sent) <= SET_MAX, "\n".join(sent)
        counts.append(len(sent))
    assert counts[1:] == [counts[1]] * 3  # after the first set, the log is there: no growth
    assert counts[0] == counts[1] + 1  # the first set opens the session's log

    with statements(app) as retry:  # a retry finds its key and stops there
        _post(client, DAY, slots[3], "counted-0003")
    assert len(retry) <= 2, "\n".join(retry)
    assert len(_slots(client, DAY)) == len(slots) - 4
