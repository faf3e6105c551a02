"""When each part of a synthetic movement happens: reps, pauses and holds on a timeline."""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from hipstride.figures.keyframes import ease
from hipstride.figures.landmarks import Rep


@dataclass(frozen=True)
class Leg:
    """A stretch of the timeline: moving between two keyframes, or staying at one."""

    phase: str
    start_s: float
    duration_s: float
    frm: int
    to: int
    rep: int | None


@dataclass(frozen=True)
class Plan:
    legs: tuple[Leg, ...]
    reps: tuple[Rep, ...]
    holds: tuple[tuple[float, float], ...]
    total_s: float


def plan_timeline(
    last: int,
    hold_index: int | None,
    tempo: tuple[float, float, float],
    hold_s: float,
    reps: int,
    still_s: float,
) -> Plan:
    """Reps as start → far keyframe → start, holding at ``hold_at`` or pausing at the far end."""
    legs: list[Leg] = []
    rep_times: list[Rep] = []
    holds: list[tuple[float, float]] = []
    t = 0.0

    def add(phase: str, duration: float, frm: int, to: int, rep: int | None) -> None:
        nonlocal t
        if duration > 0:
            legs.append(Leg(phase, t, duration, frm, to, rep))
            if phase == "hold":
                holds.append((t, t + duration))
            t += duration

    down, pause, up = tempo
    add("still", still_s, 0, 0, None)
    for r in range(reps):
        start = t
        if hold_index == 0:
            add("hold", hold_s, 0, 0, r)
        for i in range(1, last + 1):
            add("down", down / last, i - 1, i, r)
            if i == hold_index and i != last:
                add("hold", hold_s, i, i, r)
        bottom = t
        if hold_index == last:
            add("hold", hold_s, last, last, r)
        else:
            add("pause", pause, last, last, r)
        for i in range(last, 0, -1):
            add("up", up / last, i, i - 1, r)
        rep_times.append(Rep(start, bottom, t))
    add("still", still_s, 0, 0, None)
    return Plan(tuple(legs), tuple(rep_times), tuple(holds), t)


def where(plan: Plan, t: float) -> tuple[Leg, float]:
    """The leg at time ``t`` and the keyframe position (2.5 = halfway from the 3rd to 4th)."""
    starts = [leg.start_s for leg in plan.legs]
    leg = plan.legs[max(0, bisect.bisect_right(starts, t) - 1)]
    f = min(1.0, max(0.0, (t - leg.start_s) / leg.duration_s))
    if leg.frm == leg.to:
        return leg, float(leg.frm)
    e = ease(f)
    return leg, leg.frm + (e if leg.to > leg.frm else -e)
