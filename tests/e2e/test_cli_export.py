"""Export and import-data as a runner uses them: the installed script on SQLite files."""

from __future__ import annotations

import csv
import json
import os
import subprocess
from typing import Any

import pytest

from tests.e2e.test_cli_loop import PROFILE, run

TABLES = {
    "athletes.csv": (),
    "profiles.csv": ("profiles",),
    "pain_screens.csv": ("pain_screens",),
    "clearances.csv": ("clearances",),
    "self_test_results.csv": ("self_test_results",),
    "plans.csv": ("plans",),
    "planned_sessions.csv": ("plans", "sessions"),
    "prescriptions.csv": ("plans", "sessions", "prescriptions"),
    "session_logs.csv": ("session_logs",),
    "set_logs.csv": ("session_logs", "sets"),
    "checkins.csv": ("checkins",),
}


def _count(records: list[dict[str, Any]], path: tuple[str, ...]) -> int:
    """How many records sit at ``path`` below ``records`` (e.g. plans → sessions)."""
    if not path:
        return len(records)
    return sum(_count(record[path[0]], path[1:]) for record in records)


def _words(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def runner_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A runner with a profile, a clean screen, both tests, a plan and three logged sets."""
    from tests.e2e import test_cli_library

    db = f"sqlite:///{tmp_path_factory.mktemp('runner') / 'hs.db'}"
    assert run(db, *PROFILE).returncode == 0
    assessed = run(db, "assess", "--no-pain", "--depth", "--left-hold", "35", "--right-hold", "34")
    assert assessed.returncode == 0, assessed.stderr
    assert run(db, "plan", "--start", "2026-11-30").returncode == 0
    env = {**os.environ, "HIPSTRIDE_DATABASE_URL": db, "COLUMNS": "100"}
    argv = [str(test_cli_library.SCRIPT), "train", "--day", "2026-11-30", "--no-timers"]
    # Three sets answered (reps, pain, reps in reserve), then the terminal closes.
    subprocess.run(
        argv, input="12\n1\n3\n11\n2\n2\n10\n1\n\n", capture_output=True, text=True, env=env
    )
    return db


def test_an_export_restores_into_a_new_database_as_the_same_data(runner_db, tmp_path):
    out = tmp_path / "data.json"
    exported = run(runner_db, "export", "--out", str(out))
    assert exported.returncode == 0, exported.stderr
    assert "hipstride import-data" in exported.stdout
    first = json.loads(out.read_text())
    assert first["format"] == "hipstride-export" and first["version"] == 1
    assert first["profiles"] and first["self_test_results"] and first["plans"]
    assert len(first["session_logs"][0]["sets"]) == 3

    second = f"sqlite:///{tmp_path / 'restored.db'}"
    imported = run(second, "import-data", str(out))
    assert imported.returncode == 0, imported.stderr
    assert "Imported runner 'runner'" in imported.stdout
    assert "set logs: 3" in imported.stdout
    restored = run(second, "export")
    assert restored.returncode == 0, restored.stderr
    again = json.loads(restored.stdout)
    assert {**again, "exported_at": None} == {**first, "exported_at": None}

    plan = run(second, "plan", "show", "--json")
    assert plan.returncode == 0 and json.loads(plan.stdout)["weeks"]


def test_csv_export_writes_one_file_per_table_with_every_row(runner_db, tmp_path):
    document = json.loads(run(runner_db, "export").stdout)
    folder = tmp_path / "my-data"
    result = run(runner_db, "export", "--format", "csv", "--out", str(folder))
    assert result.returncode == 0, result.stderr
    assert {p.name for p in folder.iterdir()} == set(TABLES)
    for name, path in TABLES.items():
        with (folder / name).open(newline="", encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
        expected = 1 if not path else _count(document[path[0]], path[1:])
        assert len(rows) == expected, name
    with (folder / "profiles.csv").open(newline="", encoding="utf-8") as handle:
        (profile,) = csv.DictReader(handle)
    assert json.loads(profile["running_days"]) == document["profiles"][0]["running_days"]
    assert profile["id"] == document["profiles"][0]["id"]
    assert profile["athlete_id"] == document["athlete"]["id"]


def test_csv_export_needs_a_folder(runner_db):
    result = run(runner_db, "export", "--format", "csv")
    assert result.returncode == 2
    assert "--out my-data" in result.stderr


def test_import_data_refuses_broken_json_naming_the_line(runner_db, tmp_path):
    text = run(runner_db, "export").stdout.replace('"version": 1,', '"version": 1', 1)
    with pytest.raises(json.JSONDecodeError) as broken:
        json.loads(text)
    path = tmp_path / "broken.json"
    path.write_text(text)
    result = run(f"sqlite:///{tmp_path / 'new.db'}", "import-data", str(path))
    assert result.returncode == 1
    assert f"line {broken.value.lineno}, column {broken.value.colno}" in _words(result.stderr)
    assert "not valid JSON" in _words(result.stderr)


def test_import_data_refuses_a_database_that_holds_a_runner(runner_db, tmp_path):
    path = tmp_path / "data.json"
    assert run(runner_db, "export", "--out", str(path)).returncode == 0
    result = run(runner_db, "import-data", str(path))
    assert result.returncode == 1
    assert "empty database" in _words(result.stderr)
    assert "HIPSTRIDE_DATABASE_URL" in result.stderr


def test_import_data_names_what_is_wrong_in_a_document(runner_db, tmp_path):
    document = json.loads(run(runner_db, "export").stdout)
    document["version"] = 2
    path = tmp_path / "future.json"
    path.write_text(json.dumps(document))
    empty = f"sqlite:///{tmp_path / 'new.db'}"
    result = run(empty, "import-data", str(path))
    assert result.returncode == 1
    assert "$.version: is 2; upgrade hipstride" in _words(result.stderr)
    missing = run(empty, "import-data", str(tmp_path / "nowhere.json"))
    assert missing.returncode == 1 and "no such file" in missing.stderr
    help_text = _words(run(empty, "import-data", "--help").stdout)
    assert "JSON only" in help_text
