"""One frame of the clip with the skeleton and the figures drawn: the picture on the web result.

The frame is the deepest point of the first repetition (where the figures are read), or the
middle of the clip when none was counted. Small enough to keep in the store with the job.
"""

from __future__ import annotations

from pathlib import Path

from hipstride.figures.landmarks import LandmarkSequence
from hipstride.motion.results import Analysis
from hipstride.video import VideoError
from hipstride.video.annotate import _caption, _draw, _text
from hipstride.video.pose import modules, open_clip, upright_frames

MAX_SIDE = 720
JPEG_QUALITY = 82


def _moment(sequence: LandmarkSequence, analysis: Analysis) -> int:
    """The sampled frame nearest the first repetition's far position."""
    if not sequence.frames:
        return 0
    at = analysis.reps[0].far_s if analysis.reps else sequence.frames[-1].time_s / 2
    return min(range(len(sequence.frames)), key=lambda k: abs(sequence.frames[k].time_s - at))


def annotated_still(source: Path, sequence: LandmarkSequence, analysis: Analysis) -> bytes:
    """A JPEG of that frame, its longer side at most ``MAX_SIDE`` pixels."""
    cv2, _ = modules()
    k = _moment(sequence, analysis)
    with open_clip(source) as (cap, info):
        stride = max(1, round(info.fps / sequence.fps))
        image = next(
            (img for n, (_, img) in enumerate(upright_frames(cap, info, stride)) if n == k), None
        )
        if image is None:
            raise VideoError(f"{source}: frame {k} could not be read again.")
        frame = sequence.frames[k]
        points = None
        if frame.landmarks is not None:
            points = [(int(p.x * info.width), int(p.y * info.height)) for p in frame.landmarks]
        _draw(cv2, image, points)
        done = sum(1 for r in analysis.reps if r.end_s <= frame.time_s)
        scale = max(0.6, min(info.width, info.height) / 720)
        _text(cv2, image, [f"reps: {done}", *_caption(analysis)], scale)
    factor = MAX_SIDE / max(image.shape[:2])
    if factor < 1:
        size = (round(image.shape[1] * factor), round(image.shape[0] * factor))
        image = cv2.resize(image, size, interpolation=cv2.INTER_AREA)
    ok, encoded = cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, JPEG_QUALITY])
    if not ok:
        raise VideoError(f"{source}: the still could not be encoded.")
    return bytes(encoded.tobytes())
