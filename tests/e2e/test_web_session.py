"""The guided session page: set forms without JavaScript, resuming, pain, finishing."""

from __future__ import annotations

import re
from pathlib import Path

from sqlalchemy import create_engine, func, select

from hipstride.store.tables import SetLog
from tests.e2e.web_client import TestClient, csrf_of, sign_up

DAY = "2026-11-30"
PAGE = f"/session/{DAY}"
STATIC = Path(__file__).resolve().parents[2] / "src" / "hipstride" / "web" / "static"


def _set_count(db_url: str) -> int:
    engine = create_engine(db_url)
    try:
        with engine.connect() as connection:
            return connection.scalar(select(func.count()).select_from(SetLog)) or 0
    finally:
        engine.dispose()


def _current_form(html: str) -> dict[str, str]:
    """The hidden and pre-filled fields of the first (visible) set form on the page."""
    form = re.search(r'<form class="set-form form"(.*?)</form>', html, re.S)
    assert form, html[:1000]
    fields = dict(re.findall(r'name="(\w+)"[^>]*?value="([^"]*)"', form.group(0)))
    assert "hidden" not in form.group(1).split(">")[0]
    return fields


def _label(html: str) -> str:
    match = re.search(r'<h3 class="slot-label">([^<]+)</h3>', html)
    assert match
    return match.group(1)


def _post_set(client: TestClient, **changes: str) -> object:
    fields = _current_form(client.get(PAGE).text) | changes
    return client.post(f"{PAGE}/sets", data=fields, follow_redirects=False)


def test_the_page_shows_the_first_exercise_its_picture_and_its_set_form(runner):
    response = runner.get(PAGE)
    assert response.status_code == 200
    html = response.text
    assert '<img class="figure" src="/exercises/clamshell.svg" alt="' in html
    assert "Clamshell" in html and "Save set" in html
    assert _label(html).startswith("Set 1 of") and _label(html).endswith("left side")
    fields = _current_form(html)
    assert (fields["position"], fields["set_number"], fields["side"]) == ("0", "1", "left")
    assert fields["csrf_token"] and fields["reps"]  # pre-filled with the target
    api = runner.get(f"/api/v1/sessions/{DAY}").json()["remaining"][0]
    assert fields["reps"] == str(api["target_reps"])
    assert re.search(r'<script src="[^"]*/static/session\.js" defer></script>', html)
    policy = response.headers["content-security-policy"]
    assert "unsafe-inline" not in policy and "script-src 'self'" in policy


def test_a_set_posted_by_the_form_is_stored_and_the_page_moves_on_and_resumes(runner, db_url):
    first = _label(runner.get(PAGE).text)
    response = _post_set(runner, reps="11", pain="1", reps_in_reserve="3")
    assert response.status_code == 303 and response.headers["location"] == PAGE
    assert _set_count(db_url) == 1
    page = runner.get(PAGE).text
    assert _label(page) != first
    assert _current_form(page)["side"] == "right"
    again = runner.get(PAGE).text  # a reload resumes at the same slot
    assert _label(again) == _label(page) and _current_form(again)["set_number"] == "1"
    assert runner.get(f"/api/v1/sessions/{DAY}").json()["done_sets"] == 1


def test_the_form_needs_its_csrf_token(runner, db_url):
    fields = _current_form(runner.get(PAGE).text) | {"csrf_token": "wrong"}
    assert runner.post(f"{PAGE}/sets", data=fields).status_code == 403
    assert _set_count(db_url) == 0


def test_the_same_form_sent_twice_stores_one_set(runner, db_url):
    fields = _current_form(runner.get(PAGE).text)
    for _ in range(2):  # a double tap, or the browser re-sending the POST
        response = runner.post(f"{PAGE}/sets", data=fields, follow_redirects=False)
        assert response.status_code == 303
    assert _set_count(db_url) == 1
    assert runner.get(f"/api/v1/sessions/{DAY}").json()["done_sets"] == 1


def test_a_bad_value_is_refused_on_the_page(runner, db_url):
    response = _post_set(runner, pain="11")
    assert response.status_code == 422 and "from 0 to 10" in response.text
    assert _set_count(db_url) == 0


def test_pain_above_five_shows_the_referral_and_offers_to_skip(runner, db_url):
    response = _post_set(runner, pain="7")
    assert response.status_code == 303 and "pain=7" in response.headers["location"]
    html = runner.get(response.headers["location"]).text
    assert "Stop this exercise for today" in html
    assert "see a physical therapist or an orthopedist" in html
    skip = re.search(r'<a class="button" href="([^"]+)" data-pain-skip', html)
    assert skip and "skip=0" in skip.group(1)
    skipped = runner.get(skip.group(1).replace("&amp;", "&")).text
    assert _current_form(skipped)["position"] == "1"  # on to the next exercise
    assert "skipped today" in skipped
    calm = runner.get(PAGE).text
    assert 'id="pain-alert" class="card warning" role="alert" tabindex="-1" hidden' in calm


def test_finishing_shows_what_changes_and_the_dashboard_marks_it_done(runner, db_url):
    assert f'href="/session/{DAY}"' in runner.get("/").text  # the Start button
    remaining = runner.get(f"/api/v1/sessions/{DAY}").json()["remaining"]
    for _ in remaining:
        assert _post_set(runner, reps_in_reserve="3").status_code == 303
    page = runner.get(PAGE).text
    assert "set-form" not in page and "Finish session" in page
    token = csrf_of(runner, PAGE)
    done = runner.post(f"{PAGE}/finish", data={"csrf_token": token})
    assert done.status_code == 200
    assert "What changes next time" in done.text
    lines = re.findall(r"<li>([^<]+)</li>", done.text.split("explanations", 1)[1])
    assert lines and all(line.strip() for line in lines)
    assert "Session done" in runner.get(PAGE).text
    assert f'href="/session/{DAY}"' not in runner.get("/").text
    plan = runner.get("/plan").text
    card = plan.split(f'datetime="{DAY}"', 1)[1].split("</h3>", 1)[0]
    assert '<span class="tag">done</span>' in card
    again = runner.post(f"{PAGE}/finish", data={"csrf_token": token}, follow_redirects=False)
    assert again.status_code == 303  # finishing twice changes nothing


def test_finishing_before_any_set_is_refused(runner):
    response = runner.post(f"{PAGE}/finish", data={"csrf_token": csrf_of(runner, PAGE)})
    assert response.status_code == 422 and "log a set first" in response.text


def test_another_account_gets_a_404(app, runner):
    other = TestClient(app)
    sign_up(other, "stranger@example.org")
    response = other.get(PAGE)
    assert response.status_code == 404 and "Clamshell" not in response.text
    assert runner.get("/session/2026-12-01").status_code == 404  # no session that day


def test_session_js_queues_sets_with_keys_and_keeps_the_screen_on():
    script = (STATIC / "session.js").read_text()
    for needle in (
        "crypto.randomUUID()",
        "localStorage",
        "navigator.wakeLock",
        '"online"',
        "Date.now()",
        "AudioContext",
        "/api/v1/sets",
    ):
        assert needle in script, needle
