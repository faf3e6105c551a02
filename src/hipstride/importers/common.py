"""What every importer shares: the refusal, hashing, and naming the sport."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable

from hipstride.running.records import Sport

MAX_FILE_BYTES = 64 * 1024 * 1024  # the largest activity file accepted (after unpacking)
MIN_SALVAGE_SECONDS = 60.0  # less than this from a damaged file is not a whole activity

# Above this average moving speed a file that names no sport is not a run, below it a walk.
RIDE_ABOVE_KMH = 16.0
WALK_BELOW_KMH = 7.0


class Refused(Exception):
    """A file that is not imported, with a reason the runner can act on."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# Words that name a sport in TCX's Sport attribute, GPX's <type> and FIT's sport names.
# Strava writes its numeric activity codes in GPX <type>: 1 ride, 4 hike, 9 run, 10 walk.
_WORDS: dict[str, Sport] = {
    "run": "run",
    "running": "run",
    "treadmill": "run",
    "trail": "run",
    "jog": "run",
    "9": "run",
    "walk": "walk",
    "walking": "walk",
    "10": "walk",
    "hike": "hike",
    "hiking": "hike",
    "4": "hike",
    "ride": "ride",
    "biking": "ride",
    "bike": "ride",
    "cycling": "ride",
    "1": "ride",
    "swim": "swim",
    "swimming": "swim",
}


def sport_from_name(text: str | None) -> Sport | None:
    """The sport a file's own word means, or None when it names none we know."""
    if not text:
        return None
    for word in re.split(r"[^a-z0-9]+", text.strip().lower()):
        if word in _WORDS:
            return _WORDS[word]
    return "other" if text.strip().lower() in {"other", "generic", "training"} else None


def sport_from_speed(distance_m: float, moving_seconds: float) -> tuple[Sport, str]:
    """A guess for a file that names no sport, and the note that says it was a guess."""
    if moving_seconds <= 0 or distance_m <= 0:
        return "run", "The file names no sport; stored as a run."
    kmh = distance_m / moving_seconds * 3.6
    if kmh > RIDE_ABOVE_KMH:
        sport: Sport = "ride"
    elif kmh < WALK_BELOW_KMH:
        sport = "walk"
    else:
        sport = "run"
    return sport, f"The file names no sport; at {kmh:.1f} km/h it is stored as a {sport}."


def uphill(altitudes: Iterable[float | None]) -> float | None:
    """Total ascent with gpxpy's smoothing, so GPS noise is not counted as climbing."""
    from gpxpy.geo import calculate_uphill_downhill

    known = [a for a in altitudes if a is not None]
    if len(known) < 2:
        return None
    up, _ = calculate_uphill_downhill(list(known))
    return float(up)


def cadence_spm(strides_per_minute: float | None, sport: Sport) -> float | None:
    """Watches count running cadence per foot; hipstride shows steps (both feet)."""
    if strides_per_minute is None or strides_per_minute <= 0:
        return None
    return strides_per_minute * 2 if sport in ("run", "walk", "hike") else None


def mean_int(values: Iterable[float]) -> int | None:
    known = list(values)
    return round(sum(known) / len(known)) if known else None
