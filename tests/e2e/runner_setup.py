"""A runner made through the CLI, shared by the end-to-end tests."""

from __future__ import annotations

from tests.e2e.test_cli_library import hipstride


def profile_args(*, minutes: int = 30, sessions: int = 3) -> list[str]:
    """Runs Tue, Thu (hard) and Sat, long run on Sunday; owns a mat, a chair, a light band."""
    return [
        "profile", "--running-days", "tue,thu,sat", "--long-run", "sun", "--hard-days", "thu",
        "--experience", "new", "--equipment", "mat,chair,mini-band-light",
        "--minutes", str(minutes), "--sessions", str(sessions),
    ]  # fmt: skip


def planned_runner(db: str, *, minutes: int = 30, sessions: int = 3, weeks: int = 8) -> None:
    """Profile, a clean pain screen, good self-tests, and a plan from Mon 30 Nov 2026."""
    env = {"HIPSTRIDE_DATABASE_URL": db}
    for args in (
        profile_args(minutes=minutes, sessions=sessions),
        ["assess", "--no-pain", "--depth", "--left-hold", "35", "--right-hold", "34"],
        ["plan", "--start", "2026-11-30", "--weeks", str(weeks)],
    ):
        result = hipstride(*args, env=env)
        assert result.returncode == 0, (args, result.stderr)
