"""Scoring the standing deep squat test on the FMS-style 0-3 scale, with what limited it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from hipstride.knowledge.models import SelfTest

SQUAT_TEST = "deep-squat"


@dataclass(frozen=True)
class SquatMeasures:
    """What the runner (or the camera) saw at the best attempt."""

    reached_depth: bool  # buttocks down to the heels
    heels_lift: bool = False
    forward_lean: bool = False
    falls_back: bool = False
    pain: int = 0  # 0-10 during the test


@dataclass(frozen=True)
class TestResult:
    """A scored self-test: 0-3, the outcome ids, and lines taken from the catalog's texts."""

    test_id: str
    score: int
    outcomes: tuple[str, ...]
    lines: tuple[str, ...]


def outcome_lines(test: SelfTest, score: int, outcome_ids: Iterable[str]) -> tuple[str, ...]:
    """The rubric level, then each outcome's label and meaning, in the content's own words."""
    level = next((r for r in test.rubric if r.score == score), None)
    lines = [f"Score {score}/3: {level.label}." if level else f"Score {score}/3."]
    by_id = {o.id: o for o in test.outcomes}
    lines += [f"{by_id[i].label}: {by_id[i].meaning}" for i in outcome_ids if i in by_id]
    return tuple(lines)


def score_squat(test: SelfTest, measures: SquatMeasures) -> TestResult:
    """3 clean full depth, 2 full depth with compensation, 1 short of depth, 0 any pain."""
    if not 0 <= measures.pain <= 10:
        raise ValueError(f"pain must be 0-10, got {measures.pain}")
    limits = [
        name
        for name, seen in (
            ("heel-lift", measures.heels_lift),
            ("forward-lean", measures.forward_lean),
            ("falls-back", measures.falls_back),
        )
        if seen
    ]
    if measures.pain > 0:
        score = 0
        outcomes = ["pain", *([] if measures.reached_depth else ["depth-limit"]), *limits]
    elif not measures.reached_depth:
        score, outcomes = 1, ["depth-limit", *limits]
    elif limits:
        score, outcomes = 2, limits
    else:
        score, outcomes = 3, ["full-depth"]
    return TestResult(test.id, score, tuple(outcomes), outcome_lines(test, score, outcomes))
