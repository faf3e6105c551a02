"""The content commands, run as a user runs them: a subprocess of the installed script."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import FIXTURES, ROOT
from tests.unit.test_bundled_content import ARTICLE_DOIS, ARTICLE_PMIDS

SCRIPT = Path(sys.executable).parent / "hipstride"


def hipstride(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items() if k != "HIPSTRIDE_CONTENT_DIR"}
    environ.update(env or {}, COLUMNS="100", NO_COLOR="1")
    return subprocess.run(
        [str(SCRIPT), *args], capture_output=True, text=True, env=environ, timeout=60
    )


def test_exercises_json_lists_the_five_families_with_three_steps_or_more():
    result = hipstride("exercises", "--json", "--kind", "strength")
    assert result.returncode == 0, result.stderr
    families = json.loads(result.stdout)
    assert [f["id"] for f in families] == [
        "squat",
        "clamshell",
        "side-step",
        "glute-bridge",
        "quadruped-hip-extension",
    ]
    for family in families:
        assert len(family["steps"]) >= 3
        assert [s["level"] for s in family["steps"]] == list(range(1, len(family["steps"]) + 1))


def test_references_json_holds_every_article_identifier_once():
    refs = json.loads(hipstride("references", "--json").stdout)
    dois = [r["doi"] for r in refs if r["doi"]]
    pmids = [r["pmid"] for r in refs if r["pmid"]]
    for doi in ARTICLE_DOIS:
        assert dois.count(doi) == 1
    for pmid in ARTICLE_PMIDS:
        assert pmids.count(pmid) == 1
    assert [r["number"] for r in refs] == list(range(1, len(refs) + 1))


def test_exercise_shows_the_step_its_ladder_and_its_papers():
    result = hipstride("exercise", "banded-side-step-feet")
    assert result.returncode == 0, result.stderr
    out = " ".join(result.stdout.split())
    assert "step 4 of 4" in out
    assert "Lewis CL, Foley HD, Lee TS, et al." in out
    detail = json.loads(hipstride("exercise", "banded-side-step-feet", "--json").stdout)
    assert detail["easier_step"] == "banded-side-step-ankles" and detail["harder_step"] is None
    assert detail["band_position"] == "feet"


def test_an_unknown_exercise_suggests_the_closest_ids():
    result = hipstride("exercise", "glute-brige")
    assert result.returncode == 1
    assert "No exercise with id 'glute-brige'. Did you mean: glute-bridge" in result.stderr
    assert "hipstride exercises" in result.stderr


def test_self_tests_and_muscles_list_as_json():
    tests = json.loads(hipstride("tests", "--json").stdout)
    assert {t["id"] for t in tests} == {"deep-squat", "single-leg-bridge"}
    squat = json.loads(hipstride("test", "deep-squat", "--json").stdout)
    assert {r["score"] for r in squat["rubric"]} == {0, 1, 2, 3}
    assert "endo-2020" in {r["id"] for r in squat["references"]}
    muscles = json.loads(hipstride("muscles", "--json").stdout)
    medius = next(m for m in muscles if m["id"] == "gluteus-medius")
    assert "clamshell" in medius["primary_in"]
    assert hipstride("test", "deep-squats").stderr.count("deep-squat") >= 2


def test_content_check_exits_non_zero_and_names_the_line():
    folder = FIXTURES / "content" / "no_dose"
    result = hipstride("content", "check", str(folder))
    assert result.returncode == 1
    assert f"{folder}/steps.yaml:2: steps[0].dose: is missing; add it" in result.stderr
    as_json = json.loads(hipstride("content", "check", str(folder), "--json").stdout)
    assert as_json == {
        "ok": False,
        "problems": [
            {
                "file": f"{folder}/steps.yaml",
                "line": 2,
                "field": "steps[0].dose",
                "message": "is missing; add it",
            }
        ],
    }


def test_a_content_folder_from_the_environment_adds_and_overrides():
    example = str(ROOT / "examples" / "content")
    families = json.loads(
        hipstride("exercises", "--json", env={"HIPSTRIDE_CONTENT_DIR": example}).stdout
    )
    clamshell = next(f for f in families if f["id"] == "clamshell")
    assert clamshell["steps"][-1]["id"] == "banded-clamshell-medium"
    override = FIXTURES / "content" / "override"
    result = hipstride("--content", str(override), "content", "check")
    assert result.returncode == 0, result.stderr
    assert "overrides equipment 'mat'" in result.stdout
    equipment = json.loads(hipstride("--content", str(override), "equipment", "--json").stdout)
    assert next(e for e in equipment if e["id"] == "mat")["name"] == "Yoga mat"


def test_broken_content_stops_every_command_with_a_pointer_to_check():
    result = hipstride(
        "exercises", env={"HIPSTRIDE_CONTENT_DIR": str(FIXTURES / "content" / "loop")}
    )
    assert result.returncode == 1
    assert "the ladder loops" in result.stderr and "hipstride content check" in result.stderr


def test_version_help_and_overview():
    assert hipstride("--version").stdout.strip().startswith("hipstride ")
    assert "exercises" in hipstride("--help").stdout
    overview = hipstride()
    assert overview.returncode == 0
    assert "orthopedist" in " ".join(overview.stdout.split())


def test_the_readme_documents_every_command():
    import typer.main

    from hipstride.cli.app import app

    readme = (ROOT / "README.md").read_text()
    group = typer.main.get_group(app)
    for name, command in group.commands.items():
        subcommands = getattr(command, "commands", {})
        for full in [f"hipstride {name} {sub}" for sub in subcommands] or [f"hipstride {name}"]:
            assert full in readme, f"README does not show `{full}`"
