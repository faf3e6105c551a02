"""Scoring the single-leg bridge hold per side: endurance, side difference, cramp, pain."""

from __future__ import annotations

from dataclasses import dataclass, field

from hipstride.assess.squat import outcome_lines
from hipstride.knowledge.models import SelfTest
from hipstride.plan.models import Side

BRIDGE_TEST = "single-leg-bridge"
GOOD_SECONDS = 30.0  # hipstride's own cut-offs (the rubric says so), not clinical norms
LOW_SECONDS = 10.0
SIDE_DIFFERENCE = 0.25  # of the better side's time


@dataclass(frozen=True)
class BridgeSide:
    """One side's hold: seconds until the pelvis dropped (or the foot came down)."""

    hold_seconds: float
    pelvic_drop: bool = True
    hamstring_cramp: bool = False
    pain: int = 0  # 0-10


@dataclass(frozen=True)
class BridgeResult:
    test_id: str
    score: int
    outcomes: tuple[str, ...]
    lines: tuple[str, ...]
    hold_seconds: dict[Side, float] = field(default_factory=dict)
    weaker_side: Side | None = None  # set only when the difference reaches 25 %


def weaker_side(left: float, right: float) -> Side | None:
    """The side that held at least 25 % less than the better one, if any."""
    best = max(left, right)
    if best <= 0 or abs(left - right) < SIDE_DIFFERENCE * best:
        return None
    return "left" if left < right else "right"


def score_bridge(test: SelfTest, left: BridgeSide, right: BridgeSide) -> BridgeResult:
    """3 = both sides ≥ 30 s, 2 = the worse side 10-29 s, 1 = under 10 s, 0 = any pain."""
    for side in (left, right):
        if side.hold_seconds < 0 or not 0 <= side.pain <= 10:
            raise ValueError("hold seconds must be ≥ 0 and pain 0-10")
    worst = min(left.hold_seconds, right.hold_seconds)
    outcomes: list[str] = []
    if left.pain > 0 or right.pain > 0:
        score = 0
        outcomes.append("pain")
    else:
        score = 3 if worst >= GOOD_SECONDS else 2 if worst >= LOW_SECONDS else 1
    if score == 3:
        outcomes.append("good-endurance")
    elif worst < GOOD_SECONDS:
        outcomes.append("endurance-deficit")
    weaker = weaker_side(left.hold_seconds, right.hold_seconds)
    if weaker:
        outcomes.append("side-difference")
    if left.hamstring_cramp or right.hamstring_cramp:
        outcomes.append("hamstring-cramp")
    lines = outcome_lines(test, score, outcomes)
    holds: dict[Side, float] = {"left": left.hold_seconds, "right": right.hold_seconds}
    times = f"Held {left.hold_seconds:g} s on the left and {right.hold_seconds:g} s on the right."
    return BridgeResult(
        test.id, score, tuple(outcomes), (lines[0], times, *lines[1:]), holds, weaker
    )
