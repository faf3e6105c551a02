"""The runner's loop through the CLI as far as it goes: profile, pain screen, tests, plan."""

from __future__ import annotations

import itertools
import json
from datetime import date, timedelta

from tests.e2e.runner_setup import planned_runner, profile_args
from tests.e2e.test_cli_library import hipstride

PROFILE = profile_args()


def run(db: str, *args: str):
    return hipstride(*args, env={"HIPSTRIDE_DATABASE_URL": db})


def test_a_new_runner_gets_a_plan_that_follows_their_results_and_week(tmp_path):
    db = f"sqlite:///{tmp_path / 'hs.db'}"
    assert run(db, *PROFILE).returncode == 0
    assessed = run(
        db,
        "assess",
        "--no-pain",
        "--no-depth",
        "--heels-lift",
        "--left-hold",
        "12",
        "--right-hold",
        "25",
    )
    assert assessed.returncode == 0, assessed.stderr
    assert "Deep squat: 1/3" in assessed.stdout and "Single-leg bridge: 2/3" in assessed.stdout
    built = run(db, "plan", "--start", "2026-11-30", "--weeks", "8")
    assert built.returncode == 0, built.stderr
    text = " ".join(built.stdout.split())
    assert "Squat starts at 'Sit-to-stand squat to a chair'" in text
    assert "extra set on the left" in text
    plan = json.loads(run(db, "plan", "show", "--json").stdout)
    days = [date.fromisoformat(s["day"]) for w in plan["weeks"] for s in w["sessions"]]
    blocked = {2, 3, 5, 6}  # Thu hard and the day before; Sun long run and the day before
    assert days and all(d.weekday() not in blocked for d in days)
    assert all(b - a > timedelta(days=1) for a, b in itertools.pairwise(days))
    first = plan["weeks"][0]["sessions"][0]["items"]
    assert first[-1]["family_id"].endswith("stretch")
    assert [w["kind"] for w in plan["weeks"]][3] == "deload"


def test_a_red_flag_stops_the_plan_until_a_clinician_clears_the_runner(tmp_path):
    db = f"sqlite:///{tmp_path / 'hs.db'}"
    run(db, *PROFILE)
    flagged = run(
        db, "assess", "--yes", "current-pain", "--depth", "--left-hold", "40", "--right-hold", "40"
    )
    assert flagged.returncode == 3
    assert "orthopedist" in " ".join(flagged.stderr.split())
    refused = run(db, "plan")
    assert refused.returncode == 3 and "physical therapist" in " ".join(refused.stderr.split())
    cleared = run(db, "clear", "--by", "Dr Rivera", "--note", "patellar pain settled")
    assert cleared.returncode == 0 and "Dr Rivera" in cleared.stdout
    assert run(db, "plan", "--start", "2026-11-30").returncode == 0
    assert run(db, "plan", "show", "--json").returncode == 0


def test_replanning_keeps_the_old_plan_in_the_history(tmp_path):
    from sqlalchemy import create_engine, text

    db = f"sqlite:///{tmp_path / 'hs.db'}"
    run(db, *PROFILE)
    run(db, "assess", "--no-pain", "--depth", "--left-hold", "35", "--right-hold", "34")
    assert run(db, "plan", "--start", "2026-11-30").returncode == 0
    assert run(db, "plan", "--start", "2026-12-07", "--weeks", "6").returncode == 0
    with create_engine(db).connect() as conn:
        rows = conn.execute(text("select status, weeks from plans order by created_at")).all()
    assert [tuple(r) for r in rows] == [("replaced", 8), ("active", 6)]


def test_bad_options_name_the_field_and_the_fix(tmp_path):
    db = f"sqlite:///{tmp_path / 'hs.db'}"
    bad_day = run(db, "profile", "--running-days", "tue,funday")
    assert bad_day.returncode == 2 and "--running-days: 'funday' is not a weekday" in bad_day.stderr
    nobody = run(db, "plan")
    assert nobody.returncode == 1 and "No runner called 'runner' yet" in nobody.stderr
    assert run(db, *PROFILE).returncode == 0
    no_screen = run(db, "plan")
    assert no_screen.returncode == 3
    assert "Answer the pain screen first: run `hipstride assess`" in no_screen.stderr


def _planned(tmp_path):
    db = f"sqlite:///{tmp_path / 'hs.db'}"
    planned_runner(db)
    first = json.loads(run(db, "plan", "show", "--json").stdout)["weeks"][0]["sessions"][0]
    return db, first


def _sets(db: str) -> list[tuple]:
    from sqlalchemy import create_engine, text

    with create_engine(db).connect() as conn:
        return [
            tuple(r)
            for r in conn.execute(
                text("select step_id, set_number, side, reps, pain from set_logs")
            )
        ]


def test_a_session_interrupted_mid_way_keeps_every_set_and_resumes(tmp_path):
    import os
    import subprocess

    from tests.e2e.test_cli_library import SCRIPT

    db, first = _planned(tmp_path)
    env = {**os.environ, "HIPSTRIDE_DATABASE_URL": db, "COLUMNS": "100"}
    argv = [str(SCRIPT), "train", "--day", first["day"], "--no-timers"]
    # Three sets answered (reps, pain, reps in reserve), then the input ends,
    # as when the terminal is closed.
    answers = "12\n1\n3\n11\n2\n2\n10\n1\n\n"
    cut = subprocess.run(argv, input=answers, capture_output=True, text=True, env=env, timeout=60)
    assert cut.returncode != 0
    saved = _sets(db)
    assert [(s[3], s[4]) for s in saved] == [(12, 1), (11, 2), (10, 1)]
    resumed = subprocess.run(
        argv, input="\n" * 400, capture_output=True, text=True, env=env, timeout=60
    )
    assert resumed.returncode == 0, resumed.stderr
    assert "Resuming: 3 set(s) already saved." in resumed.stdout
    assert "Session done and saved." in resumed.stdout
    everything = _sets(db)
    assert everything[:3] == saved
    keys = [(s[0], s[1], s[2]) for s in everything]
    assert len(keys) == len(set(keys)), "no set was logged twice"
    shown = json.loads(run(db, "plan", "show", "--json").stdout)["weeks"][0]["sessions"][0]
    assert shown["done"] is True


def test_assess_guides_a_runner_through_every_question(tmp_path):
    import os
    import subprocess

    from tests.e2e.test_cli_library import SCRIPT

    db = f"sqlite:///{tmp_path / 'hs.db'}"
    env = {**os.environ, "HIPSTRIDE_DATABASE_URL": db, "COLUMNS": "100"}
    screen = "n\n" * 6
    squat = "n\ny\nn\nn\n0\n"  # no depth, heels lifted
    bridge = "\n\n" * 2 + "left\n0\n"  # start and stop the clock on each side, cramp on the left
    guided = subprocess.run(
        [str(SCRIPT), "assess"], input=screen + squat + bridge, capture_output=True,
        text=True, env=env, timeout=60,
    )  # fmt: skip
    assert guided.returncode == 0, guided.stderr
    out = " ".join(guided.stdout.split())
    assert "Deep squat: 1/3" in out and "Heels lifted" in out
    assert "Hamstring cramp" in out and "Single-leg bridge: 1/3" in out
