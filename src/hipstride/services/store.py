"""Opening the store for a run: one engine, migrated, and a session factory."""

from __future__ import annotations

import os
from dataclasses import dataclass

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from hipstride.settings import Settings
from hipstride.store.engine import database_url, make_engine, make_sessionmaker, migrate


@dataclass(frozen=True)
class Store:
    engine: Engine
    sessions: sessionmaker[Session]


def open_store(settings: Settings) -> Store:
    """Connect and bring the schema up to date; migrations run automatically."""
    url = settings.database_url or database_url(os.environ)
    engine = make_engine(url)
    migrate(engine)
    return Store(engine, make_sessionmaker(engine))
