"""``hipstride user``: accounts for the web app, made and looked after by whoever runs it."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated

import typer

from hipstride.cli.output import console, fail, print_json
from hipstride.cli.runner import now

if TYPE_CHECKING:
    from hipstride.services.store import Store

app = typer.Typer(help="Web accounts: create users (runner or coach), reset a password, list them.")

PASSWORD_STDIN = typer.Option(
    "--password-stdin",
    help="Read the password from the first line of standard input (for scripts), not a prompt.",
)


def _password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    value: str = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    return value


def _store(ctx: typer.Context) -> Store:
    from hipstride.services.store import open_store

    return open_store(ctx.obj)


@app.command()
def create(
    ctx: typer.Context,
    username: Annotated[str, typer.Argument(help="An email or a name, 3 to 200 characters.")],
    role: Annotated[
        str, typer.Option(help="runner (trains) or coach (invites and follows runners).")
    ] = "runner",
    password_stdin: Annotated[bool, PASSWORD_STDIN] = False,
) -> None:
    """Create a user who signs in with a password; a runner gets their own training data."""
    from hipstride.services.accounts import AccountProblem
    from hipstride.services.users import create_user

    if role not in ("runner", "coach"):
        fail(f"--role: {role!r} is not a role", "Use --role runner or --role coach.", code=2)
    password = _password(password_stdin)
    store = _store(ctx)
    try:
        with store.sessions() as session, session.begin():
            account = create_user(
                session, username=username, role=role, password=password, now=now()
            )
            name = account.username
    except AccountProblem as exc:
        fail(f"{exc.field or 'user'}: {exc}")
    finally:
        store.engine.dispose()
    console.print(f"Created {role} {name!r}. They sign in at /sign-in with this password.")


@app.command("reset-password")
def reset_password(
    ctx: typer.Context,
    username: Annotated[str, typer.Argument(help="Whose password to set.")],
    password_stdin: Annotated[bool, PASSWORD_STDIN] = False,
) -> None:
    """Set a new password; the user's sessions, sign-in links, tokens and calendar links end."""
    from hipstride.services import users
    from hipstride.services.accounts import AccountProblem

    password = _password(password_stdin)
    store = _store(ctx)
    try:
        with store.sessions() as session, session.begin():
            account = users.reset_password(session, username=username, password=password, now=now())
            name = account.username
    except AccountProblem as exc:
        fail(f"{exc.field or 'user'}: {exc}")
    finally:
        store.engine.dispose()
    console.print(
        f"New password set for {name!r}; they were signed out everywhere, and their access "
        "tokens and calendar links were revoked."
    )


@app.command("list")
def list_users(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")] = False,
) -> None:
    """Every user with their role and how many runners (or coaches) they are linked to."""
    from hipstride.services.users import list_users as users

    store = _store(ctx)
    try:
        with store.sessions() as session:
            lines = users(session)
    finally:
        store.engine.dispose()
    if as_json:
        print_json(
            [
                {
                    "username": u.username,
                    "role": u.role,
                    "created_at": u.created_at.isoformat(),
                    "has_password": u.has_password,
                    "linked": u.linked,
                }
                for u in lines
            ]
        )
        return
    if not lines:
        console.print("No users yet. Create one with `hipstride user create NAME --role coach`.")
        return
    from rich.table import Table

    table = Table("User", "Role", "Created", "Password", "Linked")
    for u in lines:
        linked = f"{u.linked} runner(s)" if u.role == "coach" else f"{u.linked} coach(es)"
        table.add_row(
            u.username,
            u.role,
            f"{u.created_at:%Y-%m-%d}",
            "yes" if u.has_password else "link only",
            linked,
        )
    console.print(table)
