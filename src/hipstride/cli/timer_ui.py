"""Hold and rest timers in the terminal: a live bar, with keys to pause, extend or skip.

The clock is read here, at the edge; the countdown's rules live in ``training.session.Timer``.
"""

from __future__ import annotations

import contextlib
import math
import select
import sys
import termios
import time
import tty
from collections.abc import Iterator

from rich.progress import BarColumn, Progress, TextColumn

from hipstride.cli.output import console
from hipstride.training.session import Timer

KEYS = "[dim]space pause · + add 15 s · s skip[/]"


@contextlib.contextmanager
def _cbreak() -> Iterator[bool]:
    """Single-key input while the timer runs, when stdin is a terminal."""
    if not sys.stdin.isatty():
        yield False
        return
    fd = sys.stdin.fileno()
    saved = termios.tcgetattr(fd)
    try:
        tty.setcbreak(fd)
        yield True
    finally:
        termios.tcsetattr(fd, termios.TCSADRAIN, saved)


def _key(timeout: float) -> str | None:
    ready, _, _ = select.select([sys.stdin], [], [], timeout)
    return sys.stdin.read(1) if ready else None


def _clock(seconds: float) -> str:
    whole = math.ceil(seconds)
    return f"{whole // 60}:{whole % 60:02d}"


def run_timer(seconds: float, label: str) -> float:
    """Count down ``seconds`` with a live bar; returns the seconds actually timed."""
    timer = Timer(seconds)
    with (
        _cbreak() as keys,
        Progress(
            TextColumn("[bold]{task.description}"),
            BarColumn(),
            TextColumn("{task.fields[left]} {task.fields[state]}"),
            console=console,
            transient=True,
        ) as bar,
    ):
        console.print(f"{label}  {KEYS if keys else ''}")
        task = bar.add_task(label, total=seconds, state="", left=_clock(seconds))
        last = time.monotonic()
        while not timer.done:
            key = _key(0.1) if keys else None
            if not keys:
                time.sleep(0.1)
            now = time.monotonic()
            timer = timer.tick(now - last)
            last = now
            if key == " ":
                timer = timer.toggle_pause()
            elif key == "+":
                timer = timer.extend(15)
            elif key in ("s", "S"):
                timer = timer.skip()
            bar.update(
                task,
                total=timer.duration,
                completed=timer.elapsed,
                state="[yellow]paused[/]" if timer.paused else "",
                left=_clock(timer.left),
            )
    if not timer.skipped:
        console.bell()
    return timer.elapsed


def run_stopwatch(label: str) -> float:
    """Count up on screen until Enter (or space) is pressed; returns the seconds held.

    Without a terminal (piped input) it waits for one line of input instead.
    """
    from rich.live import Live

    start = time.monotonic()
    with _cbreak() as keys:
        if not keys:
            sys.stdin.readline()
            return round(time.monotonic() - start, 1)
        with Live(console=console, transient=True, refresh_per_second=10) as live:
            while True:
                held = time.monotonic() - start
                live.update(
                    f"[bold]{label}[/] {held:5.1f} s  [dim]Enter or space when the pelvis drops[/]"
                )
                if _key(0.1) in ("\n", "\r", " "):
                    break
    held = round(time.monotonic() - start, 1)
    console.bell()
    return held
