"""Progression and back-off between sessions: double progression under a pain limit.

The rules (DESIGN §3): reps rise within the range, then a set is added (up to 3), then the
next ladder step at the bottom of its range with 2 sets. Pain follows Silbernagel et al.
2007: above 5/10, pain that has not settled by the next morning, or morning pain rising
week to week means keep the step and cut a set; twice in a row means one step down.
Each rule is its own function so a coach's override can replace the result, not the rules.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from enum import StrEnum

from hipstride.knowledge.models import Step
from hipstride.plan.dose import MAX_SETS, prescription_for, scale_for_week
from hipstride.plan.models import Prescription, WeekKind
from hipstride.training.models import ExerciseOutcome

PAIN_LIMIT = 5  # above this is too much
SAFE_PAIN = 2  # 0-2 safe, 3-5 acceptable
MIN_RESERVE = 2  # reps in reserve needed to progress
STEP_UP_SETS = 2


class PainZone(StrEnum):
    SAFE = "safe"  # 0-2
    ACCEPTABLE = "acceptable"  # 3-5
    TOO_MUCH = "too much"  # above 5


class Action(StrEnum):
    HOLD = "hold"
    MORE_REPS = "more reps"
    MORE_SETS = "more sets"
    STEP_UP = "step up"
    BACK_OFF = "back off"
    STEP_DOWN = "step down"
    OVERRIDE = "override"


@dataclass(frozen=True)
class Decision:
    """The next session's prescription, and the working level to pass in next time.

    ``prescription`` is scaled for the week (deload, race); ``working`` is the unscaled
    level that progression continues from, so a deload week does not lose a set for good.
    """

    prescription: Prescription
    working: Prescription
    action: Action
    explanation: str


def classify_pain(pain: int) -> PainZone:
    if pain <= SAFE_PAIN:
        return PainZone.SAFE
    return PainZone.ACCEPTABLE if pain <= PAIN_LIMIT else PainZone.TOO_MUCH


def during_pain(outcome: ExerciseOutcome) -> int:
    return max((s.pain for s in outcome.sets), default=0)


def morning_rising(trend: Sequence[int]) -> bool:
    """Morning pain strictly rising over the last three values."""
    last = list(trend[-3:])
    return len(last) == 3 and last[0] < last[1] < last[2]


def over_limit(outcome: ExerciseOutcome, trend: Sequence[int] = ()) -> str | None:
    """Why the pain model says back off, or None: during > 5, not settled, or rising."""
    during = during_pain(outcome)
    morning = outcome.next_morning_pain
    if during > PAIN_LIMIT:
        return f"pain {during} is above 5"
    if morning is not None and morning > PAIN_LIMIT:
        return f"next-morning pain {morning} is above 5"
    if morning is not None and morning > max(during, SAFE_PAIN):
        # Morning pain in the safe zone (0-2) counts as settled, whatever the session's was.
        return f"pain had not settled by the next morning ({morning} after {during})"
    if morning_rising(trend):
        return "morning pain is rising week to week"
    return None


def _step_index(ladder: Sequence[Step], step_id: str) -> int:
    for i, step in enumerate(ladder):
        if step.id == step_id:
            return i
    raise ValueError(f"step {step_id!r} is not on the ladder given")


def _work(p: Prescription) -> str:
    if p.hold_seconds is not None:
        return f"{p.sets}×{p.hold_seconds} s"
    return f"{p.sets}×{p.reps_min}"


def _done(outcome: ExerciseOutcome, name: str) -> str:
    """E.g. ``Glute bridge 3×12 at 3 reps in reserve, pain 1``."""
    sets = outcome.sets
    p = outcome.prescription
    if p.hold_seconds is not None:
        work = f"{p.sets}×{min((s.held_seconds or 0) for s in sets) if sets else 0} s"
    else:
        work = f"{p.sets}×{min((s.reps or 0) for s in sets) if sets else 0}"
    reserves = [s.reps_in_reserve for s in sets if s.reps_in_reserve is not None]
    rir = f" at {min(reserves)} reps in reserve" if reserves else ""
    return f"{name} {work}{rir}, pain {during_pain(outcome)}"


def _complete(outcome: ExerciseOutcome) -> bool:
    p = outcome.prescription
    return len(outcome.sets) >= p.sets * (2 if p.one_side else 1)


def _at_top(outcome: ExerciseOutcome) -> bool:
    p = outcome.prescription
    if p.hold_seconds is not None:
        return all((s.held_seconds or 0) >= p.hold_seconds for s in outcome.sets)
    return all((s.reps or 0) >= (p.reps_max or 0) for s in outcome.sets)


def _reserve_ok(outcome: ExerciseOutcome) -> bool:
    if outcome.prescription.hold_seconds is not None:
        return all(
            s.reps_in_reserve is None or s.reps_in_reserve >= MIN_RESERVE for s in outcome.sets
        )
    return all((s.reps_in_reserve or 0) >= MIN_RESERVE for s in outcome.sets)


def back_off(
    current: Prescription, ladder: Sequence[Step], repeated: bool
) -> tuple[Prescription, Action]:
    """One set fewer on the same step; repeated, one step down (never below the first)."""
    index = _step_index(ladder, current.step_id)
    if repeated and index > 0:
        lower = ladder[index - 1]
        sets = max(1, current.sets - 1)
        return prescription_for(
            lower, sets=sets, extra_set_side=current.extra_set_side
        ), Action.STEP_DOWN
    return replace(current, sets=max(1, current.sets - 1)), Action.BACK_OFF


def progress(
    current: Prescription, outcome: ExerciseOutcome, ladder: Sequence[Step]
) -> tuple[Prescription, Action, str]:
    """Double progression for a pain-free, complete session at the current dose."""
    if not _complete(outcome):
        return current, Action.HOLD, "not every set was logged, same again"
    if _at_top(outcome):
        if not _reserve_ok(outcome):
            unanswered = any(x.reps_in_reserve is None for x in outcome.sets)
            why = "reps in reserve not answered" if unanswered else "top of the range but hard"
            return current, Action.HOLD, f"{why}, same again"
        if current.sets < MAX_SETS:
            return replace(current, sets=current.sets + 1), Action.MORE_SETS, "one more set"
        index = _step_index(ladder, current.step_id)
        if index + 1 >= len(ladder):
            return current, Action.HOLD, "top of the ladder, keep it up"
        nxt = prescription_for(
            ladder[index + 1], sets=STEP_UP_SETS, extra_set_side=current.extra_set_side
        )
        return nxt, Action.STEP_UP, "next step"
    p = outcome.prescription
    if p.hold_seconds is None and current.reps_min is not None and current.reps_max is not None:
        target = p.reps_min or 0
        if all((s.reps or 0) >= target for s in outcome.sets):
            easy = all((s.reps_in_reserve or 0) >= MIN_RESERVE for s in outcome.sets)
            reps = min(current.reps_max, current.reps_min + (2 if easy else 1))
            if reps > current.reps_min:
                return replace(current, reps_min=reps), Action.MORE_REPS, "more reps"
    return current, Action.HOLD, "same again"


def _sets(n: int) -> str:
    return f"{n} set" if n == 1 else f"{n} sets"


def _names(ladder: Sequence[Step]) -> dict[str, str]:
    return {s.id: s.name for s in ladder}


def next_prescription(
    current: Prescription,
    outcomes: Sequence[ExerciseOutcome],
    ladder: Sequence[Step],
    *,
    week_kind: WeekKind,
    morning_pain_trend: Sequence[int] = (),
) -> Decision:
    """The next session's prescription from the latest outcomes (oldest first).

    ``current`` is the working level (``Decision.working`` from last time); ``week_kind``
    is the kind of the week the next session falls in.
    """
    names = _names(ladder)
    name = names.get(current.step_id, current.step_id)
    history = sorted(outcomes, key=lambda o: o.day)
    if not history:
        working, action, why = current, Action.HOLD, f"{name}: no log yet, same again"
    else:
        latest = history[-1]
        done = _done(latest, names.get(latest.prescription.step_id, latest.prescription.step_id))
        reason = over_limit(latest, morning_pain_trend)
        if reason is not None:
            previous = history[-2] if len(history) > 1 else None
            repeated = (
                previous is not None and over_limit(previous, morning_pain_trend[:-1]) is not None
            )
            working, action = back_off(current, ladder, repeated)
            what = (
                "twice in a row, one step down"
                if action is Action.STEP_DOWN
                else "same step, one set fewer"
            )
            new_name = names.get(working.step_id, working.step_id)
            why = f"{done} → {new_name} {_work(working)}: {reason}; {what}"
        elif week_kind is not WeekKind.BUILD:
            working, action = current, Action.HOLD
            why = f"{done} → {name} {_work(current)}: no progression in a {week_kind.value} week"
        elif latest.prescription.step_id != current.step_id:
            working, action = current, Action.HOLD
            why = f"{done} → {name} {_work(current)}: the log is for another step, same again"
        elif latest.prescription.sets < current.sets:
            working, action = current, Action.HOLD
            why = (
                f"{done} → {name} {_work(current)}: back to your usual volume after a lighter week"
            )
        else:
            working, action, rule = progress(current, latest, ladder)
            new_name = names.get(working.step_id, working.step_id)
            why = f"{done} → {new_name} {_work(working)}: {rule}"
    prescription = scale_for_week(working, week_kind)
    if week_kind is WeekKind.DELOAD:
        why += f" (deload week: {_sets(prescription.sets)})"
    elif week_kind is WeekKind.RACE:
        why += f" (race week: {_sets(prescription.sets)})"
    return Decision(replace(prescription, note=why), replace(working, note=why), action, why)


def apply_override(
    current: Prescription, override: Prescription, *, by: str, reason: str
) -> Decision:
    """A coach's or physio's prescription replaces the rules' result, with who and why."""
    why = f"Set by {by}: {reason}" if reason else f"Set by {by}"
    chosen = replace(override, note=why)
    return Decision(chosen, chosen, Action.OVERRIDE, why)
