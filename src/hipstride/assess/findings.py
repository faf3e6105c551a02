"""Combining the scored self-tests into the planner's ``Findings``."""

from __future__ import annotations

from hipstride.assess.bridge import BridgeResult
from hipstride.assess.squat import TestResult
from hipstride.plan.models import Findings


def combine_findings(squat: TestResult | None, bridge: BridgeResult | None) -> Findings:
    """Either test may be missing (not yet taken); the planner then uses the base steps."""
    return Findings(
        squat_score=squat.score if squat else None,
        squat_outcomes=frozenset(squat.outcomes) if squat else frozenset(),
        bridge_score=bridge.score if bridge else None,
        bridge_outcomes=frozenset(bridge.outcomes) if bridge else frozenset(),
        bridge_hold_seconds=dict(bridge.hold_seconds) if bridge else {},
        weaker_side=bridge.weaker_side if bridge else None,
    )
