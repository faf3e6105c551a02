"""Paths → activity files: plain files, ``.gz``, ``.zip`` archives (nested too) and folders.

Every file is read whole but never past the size limit, however much an archive claims or
hides: a zip bomb is stopped after ``max_bytes`` of output, not after it fills the disk or
memory. Problems with one file become a ``Source`` with a ``problem``, so the rest go on.
"""

from __future__ import annotations

import gzip
import zipfile
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path, PurePosixPath
from typing import Protocol

from hipstride.importers.common import MAX_FILE_BYTES

ACTIVITY_SUFFIXES = (".fit", ".tcx", ".gpx")
ARCHIVE_SUFFIXES = (".zip", ".gz")
MAX_ARCHIVE_DEPTH = 3  # a zip in a zip in a zip (Garmin's full export nests two deep)
MAX_ARCHIVE_MEMBERS = 100_000
_CHUNK = 1024 * 1024


class _Readable(Protocol):
    def read(self, size: int = -1, /) -> bytes: ...


@dataclass(frozen=True)
class Source:
    """One candidate file: its bytes, or the reason they could not be had."""

    name: str  # shown to the runner: a path, or "archive.zip:inner/path.fit"
    data: bytes | None = None
    problem: str | None = None


def _mb(size: int) -> str:
    return f"{size / 1024 / 1024:.0f} MB"


def wanted(name: str) -> bool:
    """Whether a file inside a folder or archive looks like an activity or an archive."""
    path = PurePosixPath(name.lower())
    if any(part.startswith(".") or part == "__macosx" for part in path.parts):
        return False
    return path.name.endswith(ACTIVITY_SUFFIXES + ARCHIVE_SUFFIXES)


def _read_capped(stream: _Readable, max_bytes: int) -> bytes | None:
    """Up to ``max_bytes``; None when there is more (the caller says it is too large)."""
    parts: list[bytes] = []
    total = 0
    while chunk := stream.read(min(_CHUNK, max_bytes + 1 - total)):
        parts.append(chunk)
        total += len(chunk)
        if total > max_bytes:
            return None
    return b"".join(parts)


def _expand(name: str, data: bytes, max_bytes: int, depth: int) -> Iterator[Source]:
    """A file's bytes, unpacked when they are a gzip stream or a zip archive."""
    if data[:2] == b"\x1f\x8b":
        yield from _gunzip(name, data, max_bytes, depth)
    elif data[:4] == b"PK\x03\x04" or name.lower().endswith(".zip"):
        yield from _unzip(name, data, max_bytes, depth)
    else:
        yield Source(name, data)


def _gunzip(name: str, data: bytes, max_bytes: int, depth: int) -> Iterator[Source]:
    if depth >= MAX_ARCHIVE_DEPTH:
        yield Source(name, problem="archives nested too deep")
        return
    try:
        with gzip.GzipFile(fileobj=BytesIO(data)) as stream:
            inner = _read_capped(stream, max_bytes)
    except (OSError, EOFError, zlib.error) as exc:
        yield Source(name, problem=f"damaged gzip file ({exc})")
        return
    if inner is None:
        yield Source(name, problem=f"unpacks to more than {_mb(max_bytes)} (the limit)")
        return
    inner_name = name[:-3] if name.lower().endswith(".gz") else name
    yield from _expand(inner_name, inner, max_bytes, depth + 1)


def _unzip(name: str, data: bytes, max_bytes: int, depth: int) -> Iterator[Source]:
    if depth >= MAX_ARCHIVE_DEPTH:
        yield Source(name, problem="archives nested too deep")
        return
    try:
        archive = zipfile.ZipFile(BytesIO(data))
        members = [i for i in archive.infolist() if not i.is_dir() and wanted(i.filename)]
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        yield Source(name, problem=f"damaged zip archive ({exc})")
        return
    if len(members) > MAX_ARCHIVE_MEMBERS:
        yield Source(name, problem=f"more than {MAX_ARCHIVE_MEMBERS:,} files in the archive")
        return
    with archive:
        for info in members:
            inner_name = f"{name}:{info.filename}"
            if info.file_size > max_bytes:
                yield Source(
                    inner_name, problem=f"unpacks to {_mb(info.file_size)}, over the limit"
                )
                continue
            try:
                with archive.open(info) as stream:
                    inner = _read_capped(stream, max_bytes)
            except (zipfile.BadZipFile, OSError, EOFError, zlib.error, RuntimeError) as exc:
                yield Source(inner_name, problem=f"damaged in the archive ({exc})")
                continue
            if inner is None:
                yield Source(
                    inner_name,
                    problem=f"unpacks to more than {_mb(max_bytes)} (the limit): a zip bomb?",
                )
                continue
            yield from _expand(inner_name, inner, max_bytes, depth + 1)


def sources_in(path: Path, *, max_bytes: int = MAX_FILE_BYTES) -> Iterator[Source]:
    """The activity files in one file: itself, or what its archive holds."""
    name = str(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            yield Source(name, problem=f"{_mb(size)} is over the {_mb(max_bytes)} limit")
            return
        data = path.read_bytes()
    except FileNotFoundError:
        yield Source(name, problem="no such file or folder")
        return
    except OSError as exc:
        yield Source(name, problem=f"cannot be read ({exc.strerror or exc})")
        return
    yield from _expand(name, data, max_bytes, 0)


def files_under(paths: Sequence[Path]) -> list[Path]:
    """The files a list of paths names: files as given, folders searched for activities."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(
                p
                for p in sorted(path.rglob("*"))
                if p.is_file() and wanted(str(p.relative_to(path)))
            )
        else:
            found.append(path)
    return found


def iter_sources(paths: Sequence[Path], *, max_bytes: int = MAX_FILE_BYTES) -> Iterator[Source]:
    """Every activity file the paths hold, one at a time, in a stable order."""
    for path in files_under(paths):
        yield from sources_in(path, max_bytes=max_bytes)
