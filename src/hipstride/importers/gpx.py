"""GPX 1.0 and 1.1 with gpxpy; heart rate and cadence from Garmin's TrackPointExtension.

GPX has no laps and no device totals: time is the span of the points, distance the sum
over the points on the map (what Garmin Connect and Strava show), and every track and
segment in the file belongs to the one activity.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from hipstride.importers.common import (
    Refused,
    cadence_spm,
    mean_int,
    sport_from_name,
    sport_from_speed,
)
from hipstride.running.records import RunRecord


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1].lower()


def _extension_values(point: Any) -> tuple[int | None, float | None]:
    """Heart rate and cadence from any extension namespace that names them hr/cad."""
    heart: int | None = None
    cadence: float | None = None
    for extension in point.extensions:
        for element in extension.iter():
            name = _local(element.tag)
            text = (element.text or "").strip()
            if not text:
                continue
            try:
                if name in ("hr", "heartrate"):
                    heart = round(float(text))
                elif name in ("cad", "cadence"):
                    cadence = float(text)
            except ValueError:
                continue
    return heart, cadence


def parse_gpx(data: bytes, *, source_hash: str) -> RunRecord:
    import gpxpy
    from gpxpy.gpx import GPXException

    try:
        gpx = gpxpy.parse(data.decode("utf-8-sig", errors="replace"))
    except GPXException as exc:
        raise Refused(f"not a readable GPX file: {str(exc).splitlines()[0]}") from None
    points = [p for t in gpx.tracks for s in t.segments for p in s.points]
    if not points:
        if gpx.routes:
            raise Refused("a GPX route (a planned course), not a recorded activity")
        raise Refused(
            "no track: the GPX file holds no recorded points (a manual entry has no "
            "route or time to import)"
        )
    times: list[datetime] = [p.time for p in points if p.time is not None]
    if not times:
        raise Refused("the GPX track has no times: a planned route, not a recorded activity")
    if any(t.tzinfo is None for t in times):
        raise Refused("the GPX times have no time zone (they should end in Z)")
    start, end = min(times), max(times)
    elapsed = (end - start).total_seconds()
    moving = gpx.get_moving_data()
    moving_seconds = min(float(moving.moving_time), elapsed) if moving else elapsed
    distance = float(gpx.length_2d())
    types = [t.type for t in gpx.tracks if t.type]
    sport = sport_from_name(types[0]) if types else None
    notes: list[str] = []
    if sport is None:
        sport, note = sport_from_speed(distance, moving_seconds or elapsed)
        notes.append(note)
    readings = [_extension_values(p) for p in points]
    heart = [h for h, _ in readings if h]
    cadences = [c for _, c in readings if c]
    climb = gpx.get_uphill_downhill()
    has_heights = any(p.elevation is not None for p in points)
    return RunRecord(
        start=start,
        elapsed_seconds=elapsed,
        moving_seconds=moving_seconds,
        distance_m=distance,
        sport=sport,
        source_hash=source_hash,
        source_format="gpx",
        ascent_m=float(climb.uphill) if has_heights else None,
        avg_heart_rate=mean_int(heart),
        max_heart_rate=max(heart, default=None),
        avg_cadence_spm=cadence_spm(sum(cadences) / len(cadences), sport) if cadences else None,
        device=gpx.creator,
        sport_detail=types[0] if types and sport_from_name(types[0]) is None else None,
        notes=tuple(notes),
    )
