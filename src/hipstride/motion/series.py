"""Landmark sequences as numpy arrays, and the signals every analysis is built from.

Dropped frames become NaN and are bridged by interpolation only where the gap is short, so a
missing frame does not look like a movement. Lengths are divided by the torso's length, so
a signal means the same whether the runner fills the picture or stands far back.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from hipstride.figures.landmarks import INDEX, LandmarkSequence

Array = npt.NDArray[np.float64]

MAX_GAP_S = 0.5
"""Dropped frames bridged by interpolation; a longer gap stays a gap."""
SMOOTH_S = 0.2
"""Moving-average window: longer than MediaPipe's jitter, shorter than any repetition."""


@dataclass(frozen=True)
class Track:
    """Pixel positions (y down) and visibility of every landmark, frame by frame."""

    t: Array
    """Seconds, shape (T,)."""
    xy: Array
    """Pixels, shape (T, 33, 2); NaN in dropped frames."""
    vis: Array
    """Visibility 0..1, shape (T, 33); 0 in dropped frames."""
    fps: float

    @property
    def found(self) -> npt.NDArray[np.bool_]:
        """Frames where a pose was found."""
        return np.asarray(~np.isnan(self.xy[:, 0, 0]))

    def point(self, name: str) -> Array:
        return self.xy[:, INDEX[name], :]

    def mid(self, a: str, b: str) -> Array:
        return (self.point(a) + self.point(b)) / 2

    def visibility(self, *names: str) -> float:
        """Mean visibility of ``names`` over all frames (dropped frames count as 0)."""
        if len(self.t) == 0:
            return 0.0
        return float(np.mean(self.vis[:, [INDEX[n] for n in names]]))

    def torso(self) -> float:
        """Median shoulders-to-hips length in pixels: the unit of every distance."""
        length = np.linalg.norm(
            self.mid("left_shoulder", "right_shoulder") - self.mid("left_hip", "right_hip"),
            axis=1,
        )
        valid = length[~np.isnan(length)]
        return float(np.median(valid)) if valid.size else float("nan")


def track(seq: LandmarkSequence) -> Track:
    """The sequence as arrays, in pixels so a portrait frame is not squashed."""
    n = len(seq.frames)
    xy = np.full((n, 33, 2), np.nan)
    vis = np.zeros((n, 33))
    for i, frame in enumerate(seq.frames):
        if frame.landmarks is not None:
            xy[i] = [(p.x * seq.width, p.y * seq.height) for p in frame.landmarks]
            vis[i] = [p.visibility for p in frame.landmarks]
    t = np.array([f.time_s for f in seq.frames], dtype=np.float64)
    return Track(t, xy, vis, seq.fps)


def fill_gaps(signal: Array, fps: float, max_gap_s: float = MAX_GAP_S) -> Array:
    """Linear interpolation over runs of NaN no longer than ``max_gap_s``."""
    out = signal.astype(np.float64, copy=True)
    bad = np.isnan(out)
    if not bad.any() or bad.all():
        return out
    idx = np.arange(out.size)
    filled = np.interp(idx, idx[~bad], out[~bad])
    longest = max(1, round(max_gap_s * fps))
    start = None
    for i in range(out.size + 1):
        missing = i < out.size and bad[i]
        if missing and start is None:
            start = i
        elif not missing and start is not None:
            inside = start > 0 and i < out.size
            if inside and i - start <= longest:
                out[start:i] = filled[start:i]
            start = None
    return out


def smooth(signal: Array, fps: float, window_s: float = SMOOTH_S) -> Array:
    """Centred moving average that ignores NaN (a NaN stays NaN)."""
    width = max(1, round(window_s * fps))
    if width <= 1:
        return signal.copy()
    kernel = np.ones(width)
    valid = ~np.isnan(signal)
    total = np.convolve(np.where(valid, signal, 0.0), kernel, mode="same")
    count = np.convolve(valid.astype(np.float64), kernel, mode="same")
    with np.errstate(invalid="ignore", divide="ignore"):
        out = total / count
    out[~valid] = np.nan
    return np.asarray(out, dtype=np.float64)


def clean(signal: Array, fps: float) -> Array:
    """Gaps bridged, then smoothed: the form every analysis reads."""
    return smooth(fill_gaps(signal, fps), fps)


def angle_at(a: Array, b: Array, c: Array) -> Array:
    """The angle a-b-c at b, degrees 0..180, frame by frame."""
    u, v = a - b, c - b
    dot = np.sum(u * v, axis=1)
    cross = u[:, 0] * v[:, 1] - u[:, 1] * v[:, 0]
    return np.asarray(np.degrees(np.abs(np.arctan2(cross, dot))), dtype=np.float64)


def from_vertical(low: Array, high: Array, forward: float) -> Array:
    """The line low→high's lean from straight up, degrees, positive towards ``forward``
    (+1 when the runner faces right in the picture, -1 when left)."""
    d = high - low
    return np.asarray(np.degrees(np.arctan2(forward * d[:, 0], -d[:, 1])), dtype=np.float64)
