"""`marsad serve`: the dashboard and the HTTP API over a store, served by uvicorn."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Optional

import typer

from marsad.store.db import DEFAULT_DB


def register(app: typer.Typer, guarded) -> None:
    """Add `serve` to the `marsad` command line."""
    from marsad.cli import time_limit_option

    @app.command()
    def serve(
        db: Path = typer.Option(Path(DEFAULT_DB), "--db", help="The store: an SQLite file."),
        host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on."),
        port: int = typer.Option(8000, "--port", min=0, max=65535, help="Port to listen on."),
        token: Optional[str] = typer.Option(
            None, "--token", envvar="MARSAD_TOKEN", show_envvar=True,
            help="Bearer token for the writing endpoints; without one, only loopback clients may write."),
        limit_s: float = time_limit_option(),
        analysis_workers: Optional[int] = typer.Option(
            None, "--analysis-workers", min=1,
            help="Processes analysing posted documents (default: MARSAD_ANALYSIS_WORKERS, else 2, or 1 on one core)."),
        analysis_queue: Optional[int] = typer.Option(
            None, "--analysis-queue", min=0,
            help="Posted documents that may wait for a worker; one more is answered 503 (default: MARSAD_ANALYSIS_QUEUE, else 8)."),
    ) -> None:
        """Serve the Arabic web dashboard and the JSON API (/api/, /openapi.json)."""

        def run() -> None:
            import uvicorn

            from marsad.web.app import create_app
            from marsad.web.dashboard import LOOPBACK
            from marsad.web.server import TimedH11Protocol

            application = create_app(db, token=token, time_limit_s=limit_s,
                                     analysis_workers=analysis_workers, analysis_queue=analysis_queue)
            if not token and host not in LOOPBACK:
                typer.echo(f"marsad: warning: serving on {host} without a token: writing endpoints "
                           "answer loopback clients only (set --token or MARSAD_TOKEN)", err=True)
            typer.echo(f"marsad: serving {db} on http://{host}:{port}/", err=True)
            uvicorn.run(application, host=host, port=port, log_level=os.environ.get(
                "MARSAD_LOG_LEVEL", "warning"), server_header=False, http=TimedH11Protocol)

        guarded(run)
