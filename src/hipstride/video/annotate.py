"""The clip again, with the skeleton, the repetition count and the figures drawn on it.

Written at the sampled rate, the frames the analysis saw, to a temporary file first and
moved into place at the end, so a failed run never leaves half a video behind.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

from hipstride.figures.landmarks import INDEX, LandmarkSequence
from hipstride.motion.results import Analysis
from hipstride.video import VideoError
from hipstride.video.pose import Progress, modules, open_clip, upright_frames

BONES = [
    ("left_shoulder", "right_shoulder"), ("left_hip", "right_hip"),
    ("left_shoulder", "left_hip"), ("right_shoulder", "right_hip"),
    ("left_shoulder", "left_elbow"), ("left_elbow", "left_wrist"),
    ("right_shoulder", "right_elbow"), ("right_elbow", "right_wrist"),
    ("left_hip", "left_knee"), ("left_knee", "left_ankle"),
    ("right_hip", "right_knee"), ("right_knee", "right_ankle"),
    ("left_ankle", "left_heel"), ("left_heel", "left_foot_index"),
    ("left_ankle", "left_foot_index"), ("right_ankle", "right_heel"),
    ("right_heel", "right_foot_index"), ("right_ankle", "right_foot_index"),
]  # fmt: skip
LEFT, RIGHT, MIDDLE, TEXT = (255, 160, 40), (40, 160, 255), (230, 230, 230), (255, 255, 255)


def _caption(analysis: Analysis) -> list[str]:
    """A few lines of figures; OpenCV's fonts are ASCII only, so degrees are spelt out."""
    lines = [f"{analysis.subject}: {analysis.view} view"]
    if analysis.score is not None:
        lines.append(f"score {analysis.score}/3")
    shown = [
        f
        for f in analysis.figures
        if f.value is not None and f.id not in ("view-ratio", "repetitions")
    ]
    for f in shown[:4]:
        unit = {"°": " deg", "torso": " torso"}.get(f.unit, "")
        lines.append(f"{f.label}: {f.value}{unit}")
    return lines


def _draw(cv2: Any, image: Any, points: list[tuple[int, int]] | None) -> None:
    if points is None:
        return
    for a, b in BONES:
        colour = (
            LEFT
            if a.startswith("left") and b.startswith("left")
            else (RIGHT if a.startswith("right") and b.startswith("right") else MIDDLE)
        )
        cv2.line(image, points[INDEX[a]], points[INDEX[b]], colour, 3, cv2.LINE_AA)
    for i in range(11, 33):
        cv2.circle(image, points[i], 4, MIDDLE, -1, cv2.LINE_AA)


def _text(cv2: Any, image: Any, lines: list[str], scale: float) -> None:
    y = int(30 * scale)
    for line in lines:
        org = (int(12 * scale), y)
        cv2.putText(
            image, line, org, cv2.FONT_HERSHEY_SIMPLEX, 0.6 * scale, (0, 0, 0), 4, cv2.LINE_AA
        )
        cv2.putText(image, line, org, cv2.FONT_HERSHEY_SIMPLEX, 0.6 * scale, TEXT, 1, cv2.LINE_AA)
        y += int(24 * scale)


def annotate(
    source: Path,
    sequence: LandmarkSequence,
    analysis: Analysis,
    out: Path,
    *,
    progress: Progress | None = None,
) -> None:
    """Write ``out`` (an .mp4): the sampled frames of ``source`` with what was found."""
    cv2, _ = modules()
    caption = _caption(analysis)
    reps_done = [r.end_s for r in analysis.reps]
    with open_clip(source) as (cap, info):
        stride = max(1, round(info.fps / sequence.fps))
        scale = max(0.6, min(info.width, info.height) / 720)
        fd, tmp_name = tempfile.mkstemp(suffix=".mp4", dir=out.parent)
        os.close(fd)
        tmp = Path(tmp_name)
        writer = cv2.VideoWriter(
            str(tmp), cv2.VideoWriter_fourcc(*"mp4v"), sequence.fps, (info.width, info.height)
        )
        try:
            if not writer.isOpened():
                raise VideoError(f"{out}: cannot write a video there. Choose another path.")
            for k, (_, image) in enumerate(upright_frames(cap, info, stride)):
                frame = sequence.frames[k] if k < len(sequence.frames) else None
                points = None
                if frame is not None and frame.landmarks is not None:
                    points = [
                        (int(p.x * info.width), int(p.y * info.height)) for p in frame.landmarks
                    ]
                _draw(cv2, image, points)
                t = frame.time_s if frame else k * stride / info.fps
                count = sum(1 for end in reps_done if end <= t)
                _text(cv2, image, [f"reps: {count}", *caption], scale)
                writer.write(image)
                if progress is not None:
                    progress(k + 1, len(sequence.frames))
            writer.release()
            tmp.replace(out)
        finally:
            writer.release()
            tmp.unlink(missing_ok=True)
