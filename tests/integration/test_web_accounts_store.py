"""Migration 0002 and the accounts service on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine, insert, inspect

from hipstride.services import accounts
from hipstride.store.engine import make_sessionmaker, migrate
from hipstride.store.tables import Athlete

NOW = datetime(2026, 11, 30, 6, 0, tzinfo=UTC)
WEB_TABLES = {"accounts", "web_sessions", "sign_in_links", "sign_in_failures"}


def test_0002_adds_the_web_tables_to_a_database_at_0001_and_keeps_its_runner(
    engine: Engine,
) -> None:
    migrate(engine, "0001")
    with engine.begin() as connection:  # Core, naming only the columns 0001 has
        connection.execute(insert(Athlete).values(name="runner", created_at=NOW))
    assert not WEB_TABLES & set(inspect(engine).get_table_names())
    migrate(engine)
    assert set(inspect(engine).get_table_names()) >= WEB_TABLES
    with make_sessionmaker(engine)() as session, session.begin():
        account = accounts.local_account(session, athlete_name="runner", now=NOW)
        assert session.get_one(Athlete, account.athlete_id).name == "runner"
        assert account.password_hash is None


def test_a_link_signs_in_once_and_a_session_ends(migrated: Engine) -> None:
    with make_sessionmaker(migrated)() as session, session.begin():
        account = accounts.local_account(session, athlete_name="runner", now=NOW)
        token = accounts.create_sign_in_link(session, account_id=account.id, now=NOW)
        signed = accounts.redeem_sign_in_link(session, token=token, now=NOW)
        assert signed is not None
        assert accounts.redeem_sign_in_link(session, token=token, now=NOW) is None
        found = accounts.session_account(session, token=signed.token, now=NOW)
        assert found is not None and found[0].id == account.id
        later = NOW + accounts.SESSION_LIFETIME + timedelta(seconds=1)
        assert accounts.session_account(session, token=signed.token, now=later) is None
        accounts.end_session(session, token=signed.token)
        assert accounts.session_account(session, token=signed.token, now=NOW) is None


def test_passwords_are_hashed_with_argon2_and_checked(migrated: Engine) -> None:
    with make_sessionmaker(migrated)() as session, session.begin():
        account = accounts.create_account(
            session, username=" Ana@Example.org ", password="long enough pw", athlete_id=None,
            now=NOW,
        )  # fmt: skip
        assert account.username == "ana@example.org"
        assert account.password_hash and account.password_hash.startswith("$argon2id$")
        ok = accounts.sign_in_with_password(
            session, username="ANA@example.org", password="long enough pw", ip="1.2.3.4", now=NOW
        )
        bad = accounts.sign_in_with_password(
            session, username="ana@example.org", password="wrong", ip="1.2.3.4", now=NOW
        )
        assert ok is not None and bad is None
