"""``hipstride runs import`` and ``hipstride runs`` as a runner uses them: a subprocess."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from tests.e2e.test_cli_library import hipstride
from tests.integration.runs_files import runs_folder


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return {"HIPSTRIDE_DATABASE_URL": f"sqlite:///{tmp_path / 'cli.db'}"}


def test_importing_the_shared_folder_reports_and_exits_non_zero_for_the_bad_files(
    env: dict[str, str],
) -> None:
    result = hipstride("runs", "import", str(runs_folder()), env=env)
    assert result.returncode == 1, result.stderr
    assert "15 imported, 3 duplicate, 2 skipped." in result.stdout
    assert "truncated file" in result.stdout and "no track" in result.stdout
    assert "same activity as" in result.stdout  # the FIT/TCX twin
    assert "Traceback" not in result.stdout + result.stderr

    listed = json.loads(hipstride("runs", "--json", "--limit", "100", env=env).stdout)
    assert len(listed) == 15
    treadmill = next(r for r in listed if r["source"].endswith("elevate__treadmill.fit"))
    assert (treadmill["distance"], treadmill["elapsed"], treadmill["indoor"]) == (
        10.63,
        "1:02:44",
        True,
    )
    rides = [r for r in listed if r["sport"] == "ride"]
    assert len(rides) == 3 and not any(r["counts_for_load"] for r in rides)

    again = hipstride("runs", "import", str(runs_folder()), env=env)
    assert "0 imported, 18 duplicate, 2 skipped." in again.stdout


def test_a_clean_batch_exits_zero_and_lists_in_miles(env: dict[str, str]) -> None:
    path = runs_folder() / "tcxparser__test.tcx"
    result = hipstride("runs", "import", str(path), env=env)
    assert result.returncode == 0, result.stderr
    assert "1 imported, 0 duplicate, 0 skipped." in result.stdout
    (run,) = json.loads(hipstride("runs", "--json", "--units", "mi", env=env).stdout)
    assert (run["units"], run["distance"], run["moving"]) == ("mi", 2.91, "33:13")
    table = hipstride("runs", env=env)
    assert table.returncode == 0 and "4.69 km" in table.stdout


def test_a_zip_bomb_is_refused_and_the_rest_imported(env: dict[str, str], tmp_path: Path) -> None:
    bomb = tmp_path / "export.zip"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("activities/huge.fit", b"\0" * (65 * 1024 * 1024))
    good = runs_folder() / "elevate__20170319_run_906581465.gpx"
    result = hipstride("runs", "import", str(bomb), str(good), "--json", env=env)
    assert result.returncode == 1
    outcomes = json.loads(result.stdout)
    assert [o["status"] for o in outcomes] == ["skipped", "imported"]
    assert "over the limit" in outcomes[0]["reason"]


def test_a_ride_can_be_counted_towards_load(env: dict[str, str]) -> None:
    ride = runs_folder() / "goldencheetah__Move_2014_01_16_19_48_44.gpx"
    hipstride("runs", "import", str(ride), env=env)
    (run,) = json.loads(hipstride("runs", "--json", env=env).stdout)
    assert run["counts_for_load"] is False
    included = hipstride("runs", "include", run["id"][:8], env=env)
    assert included.returncode == 0 and "now counts towards running load" in included.stdout
    (run,) = json.loads(hipstride("runs", "--json", env=env).stdout)
    assert run["counts_for_load"] is True
    missing = hipstride("runs", "exclude", "nothing", env=env)
    assert missing.returncode == 1 and "No run with an id" in missing.stderr
