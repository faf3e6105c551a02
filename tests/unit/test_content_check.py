"""`content check` on broken folders: each problem names file, line and field, and the fix."""

from __future__ import annotations

from hipstride.knowledge.catalog import validate_content
from tests.conftest import FIXTURES

CONTENT = FIXTURES / "content"


def problems(name: str) -> list[str]:
    folder = CONTENT / name
    catalog, errors = validate_content(folder)
    assert catalog is None
    return [str(e).replace(str(folder), name) for e in errors]


def test_an_unknown_reference_suggests_the_closest_id():
    assert problems("unknown_reference") == [
        "unknown_reference/wall.yaml:10: families[0].claims[0].references[0]: unknown reference "
        "id 'selkowitz-2031'; did you mean selkowitz-2013?",
        "unknown_reference/wall.yaml:2: families[0].id: has no steps; "
        "add steps with family: wall-sit",
    ]


def test_a_ladder_that_loops_is_named_step_by_step():
    assert problems("loop") == [
        "loop/loop.yaml:2: families[0].id: the ladder loops (low-step-up → high-step-up → "
        "low-step-up); the easiest step must have no easier:",
    ]


def test_a_step_with_no_dose_is_refused():
    assert problems("no_dose") == ["no_dose/steps.yaml:2: steps[0].dose: is missing; add it"]


def test_a_misspelt_field_lists_the_fields_allowed_there():
    assert problems("unknown_field") == [
        "unknown_field/steps.yaml:15: steps[0].dose.tmepo: is not a known field; use one of: "
        "sets, reps, hold_seconds, rest_seconds, tempo",
    ]


def test_broken_yaml_points_at_the_line():
    assert problems("bad_yaml") == [
        "bad_yaml/broken.yaml:4: not valid YAML (mapping values are not allowed in this "
        "context); check indentation and quoting",
    ]


def test_two_steps_above_one_rung_are_a_branch_not_a_ladder():
    assert problems("branch") == [
        "branch/squat.yaml:5: steps[0].easier: both 'bodyweight-squat' and 'goblet-squat' "
        "follow 'box-squat'; a ladder is a single line, so set one of them to follow the other",
    ]


def test_a_users_folder_adds_a_rung_on_top_of_a_ladder():
    from tests.conftest import ROOT

    catalog, errors = validate_content(ROOT / "examples" / "content")
    assert errors == [] and catalog is not None
    assert [s.id for s in catalog.ladders["clamshell"]][-1] == "banded-clamshell-medium"
