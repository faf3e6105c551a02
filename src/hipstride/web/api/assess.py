"""The pain screen, the two self-tests and a clinician's clearance, as in ``hipstride assess``.

A red flag in the screen, or pain in a test, answers with the referral and ``stop``; no plan
is made until a clinician clears the runner (POST /clearances).
"""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, status
from fastapi.responses import JSONResponse

from hipstride.assess.bridge import BridgeResult
from hipstride.assess.pain import UnknownQuestion
from hipstride.assess.squat import SquatMeasures, TestResult
from hipstride.knowledge.catalog import Catalog
from hipstride.services import assessment
from hipstride.web.api.runner_schemas import (
    BridgeBody,
    ClearanceBody,
    LatestTestsPublic,
    PainQuestionPublic,
    PainScreenAnswers,
    PainScreenOutcome,
    PainScreenPublic,
    SquatBody,
    TestOutcome,
)
from hipstride.web.deps import CatalogDep, CurrentAccount, Now, OwnAthlete, SessionDep
from hipstride.web.problems import problem

router = APIRouter(tags=["self-tests"])
NOT_SCREENED = "Answer the pain screen first (POST /api/v1/assessments/pain-screen)."


def _outcome(catalog: Catalog, result: TestResult | BridgeResult) -> TestOutcome:
    stop = "pain" in result.outcomes
    return TestOutcome(
        test_id=result.test_id,
        score=result.score,
        outcomes=list(result.outcomes),
        lines=list(result.lines),
        stop=stop,
        referral=catalog.pain_screen.referral if stop else None,
    )


@router.get("/pain-screen")
def read_pain_screen(catalog: CatalogDep, viewer: CurrentAccount) -> PainScreenPublic:
    """The questions asked before the tests (shared content)."""
    screen = catalog.pain_screen
    return PainScreenPublic(
        intro=screen.intro,
        questions=[
            PainQuestionPublic.model_validate(q, from_attributes=True) for q in screen.questions
        ],
        referral=screen.referral,
        all_clear=screen.all_clear,
    )


@router.post(
    "/assessments/pain-screen",
    status_code=status.HTTP_201_CREATED,
    response_model=PainScreenOutcome,
)
def answer_pain_screen(
    body: PainScreenAnswers,
    session: SessionDep,
    catalog: CatalogDep,
    athlete_id: OwnAthlete,
    now: Now,
) -> PainScreenOutcome | JSONResponse:
    """Every question answered; a red flag returns the referral and stops the tests."""
    missing = [q.id for q in catalog.pain_screen.questions if q.id not in body.answers]
    if missing:
        return problem(
            422, f"answers: no answer for {', '.join(missing)}", extra={"field": "answers"}
        )
    try:
        result = assessment.record_pain_screen(
            session, catalog=catalog, athlete_id=athlete_id, answers=body.answers, now=now
        )
    except UnknownQuestion as exc:
        return problem(422, f"answers: {exc}", extra={"field": "answers"})
    session.commit()
    return PainScreenOutcome(
        clear_to_train=result.clear_to_train,
        red_flags=list(result.red_flags),
        message=result.message,
        lines=list(result.lines),
    )


@router.post("/assessments/deep-squat", status_code=status.HTTP_201_CREATED)
def take_squat(
    body: SquatBody, session: SessionDep, catalog: CatalogDep, athlete_id: OwnAthlete, now: Now
) -> TestOutcome:
    """The deep squat as observed; scored 0-3 with what it means for the plan."""
    if not assessment.screen_passed(session, athlete_id=athlete_id):
        raise HTTPException(409, NOT_SCREENED)
    result = assessment.record_squat(
        session,
        catalog=catalog,
        athlete_id=athlete_id,
        measures=SquatMeasures(**body.model_dump()),
        now=now,
    )
    session.commit()
    return _outcome(catalog, result)


@router.post("/assessments/single-leg-bridge", status_code=status.HTTP_201_CREATED)
def take_bridge(
    body: BridgeBody, session: SessionDep, catalog: CatalogDep, athlete_id: OwnAthlete, now: Now
) -> TestOutcome:
    """Seconds held on each foot; a hold under 30 s ended with the pelvis dropping."""
    if not assessment.screen_passed(session, athlete_id=athlete_id):
        raise HTTPException(409, NOT_SCREENED)
    left, right = (
        assessment.bridge_side(s.hold_seconds, hamstring_cramp=s.hamstring_cramp, pain=s.pain)
        for s in (body.left, body.right)
    )
    result = assessment.record_bridge(
        session, catalog=catalog, athlete_id=athlete_id, left=left, right=right, now=now
    )
    session.commit()
    return _outcome(catalog, result)


@router.get("/assessments")
def latest_assessments(
    session: SessionDep, catalog: CatalogDep, athlete_id: OwnAthlete
) -> LatestTestsPublic:
    """The latest taking of each test, and whether training is on hold."""
    latest = assessment.latest_tests(session, catalog=catalog, athlete_id=athlete_id)
    try:
        assessment.require_clearance(session, athlete_id=athlete_id)
        on_hold = None
    except assessment.NotCleared as exc:
        on_hold = str(exc)
    return LatestTestsPublic(
        deep_squat=_outcome(catalog, latest.squat) if latest.squat else None,
        single_leg_bridge=_outcome(catalog, latest.bridge) if latest.bridge else None,
        on_hold=on_hold,
    )


@router.post("/clearances", status_code=status.HTTP_204_NO_CONTENT)
def record_clearance(
    body: ClearanceBody, session: SessionDep, athlete_id: OwnAthlete, now: Now
) -> None:
    """A physical therapist or orthopedist cleared you to train (``hipstride clear``)."""
    assessment.record_clearance(
        session, athlete_id=athlete_id, cleared_by=body.cleared_by.strip(), now=now, note=body.note
    )
    session.commit()
