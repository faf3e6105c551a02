"""TCX (Garmin Training Center XML) with the standard library's parser and the schema's namespaces.

The laps' own totals are the device's record of time and distance; points only add the
clock span, heights and the device's name. Indoor files have points without positions.
"""

from __future__ import annotations

from datetime import datetime
from xml.etree import ElementTree as ET

from hipstride.importers.common import Refused, cadence_spm, mean_int, sport_from_name, uphill
from hipstride.running.records import Lap, RunRecord

_TCD = "{http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2}"
_AX = "{http://www.garmin.com/xmlschemas/ActivityExtension/v2}"


def _time(text: str | None, where: str) -> datetime:
    if not text:
        raise Refused(f"{where} has no time")
    try:
        moment = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        raise Refused(f"{where}: {text.strip()!r} is not a time") from None
    if moment.tzinfo is None:
        raise Refused(f"{where}: {text.strip()!r} has no time zone")
    return moment


def _number(element: ET.Element, path: str) -> float | None:
    found = element.find(path)
    if found is None or not (found.text or "").strip():
        return None
    try:
        return float(found.text or "")
    except ValueError:
        raise Refused(f"{path.split('}')[-1]}: {found.text!r} is not a number") from None


def _lap(element: ET.Element, number: int) -> Lap:
    start = _time(element.get("StartTime"), f"lap {number}")
    seconds = _number(element, f"{_TCD}TotalTimeSeconds")
    if seconds is None:
        raise Refused(f"lap {number} has no TotalTimeSeconds")
    avg = _number(element, f"{_TCD}AverageHeartRateBpm/{_TCD}Value")
    top = _number(element, f"{_TCD}MaximumHeartRateBpm/{_TCD}Value")
    run_cadence = _number(element, f"{_TCD}Extensions/{_AX}LX/{_AX}AvgRunCadence")
    return Lap(
        start=start,
        elapsed_seconds=seconds,
        distance_m=_number(element, f"{_TCD}DistanceMeters"),
        moving_seconds=seconds,
        avg_heart_rate=round(avg) if avg is not None else None,
        max_heart_rate=round(top) if top is not None else None,
        avg_cadence_spm=cadence_spm(run_cadence, "run"),
    )


def parse_tcx(data: bytes, *, source_hash: str) -> RunRecord:
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        line, column = exc.position
        raise Refused(f"not well-formed XML at line {line}, column {column}") from None
    if root.tag != f"{_TCD}TrainingCenterDatabase":
        raise Refused("not a TCX file (no TrainingCenterDatabase root)")
    activities = root.findall(f"{_TCD}Activities/{_TCD}Activity")
    if not activities:
        raise Refused("no activity in the TCX file (a course or a workout?)")
    activity = activities[0]
    lap_elements = activity.findall(f"{_TCD}Lap")
    if not lap_elements:
        raise Refused("the TCX activity has no laps")
    laps = tuple(_lap(element, n) for n, element in enumerate(lap_elements, 1))
    points = activity.findall(f"{_TCD}Lap/{_TCD}Track/{_TCD}Trackpoint")
    times = [
        _time(t.text, "trackpoint") for p in points if (t := p.find(f"{_TCD}Time")) is not None
    ]
    moving = sum(lap.elapsed_seconds for lap in laps)
    start = min(lap.start for lap in laps)
    end = max([*times, *(lap.start for lap in laps)])
    elapsed = max(moving, (end - start).total_seconds())
    sport_word = activity.get("Sport")
    sport = sport_from_name(sport_word) or "other"
    heart = [(lap.avg_heart_rate, lap.elapsed_seconds) for lap in laps if lap.avg_heart_rate]
    weighted = sum(w for _, w in heart)
    maxima = [lap.max_heart_rate for lap in laps if lap.max_heart_rate is not None]
    cadences = [lap.avg_cadence_spm for lap in laps if lap.avg_cadence_spm is not None]
    lap_distances = [lap.distance_m for lap in laps if lap.distance_m is not None]
    point_distance = max(
        (d for p in points if (d := _number(p, f"{_TCD}DistanceMeters")) is not None),
        default=0.0,
    )
    notes = []
    if len(activities) > 1:
        notes.append(f"The file holds {len(activities)} activities; the first was imported.")
    name = root.find(f"{_TCD}Activities/{_TCD}Activity/{_TCD}Creator/{_TCD}Name")
    return RunRecord(
        start=start,
        elapsed_seconds=elapsed,
        moving_seconds=moving,
        distance_m=sum(lap_distances) if lap_distances else point_distance,
        sport=sport,
        source_hash=source_hash,
        source_format="tcx",
        ascent_m=uphill(_number(p, f"{_TCD}AltitudeMeters") for p in points),
        avg_heart_rate=(
            round(sum(h * w for h, w in heart) / weighted) if heart and weighted else None
        ),
        max_heart_rate=max(maxima) if maxima else None,
        avg_cadence_spm=mean_int(cadences) if sport in ("run", "walk", "hike") else None,
        laps=laps,
        device=(name.text or "").strip() or None if name is not None else None,
        sport_detail=sport_word if sport == "other" and sport_word else None,
        indoor=bool(points) and all(p.find(f"{_TCD}Position") is None for p in points),
        notes=tuple(notes),
    )
