"""One run (or other activity) as every importer returns it, whatever the file format was.

Times are timezone-aware and in UTC; the runner's zone is applied when a day is needed,
so a run at 23:30 local time lands on the right local day. Distances are metres and
durations seconds; ``in_units`` converts for display. Pure: no I/O, no clock.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, tzinfo
from typing import Literal

Sport = Literal["run", "walk", "hike", "ride", "swim", "other"]
SPORTS: tuple[Sport, ...] = ("run", "walk", "hike", "ride", "swim", "other")
Units = Literal["km", "mi"]
SourceFormat = Literal["fit", "tcx", "gpx"]

METRES_PER_UNIT: dict[Units, float] = {"km": 1000.0, "mi": 1609.344}


def _require_aware(moment: datetime, field: str) -> None:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{field} must be timezone-aware, got {moment!r}")


@dataclass(frozen=True)
class Lap:
    """One lap as the device summarised it (or as the importer derived it from points)."""

    start: datetime
    elapsed_seconds: float
    distance_m: float | None = None
    moving_seconds: float | None = None
    avg_heart_rate: int | None = None
    max_heart_rate: int | None = None
    avg_cadence_spm: float | None = None  # steps per minute, both feet

    def __post_init__(self) -> None:
        _require_aware(self.start, "lap start")
        if self.elapsed_seconds < 0:
            raise ValueError(f"lap elapsed time {self.elapsed_seconds} s is negative")
        if self.distance_m is not None and self.distance_m < 0:
            raise ValueError(f"lap distance {self.distance_m} m is negative")


@dataclass(frozen=True)
class RunRecord:
    """An activity's summary: what load, lists and duplicate checks need from any file.

    ``source_hash`` is the SHA-256 of the file's bytes (after decompressing a ``.gz``), so
    the same file imported twice is recognised before it is parsed. ``notes`` says what the
    importer had to do to read the file (for example, salvage a truncated one).
    """

    start: datetime
    elapsed_seconds: float
    moving_seconds: float
    distance_m: float
    sport: Sport
    source_hash: str
    source_format: SourceFormat
    ascent_m: float | None = None
    avg_heart_rate: int | None = None
    max_heart_rate: int | None = None
    avg_cadence_spm: float | None = None  # steps per minute, both feet
    laps: tuple[Lap, ...] = ()
    device: str | None = None
    sport_detail: str | None = None  # e.g. "treadmill", "trail", the file's own sport name
    indoor: bool = False  # no positions: the distance came from the device (foot pod, belt)
    notes: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        _require_aware(self.start, "start")
        if self.elapsed_seconds < 0 or self.moving_seconds < 0:
            raise ValueError("durations must not be negative")
        if self.moving_seconds > self.elapsed_seconds + 1:
            raise ValueError(
                f"moving time {self.moving_seconds} s exceeds elapsed {self.elapsed_seconds} s"
            )
        if self.distance_m < 0:
            raise ValueError(f"distance {self.distance_m} m is negative")
        if self.sport not in SPORTS:
            raise ValueError(f"sport {self.sport!r} is not one of {', '.join(SPORTS)}")

    @property
    def start_utc(self) -> datetime:
        return self.start.astimezone(UTC)

    @property
    def is_run(self) -> bool:
        """Only runs count towards running load unless the runner says otherwise."""
        return self.sport == "run"

    def local_start(self, zone: tzinfo) -> datetime:
        return self.start.astimezone(zone)

    def local_day(self, zone: tzinfo) -> date:
        """The day the runner would say the activity was on."""
        return self.start.astimezone(zone).date()


def in_units(metres: float, units: Units) -> float:
    """A distance in the runner's units (kilometres or miles)."""
    return metres / METRES_PER_UNIT[units]


def pace_seconds_per_unit(distance_m: float, moving_seconds: float, units: Units) -> float | None:
    """Seconds per kilometre or mile; None when there is no distance to divide by."""
    if distance_m <= 0 or moving_seconds <= 0:
        return None
    return moving_seconds / in_units(distance_m, units)


def format_duration(seconds: float) -> str:
    """``1:02:44`` or ``43:45``: how watches show a duration."""
    total = round(seconds)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
