"""Shared test helpers: where fixtures live, and the shared/ folder beside the checkout."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHARED = ROOT.parent / "shared"

# The CLI's clock, for every command the tests start: the suite was written on this day and
# must pass on any other (plans may start only within a year of "today").
PINNED_NOW = "2026-11-25T12:00:00+00:00"
os.environ["HIPSTRIDE_NOW"] = PINNED_NOW


def shared_path(*parts: str) -> Path:
    """A file under ../shared; in CI its absence is a failure, elsewhere a skip."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        message = f"{path} is missing: tests read real files from ../shared beside the checkout"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return path


def system_tool(name: str, package: str) -> str:
    """A Debian tool the test needs (``make test`` installs it); in CI its absence fails."""
    import shutil

    path = shutil.which(name)
    if path is None:
        message = f"{name} is missing: install the Debian package {package} (make test does)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return path
