"""`dyad serve`, added to the Typer app by `register(app)` (called from dyad.cli)."""

from __future__ import annotations

import ipaddress
from typing import Annotated

import typer

from dyad.errors import UsageError


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def serve_command(
    ctx: typer.Context,
    host: Annotated[
        str, typer.Option(help="Address to listen on; the default keeps it on this machine.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port.")] = 8765,
) -> None:
    """Serve the web UI and the read-only JSON API (http://127.0.0.1:8765 by default)."""
    import uvicorn

    from dyad.analysis.commands import settings_of
    from dyad.store.db import Store
    from dyad.web.app import create_app

    if not 0 < port < 65536:
        raise UsageError("--port must be between 1 and 65535")
    settings = settings_of(ctx)
    Store(settings.db, read_only=True).close()  # fail now, with a clear error, not per request
    if not _is_loopback(host):
        typer.echo(
            f"warning: listening on {host}: anyone who can reach this machine can read the "
            "database (there is no authentication)",
            err=True,
        )
    typer.echo(f"dyad: serving {settings.db} on http://{host}:{port}/ (Ctrl-C to stop)", err=True)
    uvicorn.run(create_app(settings), host=host, port=port, log_level="warning")


def register(app: typer.Typer) -> None:
    """Add `dyad serve` to the `dyad` Typer app."""
    app.command("serve")(serve_command)
