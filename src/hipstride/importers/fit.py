"""FIT files with Garmin's own decoder: the device's session and lap summaries, not only points.

The decoder reports, rather than raises, what stopped it (compressed timestamps, a
truncated file); the session and laps it read before that are the device's own totals and
are still used. A truncated file without a usable session is rebuilt from the points read,
when they cover at least a minute; otherwise it is refused.
"""

from __future__ import annotations

import struct
from datetime import UTC, datetime, timedelta
from typing import Any, cast

from hipstride.importers.common import (
    MIN_SALVAGE_SECONDS,
    Refused,
    cadence_spm,
    mean_int,
    sport_from_name,
    sport_from_speed,
    uphill,
)
from hipstride.running.records import Lap, RunRecord, Sport

_FIT_EPOCH = datetime(1989, 12, 31, tzinfo=UTC)
# FIT times below 0x10000000 count seconds since the device was switched on, not a date.
_FIRST_REAL_TIME = _FIT_EPOCH + timedelta(seconds=0x10000000)
_SPORTS: dict[str, Sport] = {
    "running": "run",
    "walking": "walk",
    "hiking": "hike",
    "cycling": "ride",
    "e_biking": "ride",
    "swimming": "swim",
}
_INDOOR = {"treadmill", "indoor_running", "indoor_walking", "indoor_cycling", "virtual_activity"}

Message = dict[Any, Any]


def is_fit(data: bytes) -> bool:
    return len(data) >= 12 and data[8:12] == b".FIT"


def _declared_size(data: bytes) -> int:
    """Header plus data plus CRC, as the file's header says it should be."""
    header_size = data[0]
    (data_size,) = struct.unpack_from("<I", data, 4)
    return int(header_size + data_size + 2)


def parse_fit(data: bytes, *, source_hash: str) -> RunRecord:
    from garmin_fit_sdk import Decoder, Stream

    if not is_fit(data):
        raise Refused("not a FIT file (its header has no '.FIT' mark)")
    declared = _declared_size(data)
    truncated = len(data) < declared
    notes: list[str] = []
    if len(data) > declared and data[declared + 8 : declared + 12] != b".FIT":
        notes.append(f"Ignored {len(data) - declared:,} bytes after the end of the FIT data.")
        data = data[:declared]
    decoder = Decoder(Stream.from_byte_array(bytearray(data)))
    if not decoder.is_fit():
        raise Refused("damaged FIT header: the file cannot be read")
    raw, errors = decoder.read()
    messages = cast(dict[str, list[Message]], raw)  # the SDK's TypedDicts, read as dicts
    error = str(errors[0]) if errors else None
    if truncated:
        notes.append(
            f"Truncated file: {len(data):,} of {declared:,} bytes; "
            "only what was read before the cut was used."
        )
    elif error and "Compressed timestamp" in error:
        notes.append(
            "The points use compressed timestamps, which the decoder does not read; "
            "the totals are the device's own summary."
        )
    elif error and "CRC" in error:
        raise Refused("damaged FIT file: its checksum does not match, so the data can't be trusted")
    elif error:
        raise Refused(f"damaged FIT file: {_short(error)}")

    file_id = (messages.get("file_id_mesgs") or [{}])[0]
    kind = file_id.get("type")
    if kind not in (None, "activity"):
        raise Refused(f"a FIT {kind} file, not an activity")
    sessions = [s for s in messages.get("session_mesgs", []) if _usable_session(s)]
    records = messages.get("record_mesgs", [])
    laps = tuple(_lap(m) for m in messages.get("lap_mesgs", []) if _usable_lap(m))
    if errors and not truncated and not sessions:
        raise Refused(f"damaged FIT file: {_short(error or '')}; no session summary was read")
    if sessions:
        record = _from_sessions(sessions, records, laps, file_id, messages, source_hash)
    elif records:
        record = _from_records(records, laps, file_id, messages, source_hash)
        if errors:
            notes.append("Rebuilt from the points read; the file has no session summary.")
    else:
        reason = "truncated file" if truncated else "no activity in the FIT file"
        raise Refused(f"{reason}: no session, lap or point could be read")
    if errors and record.elapsed_seconds < MIN_SALVAGE_SECONDS:
        raise Refused(
            f"truncated file: it ends at byte {len(data):,} of {declared:,}, and the "
            f"{record.elapsed_seconds:.0f} s that could be read are not a whole activity"
            if truncated
            else f"damaged FIT file: {_short(error or '')}"
        )
    if record.start < _FIRST_REAL_TIME:
        notes.append(
            "The device's clock was not set: the start counts from when it was switched on, "
            "so the date is not the real one."
        )
    return _with_notes(record, notes)


def _short(error: str) -> str:
    return error.replace("FIT Runtime Error", "").strip() or "unreadable"


def _usable_session(message: Message) -> bool:
    return isinstance(message.get("start_time"), datetime) and bool(
        message.get("total_elapsed_time") or message.get("total_timer_time")
    )


def _usable_lap(message: Message) -> bool:
    return isinstance(message.get("start_time"), datetime) and (
        message.get("total_elapsed_time") is not None
    )


def _sport(messages: dict[str, list[Message]], session: Message) -> tuple[Sport, str | None]:
    raw = session.get("sport")
    sport: Sport = _SPORTS.get(raw, "other") if isinstance(raw, str) else "other"
    names = [s.get("name") for s in messages.get("sport_mesgs", [])]
    name = names[0] if names else session.get("sport_name")
    if isinstance(name, list):  # some watches pad the name into an array of strings
        name = next((n for n in name if isinstance(n, str) and n.strip()), None)
    if sport == "other":
        sport = sport_from_name(name if isinstance(name, str) else None) or "other"
    sub = session.get("sub_sport")
    detail = name if isinstance(name, str) and name.strip() else None
    if detail is None and isinstance(sub, str) and sub != "generic":
        detail = sub
    return sport, detail


def _device(file_id: Message, messages: dict[str, list[Message]]) -> str | None:
    maker = file_id.get("manufacturer")
    product = file_id.get("garmin_product") or file_id.get("product")
    for info in messages.get("device_info_mesgs", []):
        if info.get("device_index") == "creator" and isinstance(info.get("product_name"), str):
            product = info["product_name"]
    parts = [str(p) for p in (maker, product) if p not in (None, "")]
    if parts and isinstance(maker, str):
        parts[0] = maker.capitalize()
    return " ".join(parts) or None


def _has_positions(session: Message, records: list[Message]) -> bool:
    if session.get("start_position_lat") is not None:
        return True
    return any(r.get("position_lat") is not None for r in records[:500])


def _lap(message: Message) -> Lap:
    return Lap(
        start=message["start_time"],
        elapsed_seconds=float(message["total_elapsed_time"]),
        distance_m=_float(message.get("total_distance")),
        moving_seconds=_float(message.get("total_timer_time")),
        avg_heart_rate=_int(message.get("avg_heart_rate")),
        max_heart_rate=_int(message.get("max_heart_rate")),
        avg_cadence_spm=cadence_spm(_cadence(message), "run"),
    )


def _float(value: object) -> float | None:
    return float(value) if isinstance(value, int | float) else None


def _int(value: object) -> int | None:
    return int(value) if isinstance(value, int | float) else None


def _cadence(message: Message) -> float | None:
    whole = _float(message.get("avg_running_cadence") or message.get("avg_cadence"))
    if whole is None:
        return None
    return whole + (_float(message.get("avg_fractional_cadence")) or 0.0)


def _from_sessions(
    sessions: list[Message],
    records: list[Message],
    laps: tuple[Lap, ...],
    file_id: Message,
    messages: dict[str, list[Message]],
    source_hash: str,
) -> RunRecord:
    """One record from the device's session totals (summed over a multisport file's legs)."""
    main = max(sessions, key=lambda s: _float(s.get("total_elapsed_time")) or 0.0)
    sport, detail = _sport(messages, main)
    elapsed = sum(
        _float(s.get("total_elapsed_time") or s.get("total_timer_time")) or 0.0 for s in sessions
    )
    moving = sum(_float(s.get("total_timer_time")) or 0.0 for s in sessions)
    ascents = [_float(s.get("total_ascent")) for s in sessions]
    known_ascent = [a for a in ascents if a is not None]
    heart = [_int(s.get("avg_heart_rate")) for s in sessions]
    maxima = [m for s in sessions if (m := _int(s.get("max_heart_rate"))) is not None]
    indoor = not _has_positions(main, records) or main.get("sub_sport") in _INDOOR
    return RunRecord(
        start=min(s["start_time"] for s in sessions),
        elapsed_seconds=elapsed,
        moving_seconds=min(moving or elapsed, elapsed),
        distance_m=sum(_float(s.get("total_distance")) or 0.0 for s in sessions),
        sport=sport,
        source_hash=source_hash,
        source_format="fit",
        ascent_m=sum(known_ascent) if known_ascent else None,
        avg_heart_rate=mean_int(h for h in heart if h is not None),
        max_heart_rate=max(maxima) if maxima else None,
        avg_cadence_spm=cadence_spm(_cadence(main), sport),
        laps=laps,
        device=_device(file_id, messages),
        sport_detail=detail,
        indoor=indoor,
    )


def _from_records(
    records: list[Message],
    laps: tuple[Lap, ...],
    file_id: Message,
    messages: dict[str, list[Message]],
    source_hash: str,
) -> RunRecord:
    """A record from the points alone, stopping where the clock jumps (a damaged tail)."""
    timed: list[Message] = []
    for record in records:
        moment = record.get("timestamp")
        if not isinstance(moment, datetime):
            continue
        if timed and not timedelta(0) <= moment - timed[-1]["timestamp"] <= timedelta(hours=1):
            break
        timed.append(record)
    if not timed:
        raise Refused("no activity in the FIT file: its points carry no time")
    start, end = timed[0]["timestamp"], timed[-1]["timestamp"]
    elapsed = (end - start).total_seconds()
    distances = [d for r in timed if (d := _float(r.get("distance"))) is not None]
    heart = [h for r in timed if (h := _int(r.get("heart_rate"))) is not None]
    sport, detail = _sport(messages, (messages.get("sport_mesgs") or [{}])[0])
    distance = max(distances, default=0.0)
    notes: tuple[str, ...] = ()
    if sport == "other":
        sport, guess = sport_from_speed(distance, elapsed)
        notes = (guess,)
    return RunRecord(
        start=start,
        elapsed_seconds=elapsed,
        moving_seconds=elapsed,
        distance_m=distance,
        sport=sport,
        source_hash=source_hash,
        source_format="fit",
        ascent_m=uphill(_float(r.get("enhanced_altitude") or r.get("altitude")) for r in timed),
        avg_heart_rate=mean_int(heart),
        max_heart_rate=max(heart, default=None),
        laps=tuple(lap for lap in laps if lap.start <= end),
        device=_device(file_id, messages),
        sport_detail=detail,
        indoor=not _has_positions({}, timed),
        notes=notes,
    )


def _with_notes(record: RunRecord, notes: list[str]) -> RunRecord:
    from dataclasses import replace

    return replace(record, notes=(*record.notes, *notes)) if notes else record
