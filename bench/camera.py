"""The camera check on the real clips: speed against the clip's own length, and overhead.

Figures, each measured in this run on the clips in ../shared/media:
- frames per second through the whole pipeline (decode, sample to ~15/s, rotate, pose,
  landmarks, analysis), and that speed as a multiple of real time (clip length / time);
- overhead: the pipeline's time against a bare loop that reads the same frames with OpenCV
  and hands each to MediaPipe's pose solution, nothing else;
- pose inference alone per frame, on frames already decoded, for scale.
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

from hipstride.knowledge.catalog import load_catalog
from hipstride.motion.analyze import analyze
from hipstride.video import available
from hipstride.video.pose import MODEL_COMPLEXITY, modules, open_clip, read_landmarks

MEDIA = Path(__file__).resolve().parent.parent.parent / "shared" / "media"
CLIPS = ("front_oblique_squats.mp4", "side_view_squats.mp4")
REPEATS = 2


def _bare(path: Path) -> tuple[float, list[object]]:
    """Seconds for a plain read-every-n-th-frame + pose loop, and the RGB frames it used."""
    cv2, mp_pose = modules()
    rgb: list[object] = []
    start = time.perf_counter()
    with open_clip(path) as (cap, info), mp_pose.Pose(model_complexity=MODEL_COMPLEXITY) as pose:
        stride = info.stride()
        index = 0
        while True:
            ok, image = cap.read()
            if not ok:
                break
            if index % stride == 0:
                frame = cv2.cvtColor(image, cv2.COLOR_BGR2RGB)
                pose.process(frame)
                rgb.append(frame)
            index += 1
    return time.perf_counter() - start, rgb


def _pose_only(frames: list[object]) -> float:
    """Median seconds of pose inference per frame, frames already decoded."""
    _, mp_pose = modules()
    times = []
    with mp_pose.Pose(model_complexity=MODEL_COMPLEXITY) as pose:
        for frame in frames:
            start = time.perf_counter()
            pose.process(frame)
            times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    print("Camera check (decode + pose + analysis) on the real clips")
    if not available():
        print("  skipped: the video extra (OpenCV, MediaPipe) is not installed")
        return
    test = load_catalog().self_test("deep-squat")
    for name in CLIPS:
        path = MEDIA / name
        if not path.exists():
            print(f"  skipped {name}: not found in {MEDIA}")
            continue
        with open_clip(path) as (_, info):
            length = info.duration_s
        pipeline, bare = [], []
        frames = 0
        rgb: list[object] = []
        for _ in range(REPEATS):
            start = time.perf_counter()
            seq = read_landmarks(path)
            analyze(seq, family="squat", subject=test.id, test=test)
            pipeline.append(time.perf_counter() - start)
            frames = len(seq.frames)
            seconds, rgb = _bare(path)
            bare.append(seconds)
        took, plain = statistics.median(pipeline), statistics.median(bare)
        print(
            f"  {name:<26} {frames:4d} frames at {frames / length:4.1f}/s of a {length:.1f} s "
            f"clip: {frames / took:5.1f} frames/s, {length / took:4.2f}× real time"
        )
        print(
            f"  {'':<26} overhead {took / plain:4.2f}× a bare OpenCV + pose loop "
            f"({took:.2f} s against {plain:.2f} s); pose alone "
            f"{_pose_only(rgb) * 1000:.1f} ms/frame"
        )


if __name__ == "__main__":
    main()
