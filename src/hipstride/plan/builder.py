"""Building a plan from the runner's profile and test findings.

Each decision (start step, equipment, dose, days, time, deload, race) adds one plain line
to ``Plan.explanations`` so the runner can see why the plan looks the way it does.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from hipstride.knowledge.catalog import Catalog
from hipstride.knowledge.models import Family, FamilyKind, Origin, SessionRole, Step
from hipstride.plan.dose import (
    DELOAD_EVERY,
    NOVICE_SETS,
    estimate_seconds,
    fit_sessions,
    prescription_for,
    scale_for_week,
    week_kind,
)
from hipstride.plan.models import Experience, Findings, Plan, PlannedSession, Prescription, Profile
from hipstride.plan.schedule import SHARED_DAY_NOTE, schedule_days

SQUAT, BRIDGE = "squat", "glute-bridge"
CRAMPY, CRAMP_FREE = "single-leg-bridge", "single-leg-bridge-135"
SQUAT_LIMITS = {
    "depth-limit": "your deep squat did not reach full depth",
    "heel-lift": "your heels lifted in the deep squat",
    "forward-lean": "you leaned forward in the deep squat",
    "falls-back": "you tipped backwards at the bottom of the deep squat",
}
ROLE_ORDER = {SessionRole.ACTIVATION: 0, SessionRole.STRENGTH: 1, SessionRole.STRETCH: 2}
LOW_HOLD_SECONDS = 10.0


def usable_ladder(ladder: Sequence[Step], findings: Findings) -> tuple[Step, ...]:
    """With a hamstring cramp, the 135° single-leg bridge replaces the 90° one on the ladder.

    Pass this ladder to ``next_prescription`` too, so progression skips the 90° version.
    """
    ids = {s.id for s in ladder}
    if "hamstring-cramp" in findings.bridge_outcomes and {CRAMPY, CRAMP_FREE} <= ids:
        return tuple(s for s in ladder if s.id != CRAMPY)
    return tuple(ladder)


def owned_ladder(
    catalog: Catalog, ladder: Sequence[Step], owned: frozenset[str], keep: str | None = None
) -> tuple[Step, ...]:
    """The steps the runner's equipment allows (and ``keep``, the step they are on)."""
    return tuple(s for s in ladder if s.id == keep or _owns(catalog, s, owned))


def _owns(catalog: Catalog, step: Step, owned: frozenset[str]) -> bool:
    """Any mini band will do for a step that asks for one (a stiffer band is only harder)."""
    has_band = any(catalog.equipment[o].kind == "band" for o in owned if o in catalog.equipment)
    for need in step.equipment:
        is_band = need in catalog.equipment and catalog.equipment[need].kind == "band"
        if need not in owned and not (is_band and has_band):
            return False
    return True


def _missing(catalog: Catalog, step: Step, owned: frozenset[str]) -> str:
    names = [
        catalog.equipment[e].name.lower() if e in catalog.equipment else e for e in step.equipment
    ]
    lacking = [n for e, n in zip(step.equipment, names, strict=True) if e not in owned]
    return " or ".join(lacking) or "the equipment"


def _findings_choice(
    family: Family, ladder: tuple[Step, ...], profile: Profile, findings: Findings
) -> tuple[int, str]:
    """The ladder index the findings point to, and why (before equipment is checked)."""
    base = next((i for i, s in enumerate(ladder) if s.origin is Origin.ARTICLE_BASE), 0)
    novice = profile.experience is Experience.NEW
    if family.id == SQUAT and findings.squat_score is not None:
        limits = [text for key, text in SQUAT_LIMITS.items() if key in findings.squat_outcomes]
        if limits:
            return max(0, base - 1), " and ".join(limits)
        return base, "your deep squat was full and clean"
    if family.id == BRIDGE and findings.bridge_score is not None:
        holds = findings.bridge_hold_seconds.values()
        worst = min(holds) if holds else None
        if "endurance-deficit" in findings.bridge_outcomes:
            if findings.bridge_score == 1 or (worst is not None and worst < LOW_HOLD_SECONDS):
                return max(
                    0, base - 1
                ), "your pelvis dropped in under 10 seconds in the bridge test"
            return base, "your pelvis dropped before 30 seconds in the bridge test"
        if "good-endurance" in findings.bridge_outcomes:
            if novice:
                return base, (
                    "you held 30 seconds or more, but as you are new to strength work "
                    "every exercise starts at its base step"
                )
            why = "you held 30 seconds or more on each side"
            if "hamstring-cramp" in findings.bridge_outcomes:
                why += ", and the 135° knee keeps the hamstring quiet after your cramp"
            return min(len(ladder) - 1, base + 1), why
    if family.kind is FamilyKind.MOBILITY:
        return base, "stretching closes every session"
    return base, _usual_start(len(ladder), base) + (
        " (you are new to strength work)" if novice else ""
    )


def _usual_start(steps: int, base: int) -> str:
    """Why the usual step, in a runner's words: where it sits on its ladder."""
    easier, harder = base > 0, base < steps - 1
    around = (
        ", with easier steps below it and harder ones above"
        if easier and harder
        else ", with easier steps below it"
        if easier
        else ", with harder steps above it"
        if harder
        else ""
    )
    return "the usual first step" + around


def start_step(
    catalog: Catalog, family: Family, profile: Profile, findings: Findings
) -> tuple[Step | None, str]:
    """The step to start a family at, within the runner's equipment, and the line explaining it."""
    ladder = usable_ladder(catalog.ladders[family.id], findings)
    index, why = _findings_choice(family, ladder, profile, findings)
    wanted = ladder[index]
    owned = [i for i, s in enumerate(ladder) if _owns(catalog, s, profile.equipment)]
    if not owned:
        lacking = _missing(catalog, wanted, profile.equipment)
        return None, f"{family.name} is left out: every step needs {lacking}, which you lack."
    if index in owned:
        if wanted.name == family.name:  # "Clamshell starts at 'Clamshell'" says nothing
            return wanted, f"You start at {wanted.name}: {why}."
        return wanted, f"{family.name} starts at '{wanted.name}': {why}."
    lower = [i for i in owned if i < index]
    chosen = ladder[lower[-1] if lower else owned[0]]
    return chosen, (
        f"{family.name} starts at '{chosen.name}' rather than '{wanted.name}': you have no "
        f"{_missing(catalog, wanted, profile.equipment)}."
    )


def _priority(families: list[Family], findings: Findings) -> list[str]:
    """Families the findings point at come first; the rest keep the catalog's order."""
    urgent: set[str] = set()
    if findings.squat_outcomes & set(SQUAT_LIMITS):
        urgent.add(SQUAT)
    if findings.bridge_outcomes & {"endurance-deficit", "side-difference"}:
        urgent.add(BRIDGE)
    return [f.id for f in sorted(families, key=lambda f: f.id not in urgent)]


def _pain_plan(catalog: Catalog, start: date, weeks: int) -> Plan:
    test = catalog.self_tests.get("deep-squat") or next(iter(catalog.self_tests.values()))
    text = next((o.training for o in test.outcomes if o.id == "pain"), catalog.pain_screen.referral)
    return Plan(start, weeks, (), (f"No plan yet: a self-test hurt. {text}",))


def build_plan(
    catalog: Catalog,
    profile: Profile,
    findings: Findings,
    start: date,
    weeks: int = 8,
    *,
    cleared: bool = False,
) -> Plan:
    """The whole plan: start steps, doses, days, session contents, deload and race weeks.

    A self-test that hurt means no sessions, unless a clinician has ``cleared`` the runner.
    """
    hurt = "pain" in findings.squat_outcomes or "pain" in findings.bridge_outcomes
    if hurt and not cleared:
        return _pain_plan(catalog, start, weeks)
    lines: list[str] = []
    novice = profile.experience is Experience.NEW
    if novice:
        lines.append(
            f"You are new to strength work: every exercise starts at its base step or lower, "
            f"with {NOVICE_SETS} sets."
        )
    items: dict[str, Prescription] = {}
    families = catalog.ordered_families()
    for family in families:
        step, line = start_step(catalog, family, profile, findings)
        lines.append(line)
        if step is None:
            continue
        sets = min(step.dose.sets, NOVICE_SETS) if novice else step.dose.sets
        extra = findings.weaker_side if family.kind is FamilyKind.STRENGTH else None
        items[family.id] = prescription_for(step, sets=sets, extra_set_side=extra, note=line)
    if "hamstring-cramp" in findings.bridge_outcomes and BRIDGE in items:
        lines.append(
            "One-leg bridges use the knee-at-135° version: your hamstring cramped in the test."
        )
    if findings.weaker_side and any(p.extra_set_side for p in items.values()):
        holds = findings.bridge_hold_seconds
        other = "right" if findings.weaker_side == "left" else "left"
        detail = (
            f" ({holds[findings.weaker_side]:g} s against {holds[other]:g} s)"
            if findings.weaker_side in holds and other in holds
            else ""
        )
        lines.append(
            f"One-sided strength exercises get an extra set on the {findings.weaker_side}: "
            f"it held at least 25 % less time in the bridge test{detail}."
        )

    days, day_lines = schedule_days(profile, start, weeks)
    lines += day_lines
    strength = [f for f in families if f.kind is FamilyKind.STRENGTH and f.id in items]
    stretch = [f.id for f in families if f.kind is FamilyKind.MOBILITY and f.id in items]
    # Slots are numbered by the weekly pattern; a race may empty one, never renumber it.
    n_slots = max(d.slot for d in days) + 1 if days else 0
    cost = {fid: estimate_seconds(p) for fid, p in items.items()}
    limit = profile.minutes_per_session * 60
    fit = fit_sessions(cost, _priority(strength, findings), stretch, n_slots, limit)
    lines += _fit_lines(catalog, fit.dropped, fit.alternated, fit.over_seconds, profile, n_slots)
    if stretch and stretch[0] not in fit.dropped:
        kept = [catalog.families[s].name for s in stretch if s not in fit.dropped]
        lines.append(f"Every session ends with stretching: {', '.join(kept)}.")

    order = {f.id: (ROLE_ORDER[f.role], f.order) for f in families}
    sessions = []
    for d in days:
        kind = week_kind(d.week, d.day, profile.race_date)
        chosen = sorted(fit.slots[d.slot], key=order.__getitem__)
        sessions.append(
            PlannedSession(
                day=d.day,
                week=d.week,
                week_kind=kind,
                items=tuple(scale_for_week(items[f], kind) for f in chosen),
                note=SHARED_DAY_NOTE if d.shared_with_run else "",
            )
        )
    lines += _week_lines(profile, start, weeks)
    return Plan(start, weeks, tuple(sessions), tuple(lines))


def _fit_lines(
    catalog: Catalog,
    dropped: Sequence[str],
    alternated: bool,
    over_seconds: int,
    profile: Profile,
    n_slots: int,
) -> list[str]:
    minutes = profile.minutes_per_session
    lines = [
        f"{catalog.families[f].name} is left out: the sessions would not fit in {minutes} minutes."
        for f in dropped
    ]
    if alternated:
        lines.append(
            f"Not every exercise fits in {minutes} minutes, so they alternate: each strength "
            f"exercise is in 2 of your {n_slots} sessions a week."
        )
    if over_seconds > 0:
        lines.append(
            f"Even the shortest session runs about {over_seconds // 60 + 1} minutes over your "
            f"{minutes}; do what you can and stop on time."
        )
    return lines


def _week_lines(profile: Profile, start: date, weeks: int) -> list[str]:
    lines = []
    deloads = [w for w in range(1, weeks + 1) if w % DELOAD_EVERY == 0]
    if deloads:
        listed = " and ".join(str(w) for w in deloads)
        lines.append(
            f"Week{'s' if len(deloads) > 1 else ''} {listed}: deload, one set fewer per "
            "exercise (at least one) so the body can catch up."
        )
    race = profile.race_date
    if race is not None and start <= race < start + timedelta(days=weeks * 7):
        lines.append(
            f"Race week ({(race - timedelta(days=6)).isoformat()} to {race.isoformat()}): "
            "half the sets (rounded up), and nothing in the 2 days before the race."
        )
    return lines
