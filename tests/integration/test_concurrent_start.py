"""Several machines starting at once against one empty database: all of them come up."""

from __future__ import annotations

import subprocess
import sys

from sqlalchemy import Engine, inspect, text

from hipstride.store.engine import migrate

STARTERS = 4
START = (
    "import sys; from hipstride.store.engine import make_engine, migrate; "
    "migrate(make_engine(sys.argv[1]))"
)


def test_migrations_started_together_take_turns(engine: Engine) -> None:
    # Separate processes, as on separate machines (Alembic's context is per process).
    url = engine.url.render_as_string(hide_password=False)
    starters = [
        subprocess.Popen([sys.executable, "-c", START, url], stderr=subprocess.PIPE, text=True)
        for _ in range(STARTERS)
    ]
    failures = [p.stderr.read() for p in starters if p.wait(timeout=120) != 0 and p.stderr]
    assert failures == []
    with engine.connect() as connection:
        versions = connection.execute(text("SELECT version_num FROM alembic_version")).all()
    assert len(versions) == 1
    assert "accounts" in inspect(engine).get_table_names()
    migrate(engine)  # and one more start later finds nothing to do
