"""The web app in-process over a real SQLite file, and runners signed in to it."""

from __future__ import annotations

import re
import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from hipstride.settings import Settings
from hipstride.web.app import create_app
from hipstride.web.launch import sign_in_link
from tests.e2e.runner_setup import planned_runner

NOW = datetime(2026, 11, 30, 6, 0, tzinfo=UTC)  # a Monday: the plan's first week


class Clock:
    """A clock the test moves by hand."""

    def __init__(self, now: datetime = NOW) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture(scope="session")
def planned_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A runner with a profile, clean tests and an 8-week plan, made once through the CLI."""
    path = tmp_path_factory.mktemp("web") / "planned.db"
    planned_runner(f"sqlite:///{path}")
    with closing(sqlite3.connect(path)) as connection:  # fold the WAL in before copying
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path


@pytest.fixture
def db_url(planned_db: Path, tmp_path: Path) -> str:
    copy = tmp_path / "hipstride.db"
    shutil.copyfile(planned_db, copy)
    return f"sqlite:///{copy}"


@pytest.fixture
def settings(db_url: str) -> Settings:
    return Settings(database_url=db_url, athlete="runner")


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def app(settings: Settings, clock: Clock) -> Iterator[FastAPI]:
    application = create_app(settings, clock=clock)
    yield application
    application.state.store.engine.dispose()


def link_path(settings: Settings, now: datetime = NOW) -> str:
    """The path of the link ``hipstride serve`` prints."""
    url = sign_in_link(settings, host="127.0.0.1", port=8000, now=now)
    match = re.fullmatch(r"http://127\.0\.0\.1:8000(/sign-in/[A-Za-z0-9_-]{40,})", url)
    assert match, url
    return match.group(1)


def signed_in(app: FastAPI, settings: Settings, base_url: str = "http://testserver") -> TestClient:
    client = TestClient(app, base_url=base_url)
    response = client.get(link_path(settings), follow_redirects=False)
    assert response.status_code == 303, response.text
    return client


@pytest.fixture
def runner(app: FastAPI, settings: Settings) -> TestClient:
    """The CLI's runner, signed in from the printed link."""
    return signed_in(app, settings)


def csrf_of(client: TestClient, path: str = "/") -> str:
    page = client.get(path)
    match = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert match, page.text[:500]
    return match.group(1)


def sign_up(client: TestClient, username: str, password: str = "correct horse battery") -> None:
    token = csrf_of(client, "/sign-up")
    response = client.post(
        "/sign-up",
        data={"username": username, "password": password, "csrf_token": token},
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text
