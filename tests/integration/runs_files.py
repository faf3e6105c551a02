"""Where the shared real activity files are, and what their README table says each must give."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

RUNS = Path(__file__).resolve().parents[2].parent / "shared" / "runs"


def runs_folder() -> Path:
    """../shared/runs beside the checkout; missing fails in CI and skips elsewhere."""
    if not RUNS.is_dir():
        message = f"{RUNS} is missing: the real activity files live beside the checkout"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return RUNS


# file → (sport, seconds the device recorded, which time that is, kilometres)
EXPECTED: dict[str, tuple[str, float, str, float]] = {
    "fitparse__2013-02-06-12-11-14.fit": ("run", 43 * 60 + 45, "elapsed", 4.84),
    "jimmykane-fitparser__running-with-developer-data.fit": ("run", 28 * 60 + 1, "elapsed", 5.38),
    "elevate__treadmill.fit": ("run", 3600 + 2 * 60 + 44, "elapsed", 10.63),
    "fitparse__compressed-speed-distance.fit": ("run", 3600 + 4 * 60 + 43, "elapsed", 10.25),
    "fitparse__strava-android-app-201.10-b1218918.fit": ("run", 59 * 60 + 18, "elapsed", 11.27),
    "goldencheetah__10kUNLP2014-Garmin15.fit": ("run", 37 * 60 + 4, "elapsed", 10.01),
    "goldencheetah__10kUNLP2014-Garmin15.tcx": ("run", 37 * 60 + 4, "moving", 10.01),
    "elevate__20171008_run_2067489619.gpx": ("run", 46 * 60 + 58, "elapsed", 4.40),
    "elevate__20170319_run_906581465.gpx": ("run", 32 * 60 + 38, "elapsed", 4.59),
    "goldencheetah__Move_2014_01_16_19_48_44.gpx": ("ride", 27 * 60 + 36, "elapsed", 8.55),
    "gpxpy__cerknicko-jezero.gpx": ("walk", 2 * 3600, "elapsed", 4.58),
    "tcxparser__test.tcx": ("run", 33 * 60 + 13, "moving", 4.69),
    "elevate__20181021_run_3106033902.tcx": ("run", 27 * 60 + 59, "moving", 2.85),
    "goldencheetah__2009_01_09_11_13_14.tcx": ("ride", 2 * 3600 + 8 * 60 + 7, "moving", 0.24),
    "elevate__samples.zip": ("ride", 3600 + 34 * 60 + 17, "elapsed", 31.4),
    "goldencheetah__GarminFR955v18.zip": ("run", 3600 + 52 * 60 + 22, "elapsed", 19.11),
}
REFUSED = {
    "fitdecode__activity-unexpected-eof.fit": "truncated file",
    "goldencheetah__MetadataOnly.gpx": "no track",
}
