"""Progress charts with matplotlib, written as PNG or SVG (chosen by the file's suffix)."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

from hipstride.training.progress import Progress

SUFFIXES = {".png", ".svg"}


def _date_axis(ax: Any, days: list[date]) -> None:
    """Dates as '30 Nov' over the data's span, at least a week wide (never hourly ticks)."""
    import matplotlib.dates as mdates

    if days:
        low, high = min(days), max(days)
        pad = max(timedelta(days=3), (high - low) / 20)
        ax.set_xlim(low - pad, high + pad)
    locator = mdates.AutoDateLocator(minticks=2, maxticks=7)  # type: ignore[no-untyped-call]
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))  # type: ignore[no-untyped-call]


def write_progress_charts(progress: Progress, out: Path) -> Path:
    """Four panels a runner would look at: tests, ladder steps, weekly work, pain."""
    if out.suffix.lower() not in SUFFIXES:
        raise ValueError(f"{out}: use a .png or .svg file name")
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(2, 2, figsize=(11, 7.5), layout="constrained")
    fig.suptitle("hipstride progress", fontsize=14, fontweight="bold")
    tests_ax, steps_ax, weeks_ax, pain_ax = axes.flat

    holds = {
        side: [
            (t.day, t.hold_seconds)
            for t in progress.tests
            if t.test_id == "single-leg-bridge" and t.side == side and t.hold_seconds is not None
        ]
        for side in ("left", "right")
    }
    for side, points in holds.items():
        if points:
            tests_ax.plot(*zip(*points, strict=True), marker="o", label=f"bridge hold, {side} (s)")
    tests_ax.axhline(30, color="grey", linestyle=":", linewidth=1, label="30 s goal")
    squat = [
        (t.day, t.score)
        for t in progress.tests
        if t.test_id == "deep-squat" and t.score is not None
    ]
    if squat:
        twin = tests_ax.twinx()
        twin.step(
            *zip(*squat, strict=True),
            where="post",
            color="tab:green",
            marker="s",
            label="deep squat score",
        )
        twin.set_ylim(-0.2, 3.2)
        twin.set_yticks([0, 1, 2, 3])
        twin.set_ylabel("deep squat score (0-3)")
    _date_axis(tests_ax, [t.day for t in progress.tests])
    top = max([h for points in holds.values() for _, h in points] + [30])
    tests_ax.set_ylim(0, top * 1.25)
    tests_ax.set_title("Self-tests")
    tests_ax.set_ylabel("seconds")
    handles = [
        h
        for ax in fig.axes
        if ax.bbox.bounds == tests_ax.bbox.bounds
        for h in ax.get_legend_handles_labels()[0]
    ]
    tests_ax.legend(handles=handles, loc="lower right", fontsize=8)

    names = [s.family_name for s in progress.steps]
    steps_ax.barh(names, [s.of for s in progress.steps], color="#e6e6e6")
    steps_ax.barh(names, [s.level for s in progress.steps], color="#9ecae1")
    for i, s in enumerate(progress.steps):
        steps_ax.text(0.1, i, f" {s.step_name} ({s.level}/{s.of})", va="center", fontsize=8)
    steps_ax.invert_yaxis()
    steps_ax.set_title("Ladder step reached")
    steps_ax.set_xlabel("step")

    weeks = [w.start.strftime("%d %b") for w in progress.weeks]
    weeks_ax.bar(weeks, [w.sets for w in progress.weeks], color="tab:blue", label="sets done")
    weeks_ax.set_ylabel("sets")
    adh = weeks_ax.twinx()
    adh.plot(
        weeks,
        [w.done / w.planned * 100 if w.planned else None for w in progress.weeks],
        color="tab:orange",
        marker="o",
        label="sessions done (%)",
    )
    adh.set_ylim(0, 110)
    adh.set_ylabel("adherence %")
    weeks_ax.set_title("Weekly work and adherence")
    weeks_ax.tick_params(axis="x", rotation=45)

    starts = [w.start for w in progress.weeks]
    pain_ax.plot(
        starts,
        [w.max_pain for w in progress.weeks],
        marker="o",
        color="tab:red",
        label="highest pain in a set (week)",
    )
    if progress.morning_pain:
        days, pains = zip(*progress.morning_pain, strict=True)
        pain_ax.plot(days, pains, "x", color="tab:purple", label="morning pain")
    pain_ax.axhspan(0, 2, color="tab:green", alpha=0.1, label="safe 0-2")
    pain_ax.axhspan(2, 5, color="tab:orange", alpha=0.1, label="acceptable 3-5")
    pain_ax.axhspan(5, 10, color="tab:red", alpha=0.08, label="too much >5")
    pain_ax.set_ylim(0, 10)
    pain_ax.set_title("Pain (0-10)")
    _date_axis(pain_ax, [w.start for w in progress.weeks] + [d for d, _ in progress.morning_pain])
    pain_ax.legend(loc="upper right", fontsize=7)

    out.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(out, dpi=110)
    plt.close(fig)
    return out
