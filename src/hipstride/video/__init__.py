"""Video → landmarks with OpenCV and MediaPipe's pose solution (the optional ``video`` extra).

Nothing here is imported by the CLI at start-up; cv2 and mediapipe load when a clip is read.
"""

from __future__ import annotations

INSTALL_HINT = (
    "The camera check needs the optional video extra: "
    "pip install 'hipstride[video]' && pip install --no-deps mediapipe==0.10.21 "
    "(or pass a landmark .json file instead of a video)."
)


class VideoError(ValueError):
    """A clip that cannot be read; the message names the file and what to do."""


class MissingExtra(RuntimeError):
    """OpenCV or MediaPipe is not installed."""

    def __init__(self) -> None:
        super().__init__(INSTALL_HINT)


def available() -> bool:
    """Whether the video extra is installed (without importing it)."""
    from importlib.util import find_spec

    return find_spec("cv2") is not None and find_spec("mediapipe") is not None
