"""The pages a signed-in runner sees, for the runner the CLI made a plan for."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from tests.e2e.web_client import (
    TestClient,
    sign_up,
)

FAMILIES = ("Squat", "Clamshell", "Banded side step", "Glute bridge", "Quadruped hip extension")


def test_every_page_is_linked_from_the_navigation(runner):
    nav = runner.get("/").text.split('<nav class="nav"', 1)[1].split("</nav>", 1)[0]
    for href in ("/", "/plan", "/exercises", "/handout.pdf"):
        assert f'href="{href}"' in nav


def test_the_dashboard_shows_todays_session_and_the_next_ones(runner):
    html = runner.get("/").text
    assert "Monday 30 November" in html and "Today's session" in html
    assert "Clamshell" in html and "2 × 10-15 per side" in html
    assert "After that" in html and "Fri 04 Dec" in html
    assert "Deep squat" in html or "deep squat" in html.lower()
    assert "3/3" in html  # the CLI's clean deep squat
    assert "Training is on hold" not in html


def test_the_plan_is_a_week_calendar(runner):
    html = runner.get("/plan").text
    assert html.count('class="week"') == 8
    assert 'datetime="2026-11-30"' in html and "Week 4" in html


def test_the_library_lists_the_five_strength_families_with_pictures(runner):
    html = runner.get("/exercises").text
    for family in FAMILIES:
        assert f"<h2>{family} " in html, family
    assert 'src="/exercises/banded-side-step-feet.svg"' in html


def test_an_exercise_page_cites_its_papers_and_its_svg_is_an_image(runner):
    html = runner.get("/exercises/banded-side-step-feet").text
    assert "step 4 of 4" in html
    assert "Lewis CL, Foley HD, Lee TS, et al." in html
    assert re.search(r'<li id="ref-\d+" value="\d+">', html)
    assert '<img class="figure" src="/exercises/banded-side-step-feet.svg"' in html
    svg = runner.get("/exercises/banded-side-step-feet.svg")
    assert svg.status_code == 200
    assert svg.headers["content-type"] == "image/svg+xml"
    assert "script" not in svg.headers["content-security-policy"]
    root = ET.fromstring(svg.content)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"


def test_an_unknown_exercise_is_a_404_page(runner):
    response = runner.get("/exercises/no-such-step")
    assert response.status_code == 404 and "no-such-step" in response.text


def test_the_handout_downloads_as_a_pdf(runner):
    response = runner.get("/handout.pdf")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_a_runner_without_a_plan_is_prompted_and_gets_no_handout(app):
    client = TestClient(app)
    sign_up(client, "new@example.org")
    assert "Make your plan" in client.get("/").text
    assert "No plan yet" in client.get("/plan").text
    assert client.get("/handout.pdf").status_code == 404


def test_the_api_reference_lists_every_api_route(runner):
    html = runner.get("/docs").text
    for line in ("GET /api/v1/plan", "POST /api/v1/sets", "POST /api/v1/sessions/{day}/finish"):
        assert line in html
