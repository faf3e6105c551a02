"""Importing activity files for a runner, and listing what was imported.

Each file is its own transaction: a bad file writes nothing and the batch goes on. A file
whose hash is already stored is skipped before it is parsed, so re-importing a whole export
costs little more than reading it. The same activity in two formats (the FIT and TCX of
one run) is caught by its start (within a minute) and a similar distance.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, Literal

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from hipstride.importers.common import MAX_FILE_BYTES, Refused, sha256
from hipstride.importers.read import read_activity
from hipstride.importers.sources import Source, files_under, sources_in
from hipstride.running.records import Lap, RunRecord, Units, format_duration, in_units
from hipstride.services.runner import zone_or_utc
from hipstride.store import tables as db

Status = Literal["imported", "duplicate", "skipped"]
SAME_START = timedelta(minutes=1)


@dataclass(frozen=True)
class FileOutcome:
    """What happened to one file, and why, in words for the runner."""

    name: str
    status: Status
    reason: str | None = None
    run_id: uuid.UUID | None = None
    record: RunRecord | None = None


@dataclass
class ImportSummary:
    outcomes: list[FileOutcome] = field(default_factory=list)

    def count(self, status: Status) -> int:
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def failed(self) -> bool:
        """Some file could not be imported (duplicates are not failures)."""
        return self.count("skipped") > 0


Progress = Callable[[int, int, FileOutcome], None]


def _similar(a: float, b: float) -> bool:
    return abs(a - b) <= max(100.0, 0.03 * max(a, b))


def _twin(session: Session, athlete_id: uuid.UUID, record: RunRecord) -> db.Run | None:
    """An already stored run with the same start (within a minute) and a similar distance."""
    nearby = session.scalars(
        select(db.Run).where(
            db.Run.athlete_id == athlete_id,
            db.Run.start >= record.start - SAME_START,
            db.Run.start <= record.start + SAME_START,
        )
    )
    return next((r for r in nearby if _similar(r.distance_m, record.distance_m)), None)


def _lap_json(lap: Lap) -> dict[str, Any]:
    data = asdict(lap)
    data["start"] = lap.start.isoformat()
    return data


def _row(athlete_id: uuid.UUID, record: RunRecord, name: str, now: datetime) -> db.Run:
    return db.Run(
        athlete_id=athlete_id,
        start=record.start,
        elapsed_seconds=record.elapsed_seconds,
        moving_seconds=record.moving_seconds,
        distance_m=record.distance_m,
        ascent_m=record.ascent_m,
        avg_heart_rate=record.avg_heart_rate,
        max_heart_rate=record.max_heart_rate,
        avg_cadence_spm=record.avg_cadence_spm,
        sport=record.sport,
        sport_detail=(record.sport_detail or None) and record.sport_detail[:200],
        device=(record.device or None) and record.device[:200],
        indoor=record.indoor,
        counts_for_load=record.is_run,
        laps=[_lap_json(lap) for lap in record.laps],
        notes=list(record.notes),
        source_format=record.source_format,
        source_hash=record.source_hash,
        source_name=name,
        imported_at=now,
    )


def record_from_row(row: db.Run) -> RunRecord:
    """The stored run as the core sees it."""
    laps = tuple(Lap(**{**lap, "start": datetime.fromisoformat(lap["start"])}) for lap in row.laps)
    return RunRecord(
        start=row.start,
        elapsed_seconds=row.elapsed_seconds,
        moving_seconds=row.moving_seconds,
        distance_m=row.distance_m,
        sport=row.sport,  # type: ignore[arg-type]  # the table's check keeps it to Sport
        source_hash=row.source_hash,
        source_format=row.source_format,  # type: ignore[arg-type]
        ascent_m=row.ascent_m,
        avg_heart_rate=row.avg_heart_rate,
        max_heart_rate=row.max_heart_rate,
        avg_cadence_spm=row.avg_cadence_spm,
        laps=laps,
        device=row.device,
        sport_detail=row.sport_detail,
        indoor=row.indoor,
        notes=tuple(row.notes),
    )


def _import_one(
    sessions: sessionmaker[Session],
    athlete_id: uuid.UUID,
    source: Source,
    known: dict[str, str],
    now: datetime,
) -> FileOutcome:
    if source.problem is not None or source.data is None:
        return FileOutcome(source.name, "skipped", source.problem or "nothing to read")
    digest = sha256(source.data)
    if digest in known:
        return FileOutcome(source.name, "duplicate", f"same file as {known[digest]}")
    try:
        record = read_activity(source.data, source_hash=digest)
    except Refused as exc:
        return FileOutcome(source.name, "skipped", exc.reason)
    except Exception as exc:  # a parser's own bug must not stop the batch
        return FileOutcome(source.name, "skipped", f"could not be read ({type(exc).__name__})")
    try:
        with sessions() as session, session.begin():
            twin = _twin(session, athlete_id, record)
            if twin is not None:
                known[digest] = twin.source_name
                return FileOutcome(
                    source.name,
                    "duplicate",
                    f"same activity as {twin.source_name} (start within a minute, same distance)",
                )
            row = _row(athlete_id, record, source.name, now)
            session.add(row)
            session.flush()
            run_id = row.id
    except IntegrityError:  # another import stored the same file a moment ago
        return FileOutcome(source.name, "duplicate", "same file already imported")
    known[digest] = source.name
    return FileOutcome(source.name, "imported", " ".join(record.notes) or None, run_id, record)


def import_paths(
    sessions: sessionmaker[Session],
    *,
    athlete_id: uuid.UUID,
    paths: Sequence[Path],
    now: datetime,
    progress: Progress | None = None,
    max_bytes: int = MAX_FILE_BYTES,
    names_under: Path | None = None,
) -> ImportSummary:
    """Import every activity the paths hold (files, .gz, .zip, folders), one file at a time.

    With ``names_under`` (the web's temporary upload folder), files are named relative to it.

    ``progress(file_number, files, outcome)`` is called after each activity; ``files`` counts
    the files on disk, so every activity inside one archive shares its number.
    """
    with sessions() as session:
        rows = session.execute(
            select(db.Run.source_hash, db.Run.source_name).where(db.Run.athlete_id == athlete_id)
        )
        known: dict[str, str] = {digest: name for digest, name in rows}  # noqa: C416
    summary = ImportSummary()
    files = files_under(paths)
    for done, path in enumerate(files, 1):
        for found in sources_in(path, max_bytes=max_bytes):
            source = found
            if names_under is not None:
                source = replace(found, name=found.name.removeprefix(f"{names_under}/"))
            outcome = _import_one(sessions, athlete_id, source, known, now)
            summary.outcomes.append(outcome)
            if progress is not None:
                progress(done, len(files), outcome)
    return summary


def counted_runs(session: Session, *, athlete_id: uuid.UUID) -> list[RunRecord]:
    """The runs that count towards running load (runs, unless the runner said otherwise)."""
    rows = session.scalars(
        select(db.Run)
        .where(db.Run.athlete_id == athlete_id, db.Run.counts_for_load.is_(True))
        .order_by(db.Run.start)
    )
    return [record_from_row(row) for row in rows]


def list_runs(
    session: Session,
    *,
    athlete_id: uuid.UUID,
    limit: int | None = None,
    units: Units | None = None,
) -> list[dict[str, Any]]:
    """The runner's activities, newest first, in their time zone and units (or ``units``)."""
    athlete = session.get_one(db.Athlete, athlete_id)
    zone = zone_or_utc(athlete.time_zone)
    if units is None:
        units = "mi" if athlete.units == "mi" else "km"
    query = select(db.Run).where(db.Run.athlete_id == athlete_id).order_by(db.Run.start.desc())
    if limit:
        query = query.limit(limit)
    listed = []
    for row in session.scalars(query):
        local = row.start.astimezone(zone)
        pace = row.moving_seconds / in_units(row.distance_m, units) if row.distance_m else None
        listed.append(
            {
                "id": str(row.id),
                "day": local.date().isoformat(),
                "start": local.isoformat(),
                "sport": row.sport,
                "counts_for_load": row.counts_for_load,
                "distance": round(in_units(row.distance_m, units), 2),
                "units": units,
                "elapsed": format_duration(row.elapsed_seconds),
                "moving": format_duration(row.moving_seconds),
                "elapsed_seconds": round(row.elapsed_seconds, 1),
                "moving_seconds": round(row.moving_seconds, 1),
                "pace_per_unit": format_duration(pace) if pace else None,
                "ascent_m": round(row.ascent_m) if row.ascent_m is not None else None,
                "avg_heart_rate": row.avg_heart_rate,
                "max_heart_rate": row.max_heart_rate,
                "avg_cadence_spm": round(row.avg_cadence_spm) if row.avg_cadence_spm else None,
                "laps": len(row.laps),
                "indoor": row.indoor,
                "device": row.device,
                "source": row.source_name,
                "notes": list(row.notes),
            }
        )
    return listed


class UnknownRun(LookupError):
    def __init__(self, key: str) -> None:
        super().__init__(
            f"No run with an id starting {key!r}. `hipstride runs` lists them with their ids."
        )


def set_counts_for_load(
    session: Session, *, athlete_id: uuid.UUID, run_key: str, counts: bool
) -> db.Run:
    """Include an activity in running load, or leave it out; ``run_key`` may be an id prefix."""
    key = run_key.strip().lower()
    rows = [
        r
        for r in session.scalars(select(db.Run).where(db.Run.athlete_id == athlete_id))
        if str(r.id).startswith(key)
    ]
    if len(rows) != 1 or not key:
        raise UnknownRun(run_key)
    rows[0].counts_for_load = counts
    return rows[0]


def count_runs(session: Session, *, athlete_id: uuid.UUID) -> int:
    """How many activities the runner has stored (for paging)."""
    return session.scalar(select(func.count()).where(db.Run.athlete_id == athlete_id)) or 0
