"""``hipstride calendar``: the .ics file read back by vobject, a parser independent of ours."""

from __future__ import annotations

import json
from datetime import datetime, time, timedelta
from pathlib import Path

import vobject
from sqlalchemy import update

from hipstride.store import tables as db
from hipstride.store.engine import make_engine
from tests.e2e.runner_setup import planned_runner, profile_args
from tests.e2e.test_cli_library import hipstride


def run(url: str, *args: str):
    return hipstride(*args, env={"HIPSTRIDE_DATABASE_URL": url})


def set_zone(url: str, zone: str) -> None:
    """Where the web's settings page will put it; the CLI has no command for it yet."""
    engine = make_engine(url)
    with engine.begin() as connection:
        connection.execute(update(db.Athlete).values(time_zone=zone))
    engine.dispose()


def read_events(path: Path) -> dict[str, vobject.base.Component]:
    calendar = vobject.readOne(path.read_text(encoding="utf-8"))
    return {e.uid.value: e for e in calendar.vevent_list}


def plan_days(url: str) -> list[dict[str, object]]:
    plan = json.loads(run(url, "plan", "show", "--json").stdout)
    return [s for w in plan["weeks"] for s in w["sessions"]]


def test_each_session_is_a_timed_event_in_the_runners_zone_with_a_reminder(tmp_path):
    url = f"sqlite:///{tmp_path / 'hs.db'}"
    planned_runner(url)
    set_zone(url, "America/New_York")
    out = tmp_path / "plan.ics"
    result = run(url, "calendar", "--out", str(out), "--at", "07:30", "--alarm", "45")
    assert result.returncode == 0, result.stderr
    assert "America/New_York" in result.stdout

    events = read_events(out)
    sessions = plan_days(url)
    assert len(events) == len(sessions) == 16  # 2 a week: Thu hard, Sun long run
    by_day = {e.dtstart.value.date(): e for e in events.values()}
    for s in sessions:
        event = by_day[datetime.fromisoformat(str(s["day"])).date()]
        start = event.dtstart.value
        assert isinstance(start, datetime)  # timed, not all-day
        assert start.time() == time(7, 30)
        assert start.tzinfo is not None and start.tzinfo.tzname(start) in {"EST", "EDT"}
        assert event.dtend.value > start
        description = event.description.value
        for item in s["items"]:  # type: ignore[attr-defined]
            assert f"{item['name']}: {item['dose']}" in description
        assert event.valarm.trigger.value == -timedelta(minutes=45)
        assert event.valarm.action.value == "DISPLAY"
    # 07:30 in New York is 12:30 UTC in winter.
    first = min(by_day)
    assert by_day[first].dtstart.value.utctimetuple()[3:5] == (12, 30)


def test_exporting_again_keeps_every_uid(tmp_path):
    url = f"sqlite:///{tmp_path / 'hs.db'}"
    planned_runner(url, weeks=2)
    first, second = tmp_path / "a.ics", tmp_path / "b.ics"
    assert run(url, "calendar", "--out", str(first)).returncode == 0
    assert run(url, "calendar", "--out", str(second), "--at", "06:00").returncode == 0
    assert set(read_events(first)) == set(read_events(second))
    assert all(u.endswith("@hipstride") for u in read_events(first))


def test_bad_input_is_refused_with_the_fix_and_nothing_written(tmp_path):
    url = f"sqlite:///{tmp_path / 'hs.db'}"
    planned_runner(url, weeks=1)
    out = tmp_path / "plan.ics"
    late = run(url, "calendar", "--out", str(out), "--at", "25:00")
    assert late.returncode == 2 and "HH:MM" in late.stderr
    wrong = run(url, "calendar", "--out", str(tmp_path / "plan.txt"))
    assert wrong.returncode == 2 and ".ics" in wrong.stderr
    assert not list(tmp_path.glob("*.ics")) and not list(tmp_path.glob(".plan*"))


def test_without_a_plan_it_says_how_to_make_one(tmp_path):
    url = f"sqlite:///{tmp_path / 'hs.db'}"
    assert run(url, *profile_args()).returncode == 0
    result = run(url, "calendar", "--out", str(tmp_path / "plan.ics"))
    assert result.returncode == 1 and "hipstride plan" in result.stderr
