"""Imported runs through the CLI: ``hipstride load`` and a plan fitted to the real week.

The runs are GPX files written here (six weeks of Tue easy, Thu fast, Sat long), imported
with ``hipstride runs import`` as a runner would; the calendar is read back by vobject.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import vobject

from tests.conftest import PINNED_NOW
from tests.e2e.test_cli_library import hipstride

PLAN_START = date(2026, 11, 30)  # a Monday
FIRST_WEEK = PLAN_START - timedelta(weeks=6)
EASY, TEMPO, LONG = (45, 8.0), (40, 8.5), (100, 17.0)  # minutes, km


def run(url: str, *args: str):
    return hipstride(*args, env={"HIPSTRIDE_DATABASE_URL": url})


def gpx(start: datetime, minutes: int, km: float) -> str:
    """A straight run north, a point a minute, at an even pace."""
    step = km / minutes / 111.195  # degrees of latitude a minute
    points = "".join(
        f'<trkpt lat="{46.0 + i * step:.7f}" lon="14.5"><time>'
        f"{(start + timedelta(minutes=i)).strftime('%Y-%m-%dT%H:%M:%SZ')}</time></trkpt>"
        for i in range(minutes + 1)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<gpx version="1.1" creator="test" xmlns="http://www.topografix.com/GPX/1/1">'
        f"<trk><name>run</name><type>running</type><trkseg>{points}</trkseg></trk></gpx>"
    )


def write_runs(folder: Path, first_week: date = FIRST_WEEK) -> None:
    """Six weeks of runs; the last week's long run is much longer (a jump)."""
    folder.mkdir()
    for week in range(6):
        monday = first_week + timedelta(weeks=week)
        long_run = (150, 30.0) if week == 5 else LONG
        for weekday, (minutes, km) in ((1, EASY), (3, TEMPO), (5, long_run)):
            day = monday + timedelta(days=weekday)
            start = datetime(day.year, day.month, day.day, 7, tzinfo=UTC)
            (folder / f"{day.isoformat()}.gpx").write_text(gpx(start, minutes, km))


def open_runner(url: str) -> None:
    """A runner whose profile leaves the week open, tested and cleared to plan."""
    for args in (
        ["profile", "--running-days", "none", "--long-run", "none", "--hard-days", "none",
         "--experience", "new", "--equipment", "mat,chair,mini-band-light",
         "--minutes", "30", "--sessions", "3"],
        ["assess", "--no-pain", "--depth", "--left-hold", "35", "--right-hold", "34"],
    ):  # fmt: skip
        result = run(url, *args)
        assert result.returncode == 0, (args, result.stderr)


def session_days(url: str) -> list[date]:
    plan = json.loads(run(url, "plan", "show", "--json").stdout)
    return [date.fromisoformat(s["day"]) for w in plan["weeks"] for s in w["sessions"]]


def calendar_events(url: str, path: Path) -> dict[str, date]:
    assert run(url, "calendar", "--out", str(path)).returncode == 0
    calendar = vobject.readOne(path.read_text(encoding="utf-8"))
    return {e.uid.value: e.dtstart.value.date() for e in calendar.vevent_list}


def test_load_shows_weekly_volume_and_flags_the_jump_with_its_paper(tmp_path):
    url = f"sqlite:///{tmp_path / 'hs.db'}"
    open_runner(url)
    write_runs(tmp_path / "runs")
    imported = run(url, "runs", "import", str(tmp_path / "runs"))
    assert imported.returncode == 0, imported.stderr
    result = run(url, "load", "--as-of", "2026-11-29", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["units"] == "km"
    weeks = data["weeks"]
    assert [w["runs"] for w in weeks] == [3] * 6
    assert abs(weeks[0]["distance"] - 33.5) < 0.3
    assert abs(weeks[-1]["distance"] - 46.5) < 0.5
    assert weeks[0]["ratio"] is None and weeks[-1]["ratio"] is not None
    assert {(w["strength_done"], w["strength_planned"]) for w in weeks} == {(0, 0)}  # no plan
    (jump,) = [f for f in data["flags"] if f["kind"] == "jump"]
    assert jump["week_start"] == (PLAN_START - timedelta(weeks=1)).isoformat()
    assert jump["references"] == ["nielsen-2014"]
    table = run(url, "load", "--as-of", "2026-11-29", "--weeks", "3")
    text = " ".join(table.stdout.split())
    assert "Running load (km)" in text and "Worth a look" in text and "nielsen-2014" in text


def test_a_new_plan_fits_the_week_the_runs_show(tmp_path):
    url = f"sqlite:///{tmp_path / 'hs.db'}"
    open_runner(url)
    write_runs(tmp_path / "runs")
    assert run(url, "runs", "import", str(tmp_path / "runs")).returncode == 0
    built = run(url, "plan", "--start", PLAN_START.isoformat(), "--weeks", "2")
    assert built.returncode == 0, built.stderr
    text = " ".join(built.stdout.split())
    assert "Your long run is on Sat" in text and "Hard sessions on Thu" in text
    assert "takes the running days, long-run day, hard-session days from your runs" in text
    # Thu hard and Sat long block Wed to Sat; Sun-Mon and Mon-Tue would be two in a row.
    assert {d.weekday() for d in session_days(url)} == {1, 6}


def test_an_import_refits_the_coming_sessions_and_plan_fit_follows_the_profile(tmp_path):
    """Relative to the CLI's day (``HIPSTRIDE_NOW``): the import's re-plan reads its clock."""
    url = f"sqlite:///{tmp_path / 'hs.db'}"
    open_runner(url)
    today = datetime.fromisoformat(PINNED_NOW).date()
    this_monday = today - timedelta(days=today.weekday())
    start = this_monday + timedelta(weeks=1)
    assert run(url, "plan", "--start", start.isoformat(), "--weeks", "2").returncode == 0
    assert {d.weekday() for d in session_days(url)} == {0, 2, 4}  # nothing known: Mon Wed Fri
    before = calendar_events(url, tmp_path / "before.ics")

    write_runs(tmp_path / "runs", first_week=this_monday - timedelta(weeks=6))
    imported = run(url, "runs", "import", str(tmp_path / "runs"))
    assert imported.returncode == 0, imported.stderr
    text = " ".join(imported.stdout.split())
    assert "Your plan now fits the week your runs show" in text
    assert "Strength days now Tue, Sun (were Mon, Wed, Fri)" in text
    assert "Fri is now the day before your long run" in text
    after = calendar_events(url, tmp_path / "after.ics")
    assert set(after) < set(before)  # the same events; one a week dropped for lack of room
    assert {d.weekday() for d in after.values()} == {1, 6}
    assert all(before[uid] != day for uid, day in after.items())

    again = run(url, "plan", "fit", "--json")
    assert json.loads(again.stdout) == {"moved": False, "lines": []}
    # The runner now states a Sunday long run: the profile wins, and Sat is free again.
    assert run(url, "profile", "--long-run", "sun").returncode == 0
    fitted = run(url, "plan", "fit")
    assert fitted.returncode == 0, fitted.stderr
    assert "Strength days now" in fitted.stdout
    moved = calendar_events(url, tmp_path / "moved.ics")
    assert set(moved) == set(after) and 6 not in {d.weekday() for d in moved.values()}
