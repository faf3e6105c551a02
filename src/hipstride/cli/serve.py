"""``hipstride serve``: the web app, with a one-time sign-in link for the local runner."""

from __future__ import annotations

import os
from typing import Annotated

import typer

from hipstride.cli.output import console
from hipstride.cli.runner import now


def serve(
    ctx: typer.Context,
    host: Annotated[str, typer.Option(help="The address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="The port to listen on.")] = 8000,
    workers: Annotated[int, typer.Option(min=1, help="Web worker processes.")] = 1,
    forwarded_allow_ips: Annotated[
        str,
        typer.Option(
            help="Addresses of the reverse proxies whose X-Forwarded-For/-Proto headers are "
            "trusted (comma-separated, or '*'), so cookies are Secure behind https."
        ),
    ] = "127.0.0.1",
) -> None:
    """Serve the web app; prints a sign-in link for you, valid once for 15 minutes."""
    import uvicorn

    from hipstride.settings import ATHLETE_ENV, CONTENT_DIR_ENV, DATABASE_URL_ENV
    from hipstride.store.engine import database_url
    from hipstride.web.launch import sign_in_link

    settings = ctx.obj
    link = sign_in_link(settings, host=host, port=port, now=now())
    # The workers build their own app from the environment: hand them the same settings.
    os.environ[DATABASE_URL_ENV] = settings.database_url or database_url(os.environ)
    os.environ[ATHLETE_ENV] = settings.athlete
    if settings.content_dir is not None:
        os.environ[CONTENT_DIR_ENV] = str(settings.content_dir)
    console.print("hipstride is running. Open this link to sign in (it works once):")
    console.print(f"    {link}", soft_wrap=True, highlight=False)
    console.print("[dim]Ctrl-C stops the server.[/]")
    uvicorn.run(
        "hipstride.web.app:app_from_env",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        proxy_headers=True,
        forwarded_allow_ips=forwarded_allow_ips,
        server_header=False,
        log_level="warning",
    )
