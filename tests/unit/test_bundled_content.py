"""Invariants of the bundled content: everything the article says is there, and sound."""

from __future__ import annotations

import itertools
import re
import subprocess
import sys

from hipstride.knowledge.catalog import load_catalog, validate_content
from hipstride.knowledge.models import FamilyKind, Laterality, Origin
from tests.conftest import ROOT, shared_path

ARTICLE_DOIS = {
    "10.2519/jospt.2014.5575",
    "10.1097/MD.0000000000016258",
    "10.21037/atm.2019.04.08",
    "10.21474/IJAR01/7845",
    "10.1016/j.pmrj.2011.01.002",
    "10.1589/jpts.32.391",
    "10.2519/jospt.2013.4116",
    "10.3389/fphys.2020.00893",
    "10.1186/s12891-017-1660-8",
    "10.13066/kspm.2019.14.2.9",
    "10.2519/jospt.2015.5888",
    "10.18857/jkpt.2020.32.6.354",
}
ARTICLE_PMIDS = {"26900496", "28900560"}
ADDED = {
    "lewis-2018",
    "silbernagel-2007",
    "acsm-2009",
    "williams-2017",
    "impellizzeri-2021",
    "nielsen-2014",
}

# family -> (muscles the article names for the base exercise, band position of its variation)
ARTICLE_EXERCISES = {
    "squat": ({"gluteus-maximus", "gluteus-medius", "gluteus-minimus"}, None),
    "clamshell": ({"gluteus-medius"}, "above-knees"),
    "side-step": ({"gluteus-medius", "gluteus-minimus"}, "ankles"),
    "glute-bridge": ({"gluteus-maximus", "hamstrings", "low-back-extensors"}, None),
    "quadruped-hip-extension": ({"gluteus-maximus", "gluteus-medius"}, "knee-pinned"),
}

catalog = load_catalog()


def test_the_bundled_content_has_no_problems():
    _, errors = validate_content()
    assert errors == []
    assert catalog.overridden == frozenset()


def test_every_article_paper_is_stored_once_with_its_identifier():
    dois = [r.doi for r in catalog.references.values() if r.doi]
    pmids = [r.pmid for r in catalog.references.values() if r.pmid]
    assert set(dois) >= ARTICLE_DOIS
    assert set(pmids) >= ARTICLE_PMIDS
    assert len(dois) == len(set(dois))
    assert len(pmids) == len(set(pmids))
    numbers = sorted(n for r in catalog.references.values() for n in r.article_numbers)
    assert numbers == list(range(1, 16))


def test_the_duplicated_selkowitz_entry_is_one_paper():
    selkowitz = [r for r in catalog.references.values() if r.doi == "10.2519/jospt.2013.4116"]
    assert len(selkowitz) == 1
    assert selkowitz[0].article_numbers == [8, 15]
    assert selkowitz[0].journal == "J Orthop Sports Phys Ther"


def test_the_broken_title_spacing_is_repaired():
    titles = [r.title for r in catalog.references.values()]
    assert "Hip muscles torque in runners with medial tibial stress syndrome" in titles
    assert not any(re.search(r"\b(i n|media l|synd rome)\b", t) for t in titles)


def test_papers_the_design_relies_on_are_added_and_marked():
    for ref_id in ADDED:
        ref = catalog.references[ref_id]
        assert ref.added and ref.why_added and not ref.article_numbers


def test_five_strength_families_each_have_at_least_three_steps():
    strength = [f.id for f in catalog.strength_families()]
    assert set(strength) == set(ARTICLE_EXERCISES)
    assert all(len(catalog.ladders[f]) >= 3 for f in strength)


def test_each_article_exercise_and_its_variation_is_on_its_ladder():
    for family, (muscles, band) in ARTICLE_EXERCISES.items():
        ladder = catalog.ladders[family]
        origins = [s.origin for s in ladder]
        assert origins.count(Origin.ARTICLE_BASE) == 1, family
        assert origins.count(Origin.ARTICLE_VARIATION) == 1, family
        assert origins[0] is Origin.EASIER, f"{family} has no easier step below the base"
        assert origins.index(Origin.ARTICLE_BASE) < origins.index(Origin.ARTICLE_VARIATION)
        base = ladder[origins.index(Origin.ARTICLE_BASE)]
        named = set(base.primary_muscles) | set(base.secondary_muscles)
        assert muscles <= named, f"{base.id} misses {muscles - named}"
        variation = ladder[origins.index(Origin.ARTICLE_VARIATION)]
        assert variation.band_position == band, variation.id


def test_the_literature_steps_carry_their_papers():
    feet = catalog.step("banded-side-step-feet")
    assert feet.band_position == "feet" and "lewis-2018" in feet.references
    assert catalog.place("banded-side-step-feet").easier.band_position == "ankles"  # type: ignore[union-attr]
    bridge = catalog.step("single-leg-bridge-135")
    assert bridge.laterality is Laterality.ONE_SIDE and "lehecka-2017" in bridge.references
    assert "berry-2015" in {r for s in catalog.ladders["side-step"] for r in s.references}


def test_glute_to_tfl_indices_match_selkowitz():
    expected = {
        "clamshell": 115,
        "banded-side-step": 64,
        "single-leg-bridge": 59,
        "quadruped-hip-extension": 50,
    }
    for step_id, index in expected.items():
        step = catalog.step(step_id)
        assert step.glute_tfl_index == index
        assert "selkowitz-2013" in step.references


def test_every_step_is_complete():
    for step in catalog.steps.values():
        assert step.primary_muscles and step.steps and step.cues and step.faults and step.claims
        assert step.dose.sets >= 1 and (step.dose.reps or step.dose.hold_seconds)
        if step.band_position:
            assert any(catalog.equipment[e].kind == "band" for e in step.equipment)


def test_ladders_are_ordered_lines_linked_by_easier():
    for ladder in catalog.ladders.values():
        assert ladder[0].easier is None
        for lower, upper in itertools.pairwise(ladder):
            assert upper.easier == lower.id
        assert len({s.id for s in ladder}) == len(ladder)


def test_the_article_safety_points_are_on_the_steps_they_concern():
    def safety(step_id: str) -> str:
        return " ".join(catalog.step(step_id).safety).lower()

    for step in catalog.ladders["squat"]:
        assert "toes" in safety(step.id), step.id
    assert "deep" in safety("single-leg-squat")
    for family in ("clamshell", "quadruped-hip-extension"):
        for step in catalog.ladders[family]:
            assert "back" in safety(step.id), step.id


def test_every_plan_can_end_with_hip_flexor_stretches_held_for_time():
    mobility = [f for f in catalog.families.values() if f.kind is FamilyKind.MOBILITY]
    assert any("flexor" in f.id for f in mobility)
    for family in mobility:
        assert all(s.dose.hold_seconds for s in catalog.ladders[family.id])


def test_the_self_tests_score_zero_to_three_with_pain_as_zero():
    for test_id in ("deep-squat", "single-leg-bridge"):
        test = catalog.self_test(test_id)
        scores = {level.score: level.label.lower() for level in test.rubric}
        assert set(scores) == {0, 1, 2, 3}
        assert "pain" in scores[0]
        assert "pain" in {o.id for o in test.outcomes}
    bridge = catalog.self_test("single-leg-bridge")
    per_side = {m.id for m in bridge.measures if m.per_side}
    assert {"hold-seconds", "pelvic-drop", "hamstring-cramp", "pain"} <= per_side


def test_the_pain_screen_refers_to_a_clinician_before_training():
    screen = catalog.pain_screen
    assert any(q.stops_training for q in screen.questions)
    referral = screen.referral.lower()
    assert "physical therapist" in referral and "orthopedist" in referral
    assert "silbernagel-2007" in {r for c in screen.claims for r in c.references}


def test_no_sentence_of_the_article_is_copied():
    tool = shared_path("tools", "seed_overlap.py")
    result = subprocess.run([sys.executable, str(tool), str(ROOT)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout
