"""The camera check: a clip (or a landmark file) → an analysis, and saving what it found.

The one place the video pipeline, the motion analysis and the store meet. Slow work takes
a ``progress`` callback so the CLI can draw a bar and a web route can report a job's state.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlalchemy.orm import Session

from hipstride.assess.bridge import BridgeResult, BridgeSide
from hipstride.assess.squat import SQUAT_TEST, SquatMeasures, TestResult
from hipstride.figures.landmarks import LandmarkSequence, from_json
from hipstride.knowledge.catalog import Catalog
from hipstride.motion.analyze import TEST_FAMILY, NotAnalysable, analyze
from hipstride.motion.results import Analysis
from hipstride.services import training
from hipstride.services.assessment import BRIDGE_TEST, record_bridge, record_squat

TESTS = {"deep-squat": SQUAT_TEST, "bridge": BRIDGE_TEST}
"""The CLI's --test names and the self-test each one is."""

Progress = Callable[[int, int], None]


class ClipError(ValueError):
    """A clip or landmark file that cannot be analysed; the message names it and the fix."""


class NotSaved(ValueError):
    """The analysis cannot be stored as asked (the view gave no score, no set to put it on)."""


@dataclass(frozen=True)
class CameraCheck:
    path: Path
    sequence: LandmarkSequence
    analysis: Analysis


def load_sequence(path: Path, *, progress: Progress | None = None) -> LandmarkSequence:
    """Landmarks from a landmark .json file as is, or from a video through the pose model."""
    if path.suffix.lower() == ".json":
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            sequence, _ = from_json(data)
        except FileNotFoundError as e:
            raise ClipError(f"{path}: no such file. Check the path.") from e
        except (ValueError, KeyError, TypeError) as e:
            raise ClipError(
                f"{path}: not a hipstride landmark file ({e}). Give a video, or a landmark "
                "file in the hipstride-landmarks JSON format."
            ) from e
        return sequence
    from hipstride.video import VideoError
    from hipstride.video.pose import read_landmarks

    try:
        return read_landmarks(path, progress=progress)
    except VideoError as e:
        raise ClipError(str(e)) from e


def subject_of(catalog: Catalog, *, test: str | None, step_id: str | None) -> tuple[str, str]:
    """(subject id, family) for a --test name or a step id; ValueError names the choices."""
    if (test is None) == (step_id is None):
        raise ValueError("give either a self-test or an exercise, not both or neither")
    if test is not None:
        if test not in TESTS:
            raise ValueError(f"unknown test {test!r}; one of {', '.join(TESTS)}")
        return TESTS[test], TEST_FAMILY[TESTS[test]]
    assert step_id is not None
    step = catalog.step(step_id)
    return step.id, step.family


def check_clip(
    path: Path,
    *,
    catalog: Catalog,
    test: str | None = None,
    step_id: str | None = None,
    progress: Progress | None = None,
) -> CameraCheck:
    """Read the clip and analyse it as the self-test ``test`` or the step ``step_id``."""
    subject, family = subject_of(catalog, test=test, step_id=step_id)
    sequence = load_sequence(path, progress=progress)
    self_test = catalog.self_test(subject) if test is not None else None
    try:
        analysis = analyze(sequence, family=family, subject=subject, test=self_test)
    except NotAnalysable as e:
        raise ClipError(f"{path}: {e}") from e
    return CameraCheck(path, sequence, analysis)


def save_squat_test(
    session: Session, *, catalog: Catalog, athlete_id: uuid.UUID, analysis: Analysis, now: datetime
) -> TestResult:
    """The deep squat's camera score in the self-test history (pain is the runner's to add)."""
    if analysis.subject != SQUAT_TEST or analysis.score is None:
        raise NotSaved("This clip gave no squat score to save: film the test side-on.")
    outcomes = set(analysis.outcomes)
    measures = SquatMeasures(
        reached_depth="depth-limit" not in outcomes,
        heels_lift="heel-lift" in outcomes,
        forward_lean="forward-lean" in outcomes,
        falls_back="falls-back" in outcomes,
    )
    return record_squat(
        session,
        catalog=catalog,
        athlete_id=athlete_id,
        measures=measures,
        now=now,
        source="camera",
    )


def save_bridge_test(
    session: Session, *, catalog: Catalog, athlete_id: uuid.UUID, analysis: Analysis, now: datetime
) -> BridgeResult:
    """Both sides' holds, one row per side as the self-test form stores them."""
    sides = {h.side: h for h in reversed(analysis.holds)}  # the first hold of each side
    if analysis.subject != BRIDGE_TEST or set(sides) != {"left", "right"}:
        raise NotSaved("This clip does not show a hold on each side: film both sides to save.")
    measured = {
        s: BridgeSide(hold_seconds=h.hold_s, pelvic_drop=bool(h.dropped)) for s, h in sides.items()
    }
    return record_bridge(
        session,
        catalog=catalog,
        athlete_id=athlete_id,
        left=measured["left"],
        right=measured["right"],
        now=now,
        source="camera",
    )


def save_set(
    session: Session,
    *,
    athlete_id: uuid.UUID,
    analysis: Analysis,
    day: date,
    pain: int,
    now: datetime,
) -> str:
    """The counted repetitions (or the longest hold) as the next set of that step today."""
    todo = training.session_for(session, athlete_id=athlete_id, day=day)
    slot = next((s for s in todo.left if s.prescription.step_id == analysis.subject), None)
    if slot is None:
        raise NotSaved(
            f"No set of {analysis.subject} is left in the session of {todo.day:%a %d %b}."
        )
    log_id = training.start(session, athlete_id=athlete_id, todo=todo, now=now, guided=False)
    is_hold = slot.target_hold_seconds is not None
    longest = max((r.stay_s for r in analysis.reps), default=0.0)
    training.log_set(
        session,
        session_log_id=log_id,
        prescription_id=todo.prescription_ids[slot.position],
        slot=slot,
        reps=None if is_hold else analysis.rep_count,
        held_seconds=round(longest) if is_hold else None,
        pain=pain,
        reps_in_reserve=None,
        now=now,
    )
    done = f"{round(longest)} s" if is_hold else f"{analysis.rep_count} reps"
    return f"Set {slot.set_number} of {analysis.subject} logged: {done}, pain {pain}/10."
