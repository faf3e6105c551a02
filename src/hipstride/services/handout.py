"""Assembling the printable handout from the runner's plan, tests and the content."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date
from pathlib import Path

from sqlalchemy.orm import Session

from hipstride.exports.handout import (
    Handout,
    HandoutExercise,
    HandoutTest,
    HandoutWeek,
    Paper,
    write_handout,
)
from hipstride.knowledge.catalog import Catalog
from hipstride.plan.models import WEEKDAYS, weekday_names
from hipstride.services.assessment import BRIDGE_TEST, latest_tests
from hipstride.services.convert import prescription_to_core
from hipstride.services.runner import current_profile, local_date
from hipstride.store import queries
from hipstride.store import tables as db

Pictures = Callable[[str], tuple[str, ...]]
"""Step id → print-ready SVG stills (start and end), or none."""

ADAPTS = (
    "After every session the next one follows what you logged: more reps within the range, "
    "then a set more (up to 3), then the next step of the ladder at the bottom of its range, "
    "once every set reaches the top with 2 or more reps left in reserve. Pain above 5/10, "
    "pain that has not settled by the next morning, or morning pain rising week to week keeps "
    "the step and cuts a set; twice in a row, one step down. Every fourth week is lighter; "
    "race week is half the volume."
)


class NoPlan(LookupError):
    """There is nothing to print yet."""


def _profile_lines(session: Session, athlete_id: uuid.UUID) -> tuple[str, ...]:
    p = current_profile(session, athlete_id=athlete_id)

    lines = [
        f"You run on {weekday_names(p.running_days)}"
        + (f"; long run on {WEEKDAYS[p.long_run_day]}" if p.long_run_day is not None else "")
        + (f"; hard sessions on {weekday_names(p.hard_days)}." if p.hard_days else "."),
        f"{p.sessions_per_week} strength sessions a week of about {p.minutes_per_session} minutes,"
        " on easy or rest days, never the day before a long run, race or hard session.",
    ]
    if p.race_date:
        lines.append(f"Race on {p.race_date:%a %d %b %Y}: race week is half the volume.")
    return tuple(lines)


def _current(plan: db.Plan, today: date) -> db.PlannedSession:
    upcoming = [s for s in plan.sessions if s.day >= today]
    return upcoming[0] if upcoming else plan.sessions[-1]


def build_handout(
    session: Session,
    *,
    catalog: Catalog,
    athlete_id: uuid.UUID,
    runner: str,
    today: date,
    pictures: Pictures,
) -> Handout:
    """The plan as it stands today: the next session's exercises at their current dose."""
    plan = queries.active_plan(session, athlete_id=athlete_id)
    if plan is None or not plan.sessions:
        raise NoPlan("No plan to print yet. Run `hipstride plan` first.")
    numbers = catalog.citation_numbers()
    cited: set[str] = set()
    exercises = []
    for row in _current(plan, today).prescriptions:
        rx = prescription_to_core(row)
        step = catalog.steps.get(rx.step_id)
        if step is None:
            continue
        cited |= set(step.references)
        exercises.append(
            HandoutExercise(
                name=step.name,
                family=catalog.families[step.family].name,
                dose=rx.dose + f", rest {rx.rest_seconds} s",
                note=rx.note,
                setup=step.setup,
                steps=tuple(step.steps),
                cues=tuple(step.cues),
                safety=tuple(step.safety),
                citations=tuple(sorted(numbers[r] for r in step.references)),
                pictures=pictures(step.id),
            )
        )
    latest = latest_tests(session, catalog=catalog, athlete_id=athlete_id)
    tests = []
    for test_id, result, taken in (
        ("deep-squat", latest.squat, latest.squat_taken),
        (BRIDGE_TEST, latest.bridge, latest.bridge_taken),
    ):
        test = catalog.self_test(test_id)
        cited |= {r for c in test.claims for r in c.references}
        tests.append(
            HandoutTest(
                test.name,
                local_date(session, athlete_id=athlete_id, moment=taken) if taken else None,
                result.score if result else None,
                tuple(result.lines) if result else (),
            )
        )
    cited |= {r for c in catalog.pain_screen.claims for r in c.references}
    weeks: dict[int, HandoutWeek] = {}
    for s in plan.sessions:
        week = weeks.get(s.week, HandoutWeek(s.week, s.week_kind, ()))
        weeks[s.week] = HandoutWeek(week.week, week.kind, (*week.days, s.day))
    return Handout(
        runner=runner,
        start=plan.start_date,
        weeks_count=plan.weeks,
        made_on=today,
        profile=_profile_lines(session, athlete_id),
        safety=catalog.pain_screen.referral,
        pain_rule=f"{catalog.pain_screen.during_training} {ADAPTS}",
        tests=tuple(tests),
        exercises=tuple(exercises),
        weeks=tuple(weeks[w] for w in sorted(weeks)),
        references=tuple(
            (numbers[r], catalog.references[r].citation)
            for r in sorted(cited, key=numbers.__getitem__)
        ),
    )


def save_handout(handout: Handout, out: Path, *, paper: Paper) -> Path:
    return write_handout(handout, out, paper=paper)
