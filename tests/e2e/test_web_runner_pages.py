"""A new runner does in the browser what the CLI does: profile, self-tests, plan, a session,
the morning check-in, history, progress and export; forms without JavaScript, and the API."""

from __future__ import annotations

import io
import json
import re
import xml.etree.ElementTree as ET
import zipfile

import pytest

from tests.e2e.web_client import TestClient, csrf_of, sign_up

DAY = "2026-11-30"  # the test clock's Monday
SVG = "{http://www.w3.org/2000/svg}"
NAV = ("/checkin", "/history", "/progress", "/assess", "/plan/new", "/profile", "/export")
PROFILE = {
    "running_days": ["tue", "thu", "sat"],
    "long_run_day": "sun",
    "hard_days": ["thu"],
    "race_date": "",
    "experience": "new",
    "equipment": ["mat", "chair", "mini-band-light"],
    "minutes_per_session": "30",
    "sessions_per_week": "3",
}
NO_PAIN = dict.fromkeys(
    (
        "current-pain",
        "current-injury",
        "rest-or-night-pain",
        "nerve-symptoms",
        "recent-surgery",
        "past-injury",
    ),
    "no",
)


def _post(client: TestClient, path: str, data: dict[str, object], **kwargs: object):
    return client.post(path, data={**data, "csrf_token": csrf_of(client)}, **kwargs)


@pytest.fixture
def newcomer(app) -> TestClient:
    client = TestClient(app)
    sign_up(client, "newcomer@example.org")
    return client


def _profile(client: TestClient) -> None:
    response = _post(client, "/profile", PROFILE, follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/profile?saved=profile"


def _tests(client: TestClient, *, left: str = "35", right: str = "34") -> None:
    assert _post(client, "/assess/screen", NO_PAIN, follow_redirects=False).headers["location"] == (
        "/assess/squat"
    )
    squat = {"reached_depth": "yes", "pain": "0"}
    assert _post(client, "/assess/squat", squat, follow_redirects=False).status_code == 303
    bridge = {"left_hold_seconds": left, "right_hold_seconds": right}
    bridge |= {"left_pain": "0", "right_pain": "0"}
    response = _post(client, "/assess/bridge", bridge, follow_redirects=False)
    assert response.headers["location"] == "/assess/results"


def test_every_new_page_is_in_the_navigation_and_renders(newcomer):
    nav = newcomer.get("/").text.split('<nav class="nav"', 1)[1].split("</nav>", 1)[0]
    for href in NAV:
        assert f'href="{href}"' in nav
        page = newcomer.get(href)
        assert page.status_code == 200, href
        assert "<h1>" in page.text and 'aria-current="page"' in page.text.split("</nav>")[0]


def test_a_new_runner_goes_from_profile_to_plan_to_progress(newcomer, clock):
    _profile(newcomer)
    assert 'value="tue" checked' in newcomer.get("/profile").text
    _tests(newcomer, left="20", right="34")
    results = newcomer.get("/assess/results").text
    assert 'id="make-plan"' in results and "2/3" in results and "3/3" in results
    made = _post(newcomer, "/plan/new", {"start": DAY, "weeks": "4"})
    assert made.status_code == 200 and "Your 4-week plan is ready" in made.text
    assert '<ul class="explanations" id="plan-explanations"><li>' in made.text
    assert newcomer.get("/plan").text.count('class="week"') == 4
    # One set through the guided session's form, then finish.
    session = newcomer.get(f"/session/{DAY}").text
    form = re.search(r'<form class="set-form form".*?</form>', session, re.S)
    assert form
    fields = dict(re.findall(r'name="(\w+)"[^>]*?value="([^"]*)"', form.group(0)))
    fields |= {"pain": "3", "reps_in_reserve": "2"}
    assert newcomer.post(f"/session/{DAY}/sets", data=fields).status_code == 200
    assert _post(newcomer, f"/session/{DAY}/finish", {}).status_code == 200
    # Next morning.
    clock.now = clock.now.replace(day=1, month=12)
    checkin = _post(newcomer, "/checkin", {"pain": "2", "day": "2026-12-01", "note": "fine"})
    assert "Recorded morning pain 2/10 for Tue 01 Dec." in checkin.text
    assert '<ul class="explanations" id="adaptations"><li>' in checkin.text
    history = newcomer.get("/history").text
    assert "Monday 30 November 2026" in history and "3/10" in history
    assert "1 session, newest first" in history
    progress = newcomer.get("/progress").text
    assert "<strong>1</strong> sets logged" in progress
    for chart in ("chart-volume", "chart-pain", "chart-tests", "chart-steps"):
        svg = re.search(rf'<svg [^>]*id="{chart}".*?</svg>', progress, re.S)
        assert svg, chart
        root = ET.fromstring(svg.group(0))
        assert root.get("role") == "img" and root.find(f"{SVG}title") is not None
        assert root.find(f"{SVG}desc") is not None
    assert "style=" not in progress.split("<main", 1)[1]  # the CSP allows no inline styles


def test_a_red_flag_stops_at_the_referral_and_no_plan_is_made(newcomer):
    _profile(newcomer)
    stopped = _post(newcomer, "/assess/screen", NO_PAIN | {"current-pain": "yes"})
    assert stopped.status_code == 200
    assert "see a physical therapist or an orthopedist first" in stopped.text
    assert newcomer.get("/assess/squat", follow_redirects=False).headers["location"] == "/assess"
    refused = _post(newcomer, "/plan/new", {"start": DAY, "weeks": "8"})
    assert refused.status_code == 409 and "Training is on hold" in refused.text
    assert "No plan yet" in newcomer.get("/plan").text
    # A clinician's clearance lifts the hold; the tests can then be taken.
    cleared = _post(newcomer, "/assess/clear", {"cleared_by": "Dr Lee"}, follow_redirects=False)
    assert cleared.headers["location"] == "/assess/results"
    assert newcomer.get("/assess/squat").status_code == 200


def test_pain_in_a_test_stops_too(newcomer):
    _post(newcomer, "/assess/screen", NO_PAIN)
    stopped = _post(newcomer, "/assess/squat", {"reached_depth": "yes", "pain": "4"})
    assert 'id="referral"' in stopped.text and "Score 0/3: Pain." in stopped.text
    assert "Training is on hold" in newcomer.get("/assess/results").text


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"running_days": ["funday"]}, "Running days: &#39;funday&#39; is not a weekday"),
        ({"minutes_per_session": "5"}, "Minutes per session: enter a number from 10 to 90."),
        ({"equipment": ["kettlebell"]}, "Equipment: kettlebell unknown"),
        ({"race_date": "next spring"}, "Race date: &#39;next spring&#39; is not a date"),
        ({"experience": "lots"}, "Strength training so far: &#39;lots&#39; is not new"),
    ],
)
def test_a_wrong_profile_field_is_named_and_nothing_is_saved(newcomer, change, message):
    response = _post(newcomer, "/profile", PROFILE | change)
    assert response.status_code == 422 and message in response.text
    assert newcomer.get("/api/v1/profile").status_code == 404


def test_settings_take_a_real_time_zone_and_a_reminder(newcomer):
    bad = _post(newcomer, "/profile/settings", {"units": "km", "time_zone": "Mars/Olympus"})
    assert bad.status_code == 422 and "Time zone: &#39;Mars/Olympus&#39; is not a time zone" in (
        bad.text
    )
    good = {"units": "mi", "time_zone": "Pacific/Auckland", "reminder_time": "07:30"}
    assert _post(newcomer, "/profile/settings", good, follow_redirects=False).status_code == 303
    assert newcomer.get("/api/v1/settings").json() == {
        "units": "mi",
        "time_zone": "Pacific/Auckland",
        "reminder_time": "07:30:00",
    }
    assert 'value="07:30"' in newcomer.get("/profile").text
    # 06:00 UTC on Monday is Monday evening in Auckland... and the day pages follow the zone.
    assert 'value="2026-11-30"' in newcomer.get("/checkin").text


def test_the_bridge_form_needs_seconds_and_has_an_optional_stopwatch(newcomer):
    _post(newcomer, "/assess/screen", NO_PAIN)
    page = newcomer.get("/assess/bridge").text
    assert 'id="left_hold_seconds" name="left_hold_seconds"' in page
    assert "/static/stopwatch.js" in page and "data-stopwatch-toggle" in page
    bad = _post(
        newcomer, "/assess/bridge", {"left_hold_seconds": "long", "right_hold_seconds": "3"}
    )
    assert bad.status_code == 422 and "Seconds held on your left foot" in bad.text
    squat = newcomer.get("/assess/squat").text
    assert 'src="/self-tests/deep-squat.svg?still=end"' in squat
    svg = newcomer.get("/self-tests/deep-squat.svg?still=end")
    assert svg.headers["content-type"] == "image/svg+xml"
    assert newcomer.get("/self-tests/deep-squat.svg?still=nope").status_code == 404


def test_history_pages_newest_first(runner):
    for day in ("2026-11-30", "2026-12-07", "2026-12-04"):
        slot = runner.get(f"/api/v1/sessions/{day}").json()["remaining"][0]
        body = {k: slot[k] for k in ("position", "set_number", "side")}
        body |= {"day": day, "reps": 10, "pain": 1, "idempotency_key": f"h:{day}"}
        assert runner.post("/api/v1/sets", json=body).status_code == 201
    first = runner.get("/api/v1/history", params={"per_page": 2}).json()
    assert (first["total"], first["pages"]) == (3, 2)
    assert [s["day"] for s in first["sessions"]] == ["2026-12-07", "2026-12-04"]
    second = runner.get("/api/v1/history", params={"per_page": 2, "page": 2}).json()
    assert [s["day"] for s in second["sessions"]] == ["2026-11-30"]
    assert second["sessions"][0]["sets"][0]["reps"] == 10
    assert runner.get("/api/v1/history?page=0").status_code == 422


def test_the_api_does_what_the_pages_do(newcomer):
    assert newcomer.get("/api/v1/plan").status_code == 404
    profile = {"running_days": ["tue", "thu"], "long_run_day": "sun", "hard_days": ["thu"]}
    saved = newcomer.put("/api/v1/profile", json=profile | {"equipment": ["mat", "chair"]})
    assert saved.status_code == 200 and saved.json()["running_days"] == ["tue", "thu", "sun"]
    wrong = newcomer.put("/api/v1/profile", json=profile | {"equipment": ["anvil"]})
    assert wrong.status_code == 422
    assert wrong.headers["content-type"] == "application/problem+json"
    assert wrong.json()["field"] == "equipment"
    early = newcomer.post("/api/v1/assessments/deep-squat", json={"reached_depth": True})
    assert early.status_code == 409
    questions = [q["id"] for q in newcomer.get("/api/v1/pain-screen").json()["questions"]]
    answers = dict.fromkeys(questions, False)
    screen = newcomer.post("/api/v1/assessments/pain-screen", json={"answers": answers})
    assert screen.status_code == 201 and screen.json()["clear_to_train"] is True
    squat = newcomer.post("/api/v1/assessments/deep-squat", json={"reached_depth": False})
    assert squat.json()["score"] == 1 and "depth-limit" in squat.json()["outcomes"]
    sides = {"left": {"hold_seconds": 40}, "right": {"hold_seconds": 8.5}}
    bridge = newcomer.post("/api/v1/assessments/single-leg-bridge", json=sides).json()
    assert bridge["score"] == 1 and bridge["stop"] is False
    plan = newcomer.post("/api/v1/plan", json={"start": DAY, "weeks": 2})
    assert plan.status_code == 201 and plan.json()["explanations"]
    assert newcomer.get("/api/v1/plan").json()["weeks_count"] == 2
    checkin = newcomer.post("/api/v1/checkins", json={"pain": 7}).json()
    assert checkin["day"] == DAY and "physical therapist" in checkin["warning"]
    assert newcomer.post("/api/v1/checkins", json={"pain": 1, "day": "2026-12-25"}).status_code == (
        422
    )
    assert newcomer.get("/api/v1/checkins").json()[0]["pain"] == 7
    progress = newcomer.get("/api/v1/progress").json()
    assert progress["as_of"] == DAY and progress["tests"][0]["test_id"] == "deep-squat"


def test_a_red_flag_over_the_api_returns_the_referral(newcomer):
    questions = [q["id"] for q in newcomer.get("/api/v1/pain-screen").json()["questions"]]
    answers = dict.fromkeys(questions, False) | {"nerve-symptoms": True}
    result = newcomer.post("/api/v1/assessments/pain-screen", json={"answers": answers}).json()
    assert result["clear_to_train"] is False and result["red_flags"] == ["nerve-symptoms"]
    assert "see a physical therapist or an orthopedist first" in result["message"]
    newcomer.put("/api/v1/profile", json={"running_days": ["tue"]})
    refused = newcomer.post("/api/v1/plan", json={})
    assert refused.status_code == 409 and "on hold" in refused.json()["detail"]
    partial = newcomer.post("/api/v1/assessments/pain-screen", json={"answers": {}})
    assert partial.status_code == 422


def test_my_data_downloads_as_json_and_as_a_csv_zip(runner):
    page = runner.get("/export").text
    assert 'id="export-json" href="/export/hipstride-data.json"' in page
    document = runner.get("/export/hipstride-data.json")
    assert document.headers["content-disposition"] == 'attachment; filename="hipstride-data.json"'
    assert json.loads(document.content) == runner.get("/api/v1/export").json()
    archive = zipfile.ZipFile(io.BytesIO(runner.get("/export/hipstride-data-csv.zip").content))
    assert {"athletes.csv", "profiles.csv", "plans.csv"} <= set(archive.namelist())
    assert archive.read("athletes.csv").decode().startswith("id,")
    assert runner.get("/api/v1/export.zip").headers["content-type"] == "application/zip"


def test_the_app_can_be_added_to_a_home_screen(runner):
    html = runner.get("/").text
    assert re.search(r'<link rel="manifest" href="[^"]*/static/manifest\.webmanifest">', html)
    manifest = runner.get("/static/manifest.webmanifest")
    assert manifest.headers["content-type"].startswith("application/manifest+json")
    data = manifest.json()
    assert data["display"] == "standalone" and data["start_url"] == "/"
    for icon in data["icons"]:
        fetched = runner.get(icon["src"])
        assert fetched.status_code == 200 and fetched.headers["content-type"] == icon["type"]
    assert runner.get("/static/icon-512.png").content.startswith(b"\x89PNG")
