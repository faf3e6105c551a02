"""A write that carries the session cookie must come from our own pages."""

from __future__ import annotations

from sqlalchemy import create_engine, func, select

from hipstride.store import tables as db
from tests.e2e.web_client import TestClient
from tests.integration.runs_files import runs_folder

FILE = "tcxparser__test.tcx"


def _upload(client: TestClient, origin: str | None):
    headers = {"origin": origin} if origin else {}
    with (runs_folder() / FILE).open("rb") as handle:
        return client.post(
            "/api/v1/runs", files=[("files", (FILE, handle, "text/xml"))], headers=headers
        )


def _runs(db_url: str) -> int:
    engine = create_engine(db_url)
    try:
        with engine.connect() as connection:
            return connection.scalar(select(func.count()).select_from(db.Run)) or 0
    finally:
        engine.dispose()


def test_an_upload_from_another_site_is_refused_and_stores_nothing(runner, db_url):
    refused = _upload(runner, "https://evil.example")
    assert refused.status_code == 403
    assert refused.headers["content-type"] == "application/problem+json"
    assert "another site (https://evil.example)" in refused.json()["detail"]
    assert refused.headers["x-frame-options"] == "DENY"  # still wrapped by the headers
    assert _runs(db_url) == 0
    assert _upload(runner, "http://testserver").status_code == 200  # our own pages
    assert _runs(db_url) == 1


def test_a_script_without_a_cookie_is_not_held_to_the_origin(app, runner):
    token = runner.post("/api/v1/tokens", json={"name": "script"}).json()["token"]
    script = TestClient(app)  # no cookies: an access token only
    script.headers["authorization"] = f"Bearer {token}"
    assert _upload(script, "https://elsewhere.example").status_code == 200
