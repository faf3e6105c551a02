"""What ``hipstride serve`` does before the server starts: migrate, make sure the local
runner has an account, and hand out a one-time sign-in link, as Jupyter does."""

from __future__ import annotations

from datetime import datetime

from hipstride.services import accounts
from hipstride.services.store import open_store
from hipstride.settings import Settings


def base_url(host: str, port: int) -> str:
    shown = "127.0.0.1" if host in ("0.0.0.0", "::", "") else host
    if ":" in shown:
        shown = f"[{shown}]"
    return f"http://{shown}:{port}"


def sign_in_link(settings: Settings, *, host: str, port: int, now: datetime) -> str:
    """The local runner's (``settings.athlete``) one-time sign-in URL; migrates the store."""
    store = open_store(settings)
    try:
        with store.sessions() as session, session.begin():
            account = accounts.local_account(session, athlete_name=settings.athlete, now=now)
            token = accounts.create_sign_in_link(session, account_id=account.id, now=now)
    finally:
        store.engine.dispose()
    return f"{base_url(host, port)}/sign-in/{token}"
