"""Engines, sessions and migrations. Nothing is built at import time: entry points call these."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import platformdirs
from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

DATABASE_URL_ENV = "HIPSTRIDE_DATABASE_URL"
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
SQLITE_BUSY_TIMEOUT_MS = 5000
# PostgreSQL advisory lock held while migrating, so machines starting together take turns.
MIGRATION_LOCK_KEY = 0x68697073  # "hips"


def database_url(environ: Mapping[str, str]) -> str:
    """``HIPSTRIDE_DATABASE_URL``, else a SQLite file in the user data folder (created)."""
    url = environ.get(DATABASE_URL_ENV, "").strip()
    if url:
        return url
    folder = Path(platformdirs.user_data_dir("hipstride"))
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{folder / 'hipstride.db'}"


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA synchronous=NORMAL")
    finally:
        cursor.close()


def make_engine(url: str) -> Engine:
    """An engine for ``url``: SQLite gets WAL, foreign keys and a busy timeout on connect."""
    if make_url(url).get_backend_name() == "sqlite":
        engine = create_engine(url)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True)


def make_sessionmaker(engine: Engine) -> sessionmaker[Session]:
    """Sessions whose objects stay readable after commit (services return them)."""
    return sessionmaker(engine, expire_on_commit=False)


def alembic_config() -> Config:
    """Alembic's configuration, built in code from the package's migrations folder."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def migrate(engine: Engine, revision: str = "head") -> None:
    """Bring the database up to ``revision`` (Alembic ``upgrade``).

    Concurrent starts take turns: the first migrates, the others wait and then find the
    schema current. PostgreSQL: a transaction-scoped advisory lock. SQLite: the database's
    write lock, taken up front (the driver would otherwise begin only at the first write,
    after reading the old version).
    """
    config = alembic_config()
    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(
                text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK_KEY}
            )
        elif connection.dialect.name == "sqlite":
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
