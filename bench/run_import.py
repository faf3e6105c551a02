"""Importing 1,000 activity files of mixed formats, against the bare libraries' parse of them.

The files are made in a temporary folder from real ones in ../shared/runs: GPX and TCX
with every timestamp's date moved a different number of days; FIT re-encoded once with
Garmin's encoder so that its start falls on a marker time, whose four bytes are then
replaced per copy (and the file's CRC recomputed). So every file has its own hash and its
own start, and none is taken for another's twin. Figures, all in the same run:
- files per second through ``import_paths`` into a migrated SQLite file (hash, parse,
  twin check, one transaction per file), and the bare parse (gpxpy, ElementTree, Garmin's
  Decoder) of the same files read from disk, as the baseline; the two take turns, one
  folder of 100 files at a time;
- re-importing the same folder (every file skipped by its hash before parsing) against
  the first import;
- the peak of Python allocations (tracemalloc) while importing 100 of the files, and the
  process's peak resident size.
"""

from __future__ import annotations

import re
import resource
import struct
import tempfile
import time
import tracemalloc
import uuid
import xml.etree.ElementTree as ET
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import gpxpy
from garmin_fit_sdk import Decoder, Encoder, Stream
from garmin_fit_sdk.crc_calculator import CrcCalculator
from garmin_fit_sdk.profile import Profile
from sqlalchemy.orm import Session, sessionmaker

from hipstride.services.runs import ImportSummary, import_paths
from hipstride.store.engine import make_engine, make_sessionmaker, migrate
from hipstride.store.queries import get_or_create_athlete

FILES = 1_000
CHUNK = 100  # the import and the bare parse alternate per folder of this many files
SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "runs"
TEMPLATES = (
    "fitparse__2013-02-06-12-11-14.fit",
    "goldencheetah__10kUNLP2014-Garmin15.fit",
    "elevate__treadmill.fit",
    "jimmykane-fitparser__running-with-developer-data.fit",
    "tcxparser__test.tcx",
    "elevate__20181021_run_3106033902.tcx",
    "elevate__20171008_run_2067489619.gpx",
    "elevate__20170319_run_906581465.gpx",
)
MARKER = datetime(2001, 7, 13, 5, 17, 29, tzinfo=UTC)  # a start no real file has
FIT_EPOCH = datetime(1989, 12, 31, tzinfo=UTC)
NOW = datetime(2026, 11, 25, tzinfo=UTC)
_DAY = re.compile(rb"(\d{4}-\d\d-\d\d)T")


def _fit_seconds(moment: datetime) -> bytes:
    return struct.pack("<I", int((moment - FIT_EPOCH).total_seconds()))


def _fit_template(data: bytes) -> bytes:
    """The file re-encoded with its start moved to MARKER (messages the profile lacks dropped)."""
    messages: list[tuple[int, dict[str, object]]] = []
    Decoder(Stream.from_byte_array(bytearray(data))).read(
        mesg_listener=lambda num, message: messages.append((num, message))
    )
    sessions = [m for n, m in messages if m.get("start_time") and n == 18]
    shift = MARKER - sessions[0]["start_time"]  # type: ignore[operator]
    encoder = Encoder()
    for num, message in messages:
        if num not in Profile["messages"]:
            continue
        fields = {
            k: v + shift if isinstance(v, datetime) else v
            for k, v in message.items()
            if isinstance(k, str) and k != "developer_fields" and v is not None
            if not (isinstance(v, list) and None in v)
        }
        try:
            encoder.on_mesg(num, fields)
        except ValueError:  # a message with no field the profile knows
            continue
    return encoder.close()


def _fit_copy(template: bytes, days: int) -> bytes:
    moved = template.replace(_fit_seconds(MARKER), _fit_seconds(MARKER + timedelta(days=days)))
    body = moved[:-2]
    return body + struct.pack("<H", CrcCalculator.calculate_crc(body, 0, len(body)))


def _xml_copy(data: bytes, days: int) -> bytes:
    def shifted(match: re.Match[bytes]) -> bytes:
        day = date.fromisoformat(match.group(1).decode()) + timedelta(days=days)
        return day.isoformat().encode() + b"T"

    return _DAY.sub(shifted, data)


def make_files(folder: Path) -> list[Path]:
    """FILES copies, in folders of CHUNK so the import and the baseline can take turns."""
    sources = {name: (SHARED / name).read_bytes() for name in TEMPLATES}
    fit_templates = {n: _fit_template(d) for n, d in sources.items() if n.endswith(".fit")}
    paths = []
    for index in range(FILES):
        name = TEMPLATES[index % len(TEMPLATES)]
        days = index + 1
        if name in fit_templates:
            data = _fit_copy(fit_templates[name], days)
        else:
            data = _xml_copy(sources[name], days)
        chunk = folder / f"{index // CHUNK:02d}"
        chunk.mkdir(exist_ok=True)
        path = chunk / f"{index:04d}_{name}"
        path.write_bytes(data)
        paths.append(path)
    return paths


def bare_parse(paths: list[Path]) -> float:
    started = time.perf_counter()
    for path in paths:
        data = path.read_bytes()
        if path.suffix == ".fit":
            Decoder(Stream.from_byte_array(bytearray(data))).read()
        elif path.suffix == ".tcx":
            ET.fromstring(data)
        else:
            gpxpy.parse(data.decode("utf-8"))
    return time.perf_counter() - started


def _fresh(folder: Path, name: str) -> tuple[sessionmaker[Session], uuid.UUID]:
    engine = make_engine(f"sqlite:///{folder / name}")
    migrate(engine)
    sessions = make_sessionmaker(engine)
    with sessions() as session, session.begin():
        athlete_id = get_or_create_athlete(session, name="bench", now=NOW).id
    return sessions, athlete_id


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="hipstride-bench-") as tmp:
        folder = Path(tmp)
        files = folder / "activities"
        files.mkdir()
        paths = make_files(files)
        sessions, athlete_id = _fresh(folder, "import.db")
        chunks = sorted(p for p in files.iterdir() if p.is_dir())
        bare = imported = reimported = 0.0
        first, again = ImportSummary(), ImportSummary()
        for chunk in chunks:  # taking turns, so a busy machine slows both alike
            bare += bare_parse(sorted(chunk.iterdir()))
            started = time.perf_counter()
            done = import_paths(sessions, athlete_id=athlete_id, paths=[chunk], now=NOW)
            imported += time.perf_counter() - started
            first.outcomes.extend(done.outcomes)
        for chunk in chunks:
            started = time.perf_counter()
            done = import_paths(sessions, athlete_id=athlete_id, paths=[chunk], now=NOW)
            reimported += time.perf_counter() - started
            again.outcomes.extend(done.outcomes)
        sample, sample_athlete = _fresh(folder, "memory.db")
        tracemalloc.start()
        import_paths(sample, athlete_id=sample_athlete, paths=[chunks[0]], now=NOW)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    kinds = ", ".join(
        f"{len([p for p in paths if p.suffix == s])} {s[1:].upper()}"
        for s in (".fit", ".tcx", ".gpx")
    )
    print(f"Run import ({FILES:,} files: {kinds}; SQLite, one transaction per file)")
    print(
        f"  first import: {first.count('imported'):,} imported, "
        f"{first.count('duplicate')} duplicate, {first.count('skipped')} skipped"
    )
    print(
        f"  {'import_paths':<42} {FILES / imported:8.1f} files/s   "
        f"{imported / bare:6.2f}× bare library parse ({FILES / bare:.1f} files/s)"
    )
    print(
        f"  {'re-import of the same folder':<42} {reimported:8.2f} s       "
        f"{reimported / imported * 100:6.1f} % of the first import "
        f"({again.count('duplicate'):,} skipped by hash)"
    )
    print(f"  peak Python allocations importing {CHUNK} files {peak / 1024 / 1024:6.1f} MB")
    maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"  peak resident size of the process            {maxrss:6.0f} MB")


if __name__ == "__main__":
    main()
