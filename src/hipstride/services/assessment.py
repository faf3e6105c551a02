"""The pain screen, the self-tests, clinician clearance, and the findings the planner uses."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from hipstride.assess.bridge import GOOD_SECONDS, BridgeResult, BridgeSide, score_bridge
from hipstride.assess.findings import combine_findings
from hipstride.assess.pain import PainScreenResult, score_pain_screen
from hipstride.assess.squat import SQUAT_TEST, SquatMeasures, TestResult, score_squat
from hipstride.knowledge.catalog import Catalog
from hipstride.plan.models import Findings
from hipstride.store import queries
from hipstride.store import tables as db

BRIDGE_TEST = "single-leg-bridge"


class NotCleared(PermissionError):
    """Training is on hold: a red flag with no clinician's clearance since, or no screen yet."""


def record_pain_screen(
    session: Session,
    *,
    catalog: Catalog,
    athlete_id: uuid.UUID,
    answers: Mapping[str, bool],
    now: datetime,
) -> PainScreenResult:
    result = score_pain_screen(catalog.pain_screen, answers)
    session.add(
        db.PainScreen(
            athlete_id=athlete_id,
            taken_at=now,
            answers=dict(answers),
            red_flags=list(result.red_flags),
        )
    )
    return result


def record_clearance(
    session: Session,
    *,
    athlete_id: uuid.UUID,
    cleared_by: str,
    now: datetime,
    note: str | None = None,
) -> None:
    """A clinician's go-ahead, recorded with their name; it lifts the hold on planning."""
    session.add(
        db.Clearance(
            athlete_id=athlete_id,
            cleared_at=now,
            cleared_by=cleared_by,
            kind="clinician",
            note=note,
        )
    )


def require_clearance(session: Session, *, athlete_id: uuid.UUID) -> bool:
    """Raise ``NotCleared`` unless the latest screen is clean or a clinician cleared since.

    Returns whether a clinician's clearance is what lets the runner train.
    """
    screen = queries.latest_pain_screen(session, athlete_id=athlete_id)
    if screen is None:
        raise NotCleared("Answer the pain screen first: run `hipstride assess`.")
    results = [
        r
        for test in (SQUAT_TEST, BRIDGE_TEST)
        for r in queries.latest_results(session, athlete_id=athlete_id, test_id=test)
    ]
    flagged_at = [screen.taken_at] if screen.red_flags else []
    flagged_at += [r.taken_at for r in results if "pain" in r.outcomes]
    if not flagged_at:
        return False
    clearance = queries.latest_clearance(session, athlete_id=athlete_id)
    if (
        clearance is not None
        and clearance.kind == "clinician"
        and clearance.cleared_at >= max(flagged_at)
    ):
        return True
    raise NotCleared(
        "Training is on hold: you reported pain or an injury. See a physical therapist or an "
        "orthopedist first; once they clear you, record it with `hipstride clear --by NAME`, "
        "or retake `hipstride assess` if the pain has gone."
    )


def screen_passed(session: Session, *, athlete_id: uuid.UUID) -> bool:
    """Whether the self-tests may be taken: the latest pain screen has no red flag, or a
    clinician cleared the runner after it. The tests' own pain is left to ``require_clearance``
    so a runner whose pain has gone can retake them."""
    screen = queries.latest_pain_screen(session, athlete_id=athlete_id)
    if screen is None:
        return False
    if not screen.red_flags:
        return True
    clearance = queries.latest_clearance(session, athlete_id=athlete_id)
    return (
        clearance is not None
        and clearance.kind == "clinician"
        and clearance.cleared_at >= screen.taken_at
    )


def bridge_side(hold_seconds: float, *, hamstring_cramp: bool, pain: int) -> BridgeSide:
    """One side as the runner reports it: a hold under 30 s ended with the pelvis dropping."""
    return BridgeSide(hold_seconds, hold_seconds < GOOD_SECONDS, hamstring_cramp, pain)


def record_squat(
    session: Session,
    *,
    catalog: Catalog,
    athlete_id: uuid.UUID,
    measures: SquatMeasures,
    now: datetime,
    source: str = "self",
) -> TestResult:
    """The deep squat test as the runner (``self``) or the camera (``camera``) scored it."""
    result = score_squat(catalog.self_test(SQUAT_TEST), measures)
    session.add(
        db.SelfTestResult(
            athlete_id=athlete_id,
            taken_at=now,
            test_id=SQUAT_TEST,
            side=None,
            measures=asdict(measures),
            score=result.score,
            outcomes=list(result.outcomes),
            source=source,
        )
    )
    return result


def record_bridge(
    session: Session,
    *,
    catalog: Catalog,
    athlete_id: uuid.UUID,
    left: BridgeSide,
    right: BridgeSide,
    now: datetime,
    source: str = "self",
) -> BridgeResult:
    """One row per side, sharing the taking's time; score and outcomes apply to both."""
    result = score_bridge(catalog.self_test(BRIDGE_TEST), left, right)
    for side, measures in (("left", left), ("right", right)):
        session.add(
            db.SelfTestResult(
                athlete_id=athlete_id,
                taken_at=now,
                test_id=BRIDGE_TEST,
                side=side,
                measures=asdict(measures),
                score=result.score,
                outcomes=list(result.outcomes),
                source=source,
            )
        )
    return result


@dataclass(frozen=True)
class LatestTests:
    """The latest taking of each self-test, re-scored from its stored measures."""

    squat: TestResult | None
    squat_taken: datetime | None
    bridge: BridgeResult | None
    bridge_taken: datetime | None


def latest_tests(session: Session, *, catalog: Catalog, athlete_id: uuid.UUID) -> LatestTests:
    squat_rows = queries.latest_results(session, athlete_id=athlete_id, test_id=SQUAT_TEST)
    squat = (
        score_squat(catalog.self_test(SQUAT_TEST), SquatMeasures(**squat_rows[0].measures))
        if squat_rows
        else None
    )
    rows = queries.latest_results(session, athlete_id=athlete_id, test_id=BRIDGE_TEST)
    sides = {r.side: r for r in rows}
    bridge = None
    if "left" in sides and "right" in sides:
        bridge = score_bridge(
            catalog.self_test(BRIDGE_TEST),
            BridgeSide(**sides["left"].measures),
            BridgeSide(**sides["right"].measures),
        )
    return LatestTests(
        squat,
        squat_rows[0].taken_at if squat_rows else None,
        bridge,
        rows[0].taken_at if bridge and rows else None,
    )


def latest_findings(session: Session, *, catalog: Catalog, athlete_id: uuid.UUID) -> Findings:
    """What the planner needs from the latest taking of each test."""
    latest = latest_tests(session, catalog=catalog, athlete_id=athlete_id)
    return combine_findings(latest.squat, latest.bridge)
