"""Settings read from the environment once, by the entry point, and passed down."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

CONTENT_DIR_ENV = "HIPSTRIDE_CONTENT_DIR"
DATABASE_URL_ENV = "HIPSTRIDE_DATABASE_URL"
ATHLETE_ENV = "HIPSTRIDE_ATHLETE"
DEFAULT_ATHLETE = "runner"


@dataclass(frozen=True)
class Settings:
    """What a run of hipstride is configured with; built by the CLI or the web factory."""

    content_dir: Path | None = None
    database_url: str | None = None  # None: SQLite in the user data directory
    athlete: str = DEFAULT_ATHLETE

    @classmethod
    def from_env(
        cls,
        environ: Mapping[str, str],
        *,
        content_dir: Path | None = None,
        athlete: str | None = None,
    ) -> Settings:
        """Explicit options win over the environment."""
        env_dir = environ.get(CONTENT_DIR_ENV)
        return cls(
            content_dir=content_dir or (Path(env_dir) if env_dir else None),
            database_url=environ.get(DATABASE_URL_ENV) or None,
            athlete=athlete or environ.get(ATHLETE_ENV) or DEFAULT_ATHLETE,
        )
