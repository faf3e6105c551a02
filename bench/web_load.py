"""The web app under load: 50 runners at once on the dashboard and on set logging, against a
bare FastAPI app served the same way in the same run.

The app runs in its own process (uvicorn, one worker, as ``hipstride serve`` runs it) over a
fresh SQLite file holding 50 runners, each with an account, a plan and a web session made
through the services. The load comes from this process: 50 clients (asyncio tasks over one
httpx2 AsyncClient each), each alternating a dashboard page and a ``POST /api/v1/sets`` with
a new idempotency key, every tenth post being a retry of the one before (same key, as a phone
on a bad connection sends it). The bare app has the same two routes, sync like ours, and gets
the same clients, so the client's own overhead is identical for both. Afterwards every
request must have succeeded and the database must hold exactly one row per set logged.
With ``HIPSTRIDE_TEST_POSTGRES_URL`` set (``scripts/ensure-postgres.sh`` prints it), the app
is also loaded on a fresh PostgreSQL database.
"""

from __future__ import annotations

import asyncio
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

CLIENTS = 50
SECONDS = 30.0
START = date(2026, 11, 30)  # a Monday: the plans start here and the server's clock is on it
NOW = datetime(2026, 11, 30, 6, 0, tzinfo=UTC)
RETRY_EVERY = 10
POSTGRES_URL_ENV = "HIPSTRIDE_TEST_POSTGRES_URL"


@dataclass(frozen=True)
class Runner:
    token: str
    slots: list[dict[str, Any]]  # the API body of each set slot of the plan, in order


@dataclass
class Tally:
    """Latencies per route, failures, and the keys the server acknowledged."""

    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    failures: list[str] = field(default_factory=list)
    keys: set[str] = field(default_factory=set)


def set_up(url: str) -> list[Runner]:
    """``CLIENTS`` runners, each with an account, a profile, both self-tests, an 8-week plan
    and a web session; returns their session tokens and set slots."""
    from hipstride.assess.bridge import BridgeSide
    from hipstride.assess.squat import SquatMeasures
    from hipstride.knowledge.catalog import load_catalog
    from hipstride.plan.models import Experience, Profile
    from hipstride.services import accounts, assessment, planning, runner, training
    from hipstride.store.engine import make_engine, make_sessionmaker, migrate

    catalog = load_catalog()
    engine = make_engine(url)
    migrate(engine)
    sessions = make_sessionmaker(engine)
    profile = Profile(
        running_days=frozenset({1, 3, 5}),
        long_run_day=6,
        hard_days=frozenset({3}),
        experience=Experience.NEW,
        equipment=frozenset({"mat", "chair", "mini-band-light"}),
        minutes_per_session=30,
        sessions_per_week=3,
    )
    runners = []
    try:
        for i in range(CLIENTS):
            with sessions() as s, s.begin():
                account = accounts.create_account(
                    s, username=f"runner{i:02d}", password=None, athlete_id=None, now=NOW
                )
                athlete = account.athlete_id
                runner.save_profile(s, athlete_id=athlete, profile=profile, now=NOW)
                answers = {q.id: False for q in catalog.pain_screen.questions}
                assessment.record_pain_screen(
                    s, catalog=catalog, athlete_id=athlete, answers=answers, now=NOW
                )
                assessment.record_squat(
                    s, catalog=catalog, athlete_id=athlete, measures=SquatMeasures(True), now=NOW
                )
                assessment.record_bridge(
                    s,
                    catalog=catalog,
                    athlete_id=athlete,
                    left=BridgeSide(35.0),
                    right=BridgeSide(34.0),
                    now=NOW,
                )
                plan, _ = planning.make_plan(
                    s, catalog=catalog, athlete_id=athlete, start=START, weeks=8, now=NOW
                )
                days = [p.day for p in plan.sessions]
                token = accounts.start_session(s, account_id=account.id, now=NOW).token
            slots = []
            with sessions() as s:
                for day in days:
                    todo = training.session_for(s, athlete_id=athlete, day=day)
                    slots += [
                        {
                            "day": day.isoformat(),
                            "position": x.position,
                            "set_number": x.set_number,
                            "side": x.side,
                            "reps": x.target_reps,
                            "held_seconds": x.target_hold_seconds,
                            "pain": 1,
                        }
                        for x in todo.left
                    ]
            runners.append(Runner(token, slots))
    finally:
        engine.dispose()
    return runners


def stored_sets(url: str) -> int:
    from sqlalchemy import func, select

    from hipstride.store.engine import make_engine
    from hipstride.store.tables import SetLog

    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            return connection.scalar(select(func.count()).select_from(SetLog)) or 0
    finally:
        engine.dispose()


# ---- the two servers, each in a process of its own: ``python -m bench.web_load serve ...``


def bare_app() -> Any:
    """The baseline: FastAPI with the same two routes doing no work of their own."""
    from fastapi import FastAPI
    from fastapi.responses import HTMLResponse

    app = FastAPI()

    @app.get("/", response_class=HTMLResponse)
    def page() -> str:
        return "<!doctype html><html lang=en><title>Today</title><h1>Today</h1></html>"

    @app.post("/api/v1/sets", status_code=201)
    def log(body: dict[str, Any]) -> dict[str, Any]:
        return body

    return app


def serve(kind: str, url: str, port: int) -> None:
    import uvicorn

    from hipstride.settings import Settings
    from hipstride.web.app import create_app

    if kind == "bare":
        app = bare_app()
    else:
        app = create_app(Settings(database_url=url, athlete="runner00"), clock=lambda: NOW)
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="error", server_header=False)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def start_server(kind: str, url: str) -> tuple[subprocess.Popen[bytes], str]:
    import httpx2

    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "bench.web_load", "serve", kind, url, str(port)],
        cwd=Path(__file__).resolve().parent.parent,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            httpx2.get(f"{base}/sign-in" if kind == "app" else base, timeout=1)
            return process, base
        except httpx2.TransportError:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError(f"the {kind} server did not start")


# ---- the clients


async def client(http: Any, runner: Runner, index: int, stop_at: float, tally: Tally) -> None:
    """One runner's phone: a dashboard page, then the next set (or a retry of the last)."""
    import httpx2

    posted = sent = 0
    last: dict[str, Any] | None = None
    while time.perf_counter() < stop_at:
        route = "GET /"
        try:
            start = time.perf_counter()
            response = await http.get("/")
            tally.latencies[route].append(time.perf_counter() - start)
            if response.status_code != 200:
                tally.failures.append(f"{route} {response.status_code}")
            if posted >= len(runner.slots):
                continue
            sent += 1
            if last is not None and sent % RETRY_EVERY == 0:
                body, route = last, "POST /api/v1/sets (retry)"
            else:
                key = f"bench-{index:02d}-{posted:05d}-{uuid.uuid4().hex[:8]}"
                body, route = runner.slots[posted] | {"idempotency_key": key}, "POST /api/v1/sets"
                posted += 1
            start = time.perf_counter()
            response = await http.post("/api/v1/sets", json=body)
            tally.latencies[route].append(time.perf_counter() - start)
            if response.status_code != 201:
                tally.failures.append(f"{route} {response.status_code} {response.text[:200]}")
            else:
                tally.keys.add(body["idempotency_key"])
            last = body
        except httpx2.HTTPError as exc:
            tally.failures.append(f"{route} {type(exc).__name__}: {exc}")


async def load(base: str, runners: list[Runner], seconds: float) -> tuple[Tally, float]:
    """Every client made and connected first, then ``seconds`` of load from all at once."""
    import httpx2

    tally = Tally()
    clients = [
        httpx2.AsyncClient(
            base_url=base,
            cookies={"hipstride_session": r.token},
            limits=httpx2.Limits(max_connections=1),
            timeout=30,
        )
        for r in runners
    ]
    try:
        start = time.perf_counter()
        stop_at = start + seconds
        await asyncio.gather(
            *(
                client(http, r, i, stop_at, tally)
                for i, (http, r) in enumerate(zip(clients, runners, strict=True))
            )
        )
        return tally, time.perf_counter() - start
    finally:
        for http in clients:
            await http.aclose()


def run(kind: str, url: str, runners: list[Runner], seconds: float) -> tuple[Tally, float]:
    process, base = start_server(kind, url)
    try:
        return asyncio.run(load(base, runners, seconds))
    finally:
        process.terminate()
        process.wait(timeout=30)


def percentile(values: list[float], q: int) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1] if len(values) > 1 else 0


def show(label: str, tally: Tally, elapsed: float, base: Tally | None, base_elapsed: float) -> None:
    print(f"  {label}")
    for route in sorted(tally.latencies):
        values = tally.latencies[route]
        rate = len(values) / elapsed
        p50, p95, p99 = (percentile(values, q) * 1000 for q in (50, 95, 99))
        line = (
            f"    {route:<28} {rate:8,.0f} req/s   "
            f"p50 {p50:7.1f} ms   p95 {p95:7.1f} ms   p99 {p99:7.1f} ms"
        )
        if base is not None and base.latencies.get(route):
            other = base.latencies[route]
            line += (
                f"   {(len(other) / base_elapsed) / rate:5.1f}× fewer req/s, "
                f"p50 {percentile(values, 50) / percentile(other, 50):5.1f}× the bare app's"
            )
        print(line)


@contextmanager
def fresh_postgres() -> Iterator[str | None]:
    """A new PostgreSQL database on the tests' server (``HIPSTRIDE_TEST_POSTGRES_URL``, which
    ``scripts/ensure-postgres.sh`` prints), dropped afterwards; None without the variable."""
    admin_url = os.environ.get(POSTGRES_URL_ENV, "").strip()
    if not admin_url:
        yield None
        return
    from sqlalchemy import create_engine, text

    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    name = f"hipstride_load_{uuid.uuid4().hex[:12]}"
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        yield admin.url.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def main(seconds: float = SECONDS) -> None:
    results = []
    with (
        tempfile.TemporaryDirectory(prefix="hipstride-web-load-") as folder,
        fresh_postgres() as postgres,
    ):
        targets = [("SQLite", f"sqlite:///{Path(folder) / 'load.db'}")]
        targets += [("PostgreSQL", postgres)] if postgres else []
        for name, url in targets:
            runners = set_up(url)
            ours, elapsed = run("app", url, runners, seconds)
            results.append((name, ours, elapsed, stored_sets(url)))
        bare, bare_elapsed = run("bare", targets[0][1], runners, seconds)
    print(
        f"Web app under load ({CLIENTS} clients for {seconds:.0f} s each; uvicorn, one worker, "
        f"on loopback; a dashboard page then a set, every {RETRY_EVERY}th set a retry)"
    )
    for name, ours, elapsed, _ in results:
        show(f"hipstride on {name}", ours, elapsed, bare, bare_elapsed)
    show("bare FastAPI, same routes, same clients", bare, bare_elapsed, None, 0)
    lost = False
    for name, ours, _, stored in results:
        print(
            f"  {name}: failed requests {len(ours.failures)}; sets acknowledged "
            f"{len(ours.keys):,}; sets in the database {stored:,}"
        )
        lost |= stored != len(ours.keys)
    failures = [f for _, ours, _, _ in results for f in ours.failures] + bare.failures
    print(f"  bare FastAPI: failed requests {len(bare.failures)}")
    for failure in failures[:10]:
        print(f"    {failure}")
    if failures or lost:
        raise SystemExit("web_load: a request failed or a set was lost")


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "serve":
        serve(sys.argv[2], sys.argv[3], int(sys.argv[4]))
    else:
        main(float(os.environ.get("HIPSTRIDE_BENCH_SECONDS", SECONDS)))
