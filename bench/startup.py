"""Start-up time of the CLI, against a bare interpreter started in the same run."""

from __future__ import annotations

import sys
from pathlib import Path

from bench.common import command, median_seconds, report

REPEATS = 21


def main() -> None:
    script = str(Path(sys.executable).parent / "hipstride")
    baseline = median_seconds(command(sys.executable, "-c", "pass"), REPEATS)
    print(f"CLI start-up (median of {REPEATS}; baseline `python -c pass` {baseline * 1000:.1f} ms)")
    for label, argv in (
        ("hipstride --help", [script, "--help"]),
        ("hipstride exercises --json", [script, "exercises", "--json"]),
    ):
        seconds = median_seconds(command(*argv), REPEATS)
        report(label, seconds, baseline, "python -c pass")


if __name__ == "__main__":
    main()
