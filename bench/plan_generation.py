"""Plan generation for 10,000 synthetic runners, against bare dataclass construction.

Every runner gets a random but seeded profile and self-test findings (scored with the
assess functions, as the app scores a real taking). All inputs are made before any timing.
Each runner's plan is timed on its own; right after it, the baseline builds an equivalent
plan (the same Plan, PlannedSession and Prescription dataclasses with the same values)
directly, so both sides of the ratio see the same moment of a noisy machine.
"""

from __future__ import annotations

import random
import statistics
import time
from dataclasses import fields
from datetime import date, timedelta
from operator import attrgetter
from typing import Any

from hipstride.assess.bridge import BRIDGE_TEST, BridgeSide, score_bridge
from hipstride.assess.findings import combine_findings
from hipstride.assess.squat import SQUAT_TEST, SquatMeasures, score_squat
from hipstride.knowledge.catalog import Catalog, load_catalog
from hipstride.plan.builder import build_plan
from hipstride.plan.models import (
    Experience,
    Findings,
    Plan,
    PlannedSession,
    Prescription,
    Profile,
    WeekKind,
)

ATHLETES = 10_000
WARMUP = 200
SEED = 20_260_302
START = date(2026, 3, 2)  # a Monday
WEEKS = 8

# What a bare plan is made of: session fields, then one field tuple per prescription.
SessionSpec = tuple[date, int, WeekKind, str, tuple[tuple[Any, ...], ...]]
PlanSpec = tuple[date, int, tuple[SessionSpec, ...], tuple[str, ...]]
prescription_values = attrgetter(*(f.name for f in fields(Prescription)))


def _profile(rng: random.Random, kit: list[str]) -> Profile:
    running = rng.sample(range(7), rng.randint(2, 6))
    long_run = rng.choice(running) if rng.random() < 0.85 else None
    others = [d for d in running if d != long_run]
    hard = rng.sample(others, min(len(others), rng.randint(0, 2)))
    roll = rng.random()
    if roll < 0.35:
        race = START + timedelta(days=rng.randrange(WEEKS * 7))  # within the plan
    elif roll < 0.5:
        race = START + timedelta(days=rng.randrange(WEEKS * 7, 26 * 7))  # after it
    else:
        race = None
    return Profile(
        running_days=frozenset(running),
        long_run_day=long_run,
        hard_days=frozenset(hard),
        race_date=race,
        experience=rng.choice(list(Experience)),
        equipment=frozenset(k for k in kit if rng.random() < 0.5),
        minutes_per_session=rng.randint(15, 60),
        sessions_per_week=rng.randint(2, 3),
        allow_consecutive=rng.random() < 0.2,
    )


def _findings(rng: random.Random, catalog: Catalog) -> Findings:
    """Most runners took both tests; a few took one, and about 1 in 50 felt pain."""
    squat = bridge = None
    if rng.random() < 0.95:
        squat = score_squat(
            catalog.self_test(SQUAT_TEST),
            SquatMeasures(
                reached_depth=rng.random() < 0.6,
                heels_lift=rng.random() < 0.3,
                forward_lean=rng.random() < 0.3,
                falls_back=rng.random() < 0.1,
                pain=rng.randint(1, 6) if rng.random() < 0.01 else 0,
            ),
        )
    if rng.random() < 0.95:
        sides = []
        for _ in range(2):
            sides.append(
                BridgeSide(
                    hold_seconds=round(rng.uniform(3, 60), 1),
                    pelvic_drop=rng.random() < 0.8,
                    hamstring_cramp=rng.random() < 0.1,
                    pain=rng.randint(1, 6) if rng.random() < 0.01 else 0,
                )
            )
        bridge = score_bridge(catalog.self_test(BRIDGE_TEST), sides[0], sides[1])
    return combine_findings(squat, bridge)


def synthetic_runners(catalog: Catalog, n: int, seed: int) -> list[tuple[Profile, Findings]]:
    rng = random.Random(seed)
    kit = sorted(catalog.equipment)
    return [(_profile(rng, kit), _findings(rng, catalog)) for _ in range(n)]


def spec_of(plan: Plan) -> PlanSpec:
    """The plan's values, to rebuild it field by field (not timed)."""
    sessions = tuple(
        (s.day, s.week, s.week_kind, s.note, tuple(prescription_values(p) for p in s.items))
        for s in plan.sessions
    )
    return plan.start, plan.weeks, sessions, plan.explanations


def bare_plan(spec: PlanSpec) -> Plan:
    """The bare dataclass construction of an equivalent plan: no decisions, only objects."""
    start, weeks, sessions, explanations = spec
    return Plan(
        start,
        weeks,
        tuple(
            PlannedSession(day, week, kind, tuple(Prescription(*p) for p in items), note)
            for day, week, kind, note, items in sessions
        ),
        explanations,
    )


def main() -> None:
    catalog = load_catalog()
    runners = synthetic_runners(catalog, ATHLETES, SEED)
    for profile, findings in synthetic_runners(catalog, WARMUP, SEED + 1):
        bare_plan(spec_of(build_plan(catalog, profile, findings, START, WEEKS)))

    clock = time.perf_counter
    planner: list[float] = []
    bare: list[float] = []
    sessions = items = 0
    for profile, findings in runners:
        t0 = clock()
        plan = build_plan(catalog, profile, findings, START, WEEKS)
        t1 = clock()
        spec = spec_of(plan)
        t2 = clock()
        bare_plan(spec)
        t3 = clock()
        planner.append(t1 - t0)
        bare.append(t3 - t2)
        sessions += len(plan.sessions)
        items += sum(len(s.items) for s in plan.sessions)

    per_plan = statistics.median(planner)
    per_bare = statistics.median(bare)
    print(
        f"Plan generation ({ATHLETES:,} synthetic runners, seed {SEED}, {WEEKS} weeks; "
        f"{sessions / ATHLETES:.1f} sessions and {items / ATHLETES:.1f} prescriptions a plan)"
    )
    print(
        f"  {'build_plan, per plan':<42} median {per_plan * 1000:8.3f} ms   "
        f"{per_plan / per_bare:6.1f}× bare dataclass construction"
    )
    print(f"  {'bare dataclass construction, per plan':<42} median {per_bare * 1000:8.3f} ms")
    print(
        f"  {'build_plan, all runners':<42} {ATHLETES / sum(planner):10,.0f} plans/s  "
        f"({sum(planner):.2f} s in all)"
    )


if __name__ == "__main__":
    main()
