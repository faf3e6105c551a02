"""Decode a clip, sample it to about 15 frames a second, and find the pose in each frame.

The legacy MediaPipe pose solution at model complexity 1 is used because its model ships
inside the 0.10.21 wheel; the other complexities download theirs at run time, which fails
offline. Frames are turned upright from the clip's rotation metadata before the pose is
found, so landmarks and the annotated video agree with what a phone showed.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hipstride.figures.landmarks import Frame, Landmark, LandmarkSequence
from hipstride.video import MissingExtra, VideoError

TARGET_FPS = 15.0
MODEL_COMPLEXITY = 1

Progress = Callable[[int, int], None]
"""Called with (frames done, frames in all) as the clip is read."""


@dataclass(frozen=True)
class ClipInfo:
    fps: float
    frames: int
    width: int
    height: int
    rotation: int
    """Degrees clockwise the frames are turned to be upright (0, 90, 180, 270)."""

    @property
    def duration_s(self) -> float:
        return self.frames / self.fps if self.fps > 0 else 0.0

    def stride(self, target_fps: float = TARGET_FPS) -> int:
        """Every n-th frame is used, so fast clips are read at about ``target_fps``."""
        return max(1, math.floor(self.fps / target_fps + 0.5)) if self.fps > 0 else 1


def modules() -> tuple[Any, Any]:
    try:
        import cv2
        from mediapipe.python.solutions import pose as mp_pose
    except ImportError as e:
        raise MissingExtra() from e
    return cv2, mp_pose


def _rotate_code(cv2: Any, degrees: int) -> int | None:
    return {
        90: cv2.ROTATE_90_CLOCKWISE,
        180: cv2.ROTATE_180,
        270: cv2.ROTATE_90_COUNTERCLOCKWISE,
    }.get(degrees % 360)


@contextmanager
def open_clip(path: Path) -> Iterator[tuple[Any, ClipInfo]]:
    """An OpenCV capture that turns nothing itself, and what the clip says about itself."""
    cv2, _ = modules()
    if not path.is_file():
        raise VideoError(f"{path}: no such file. Check the path.")
    if path.stat().st_size == 0:
        raise VideoError(f"{path}: the file is empty. Record or copy the clip again.")
    cap = cv2.VideoCapture(str(path))
    try:
        if not cap.isOpened():
            raise VideoError(
                f"{path}: not a video OpenCV can read. Use an .mp4 or .mov from a phone, "
                "or a landmark .json file."
            )
        cap.set(cv2.CAP_PROP_ORIENTATION_AUTO, 0)
        rotation = int(cap.get(cv2.CAP_PROP_ORIENTATION_META) or 0) % 360
        width = int(cap.get(cv2.CAP_PROP_FRAME_WIDTH))
        height = int(cap.get(cv2.CAP_PROP_FRAME_HEIGHT))
        if rotation in (90, 270):
            width, height = height, width
        fps = float(cap.get(cv2.CAP_PROP_FPS) or 0.0)
        frames = int(cap.get(cv2.CAP_PROP_FRAME_COUNT) or 0)
        if fps <= 0 or width <= 0 or height <= 0:
            raise VideoError(
                f"{path}: not a video OpenCV can read (no frame rate or size). Use an .mp4 "
                "or .mov from a phone, or a landmark .json file."
            )
        yield cap, ClipInfo(fps, frames, width, height, rotation)
    finally:
        cap.release()


def upright_frames(cap: Any, info: ClipInfo, stride: int) -> Iterator[tuple[int, Any]]:
    """(index, upright BGR frame) for every ``stride``-th frame; skipped ones are only grabbed."""
    cv2, _ = modules()
    code = _rotate_code(cv2, info.rotation)
    index = 0
    while True:
        if index % stride:
            if not cap.grab():
                return
        else:
            ok, image = cap.read()
            if not ok:
                return
            yield index, image if code is None else cv2.rotate(image, code)
        index += 1


def _points(found: Any) -> tuple[Landmark, ...] | None:
    if found is None:
        return None
    return tuple(Landmark(p.x, p.y, p.z, p.visibility) for p in found.landmark)


def read_landmarks(
    path: Path, *, target_fps: float = TARGET_FPS, progress: Progress | None = None
) -> LandmarkSequence:
    """The pose in every sampled frame of the clip at ``path``."""
    cv2, mp_pose = modules()
    with open_clip(path) as (cap, info):
        stride = info.stride(target_fps)
        total = max(1, math.ceil(info.frames / stride))
        frames: list[Frame] = []
        with mp_pose.Pose(
            static_image_mode=False, model_complexity=MODEL_COMPLEXITY, smooth_landmarks=True
        ) as pose:
            for index, image in upright_frames(cap, info, stride):
                result = pose.process(cv2.cvtColor(image, cv2.COLOR_BGR2RGB))
                frames.append(
                    Frame(
                        index / info.fps,
                        _points(result.pose_landmarks),
                        _points(result.pose_world_landmarks),
                    )
                )
                if progress is not None:
                    progress(len(frames), max(total, len(frames)))
    if not frames:
        raise VideoError(f"{path}: no frame could be decoded. Record or export the clip again.")
    return LandmarkSequence(info.fps / stride, info.width, info.height, tuple(frames), path.name)
