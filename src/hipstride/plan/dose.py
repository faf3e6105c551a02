"""Doses: a step's default prescription, time estimates, and deload/race-week scaling."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from itertools import combinations, product

from hipstride.knowledge.models import Laterality, Step
from hipstride.plan.models import Prescription, Side, WeekKind

MAX_SETS = 3  # ACSM 2009 novice range: 1-3 sets
NOVICE_SETS = 2
SECONDS_PER_REP_WITHOUT_TEMPO = 3  # e.g. a side step: about 3 s a step
DELOAD_EVERY = 4


def prescription_for(
    step: Step,
    *,
    sets: int | None = None,
    reps_min: int | None = None,
    extra_set_side: Side | None = None,
    note: str = "",
) -> Prescription:
    """The step's default dose, with the sets (and the rep target) the caller decides."""
    dose = step.dose
    one_side = step.laterality is Laterality.ONE_SIDE
    low = dose.reps.min if dose.reps else None
    if reps_min is not None and dose.reps:
        low = max(dose.reps.min, min(reps_min, dose.reps.max))
    return Prescription(
        family_id=step.family,
        step_id=step.id,
        sets=max(1, sets if sets is not None else dose.sets),
        reps_min=low,
        reps_max=dose.reps.max if dose.reps else None,
        hold_seconds=dose.hold_seconds,
        rest_seconds=dose.rest_seconds,
        tempo=dose.tempo,
        one_side=one_side,
        extra_set_side=extra_set_side if one_side else None,
        note=note,
    )


def seconds_per_rep(tempo: str | None) -> int:
    """A tempo ``2-1-2`` lasts 5 s a rep; without a tempo, a brisk 3 s."""
    if tempo is None:
        return SECONDS_PER_REP_WITHOUT_TEMPO
    return sum(int(part) for part in tempo.split("-"))


def total_sets(p: Prescription) -> int:
    """Sets actually done: both sides for one-sided steps, plus the weaker side's extra set."""
    return p.sets * (2 if p.one_side else 1) + (1 if p.extra_set_side else 0)


def estimate_seconds(p: Prescription) -> int:
    """Work at the top of the rep range (so progression fits too) plus rest between sets."""
    work = (
        p.hold_seconds
        if p.hold_seconds is not None
        else (p.reps_max or 0) * seconds_per_rep(p.tempo)
    )
    n = total_sets(p)
    return n * work + max(0, n - 1) * p.rest_seconds


def race_week(day: date, race_date: date | None) -> bool:
    """The 7 days up to and including the race."""
    return race_date is not None and race_date - timedelta(days=6) <= day <= race_date


def week_kind(week: int, day: date, race_date: date | None) -> WeekKind:
    """Race week wins over a deload week: it is the lighter of the two."""
    if race_week(day, race_date):
        return WeekKind.RACE
    return WeekKind.DELOAD if week % DELOAD_EVERY == 0 else WeekKind.BUILD


def scaled_sets(sets: int, kind: WeekKind) -> int:
    """Deload: one set fewer; race week: half, rounded up; never below one."""
    if kind is WeekKind.DELOAD:
        return max(1, sets - 1)
    if kind is WeekKind.RACE:
        return max(1, math.ceil(sets / 2))
    return sets


def scale_for_week(p: Prescription, kind: WeekKind) -> Prescription:
    """The same step at the week's volume; race week also drops the weaker side's extra set."""
    if kind is WeekKind.BUILD:
        return p
    extra = None if kind is WeekKind.RACE else p.extra_set_side
    return replace(p, sets=scaled_sets(p.sets, kind), extra_set_side=extra)


@dataclass(frozen=True)
class SessionFit:
    """Which families go in each weekly slot, and what had to give to fit the time."""

    slots: tuple[tuple[str, ...], ...]
    alternated: bool
    dropped: tuple[str, ...]  # lowest-priority families left out, in the order dropped
    over_seconds: int  # > 0 when even the smallest session is longer than the limit


def _spread(
    strength: list[str], stretch: list[str], n: int, cost: Mapping[str, int]
) -> tuple[tuple[str, ...], ...]:
    """Each strength family in 2 of the n slots, keeping the longest session shortest."""
    pairs = list(combinations(range(n), 2))
    best: tuple[int, tuple[tuple[int, int], ...]] | None = None
    for choice in product(pairs, repeat=len(strength)):
        load = [sum(cost[s] for s in stretch)] * n
        for fam, pair in zip(strength, choice, strict=True):
            for slot in pair:
                load[slot] += cost[fam]
        if best is None or max(load) < best[0]:
            best = (max(load), choice)
    assert best is not None
    slots = [
        tuple(f for f, pair in zip(strength, best[1], strict=True) if i in pair) + tuple(stretch)
        for i in range(n)
    ]
    return tuple(slots)


def fit_sessions(
    cost: Mapping[str, int],
    strength: Sequence[str],
    stretch: Sequence[str],
    n_slots: int,
    limit_seconds: int,
) -> SessionFit:
    """All families in every session if they fit; else alternate (3+ sessions); else drop.

    ``strength`` is in priority order: the last one is dropped first. Stretches go last
    and are trimmed only when no strength family is left to drop.
    """
    keep, stretches = list(strength), list(stretch)
    dropped: list[str] = []
    while True:
        every = tuple(keep + stretches)
        seconds = sum(cost[f] for f in every)
        if seconds <= limit_seconds or n_slots == 0:
            return SessionFit((every,) * n_slots, False, tuple(dropped), 0)
        if n_slots >= 3 and len(keep) >= 2:
            slots = _spread(keep, stretches, n_slots, cost)
            longest = max(sum(cost[f] for f in s) for s in slots)
            if longest <= limit_seconds:
                return SessionFit(slots, True, tuple(dropped), 0)
        if keep:
            dropped.append(keep.pop())
        elif len(stretches) > 1:
            dropped.append(stretches.pop())
        else:
            return SessionFit((every,) * n_slots, False, tuple(dropped), seconds - limit_seconds)
