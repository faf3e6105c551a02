"""Repetitions from one movement signal: hysteresis between two levels, a minimum cycle.

The signal grows towards the far position (the bottom of a squat, the top of a bridge).
It is scaled to 0..1 between its resting and far levels; a repetition must rise above
``HIGH`` after being below ``LOW`` and come back below ``LOW``, so jitter near one level
cannot count twice, and a cycle shorter than ``MIN_CYCLE_S`` is not a repetition.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from hipstride.motion.series import Array

LOW, HIGH = 0.3, 0.7
EDGE = 0.1
"""Where a repetition starts and ends, as a fraction of its range: near rest."""
FAR = 0.9
"""Above this the runner is at the far position (pausing or holding there)."""
MIN_CYCLE_S = 0.8


@dataclass(frozen=True)
class Repetition:
    start_s: float
    far_s: float
    """Middle of the time spent at the far position."""
    end_s: float
    amplitude: float
    """How far the signal went from rest, in its own units (torso lengths or degrees)."""
    down_s: float
    """Start to reaching the far position."""
    stay_s: float
    """Time at the far position (a pause or a hold)."""
    up_s: float
    """Leaving the far position to back at rest."""
    start_index: int
    far_index: int
    end_index: int


def levels(signal: Array) -> tuple[float, float]:
    """Rest and far levels: robust low and high percentiles of the signal."""
    valid = signal[~np.isnan(signal)]
    if valid.size == 0:
        return float("nan"), float("nan")
    return float(np.percentile(valid, 2)), float(np.percentile(valid, 98))


def repetitions(
    signal: Array,
    t: Array,
    *,
    min_amplitude: float,
    min_cycle_s: float = MIN_CYCLE_S,
) -> list[Repetition]:
    """Repetitions in ``signal`` (cleaned, sampled at times ``t``).

    A last repetition cut off by the end of the clip counts once it is on its way back
    (below ``HIGH`` again), as when the recording stops before the runner is fully up.
    """
    rest, far = levels(signal)
    if np.isnan(rest) or far - rest < min_amplitude:
        return []
    n = (signal - rest) / (far - rest)
    crossings: list[tuple[int, int]] = []
    armed = False
    rising: int | None = None
    last = -1
    for i, value in enumerate(n):
        if np.isnan(value):
            continue
        last = i
        if value < LOW:
            if rising is not None:
                crossings.append((rising, i))
                rising = None
            armed = True
        elif value > HIGH and armed and rising is None:
            rising = i
            armed = False
    if rising is not None and last > rising and n[last] < HIGH:
        crossings.append((rising, last))
    found: list[Repetition] = []
    for k, (up, down) in enumerate(crossings):
        before = crossings[k - 1][1] if k else 0
        after = crossings[k + 1][0] if k + 1 < len(crossings) else len(n) - 1
        start = _at_rest(n, before, up, backwards=True)
        end = _at_rest(n, down, after, backwards=False)
        rep = _repetition(signal, n, t, start, end, rest)
        if rep.end_s - rep.start_s >= min_cycle_s:
            found.append(rep)
    return found


def _at_rest(n: Array, lo: int, hi: int, *, backwards: bool) -> int:
    """The frame in [lo, hi] nearest the movement that is still within ``EDGE`` of the
    lowest level there: where the repetition leaves rest (or comes back to it)."""
    part = n[lo : hi + 1]
    if part.size == 0 or np.all(np.isnan(part)):
        return hi if backwards else lo
    floor = float(np.nanmin(part))
    near = np.flatnonzero(np.nan_to_num(part, nan=np.inf) <= floor + EDGE)
    return lo + int(near[-1] if backwards else near[0])


def _repetition(signal: Array, n: Array, t: Array, start: int, end: int, rest: float) -> Repetition:
    part = n[start : end + 1]
    top = float(np.nanmax(part))
    base = float(np.nanmin(part))
    at_far = np.flatnonzero(np.nan_to_num(part, nan=-np.inf) >= base + FAR * (top - base)) + start
    first, last = int(at_far[0]), int(at_far[-1])
    peak = int(np.nanargmax(signal[start : end + 1])) + start
    return Repetition(
        start_s=float(t[start]),
        far_s=float((t[first] + t[last]) / 2),
        end_s=float(t[end]),
        amplitude=float(signal[peak] - rest),
        down_s=float(t[first] - t[start]),
        stay_s=float(t[last] - t[first]),
        up_s=float(t[end] - t[last]),
        start_index=start,
        far_index=peak,
        end_index=end,
    )
