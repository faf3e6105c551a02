"""Translating between store rows and core values, in one place."""

from __future__ import annotations

from dataclasses import replace
from typing import cast

from hipstride.plan import models as core
from hipstride.store import tables as db
from hipstride.training.models import SetResult


def profile_to_core(row: db.Profile) -> core.Profile:
    return core.Profile(
        running_days=frozenset(row.running_days),
        long_run_day=row.long_run_day,
        hard_days=frozenset(row.hard_days),
        race_date=row.race_date,
        experience=core.Experience(row.experience),
        equipment=frozenset(row.equipment),
        minutes_per_session=row.minutes_per_session,
        sessions_per_week=row.sessions_per_week,
        allow_consecutive=row.allow_consecutive,
    )


def prescription_to_core(row: db.Prescription) -> core.Prescription:
    note = row.note
    if row.override_note:
        note = f"{row.override_by or 'Coach'}: {row.override_note}"
    return core.Prescription(
        family_id=row.family_id,
        step_id=row.step_id,
        sets=row.sets,
        reps_min=row.reps_min,
        reps_max=row.reps_max,
        hold_seconds=row.hold_seconds,
        rest_seconds=row.rest_seconds,
        tempo=row.tempo,
        one_side=row.one_side,
        extra_set_side=cast(core.Side | None, row.extra_set_side),
        note=note,
    )


def working_to_core(row: db.Prescription) -> core.Prescription:
    """The unscaled level this prescription was derived from (progression continues from it)."""
    p = prescription_to_core(row)
    if row.working_sets is None:
        return p
    return replace(
        p, sets=row.working_sets, extra_set_side=cast(core.Side | None, row.working_extra_set_side)
    )


def prescription_fields(p: core.Prescription, working: core.Prescription) -> dict[str, object]:
    """Column values for a prescription row: this session's dose and its working level."""
    return {
        "working_sets": working.sets,
        "working_extra_set_side": working.extra_set_side,
        "family_id": p.family_id,
        "step_id": p.step_id,
        "sets": p.sets,
        "reps_min": p.reps_min,
        "reps_max": p.reps_max,
        "hold_seconds": p.hold_seconds,
        "rest_seconds": p.rest_seconds,
        "tempo": p.tempo,
        "one_side": p.one_side,
        "extra_set_side": p.extra_set_side,
        "note": p.note,
    }


def set_result_to_core(row: db.SetLog) -> SetResult:
    return SetResult(
        step_id=row.step_id,
        set_number=row.set_number,
        side=cast(core.Side | None, row.side),
        target_reps=row.target_reps,
        target_hold_seconds=row.target_hold_seconds,
        reps=row.reps,
        held_seconds=row.held_seconds,
        pain=row.pain,
        reps_in_reserve=row.reps_in_reserve,
    )
