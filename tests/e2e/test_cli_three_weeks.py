"""Three weeks of the loop through the CLI, with chosen pain and effort, and a hard crash."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time

from sqlalchemy import create_engine, text

from tests.e2e.runner_setup import planned_runner
from tests.e2e.test_cli_library import SCRIPT, hipstride


def run(db: str, *args: str) -> subprocess.CompletedProcess[str]:
    result = hipstride(*args, env={"HIPSTRIDE_DATABASE_URL": db})
    assert result.returncode == 0, (args, result.stdout, result.stderr)
    return result


def said(result: subprocess.CompletedProcess[str]) -> str:
    return " ".join(result.stdout.split())


def next_session(db: str, day: str) -> dict[str, str]:
    plan = json.loads(run(db, "plan", "show", "--json").stdout)
    session = next(s for w in plan["weeks"] for s in w["sessions"] if s["day"] == day)
    return {i["family_id"]: f"{i['step_id']} {i['dose']}" for i in session["items"]}


def test_three_weeks_progress_regress_and_back_off_as_the_rules_say(tmp_path):
    db = f"sqlite:///{tmp_path / 'hs.db'}"
    planned_runner(db, minutes=60, sessions=2, weeks=4)
    assert next_session(db, "2026-11-30")["clamshell"] == "clamshell 2 × 10-15 per side"

    # Week 1: the clamshell at the top of its range with 3 in reserve, the bridge hurting
    # (7/10), everything else at the prescribed reps.
    def log(day: str, *exercises: str) -> str:
        args = [a for e in exercises for a in ("--exercise", e)]
        return said(run(db, "log", "--day", day, "--pain", "1", "--rir", "3", *args))

    first = log("2026-11-30", "clamshell=top/1/3", "glute-bridge=top/7/3")
    assert "Clamshell 2×15 at 3 reps in reserve, pain 1 → Clamshell 3×10: one more set" in first
    assert (
        "Bodyweight squat 2×8 at 3 reps in reserve, pain 1 → Bodyweight squat 2×10: more reps"
        in first
    )
    assert "Glute bridge 1×10: pain 7 is above 5; same step, one set fewer" in first
    assert next_session(db, "2026-12-04")["glute-bridge"] == "glute-bridge 1 × 10-15"

    second = log("2026-12-04", "clamshell=top/1/3", "glute-bridge=top/7/3")
    assert "→ Banded clamshell 2×10: next step" in second
    assert "→ Short bridge 1×10: pain 7 is above 5; twice in a row, one step down" in second

    # Week 2: a hard squat day (fewer reps than prescribed, 1 in reserve) holds the squat.
    run(db, "checkin", "--day", "2026-12-05", "--pain", "1")
    third = log("2026-12-07", "squat=10/2/1")
    assert "Bodyweight squat 2×10 at 1 reps in reserve, pain 2 → Bodyweight squat 2×12" in third
    assert next_session(db, "2026-12-11")["squat"] == "bodyweight-squat 2 × 12-15"
    log("2026-12-11")

    # Week 3: pain that has not settled by the next morning cuts volume on the same step.
    log("2026-12-14")
    before = next_session(db, "2026-12-18")["clamshell"]
    morning = said(run(db, "checkin", "--day", "2026-12-15", "--pain", "4"))
    assert (
        "pain had not settled by the next morning (4 after 1); same step, one set fewer" in morning
    )
    after = next_session(db, "2026-12-18")["clamshell"]
    assert after.split()[0] == before.split()[0] and int(after.split()[1]) < int(before.split()[1])
    run(db, "log", "--day", "2026-12-18", "--pain", "0", "--rir", "3")

    # Deload week 4: the step kept, one set (the least there is).
    deload = next_session(db, "2026-12-21")
    assert deload["glute-bridge"].startswith("short-bridge 1 ×")
    assert deload["clamshell"].startswith("banded-clamshell 1 ×")

    chart = tmp_path / "progress.png"
    summary = json.loads(
        run(db, "progress", "--as-of", "2026-12-20", "--json", "--plot", str(chart)).stdout.split(
            "Charts"
        )[0]
    )
    assert summary["adherence"] == 1.0
    assert sum(w["done"] for w in summary["weeks"]) == 6
    assert chart.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and chart.stat().st_size > 20_000
    reached = {s["family_id"]: (s["step_id"], s["level"]) for s in summary["steps"]}
    assert reached["clamshell"] == ("banded-clamshell", 3)
    assert reached["glute-bridge"] == ("short-bridge", 1)

    # Everything exported restores into an empty database as the same data.
    exported = tmp_path / "me.json"
    run(db, "export", "--out", str(exported))
    restored = f"sqlite:///{tmp_path / 'restored.db'}"
    run(restored, "import-data", str(exported))
    again = json.loads(run(restored, "export").stdout)
    first = json.loads(exported.read_text())
    assert len(first["session_logs"]) == 6 and first["checkins"]
    assert {k: v for k, v in again.items() if k != "exported_at"} == {
        k: v for k, v in first.items() if k != "exported_at"
    }
    assert next_session(restored, "2026-12-21") == deload


def _count_sets(db: str) -> int:
    with create_engine(db).connect() as conn:
        return conn.execute(text("select count(*) from set_logs")).scalar_one()


def test_killing_train_mid_session_loses_no_set_entered(tmp_path):
    db = f"sqlite:///{tmp_path / 'hs.db'}"
    planned_runner(db, minutes=60, sessions=2)
    env = {**os.environ, "HIPSTRIDE_DATABASE_URL": db, "COLUMNS": "100"}
    proc = subprocess.Popen(
        [str(SCRIPT), "train", "--day", "2026-11-30", "--no-timers"],
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        text=True,
        env=env,
    )
    assert proc.stdin is not None
    for reps in (15, 14, 13, 12):  # four sets: reps, pain, reps in reserve
        proc.stdin.write(f"{reps}\n1\n2\n")
        proc.stdin.flush()
    deadline = time.monotonic() + 30
    while _count_sets(db) < 4 and time.monotonic() < deadline:
        time.sleep(0.1)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=10)
    assert proc.returncode == -signal.SIGKILL
    with create_engine(db).connect() as conn:
        reps = [r for (r,) in conn.execute(text("select reps from set_logs order by logged_at"))]
    assert reps == [15, 14, 13, 12]
