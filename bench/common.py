"""Shared timing helpers: medians over repeats, against a baseline measured in the same run."""

from __future__ import annotations

import statistics
import subprocess
import time
from collections.abc import Callable


def median_seconds(run: Callable[[], object], repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def command(*argv: str) -> Callable[[], object]:
    def run() -> object:
        return subprocess.run(argv, check=True, capture_output=True)

    return run


def report(label: str, seconds: float, baseline: float, baseline_label: str) -> None:
    print(
        f"  {label:<42} median {seconds * 1000:8.1f} ms   "
        f"{seconds / baseline:6.1f}× {baseline_label}"
    )
