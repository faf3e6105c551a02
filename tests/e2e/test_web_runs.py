"""Runs, running load and the calendar feed through the web app, with the real shared files."""

from __future__ import annotations

import re
import tempfile
from collections.abc import Iterator
from contextlib import ExitStack
from datetime import UTC, datetime
from pathlib import Path

import pytest
import vobject

from hipstride.web.runs_upload import MAX_UPLOAD_BYTES
from tests.e2e.web_client import TestClient, csrf_of
from tests.integration.runs_files import runs_folder

GOOD = ("tcxparser__test.tcx", "goldencheetah__GarminFR955v18.zip", "elevate__treadmill.fit")
BAD = "fitdecode__activity-unexpected-eof.fit"


def _files(*names: str, stack: ExitStack) -> list[tuple[str, tuple[str, object, str]]]:
    folder = runs_folder()
    return [
        (
            "files",
            (name, stack.enter_context((folder / name).open("rb")), "application/octet-stream"),
        )
        for name in names
    ]


def _upload(client: TestClient, *names: str, api: bool = False):
    with ExitStack() as stack:
        files = _files(*names, stack=stack)
        if api:
            return client.post("/api/v1/runs", files=files)
        return client.post("/runs", files=files, data={"csrf_token": csrf_of(client, "/runs")})


def _leftovers() -> set[Path]:
    return set(Path(tempfile.gettempdir()).glob("hipstride-upload-*"))


def test_an_upload_imports_the_good_files_and_names_the_bad_one(runner):
    before = _leftovers()
    page = _upload(runner, *GOOD, BAD)
    assert page.status_code == 200, page.text[:500]
    text = page.text
    assert "<strong>3</strong> imported" in text
    assert re.search(rf"skipped</span> <strong>{re.escape(BAD)}</strong>: truncated file", text)
    assert "goldencheetah__GarminFR955v18.zip:" in text  # a file inside the zip, by its name
    assert "/tmp" not in text and "hipstride-upload" not in text
    assert _leftovers() <= before  # the temporary copies are gone
    listed = runner.get("/runs").text
    assert listed.count('<tr id="run-') == 3
    assert "indoor" in listed  # the treadmill run
    assert "km" in listed and "/km" in listed  # distance and pace in the runner's units
    again = _upload(runner, GOOD[0])
    assert "<strong>1</strong> duplicate" in again.text
    assert "same file as tcxparser__test.tcx" in again.text


def test_a_batch_of_only_bad_files_is_a_422_page_and_an_empty_form_says_so(runner):
    bad = _upload(runner, BAD, "goldencheetah__MetadataOnly.gpx")
    assert bad.status_code == 422
    assert "<strong>0</strong> imported" in bad.text and "MetadataOnly.gpx" in bad.text
    empty = runner.post("/runs", data={"csrf_token": csrf_of(runner, "/runs")}, files={})
    assert empty.status_code == 422 and "No file came with the form" in empty.text


def test_an_upload_without_the_csrf_token_is_refused(runner):
    with ExitStack() as stack:
        response = runner.post("/runs", files=_files(GOOD[0], stack=stack))
    assert response.status_code == 403
    assert runner.get("/api/v1/runs").json()["total"] == 0


def _chunks(size: int) -> Iterator[bytes]:
    yield b"x" * size


def test_an_oversized_or_unsized_upload_is_refused_before_it_is_read(runner):
    too_big = runner.post(
        "/api/v1/runs",
        content=b"--x--\r\n",
        headers={
            "content-type": "multipart/form-data; boundary=x",
            "content-length": str(MAX_UPLOAD_BYTES + 1),
        },
    )
    assert too_big.status_code == 413
    assert too_big.headers["content-type"] == "application/problem+json"
    assert "smaller batches" in too_big.json()["detail"]
    unsized = runner.post(
        "/api/v1/runs",
        content=_chunks(10),
        headers={"content-type": "multipart/form-data; boundary=x"},
    )
    assert unsized.status_code == 411
    page = runner.post(  # the page checks the size before it reads the form's CSRF token
        "/runs",
        content=b"--x--\r\n",
        headers={
            "content-type": "multipart/form-data; boundary=x",
            "content-length": str(MAX_UPLOAD_BYTES + 1),
        },
    )
    assert page.status_code == 413 and "smaller batches" in page.text


def test_the_list_shows_miles_and_a_run_can_be_left_out_of_load(runner):
    settings = runner.get("/api/v1/settings").json()
    assert runner.put("/api/v1/settings", json=settings | {"units": "mi"}).status_code == 200
    _upload(runner, GOOD[0])
    page = runner.get("/runs").text
    assert "2.91 mi" in page and "/mi" in page  # 4.69 km
    run_id = re.search(r'<tr id="run-([0-9a-f-]{36})"', page).group(1)
    left = runner.post(
        f"/runs/{run_id}/load",
        data={"csrf_token": csrf_of(runner, "/runs"), "counts": "false"},
        follow_redirects=False,
    )
    assert left.status_code == 303
    assert runner.get("/api/v1/runs").json()["runs"][0]["counts_for_load"] is False
    assert "Left out" in runner.get("/runs").text


def test_pages_of_runs(runner):
    _upload(runner, *GOOD, "elevate__20170319_run_906581465.gpx")
    from hipstride.web.pages import runs as runs_page

    assert runs_page.PER_PAGE > 4  # four runs fit on one page: a second page clamps to it
    page = runner.get("/runs?page=2").text
    assert "Page 1 of 1" in page and page.count('<tr id="run-') == 4
    assert runner.get("/runs?page=0").status_code == 422


def test_the_api_twins(runner):
    imported = _upload(runner, *GOOD, BAD, api=True)
    assert imported.status_code == 200
    body = imported.json()
    assert (body["imported"], body["duplicate"], body["skipped"]) == (3, 0, 1)
    assert {f["status"] for f in body["files"] if f["file"] == BAD} == {"skipped"}
    listed = runner.get("/api/v1/runs?limit=2").json()
    assert listed["total"] == 3 and len(listed["runs"]) == 2
    run_id = listed["runs"][0]["id"]
    patched = runner.patch(f"/api/v1/runs/{run_id}", json={"counts_for_load": False})
    assert patched.status_code == 200 and patched.json()["counts_for_load"] is False
    assert (
        runner.patch(f"/api/v1/runs/{run_id}", json={"counts_for_load": "maybe"}).status_code == 422
    )
    empty = runner.post("/api/v1/runs", files={"other": ("a.txt", b"x")})
    assert empty.status_code == 422
    assert empty.headers["content-type"] == "application/problem+json"
    load = runner.get("/api/v1/load?weeks=4").json()
    assert len(load["weeks"]) == 4 and load["units"] == "km"
    assert any(r["id"] == "williams-2017" for r in load["references"])
    schema = runner.get("/api/v1/openapi.json").json()["paths"]
    assert {"/api/v1/runs", "/api/v1/runs/{run_id}", "/api/v1/load"} <= set(schema)
    assert "multipart/form-data" in schema["/api/v1/runs"]["post"]["requestBody"]["content"]


def test_the_load_page_draws_weeks_beside_strength(runner, clock):
    _upload(runner, "elevate__20171008_run_2067489619.gpx", "elevate__20181021_run_3106033902.tcx")
    quiet = runner.get("/load").text  # both runs are years before the clock's today
    assert "No runs in the last 12 weeks yet" in quiet and '<a href="/runs">Import' in quiet
    assert 'class="chart"' not in quiet
    clock.now = datetime(2018, 10, 29, 6, 0, tzinfo=UTC)  # the week after the 2018 run
    page = runner.get("/load")
    assert page.status_code == 200
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="chart"' in page.text
    assert '<title id="load-chart-title">' in page.text
    assert re.search(r'<li id="ref-1" value="1">Williams', page.text)
    assert '<a href="#ref-1"' in page.text
    assert "style=" not in page.text.split("<main", 1)[1]  # the CSP allows no inline style


def _feed_events(client: TestClient, url: str) -> dict[str, str]:
    response = client.get(url)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/calendar")
    calendar = vobject.readOne(response.text)
    return {e.uid.value: e.dtstart.value.strftime("%H:%M") for e in calendar.vevent_list}


def test_a_calendar_link_is_served_without_a_session_then_revoked(runner, app):
    made = runner.post(
        "/settings/calendar", data={"csrf_token": csrf_of(runner, "/settings/calendar")}
    )
    assert made.status_code == 201
    url = re.search(r'id="feed-url"[^>]*value="(http://testserver/calendar/[^"]+\.ics)"', made.text)
    assert url, made.text[:2000]
    path = url.group(1).removeprefix("http://testserver")
    stranger = TestClient(app)  # a calendar app: no cookie at all
    first = _feed_events(stranger, path)
    assert first and set(first.values()) == {"18:00"}  # no reminder time set yet
    settings = runner.get("/api/v1/settings").json()
    runner.put("/api/v1/settings", json=settings | {"reminder_time": "07:30"})
    moved = _feed_events(stranger, path)
    assert moved.keys() == first.keys() and set(moved.values()) == {"07:30"}
    download = runner.get("/settings/calendar/hipstride-plan.ics")
    assert download.headers["content-disposition"].startswith("attachment")
    assert vobject.readOne(download.text).vevent_list[0].uid.value in first
    page = runner.get("/settings/calendar").text
    assert url.group(1) not in page  # shown once only
    feed_id = re.search(r'action="/settings/calendar/([0-9a-f-]{36})/revoke"', page).group(1)
    runner.post(
        f"/settings/calendar/{feed_id}/revoke",
        data={"csrf_token": csrf_of(runner, "/settings/calendar")},
    )
    assert stranger.get(path).status_code == 404
    assert stranger.get("/calendar/not-a-token.ics").status_code == 404


def test_calendar_feeds_over_the_api(runner, app):
    made = runner.post("/api/v1/calendar-feeds")
    assert made.status_code == 201
    body = made.json()
    path = body["url"].removeprefix("http://testserver")
    assert _feed_events(TestClient(app), path)
    assert [f["id"] for f in runner.get("/api/v1/calendar-feeds").json()] == [body["id"]]
    assert runner.delete(f"/api/v1/calendar-feeds/{body['id']}").status_code == 204
    assert TestClient(app).get(path).status_code == 404
    assert runner.get("/api/v1/calendar-feeds").json()[0]["revoked_at"] is not None
    assert runner.delete(f"/api/v1/calendar-feeds/{body['id']}").status_code == 204


@pytest.mark.parametrize("page", ["/runs", "/load", "/settings/calendar"])
def test_the_pages_need_a_session(app, page):
    response = TestClient(app).get(page, follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/sign-in"


def test_an_upload_that_shows_a_new_week_moves_the_plan_and_says_why(runner, tmp_path):
    """Six weeks of Tue/Thu/Sat runs (written here as GPX) for a runner whose profile leaves
    the week open: the plan's coming sessions move, and the result explains it."""
    from tests.e2e.test_cli_load_and_fit import write_runs

    profile = runner.get("/api/v1/profile").json()
    open_week = profile | {"running_days": [], "long_run_day": None, "hard_days": []}
    assert runner.put("/api/v1/profile", json=open_week).status_code == 200
    write_runs(tmp_path / "runs")
    with ExitStack() as stack:
        files = [
            ("files", (p.name, stack.enter_context(p.open("rb")), "application/gpx+xml"))
            for p in sorted((tmp_path / "runs").iterdir())
        ]
        page = runner.post("/runs", files=files, data={"csrf_token": csrf_of(runner, "/runs")})
    assert page.status_code == 200
    assert "<strong>18</strong> imported" in page.text
    assert "Your plan now fits the week your runs show" in page.text
    text = " ".join(page.text.split())
    assert "Strength days now" in text
    load = runner.get("/load").text
    assert "Week of 16 Nov 2026" in load or "Week of 23 Nov 2026" in load  # the jump is flagged
    assert re.search(r'<a href="#ref-\d" aria-label="reference \d">\[\d\]</a>', load)


def test_the_cli_calendar_uses_the_reminder_time_unless_told(runner, db_url):
    from tests.e2e.test_cli_library import hipstride

    settings = runner.get("/api/v1/settings").json()
    runner.put("/api/v1/settings", json=settings | {"reminder_time": "06:15"})
    env = {"HIPSTRIDE_DATABASE_URL": db_url}
    default = hipstride("calendar", "--out", "-", env=env)
    assert default.returncode == 0, default.stderr
    starts = {
        e.dtstart.value.strftime("%H:%M") for e in vobject.readOne(default.stdout).vevent_list
    }
    assert starts == {"06:15"}
    told = hipstride("calendar", "--out", "-", "--at", "19:45", env=env)
    assert {
        e.dtstart.value.strftime("%H:%M") for e in vobject.readOne(told.stdout).vevent_list
    } == {"19:45"}
