"""The camera check in the web app: real clips from ../shared/media analysed in the app's own
worker thread (two clips in all, the pose model being the slow part), landmark files for the
rest, the job's state read back from the store."""

from __future__ import annotations

import json
import os
import re
import sqlite3
import subprocess
import sys
import textwrap
import uuid
from contextlib import closing
from datetime import timedelta
from pathlib import Path

import pytest
from fastapi import FastAPI
from sqlalchemy import select

from hipstride.figures.landmarks import to_json
from hipstride.figures.synthetic import synthesize
from hipstride.knowledge.catalog import load_catalog
from hipstride.services import camera_jobs
from hipstride.store import tables as db
from hipstride.web import jobs
from tests.conftest import ROOT, shared_path
from tests.e2e.web_client import Clock, TestClient, csrf_of, link_path, sign_up
from tests.integration.test_camera_clips import require_video_extra

catalog = load_catalog()


def _landmarks(subject_id: str, *, test: bool = False, **kw) -> bytes:
    subject = catalog.self_test(subject_id) if test else catalog.step(subject_id)
    seq, _ = synthesize(subject, **kw)
    return json.dumps(to_json(seq)).encode()


def _videos(app: FastAPI) -> Path:
    return camera_jobs.video_folder(app.state.store.engine.url)


def _upload_page(client: TestClient, field: str, value: str, name: str, content: bytes, **extra):
    token = csrf_of(client, f"/camera/new?{field}={value}")
    return client.post(
        "/camera",
        data={"csrf_token": token, field: value, **extra},
        files={"clip": (name, content)},
        follow_redirects=False,
    )


def _finished(app: FastAPI, client: TestClient, url: str) -> dict:
    jobs.wait_for_jobs(app, timeout=600)
    job = client.get(url).json()
    assert job["status"] in ("done", "failed"), job
    return job


def test_the_front_clip_as_a_squat_set_counts_three_repetitions_and_logs_the_set(app, runner):
    require_video_extra()
    clip = Path(shared_path("media", "front_oblique_squats.mp4")).read_bytes()
    sent = _upload_page(runner, "step", "bodyweight-squat", "squats.mp4", clip)
    assert sent.status_code == 303, sent.text
    page_url = sent.headers["location"]
    job_id = page_url.rsplit("/", 1)[1]
    waiting = runner.get(page_url)  # before or while the worker runs: progress, or the result
    assert waiting.status_code == 200
    assert "Check again" in waiting.text or "What the camera saw" in waiting.text
    job = _finished(app, runner, f"/api/v1/camera-checks/{job_id}")
    assert job["status"] == "done" and job["result"]["rep_count"] == 3, job
    page = runner.get(page_url)
    assert re.search(r"<strong>3</strong> repetitions", page.text)
    assert "Cues" in page.text and "cannot judge this from this view" in page.text
    still = runner.get(f"{page_url}/still.jpg")
    assert still.headers["content-type"] == "image/jpeg" and still.content[:2] == b"\xff\xd8"
    assert not job["video_kept"] and list(_videos(app).iterdir()) == []  # deleted after use
    # The camera never records pain: the set needs it from the runner.
    token = csrf_of(runner, page_url)
    refused = runner.post(f"{page_url}/save", data={"csrf_token": token})
    assert refused.status_code == 422 and "Pain during the set" in refused.text
    saved = runner.post(f"{page_url}/save", data={"csrf_token": token, "pain": "1"})
    assert saved.status_code == 200 and "3 reps, pain 1/10" in saved.text
    day = runner.get("/api/v1/sessions/2026-11-30").json()
    assert day["done_sets"] == 1


def test_the_side_clip_as_the_deep_squat_test_is_saved_to_the_history_as_camera(
    app, runner, db_url
):
    require_video_extra()
    clip = Path(shared_path("media", "side_view_squats.mp4")).read_bytes()
    sent = runner.post(
        "/api/v1/camera-checks",
        data={"test": "deep-squat", "keep_video": "true"},
        files={"clip": ("side.mp4", clip, "video/mp4")},
    )
    assert sent.status_code == 202 and sent.headers["location"].endswith(sent.json()["id"])
    job = _finished(app, runner, sent.headers["location"])
    assert job["status"] == "done", job
    assert job["result"]["view"] == "side" and job["result"]["score"] is not None
    assert job["limits"] and job["video_kept"]
    (kept,) = _videos(app).iterdir()  # kept, as asked
    saved = runner.post(f"{sent.headers['location']}/save", json={})
    assert saved.status_code == 200 and "deep squat" in saved.json()["message"]
    again = runner.post(f"{sent.headers['location']}/save", json={})
    assert again.status_code == 422 and "Already saved" in again.json()["detail"]
    with closing(sqlite3.connect(db_url.removeprefix("sqlite:///"))) as connection:
        rows = connection.execute(
            "SELECT test_id, source, score FROM self_test_results WHERE source = 'camera'"
        ).fetchall()
    assert rows == [("deep-squat", "camera", job["result"]["score"])]
    assert runner.delete(f"{sent.headers['location']}/video").status_code == 204
    assert not kept.exists() and not runner.get(sent.headers["location"]).json()["video_kept"]


def test_a_file_that_is_not_a_video_fails_with_the_reason_and_is_not_kept(app, runner):
    require_video_extra()
    sent = _upload_page(runner, "test", "deep-squat", "notes.txt", b"shopping list", keep_video="")
    page_url = sent.headers["location"]
    job = _finished(app, runner, f"/api/v1/camera-checks/{page_url.rsplit('/', 1)[1]}")
    assert job["status"] == "failed" and "not a video" in job["error"]
    assert "notes.txt" in job["error"] and str(_videos(app)) not in job["error"]
    page = runner.get(page_url)
    assert "could not be analysed" in page.text and "not a video" in page.text
    assert list(_videos(app).iterdir()) == []


def test_a_landmark_file_of_a_bridge_set_is_counted_without_a_picture(app, runner):
    sent = runner.post(
        "/api/v1/camera-checks",
        data={"step": "glute-bridge"},
        files={"clip": ("bridge.json", _landmarks("glute-bridge", reps=4, noise_px=1.0))},
    )
    job = _finished(app, runner, sent.headers["location"])
    assert job["status"] == "done" and job["result"]["rep_count"] == 4 and job["still"] is None
    assert runner.post(f"{sent.headers['location']}/save", json={}).status_code == 422  # pain
    future = runner.post(f"{sent.headers['location']}/save", json={"pain": 0, "day": "2027-01-04"})
    assert future.status_code == 422 and "in the future" in future.json()["detail"]
    saved = runner.post(f"{sent.headers['location']}/save", json={"pain": 0})
    assert saved.status_code == 200 and "4 reps" in saved.json()["message"]
    again = runner.post(f"{sent.headers['location']}/save", json={"pain": 0})
    assert again.status_code == 422 and "Already saved" in again.json()["detail"]


def test_bad_uploads_are_refused_plainly(app, runner, monkeypatch):
    no_clip = runner.post("/api/v1/camera-checks", data={"test": "deep-squat"})
    assert no_clip.status_code == 422 and "clip" in no_clip.json()["detail"]
    unknown = runner.post(
        "/api/v1/camera-checks", data={"test": "plank"}, files={"clip": ("a.mp4", b"x")}
    )
    assert unknown.status_code == 422 and "deep-squat" in unknown.json()["detail"]
    monkeypatch.setattr(jobs, "MAX_CLIP_BYTES", 1000)
    big = runner.post(
        "/api/v1/camera-checks", data={"test": "deep-squat"}, files={"clip": ("a.mp4", b"0" * 2000)}
    )
    assert big.status_code == 413 and big.headers["content-type"] == "application/problem+json"
    assert "limit" in big.json()["detail"]
    page = _upload_page(runner, "test", "deep-squat", "a.mp4", b"0" * 2000)
    assert page.status_code == 413 and "limit" in page.text
    assert not _videos(app).exists() or list(_videos(app).iterdir()) == []


def test_a_job_left_running_by_a_dead_process_is_reported_failed(app, runner, clock: Clock):
    with app.state.store.sessions() as session:
        athlete_id = session.scalars(select(db.Athlete.id).where(db.Athlete.name == "runner")).one()
        job = camera_jobs.create_job(
            session,
            catalog=catalog,
            athlete_id=athlete_id,
            test="bridge",
            step_id=None,
            filename="bridge.mp4",
            keep_video=False,
            now=clock.now,
        )
        job.status = "running"
        session.commit()
        job_id = job.id
    url = f"/api/v1/camera-checks/{job_id}"
    assert runner.get(url).json()["status"] == "running"
    clock.now += camera_jobs.STALE + timedelta(minutes=1)
    job = runner.get(url).json()
    assert job["status"] == "failed" and "Upload the clip again" in job["error"]


def test_another_account_cannot_see_or_touch_a_runners_check(app, runner):
    sent = runner.post(
        "/api/v1/camera-checks",
        data={"step": "clamshell"},
        files={"clip": ("c.json", _landmarks("clamshell", reps=3))},
    )
    job_id = sent.json()["id"]
    jobs.wait_for_jobs(app, timeout=60)
    other = TestClient(app)
    sign_up(other, "stranger@example.org")
    for method, path in (
        ("GET", f"/api/v1/camera-checks/{job_id}"),
        ("POST", f"/api/v1/camera-checks/{job_id}/save"),
        ("DELETE", f"/api/v1/camera-checks/{job_id}/video"),
        ("GET", f"/camera/{job_id}"),
        ("GET", f"/camera/{job_id}/still.jpg"),
    ):
        assert other.request(method, path, json={"pain": 0}).status_code == 404, path
    token = csrf_of(other)
    assert other.post(f"/camera/{job_id}/save", data={"csrf_token": token}).status_code == 404
    assert runner.get(f"/api/v1/camera-checks/{job_id}").json()["saved"] is None


@pytest.mark.parametrize(
    "path", ["/camera", "/camera/new?test=bridge", "/camera/new?step=clamshell"]
)
def test_the_guidance_says_where_to_put_the_phone(runner, path):
    page = runner.get(path)
    assert page.status_code == 200
    if "new" in path:
        assert 'capture="environment"' in page.text and 'accept="video/*' in page.text
        assert ".svg" in page.text and "From the front" in page.text


def test_a_step_the_camera_cannot_count_is_refused(runner):
    page = runner.get("/camera/new?step=seated-figure-four-stretch")
    assert page.status_code == 404 and "cannot check" in page.text


def test_without_the_video_extra_the_page_says_how_to_add_it(db_url, tmp_path):
    """In a process where OpenCV and MediaPipe cannot be imported (as if never installed)."""
    script = tmp_path / "no_extra.py"
    script.write_text(
        textwrap.dedent(
            f"""
            import sys
            sys.modules["cv2"] = sys.modules["mediapipe"] = None  # not importable, not found
            from hipstride.settings import Settings
            from hipstride.web import jobs
            from hipstride.web.app import create_app
            from tests.e2e.web_client import Clock, csrf_of, signed_in

            settings = Settings(database_url={db_url!r}, athlete="runner")
            app = create_app(settings, clock=Clock())
            client = signed_in(app, settings)
            page = client.get("/camera/new?test=deep-squat")
            print("page:", "hipstride[video]" in page.text, page.status_code)
            sent = client.post(
                "/camera",
                data={{"csrf_token": csrf_of(client), "test": "deep-squat"}},
                files={{"clip": ("squat.mp4", b"0" * 100)}},
                follow_redirects=False,
            )
            jobs.wait_for_jobs(app, timeout=60)
            job = client.get("/api/v1/camera-checks/" + sent.headers["location"].split("/")[-1])
            print("job:", job.json()["status"], job.json()["error"])
            """
        )
    )
    result = subprocess.run(
        [sys.executable, str(script)],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert "page: True 200" in result.stdout
    assert "job: failed The camera check needs the optional video extra" in result.stdout


def test_the_worker_pool_stops_with_the_app_after_finishing_its_job(app, settings):
    with TestClient(app) as client:  # runs the app's lifespan
        assert client.get(link_path(settings), follow_redirects=False).status_code == 303
        sent = client.post(
            "/api/v1/camera-checks",
            data={"step": "clamshell"},
            files={"clip": ("c.json", _landmarks("clamshell", reps=3))},
        )
        assert sent.status_code == 202
    assert app.state.camera_pool is None
    with app.state.store.sessions() as session:
        assert session.get_one(db.CameraJob, uuid.UUID(sent.json()["id"])).status == "done"
