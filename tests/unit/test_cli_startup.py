"""Start-up stays fast because the CLI's module imports nothing heavy until a command runs."""

from __future__ import annotations

import subprocess
import sys

HEAVY = {"pydantic", "sqlalchemy", "alembic", "fastapi", "starlette", "uvicorn", "matplotlib",
         "fpdf", "yaml", "jinja2", "gpxpy", "garmin_fit_sdk", "numpy", "cv2",
         "mediapipe"}  # fmt: skip


def test_importing_the_cli_loads_no_heavy_library():
    probe = (
        "import sys, hipstride.cli.app; "
        "print(' '.join(sorted({m.split('.')[0] for m in sys.modules})))"
    )
    loaded = set(subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                                check=True).stdout.split())  # fmt: skip
    assert loaded & HEAVY == set()
