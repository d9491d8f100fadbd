"""The `pyconductor` command: `pyconductor server`, `pyconductor migrate`."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from types import FrameType

from conductor.server.config import Settings


def _server(args: argparse.Namespace) -> int:
    # Two threads hand work back and forth all the time (the event loop and the database
    # thread); a 1 ms GIL switch interval instead of 5 ms shortens every hand-off.
    sys.setswitchinterval(0.001)
    settings = Settings.from_env(
        db_url=args.db, host=args.host, port=args.port, server=args.server, log_level=args.log_level
    )
    logging.basicConfig(
        level=settings.log_level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    from conductor.server.bootstrap import _safe_url, create_asgi_app

    app, components = create_asgi_app(settings)
    print(
        f"pyconductor listening on http://{settings.host}:{settings.port} "
        f"(API at http://{settings.host}:{settings.port}/api, database {_safe_url(components.db.url)})",
        flush=True,
    )
    import uvicorn

    server = uvicorn.Server(
        uvicorn.Config(
            app,
            host=settings.host,
            port=settings.port,
            log_level="warning",
            access_log=False,
            loop="uvloop" if _has("uvloop") else "asyncio",
            http="httptools" if _has("httptools") else "h11",
            timeout_graceful_shutdown=5,
            backlog=4096,
        )
    )
    stop = server.handle_exit

    def handle_exit(sig: int, frame: FrameType | None) -> None:
        # Held long-polls would keep a graceful shutdown waiting for their timeout: end them now
        # (empty answers; nothing was claimed for them).
        stop(sig, frame)
        components.signals.shutdown()

    server.handle_exit = handle_exit  # type: ignore[method-assign]
    server.run()
    return 0


def _has(module: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(module) is not None


def _migrate(args: argparse.Namespace) -> int:
    from conductor.server.domain.errors import ConductorError
    from conductor.server.persistence.database import open_database

    settings = Settings.from_env(db_url=args.db)
    try:
        db = open_database(settings.db_url)  # opening applies pending migrations
    except (ConductorError, ValueError) as exc:
        print(f"pyconductor migrate: {getattr(exc, 'message', exc)}", file=sys.stderr)
        return 1
    db.close()
    print(f"database {settings.db_url.split('@')[-1]} is up to date")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="pyconductor", description="Conductor-compatible workflow server")
    sub = parser.add_subparsers(dest="command", required=True)
    server = sub.add_parser("server", help="run the server")
    server.add_argument("--host", default=None, help="bind address (default 127.0.0.1; env PYCONDUCTOR_HOST)")
    server.add_argument("--port", type=int, default=None, help="port (default 8080; env PYCONDUCTOR_PORT)")
    server.add_argument(
        "--db",
        default=None,
        help="database URL: sqlite:///conductor.db (default) or postgresql://user:pass@host/db "
        "(env PYCONDUCTOR_DB_URL)",
    )
    server.add_argument("--server", default=None, choices=["uvicorn"], help="ASGI server")
    server.add_argument("--log-level", default=None, help="logging level (default INFO)")
    server.set_defaults(func=_server)
    migrate = sub.add_parser("migrate", help="apply database migrations and exit")
    migrate.add_argument("--db", default=None, help="database URL (env PYCONDUCTOR_DB_URL)")
    migrate.set_defaults(func=_migrate)
    args = parser.parse_args(argv)
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    result: int = args.func(args)
    return result


if __name__ == "__main__":
    sys.exit(main())
