"""``hipstride analyze``: the camera check on a clip of a self-test or an exercise."""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.markup import escape

from hipstride.cli.library import catalog_or_exit
from hipstride.cli.output import console, errors, fail, print_json
from hipstride.cli.runner import now, parse_date, runner_session

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from hipstride.motion.results import Analysis

NOT_A_DIAGNOSIS = (
    "A screening aid, not a diagnosis. If anything hurts, see a physical therapist or an "
    "orthopedist before you train on."
)


@contextmanager
def _progress_bar(label: str, quiet: bool) -> Iterator[Callable[[int, int], None]]:
    """A rich bar on stderr, so --json output on stdout stays clean."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    if quiet:
        yield lambda done, total: None
        return
    with Progress(
        f"[dim]{label}[/]", BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
        console=errors, transient=True,
    ) as bar:  # fmt: skip
        task = bar.add_task(label, total=None)
        yield lambda done, total: bar.update(task, completed=done, total=total)


def _show(analysis: Analysis) -> None:
    console.print(
        f"[bold]{analysis.subject}[/]: {analysis.view} view "
        f"(confidence {analysis.view_confidence:.2f}), {analysis.duration_s:g} s, "
        f"{analysis.rep_count} repetition(s)"
    )
    for i, r in enumerate(analysis.reps, 1):
        deep = "" if r.deep is None else (", deep" if r.deep else ", not to parallel")
        console.print(
            f"  {i}. {r.start_s:.1f}-{r.end_s:.1f} s: depth {r.depth:.2f} torso lengths, "
            f"{r.down_s:.1f} s down, {r.stay_s:.1f} s there, {r.up_s:.1f} s back{deep}"
        )
    for f in analysis.figures:
        value = "—" if f.value is None else f.value
        note = f" ({f.note})" if f.note else ""
        unit = "" if f.unit in ("count", "yes/no", "ratio") else f" {f.unit}"
        console.print(f"  {escape(f.label)}: {value}{unit}  [dim]conf {f.confidence:.2f}{note}[/]")
    for h in analysis.holds:
        drop = "—" if h.pelvic_drop_deg is None else f"{h.pelvic_drop_deg:g}°"
        line = "—" if h.hip_extension_deg is None else f"{h.hip_extension_deg:g}°"
        console.print(
            f"  {h.side} foot up: held {h.hold_s:g} s, pelvic drop {drop}, "
            f"shoulder-hip-knee {line}  [dim]conf {h.confidence:.2f} ({h.note})[/]"
        )
    if analysis.score is not None:
        console.print(f"Score {analysis.score}/3: {', '.join(analysis.outcomes)}")
    for cue in analysis.cues:
        console.print(f"[green]Cue:[/] {cue}")
    for note in analysis.notes:
        console.print(f"[dim]{note}[/]")
    console.print(f"[dim]{NOT_A_DIAGNOSIS}[/]")


def analyze(
    ctx: typer.Context,
    clip: Annotated[
        Path, typer.Argument(help="A video (.mp4, .mov) or a hipstride landmark .json file.")
    ],
    test: Annotated[
        str | None, typer.Option("--test", help="The self-test filmed: deep-squat or bridge.")
    ] = None,
    exercise: Annotated[
        str | None, typer.Option("--exercise", help="The exercise (step id) filmed.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the analysis as JSON.")] = False,
    annotate: Annotated[
        Path | None,
        typer.Option("--annotate", help="Write the clip with the skeleton and figures drawn."),
    ] = None,
    save: Annotated[
        bool,
        typer.Option(
            "--save",
            help="Store a self-test's score in your history, or an exercise's count as the "
            "next set of it in the day's session.",
        ),
    ] = False,
    pain: Annotated[
        int | None,
        typer.Option(min=0, max=10, help="Pain during the set, 0-10 (needed to --save a set)."),
    ] = None,
    day: Annotated[
        str | None, typer.Option(help="The session's day for --save, YYYY-MM-DD (default today).")
    ] = None,
) -> None:
    """Count repetitions and check form in a clip filmed with one phone camera.

    Side-on at hip height for the deep squat, from the feet for the bridge test. Never a
    diagnosis: what one camera cannot judge is said so.
    """
    from hipstride.services import camera
    from hipstride.video import INSTALL_HINT, MissingExtra, available

    if (test is None) == (exercise is None):
        fail("give --test deep-squat|bridge or --exercise ID (one of them)", code=2)
    if test is not None and test not in camera.TESTS:
        fail(f"--test: {test!r} is not a test", f"Use one of: {', '.join(camera.TESTS)}.", code=2)
    if save and exercise is not None and pain is None:
        fail("--save on an exercise needs --pain 0-10: the camera cannot see pain", code=2)
    needs_video = clip.suffix.lower() != ".json"
    if (needs_video or annotate is not None) and not available():
        fail("OpenCV and MediaPipe are not installed", escape(INSTALL_HINT))
    if annotate is not None and not needs_video:
        fail("--annotate needs the video itself, not a landmark file", code=2)
    catalog = catalog_or_exit(ctx.obj)
    try:
        with _progress_bar(f"Reading {clip.name}", as_json) as progress:
            check = camera.check_clip(
                clip, catalog=catalog, test=test, step_id=exercise, progress=progress
            )
    except LookupError as exc:
        fail(escape(str(exc)), "Run `hipstride exercises` to see every step id.", code=2)
    except camera.ClipError as exc:
        fail(escape(str(exc)))
    except MissingExtra:
        fail("OpenCV or MediaPipe cannot be imported", escape(INSTALL_HINT))
    analysis = check.analysis
    if annotate is not None:
        from hipstride.video import VideoError
        from hipstride.video.annotate import annotate as draw

        try:
            with _progress_bar(f"Writing {annotate.name}", as_json) as progress:
                draw(clip, check.sequence, analysis, annotate, progress=progress)
        except VideoError as exc:
            fail(escape(str(exc)))
    if as_json:
        print_json(analysis.to_json())
    else:
        _show(analysis)
        if annotate is not None:
            console.print(f"Wrote {annotate}.")
    if save:
        _save(ctx, analysis, pain, day)


def _save(ctx: typer.Context, analysis: Analysis, pain: int | None, day: str | None) -> None:
    from hipstride.services import camera, training

    catalog = catalog_or_exit(ctx.obj)
    try:
        with runner_session(ctx.obj, create=True) as (session, athlete):
            if analysis.subject == camera.TESTS["deep-squat"]:
                squat = camera.save_squat_test(
                    session, catalog=catalog, athlete_id=athlete.id, analysis=analysis, now=now()
                )
                message = f"Saved: deep squat {squat.score}/3 (from the camera)."
            elif analysis.subject == camera.TESTS["bridge"]:
                result = camera.save_bridge_test(
                    session, catalog=catalog, athlete_id=athlete.id, analysis=analysis, now=now()
                )
                message = f"Saved: single-leg bridge {result.score}/3 (from the camera)."
            else:
                assert pain is not None
                message = camera.save_set(
                    session,
                    athlete_id=athlete.id,
                    analysis=analysis,
                    day=parse_date(day, "--day"),
                    pain=pain,
                    now=now(),
                )
    except (camera.NotSaved, training.NoSession) as exc:
        fail(escape(str(exc)))
    errors.print(message)
