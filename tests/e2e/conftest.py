"""Fixtures for the web tests (tests/e2e/test_web_*.py), defined in ``web_client``."""

from tests.e2e.web_client import (  # noqa: F401 - pytest finds fixtures by name here
    app,
    clock,
    db_url,
    planned_db,
    runner,
    settings,
)
