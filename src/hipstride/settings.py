"""Settings read from the environment once, by the entry point, and passed down."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

CONTENT_DIR_ENV = "HIPSTRIDE_CONTENT_DIR"


@dataclass(frozen=True)
class Settings:
    """What a run of hipstride is configured with; built by the CLI or the web factory."""

    content_dir: Path | None = None

    @classmethod
    def from_env(cls, environ: Mapping[str, str], *, content_dir: Path | None = None) -> Settings:
        """Explicit options win over the environment."""
        env_dir = environ.get(CONTENT_DIR_ENV)
        return cls(content_dir=content_dir or (Path(env_dir) if env_dir else None))
