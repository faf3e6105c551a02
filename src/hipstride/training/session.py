"""A guided session as a sequence of set slots, resumable from whatever was already logged.

The session is derived, never stored: the slots come from the prescriptions, and the next
slot is the first one with no logged set. So a crash, Ctrl-C or a closed terminal loses
nothing that was entered, and resuming needs no saved cursor.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from hipstride.plan.models import Prescription, Side

SlotKey = tuple[int, int, Side | None]
"""(prescription position, set number, side): what identifies a set within a session."""


@dataclass(frozen=True)
class SetSlot:
    position: int  # index of the prescription in the session
    prescription: Prescription
    set_number: int  # 1-based, per side
    side: Side | None
    total_sets: int  # sets for this side, the extra set included

    @property
    def key(self) -> SlotKey:
        return (self.position, self.set_number, self.side)

    @property
    def target_reps(self) -> int | None:
        """The working rep count (the bottom of the current range).

        Double progression raises it towards the top of the range; aiming at the top from
        the first session would skip that step and rush up the ladder.
        """
        return self.prescription.reps_min

    @property
    def target_hold_seconds(self) -> int | None:
        return self.prescription.hold_seconds

    @property
    def first_of_exercise(self) -> bool:
        return self.set_number == 1 and self.side in (None, "left")

    @property
    def label(self) -> str:
        side = f", {self.side} side" if self.side else ""
        return f"set {self.set_number} of {self.total_sets}{side}"


def slots(items: Sequence[Prescription]) -> list[SetSlot]:
    """Every set of a session in the order it is done.

    One-sided exercises alternate sides set by set (left, right, left, …); the weaker
    side's extra set comes last.
    """
    out: list[SetSlot] = []
    for position, p in enumerate(items):
        if not p.one_side:
            out += [SetSlot(position, p, n, None, p.sets) for n in range(1, p.sets + 1)]
            continue
        totals: dict[Side, int] = {
            side: p.sets + (1 if p.extra_set_side == side else 0) for side in ("left", "right")
        }
        for n in range(1, p.sets + 1):
            out += [SetSlot(position, p, n, side, totals[side]) for side in ("left", "right")]
        if p.extra_set_side:
            side = p.extra_set_side
            out.append(SetSlot(position, p, p.sets + 1, side, totals[side]))
    return out


def remaining(items: Sequence[Prescription], done: Iterable[SlotKey]) -> list[SetSlot]:
    """The slots still to do, given the keys of the sets already logged."""
    logged = set(done)
    return [s for s in slots(items) if s.key not in logged]


@dataclass(frozen=True)
class Timer:
    """A countdown that can be paused, extended or skipped; time is fed in, never read."""

    duration: float
    elapsed: float = 0.0
    paused: bool = False
    skipped: bool = False

    def tick(self, seconds: float) -> Timer:
        if self.paused or self.done:
            return self
        return Timer(self.duration, min(self.duration, self.elapsed + seconds), self.paused)

    def toggle_pause(self) -> Timer:
        return Timer(self.duration, self.elapsed, not self.paused, self.skipped)

    def extend(self, seconds: float) -> Timer:
        return Timer(self.duration + seconds, self.elapsed, self.paused, self.skipped)

    def skip(self) -> Timer:
        return Timer(self.duration, self.elapsed, self.paused, True)

    @property
    def left(self) -> float:
        return max(0.0, self.duration - self.elapsed)

    @property
    def done(self) -> bool:
        return self.skipped or self.elapsed >= self.duration
