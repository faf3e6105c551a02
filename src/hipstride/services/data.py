"""Your data is yours: export a runner's every record (JSON or CSV) and restore a JSON export.

Columns come from the table metadata, so a new column is exported and imported without a
change here; only the shape of the document (which table nests in which) is written out.
Records keep their UUIDs, so an import into an empty database is the same data, not a copy.
"""

from __future__ import annotations

import csv
import io
import json
import uuid
import zipfile
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from sqlalchemy import Column, Table, insert, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session
from sqlalchemy.schema import PrimaryKeyConstraint, UniqueConstraint
from sqlalchemy.types import JSON, Boolean, Date, Integer, Numeric, String, Time, Uuid

from hipstride.store.tables import Athlete, Base, UtcDateTime

FORMAT = "hipstride-export"
VERSION = 1
Record = dict[str, Any]


@dataclass(frozen=True)
class Section:
    """A list in the document: a table, the column linking it to its parent, and its order."""

    key: str
    table_name: str
    parent: str
    order: tuple[str, ...]
    children: tuple[Section, ...] = ()
    kept: bool = True  # False: state of this database only (sign-ins), never exported
    private: tuple[str, ...] = ()  # columns left out of exports (e.g. password hashes)
    optional: bool = False  # documents from before the section existed still import

    @property
    def table(self) -> Table:
        return Base.metadata.tables[self.table_name]


PRESCRIPTIONS = Section("prescriptions", "prescriptions", "planned_session_id", ("position",))
SESSIONS = Section("sessions", "planned_sessions", "plan_id", ("day", "week"), (PRESCRIPTIONS,))
SETS = Section("sets", "set_logs", "session_log_id", ("logged_at", "set_number"))
# Web sign-in state: it belongs to this database; a restored account signs in by a new link.
SIGN_IN_STATE = (
    *(
        Section(name, name, "account_id", order, kept=False)
        for name, order in (
            ("web_sessions", ("created_at",)),
            ("sign_in_links", ("created_at",)),
            ("sign_in_failures", ("at",)),
            ("access_tokens", ("created_at",)),  # secrets: a restored account makes new ones
        )
    ),
    Section(
        "coach_invitations", "coach_invitations", "coach_account_id", ("created_at",), kept=False
    ),
)
SECTIONS = (
    Section("profiles", "profiles", "athlete_id", ("created_at",)),
    Section("pain_screens", "pain_screens", "athlete_id", ("taken_at",)),
    Section("clearances", "clearances", "athlete_id", ("cleared_at",)),
    Section("self_test_results", "self_test_results", "athlete_id", ("taken_at", "test_id")),
    Section("plans", "plans", "athlete_id", ("created_at",), (SESSIONS,)),
    Section("session_logs", "session_logs", "athlete_id", ("started_at",), (SETS,)),
    Section("checkins", "checkins", "athlete_id", ("day",)),
    # Links name a coach account of this database: a restored runner is invited again.
    Section("coach_links", "coach_links", "athlete_id", ("created_at",), kept=False),
    Section("runs", "runs", "athlete_id", ("start", "source_hash"), optional=True),
    # Calendar links are credentials of this server: a restored runner makes new ones.
    Section("calendar_feeds", "calendar_feeds", "athlete_id", ("created_at",), kept=False),
    # Camera checks in progress or just done: this server's work, not the runner's record.
    Section("camera_jobs", "camera_jobs", "athlete_id", ("created_at",), kept=False),
    Section(
        "accounts",
        "accounts",
        "athlete_id",
        ("created_at",),
        SIGN_IN_STATE,
        private=("password_hash",),
        optional=True,
    ),
)
ATHLETES = Base.metadata.tables["athletes"]


def all_sections(sections: Iterable[Section] = SECTIONS) -> list[Section]:
    """Every section, parents before children (one per table besides athletes)."""
    return [s for section in sections for s in (section, *all_sections(section.children))]


class ImportProblem(ValueError):
    """What is wrong with an import, where (a JSON path like ``$.plans[0].weeks``) and the fix."""

    def __init__(self, message: str, path: str | None = None) -> None:
        super().__init__(f"{path}: {message}" if path else message)
        self.path = path
        self.message = message


class DatabaseNotEmpty(ImportProblem):
    """An import only restores into an empty database, so nothing is merged or overwritten."""


@dataclass(frozen=True)
class ImportSummary:
    athlete_name: str
    counts: dict[str, int]  # rows written per table, athletes first


# --- export ------------------------------------------------------------------------------


def _dump(value: Any) -> Any:
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, date):  # datetimes too: UtcDateTime hands back aware UTC values
        return value.isoformat()
    if isinstance(value, time):  # a local wall-clock time, such as the reminder
        return value.isoformat(timespec="minutes")
    return value


def exported_columns(table: Table) -> list[Column[Any]]:
    """The table's columns an export holds: all but a section's private ones."""
    private = {n for s in all_sections() if s.table_name == table.name for n in s.private}
    return [c for c in table.columns if c.name not in private]


def _fetch(session: Session, table: Table, where: Any, order: Iterable[str]) -> list[Record]:
    query = select(table).where(where).order_by(*(table.c[n] for n in order), table.c.id)
    rows = session.execute(query).mappings()
    columns = exported_columns(table)
    return [{column.name: _dump(row[column]) for column in columns} for row in rows]


def athlete_rows(session: Session, *, athlete_id: uuid.UUID) -> dict[str, list[Record]]:
    """Every row of the athlete per table name, all columns as JSON values (CSV's shape)."""
    rows = {"athletes": _fetch(session, ATHLETES, ATHLETES.c.id == athlete_id, ())}
    if not rows["athletes"]:
        raise LookupError(f"no athlete with id {athlete_id}")

    def walk(sections: tuple[Section, ...], parent_ids: Any) -> None:
        for section in sections:
            if not section.kept:
                continue
            table = section.table
            where = table.c[section.parent].in_(parent_ids)
            rows[table.name] = _fetch(session, table, where, section.order)
            walk(section.children, select(table.c.id).where(where))

    walk(SECTIONS, [athlete_id])
    return rows


def export_athlete(session: Session, *, athlete_id: uuid.UUID, now: datetime) -> dict[str, Any]:
    """The versioned document: the athlete, and each list nested under the record it belongs to."""
    rows = athlete_rows(session, athlete_id=athlete_id)
    grouped: dict[str, dict[str, list[Record]]] = {}
    for section in all_sections():
        if not section.kept:
            continue
        by_parent = grouped[section.table_name] = defaultdict(list)
        for row in rows[section.table_name]:
            by_parent[row[section.parent]].append(row)

    def nest(sections: tuple[Section, ...], parent_id: str) -> dict[str, list[Record]]:
        # An optional section with nothing in it is left out: the document stays as before.
        return {
            s.key: [
                {k: v for k, v in row.items() if k != s.parent} | nest(s.children, row["id"])
                for row in grouped[s.table_name].get(parent_id, [])
            ]
            for s in sections
            if s.kept and (grouped[s.table_name].get(parent_id) or not s.optional)
        }

    athlete = rows["athletes"][0]
    head = {"format": FORMAT, "version": VERSION, "exported_at": now.isoformat()}
    return head | {"athlete": athlete} | nest(SECTIONS, athlete["id"])


def csv_tables(session: Session, *, athlete_id: uuid.UUID) -> dict[str, tuple[str, int]]:
    """One CSV text per table with a header row (JSON columns as JSON text), and its row count."""
    tables = {}
    optional = {s.table_name for s in all_sections() if s.optional}
    for name, records in athlete_rows(session, athlete_id=athlete_id).items():
        if name in optional and not records:
            continue  # as in the JSON document: an empty optional section is left out
        columns = exported_columns(Base.metadata.tables[name])
        buffer = io.StringIO(newline="")
        writer = csv.writer(buffer)
        writer.writerow(c.name for c in columns)
        for record in records:
            writer.writerow(_csv_cell(c, record[c.name]) for c in columns)
        tables[f"{name}.csv"] = (buffer.getvalue(), len(records))
    return tables


def export_csv(session: Session, *, athlete_id: uuid.UUID, folder: Path) -> dict[str, int]:
    """The CSV tables written into ``folder``; rows written per file."""
    folder.mkdir(parents=True, exist_ok=True)
    written = {}
    for file_name, (text, rows) in csv_tables(session, athlete_id=athlete_id).items():
        (folder / file_name).write_text(text, encoding="utf-8", newline="")
        written[file_name] = rows
    return written


def export_csv_zip(session: Session, *, athlete_id: uuid.UUID) -> bytes:
    """The CSV tables in one zip archive, for a download."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for file_name, (text, _) in csv_tables(session, athlete_id=athlete_id).items():
            archive.writestr(file_name, text)
    return buffer.getvalue()


def _csv_cell(column: Column[Any], value: Any) -> str:
    if value is None:
        return ""
    if isinstance(column.type, JSON) or isinstance(value, bool):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


# --- import ------------------------------------------------------------------------------


def _show(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= 60 else text[:57] + "..."


def _aware(value: str) -> datetime:
    moment = datetime.fromisoformat(value)
    if moment.utcoffset() is None:
        raise ValueError("no offset")
    return moment


def _exactly(*kinds: type[Any]) -> Callable[[Any], Any]:
    def check(value: Any) -> Any:
        if type(value) not in kinds:  # not isinstance: true is not a whole number here
            raise TypeError(type(value).__name__)
        return value

    return check


# The first entry whose column type matches parses the JSON value, or says what was expected.
PARSERS: list[tuple[type[Any], Callable[[Any], Any], str]] = [
    (Uuid, uuid.UUID, "a UUID, like 0b7e5c52-7f25-4d3c-9a8e-2f4f8d9a1c33"),
    (UtcDateTime, _aware, "a date and time with its offset, like 2026-11-30T07:30:00+00:00"),
    (Date, date.fromisoformat, "a date, YYYY-MM-DD"),
    (Time, time.fromisoformat, "a time of day, HH:MM"),
    (Boolean, _exactly(bool), "true or false"),
    (Integer, _exactly(int), "a whole number"),
    (Numeric, _exactly(int, float), "a number"),
    (String, _exactly(str), "text"),
]


def _load(column: Column[Any], value: Any, path: str) -> Any:
    """A JSON value as the column's Python value; refuses what the database would mangle."""
    if value is None:
        if column.nullable:
            return None
        raise ImportProblem("must not be null; give a value", path)
    for kind, parse, wanted in PARSERS:
        if isinstance(column.type, kind):
            try:
                value = parse(value)
            except (TypeError, ValueError, AttributeError):
                raise ImportProblem(f"{_show(value)} is not {wanted}", path) from None
            break
    length = getattr(column.type, "length", None)
    if isinstance(value, str) and length and len(value) > length:
        raise ImportProblem(f"is {len(value)} characters long; at most {length} fit", path)
    return value


def _record(
    table: Table, item: Any, path: str, parent: tuple[str, Any] | None, nested: set[str]
) -> Record:
    """One record's column values, every key checked against the table's columns."""
    if not isinstance(item, dict):
        raise ImportProblem(f"must be an object {{...}}, not {_show(item)}", path)
    for key in item:
        if key not in table.c and key not in nested:
            raise ImportProblem(
                f"is not a field of {table.name}; was the file made by a newer hipstride? "
                "Upgrade hipstride, or remove the field",
                f"{path}.{key}",
            )
    values: Record = {}
    for column in table.columns:
        where = f"{path}.{column.name}"
        defaulted = column.default is not None or column.server_default is not None
        if parent and column.name == parent[0]:
            if column.name in item and _load(column, item[column.name], where) != parent[1]:
                raise ImportProblem("does not match the record this one is nested in", where)
            values[column.name] = parent[1]
        elif column.name in item:
            values[column.name] = _load(column, item[column.name], where)
        elif column.primary_key or not (column.nullable or defaulted):
            raise ImportProblem("is missing; add it", where)
        elif not defaulted:
            values[column.name] = None  # a nullable column the file leaves out
    return values


def _read(document: Any) -> dict[str, list[tuple[str, Record]]]:
    """The document's records per table with their paths, or the first problem found."""
    if not isinstance(document, dict):
        raise ImportProblem("must be a JSON object made by `hipstride export`", "$")
    if document.get("format") != FORMAT:
        problem = f"is {_show(document.get('format'))}, not a file made by `hipstride export`"
        raise ImportProblem(problem, "$.format")
    if (version := document.get("version")) != VERSION or isinstance(version, bool):
        newer = isinstance(version, int) and version > VERSION
        fix = (
            "upgrade hipstride to import it" if newer else f"this hipstride reads version {VERSION}"
        )
        raise ImportProblem(f"is {_show(version)}; {fix}", "$.version")
    if "athlete" not in document:
        raise ImportProblem("is missing; an export always has it", "$.athlete")
    known = {"format", "version", "exported_at", "athlete", *(s.key for s in SECTIONS if s.kept)}
    if unknown := [key for key in document if key not in known]:
        raise ImportProblem("is not in the format; upgrade hipstride", f"$.{unknown[0]}")
    found: dict[str, list[tuple[str, Record]]] = defaultdict(list)
    athlete = _record(ATHLETES, document["athlete"], "$.athlete", None, set())
    found["athletes"].append(("$.athlete", athlete))

    def walk(sections: tuple[Section, ...], holder: dict[str, Any], path: str, parent: Any) -> None:
        for section in sections:
            where, items = f"{path}.{section.key}", holder.get(section.key)
            if not section.kept or (section.optional and section.key not in holder):
                continue
            if section.key not in holder:
                raise ImportProblem("is missing; use [] for none", where)
            if not isinstance(items, list):
                raise ImportProblem(f"must be a list [...], not {_show(items)}", where)
            nested = {child.key for child in section.children}
            for index, item in enumerate(items):
                at = f"{where}[{index}]"
                values = _record(section.table, item, at, (section.parent, parent), nested)
                found[section.table_name].append((at, values))
                walk(section.children, item, at, values["id"])

    walk(SECTIONS, document, "$", athlete["id"])
    _check_keys(found)
    return found


def _check_keys(found: dict[str, list[tuple[str, Record]]]) -> None:
    """Unique ids and keys, and references to records in the file, checked before writing."""
    ids = {name: {values["id"] for _, values in records} for name, records in found.items()}
    for table in Base.metadata.sorted_tables:
        records = found.get(table.name, [])
        uniques = [(c.name,) for c in table.columns if c.unique] + [
            tuple(c.name for c in u.columns)
            for u in table.constraints
            if isinstance(u, UniqueConstraint | PrimaryKeyConstraint)
        ]
        for names in uniques:
            seen: dict[tuple[Any, ...], str] = {}
            for path, values in records:
                key = tuple(values.get(n) for n in names)
                if key in seen:
                    what = ", ".join(names)
                    raise ImportProblem(f"repeats the {what} of {seen[key]}; make it unique", path)
                if None not in key:  # NULLs never clash
                    seen[key] = path
        for foreign in table.foreign_keys:
            column, target = foreign.parent.name, foreign.column.table.name
            allowed = ids.get(target, set()) | {None}
            for path, values in records:
                if values.get(column) not in allowed:
                    problem = f"refers to {target} {values[column]}, which is not in the file"
                    raise ImportProblem(f"{problem}; set it to null", f"{path}.{column}")


def import_athlete(session: Session, *, document: Any) -> ImportSummary:
    """Validate, then insert everything with its ids in the caller's transaction.

    Refuses a database that already holds a runner: restoring is not merging. Any problem
    raises ``ImportProblem``; the caller's rollback then leaves nothing half-written.
    """
    found = _read(document)
    present = session.scalars(select(Athlete.name).order_by(Athlete.name).limit(3)).all()
    if present:
        raise DatabaseNotEmpty(
            f"this database already holds runner(s) ({', '.join(map(repr, present))}); an import "
            "only restores into an empty database. Point HIPSTRIDE_DATABASE_URL at a new SQLite "
            "file, e.g. HIPSTRIDE_DATABASE_URL=sqlite:////path/to/restored.db"
        )
    counts = {}
    try:
        for table in Base.metadata.sorted_tables:
            rows = [values for _, values in found.get(table.name, [])]
            for keys in dict.fromkeys(tuple(r) for r in rows):  # one executemany per shape
                session.execute(insert(table), [r for r in rows if tuple(r) == keys])
            counts[table.name] = len(rows)
    except DBAPIError as exc:
        reason = (str(exc.orig) or str(exc)).strip().splitlines()[0]
        raise ImportProblem(f"the database refused the data ({reason}); check the values") from exc
    order = [
        "athletes",
        *(
            s.table_name
            for s in all_sections()
            if s.kept and (counts[s.table_name] or not s.optional)
        ),
    ]
    return ImportSummary(found["athletes"][0][1]["name"], {name: counts[name] for name in order})
