"""Run every benchmark and print its figures (`make bench`)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import startup  # noqa: E402

if __name__ == "__main__":
    for module in (startup,):
        module.main()
        print()
