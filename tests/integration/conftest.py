"""Store fixtures: every test gets an empty database of its own, on SQLite and on PostgreSQL.

PostgreSQL comes from ``HIPSTRIDE_TEST_POSTGRES_URL`` (``scripts/ensure-postgres.sh`` prints
one); its role must be allowed to create databases. Without the variable the PostgreSQL
cases are skipped, or fail in CI.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.orm import Session

from hipstride.store.engine import make_engine, make_sessionmaker, migrate

POSTGRES_URL_ENV = "HIPSTRIDE_TEST_POSTGRES_URL"


def _postgres_url() -> str:
    url = os.environ.get(POSTGRES_URL_ENV, "").strip()
    if not url:
        message = f"{POSTGRES_URL_ENV} is not set: run `bash scripts/ensure-postgres.sh`"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return url


@pytest.fixture(scope="session")
def postgres_admin() -> Iterator[Engine]:
    """An autocommit engine on the test server's own database, for CREATE/DROP DATABASE."""
    admin = create_engine(_postgres_url(), isolation_level="AUTOCOMMIT", pool_pre_ping=True)
    yield admin
    admin.dispose()


def _throwaway_postgres(admin: Engine) -> Iterator[Engine]:
    name = f"hipstride_t_{uuid.uuid4().hex[:16]}"
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    engine = make_engine(admin.url.set(database=name).render_as_string(hide_password=False))
    try:
        yield engine
    finally:
        engine.dispose()
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@pytest.fixture(params=["sqlite", "postgresql"])
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """An empty database: a SQLite file in tmp_path, or a fresh PostgreSQL database."""
    if request.param == "sqlite":
        sqlite = make_engine(f"sqlite:///{tmp_path / 'hipstride.db'}")
        yield sqlite
        sqlite.dispose()
        return
    admin: Engine = request.getfixturevalue("postgres_admin")
    yield from _throwaway_postgres(admin)


@pytest.fixture
def migrated(engine: Engine) -> Engine:
    """The same database, migrated to head."""
    migrate(engine)
    return engine


@pytest.fixture
def session(migrated: Engine) -> Iterator[Session]:
    with make_sessionmaker(migrated)() as new_session:
        yield new_session
