"""``hipstride user``: create a runner or a coach, reset a password, list users."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

from tests.e2e.test_cli_library import SCRIPT


def _user(db: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    environ = dict(
        os.environ, HIPSTRIDE_DATABASE_URL=f"sqlite:///{db}", COLUMNS="100", NO_COLOR="1"
    )
    return subprocess.run(
        [str(SCRIPT), "user", *args], input=stdin, capture_output=True, text=True, env=environ,
        timeout=60,
    )  # fmt: skip


def test_create_a_coach_and_a_runner_then_reset_a_password(tmp_path: Path) -> None:
    db = tmp_path / "users.db"
    made = _user(db, "create", "Coach@Example.org", "--role", "coach", "--password-stdin",
                 stdin="a long password\n")  # fmt: skip
    assert made.returncode == 0, made.stderr
    assert "Created coach 'coach@example.org'" in made.stdout
    assert (
        _user(db, "create", "ana", "--password-stdin", stdin="another long one\n").returncode == 0
    )
    listed = json.loads(_user(db, "list", "--json").stdout)
    assert [(u["username"], u["role"], u["has_password"], u["linked"]) for u in listed] == [
        ("ana", "runner", True, 0),
        ("coach@example.org", "coach", True, 0),
    ]
    table = _user(db, "list").stdout
    assert "coach@example.org" in table and "0 runner(s)" in table
    reset = _user(db, "reset-password", "ana", "--password-stdin", stdin="a brand new one\n")
    assert reset.returncode == 0 and "signed out everywhere" in reset.stdout


def test_bad_input_exits_non_zero_naming_the_problem(tmp_path: Path) -> None:
    db = tmp_path / "users.db"
    role = _user(
        db, "create", "bob", "--role", "admin", "--password-stdin", stdin="long enough pw\n"
    )
    assert role.returncode == 2 and "--role" in role.stderr
    short = _user(db, "create", "bob", "--password-stdin", stdin="short\n")
    assert short.returncode == 1 and "password: Choose a password of at least 10" in short.stderr
    assert _user(db, "create", "bob", "--password-stdin", stdin="long enough pw\n").returncode == 0
    taken = _user(db, "create", "BOB", "--password-stdin", stdin="long enough pw\n")
    assert taken.returncode == 1 and "username: That name is taken" in taken.stderr
    missing = _user(db, "reset-password", "nobody", "--password-stdin", stdin="long enough pw\n")
    assert missing.returncode == 1 and "No user named 'nobody'" in missing.stderr
    assert json.loads(_user(db, "list", "--json").stdout)[0]["username"] == "bob"
