"""Activity files uploaded over the web, for the Runs page and ``POST /api/v1/runs``.

The request size is checked from its Content-Length before the body is read, so an oversized
upload is refused with 413 without being stored. The files are written to a temporary folder
only as long as the import (services/runs.py, with its own per-file limits and reasons) reads
them, then removed. New runs may show a new running week: the plan is fitted to it.
"""

from __future__ import annotations

import re
import shutil
import tempfile
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path, PurePosixPath, PureWindowsPath

from fastapi import HTTPException, Request
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from hipstride.services.runs import ImportSummary, import_paths
from hipstride.services.store import Store
from hipstride.web.upload_limits import refuse_oversized

MAX_UPLOAD_BYTES = 256 * 1024 * 1024  # one request; each file is also held to the importer's cap
MAX_UPLOAD_FILES = 200
FIELD = "files"
ACCEPT = ".fit,.gpx,.tcx,.gz,.zip"
_UNSAFE = re.compile(r"[^A-Za-z0-9._ ()+-]")


def check_size(request: Request) -> None:
    """Refuse a body larger than the cap (or of unknown length) before reading any of it."""
    refuse_oversized(
        request,
        limit=MAX_UPLOAD_BYTES,
        what="upload",
        advice="Send the files in smaller batches.",
    )


@dataclass
class UploadResult:
    """What the import did, and how the plan moved to fit the runs (lines for the runner)."""

    summary: ImportSummary
    refit: list[str] = field(default_factory=list)
    no_files: bool = False


def _safe_name(raw: str | None, taken: set[str]) -> str:
    """The file's own name (never a path the client chose), unique within the upload."""
    base = PurePosixPath(PureWindowsPath(raw or "").name).name
    base = _UNSAFE.sub("_", base).strip(" .") or "upload"
    name, n = base[:120], 1
    while name.lower() in taken:
        n += 1
        name = f"{n}-{base[:116]}"
    taken.add(name.lower())
    return name


async def uploaded_files(request: Request) -> list[UploadFile]:
    """The files of the ``files`` field; more than the cap in one go is refused plainly."""
    form = await request.form(max_files=MAX_UPLOAD_FILES + 1)
    files = [f for f in form.getlist(FIELD) if isinstance(f, UploadFile) and f.filename]
    if len(files) > MAX_UPLOAD_FILES:
        raise HTTPException(
            413, f"{len(files)} files at once is too many: send up to {MAX_UPLOAD_FILES}."
        )
    return files


def _import(
    store: Store, athlete_id: uuid.UUID, folder: Path, now: datetime, today: date
) -> UploadResult:
    from hipstride.services.replan import fit_plan_to_runs
    from hipstride.services.runner import NeedsProfile

    paths = sorted(p for p in folder.iterdir() if p.is_file())
    summary = import_paths(
        store.sessions, athlete_id=athlete_id, paths=paths, now=now, names_under=folder
    )
    result = UploadResult(summary)
    if summary.count("imported"):
        try:
            with store.sessions() as session:
                result.refit = fit_plan_to_runs(session, athlete_id=athlete_id, today=today)
                session.commit()
        except NeedsProfile:
            pass  # no profile yet: there is no plan to fit
    return result


async def import_upload(
    request: Request, store: Store, *, athlete_id: uuid.UUID, now: datetime, today: date
) -> UploadResult:
    """Import the request's files; the temporary copies are gone when this returns."""
    files = await uploaded_files(request)
    if not files:
        return UploadResult(ImportSummary(), no_files=True)
    with tempfile.TemporaryDirectory(prefix="hipstride-upload-") as tmp:
        folder = Path(tmp)
        taken: set[str] = set()
        for upload in files:
            with (folder / _safe_name(upload.filename, taken)).open("wb") as out:
                await run_in_threadpool(shutil.copyfileobj, upload.file, out)
            await upload.close()
        return await run_in_threadpool(_import, store, athlete_id, folder, now, today)


def outcome_rows(result: UploadResult) -> list[dict[str, str | None]]:
    """Each file's outcome as the page and the API show it."""
    return [
        {
            "file": o.name,
            "status": o.status,
            "reason": o.reason,
            "run_id": str(o.run_id) if o.run_id else None,
            "sport": o.record.sport if o.record else None,
        }
        for o in result.summary.outcomes
    ]
