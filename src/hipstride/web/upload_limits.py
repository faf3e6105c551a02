"""The size rule every upload shares: refused by its declared length, before any byte is read."""

from __future__ import annotations

from fastapi import HTTPException, Request


def refuse_oversized(request: Request, *, limit: int, what: str, advice: str) -> None:
    """411 without a usable Content-Length, 413 over ``limit`` bytes, naming the fix."""
    length = request.headers.get("content-length")
    if length is None or not length.isdigit():
        raise HTTPException(411, f"Send the {what} with its Content-Length (any browser does).")
    if int(length) > limit:
        raise HTTPException(
            413,
            f"The {what} is {int(length) / 1024 / 1024:.0f} MB; the limit is "
            f"{limit // 1024 // 1024} MB. {advice}",
        )
