"""CLI command of the web stage: `casus serve`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

LOOPBACK = ("127.0.0.1", "localhost", "::1")


def register(app: typer.Typer) -> None:
    """Add `casus serve` to the casus CLI."""

    @app.command()
    def serve(
        db: Annotated[Optional[Path], typer.Option("--db", help="DuckDB file (default: $CASUS_DB or ./casus.duckdb).")]
        = None,
        host: Annotated[str, typer.Option("--host", help="Interface to bind; the default keeps it on this machine.")]
        = "127.0.0.1",
        port: Annotated[int, typer.Option("--port", min=1, max=65535)] = 8000,
    ) -> None:
        """Serve the web UI and JSON API (analyse, articles, events, dyads, graph, ask; API docs at /docs)."""
        import uvicorn

        from casus.store.db import default_db_path
        from casus.web.app import create_app

        path = db if db is not None else default_db_path()
        if host not in LOOPBACK:
            typer.secho(f"warning: binding to {host}: the UI has no authentication and anyone who can reach this "
                        f"address can read the store and save articles into it.", fg="yellow", err=True)
        shown = f"[{host}]" if ":" in host else host
        typer.echo(f"casus web: http://{shown}:{port}/  (store {path}{'' if path.exists() else ', not created yet'})")
        uvicorn.run(create_app(path), host=host, port=port, log_level="info", access_log=False,
                    timeout_keep_alive=30)
