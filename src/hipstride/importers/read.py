"""One file's bytes → a RunRecord, whatever the format: sniffed from the content, not the name."""

from __future__ import annotations

from hipstride.importers.common import Refused
from hipstride.importers.fit import is_fit
from hipstride.running.records import RunRecord, SourceFormat


def detect_format(data: bytes) -> SourceFormat | None:
    if is_fit(data):
        return "fit"
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if not head.startswith(b"<"):
        return None
    if b"<trainingcenterdatabase" in head:
        return "tcx"
    if b"<gpx" in head:
        return "gpx"
    return None


def read_activity(data: bytes, *, source_hash: str) -> RunRecord:
    """Parse one activity file; ``Refused`` says why one cannot be imported."""
    if not data:
        raise Refused("empty file")
    kind = detect_format(data)
    if kind == "fit":
        from hipstride.importers.fit import parse_fit

        return parse_fit(data, source_hash=source_hash)
    if kind == "tcx":
        from hipstride.importers.tcx import parse_tcx

        return parse_tcx(data, source_hash=source_hash)
    if kind == "gpx":
        from hipstride.importers.gpx import parse_gpx

        return parse_gpx(data, source_hash=source_hash)
    raise Refused("not an activity file: it is neither FIT, TCX nor GPX")
