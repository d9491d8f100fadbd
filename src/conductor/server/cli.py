"""The `pyconductor` command: `server` and `migrate` here; every other noun goes to `conductor.cli`."""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
from types import FrameType

from conductor.server import logs, preflight
from conductor.server.config import DEFAULT_DB_URL, Settings


def _fail(message: object, status: int = 2) -> int:
    print(f"pyconductor: error: {message}", file=sys.stderr)
    return status


def _server(args: argparse.Namespace) -> int:
    # Two threads hand work back and forth all the time (the event loop and the database
    # thread); a 1 ms GIL switch interval instead of 5 ms shortens every hand-off.
    sys.setswitchinterval(0.001)
    env = os.environ
    try:
        port = preflight.port(args.port if args.port is not None else env.get("PYCONDUCTOR_PORT", "8080"))
        level = preflight.log_level(args.log_level or env.get("PYCONDUCTOR_LOG_LEVEL", "INFO"))
        log_format = logs.log_format(args.log_format or env.get("PYCONDUCTOR_LOG_FORMAT", "text"))
        access_log = args.access_log or logs.flag(
            "PYCONDUCTOR_ACCESS_LOG", env.get("PYCONDUCTOR_ACCESS_LOG", "")
        )
        db_url = preflight.db_url(args.db or env.get("PYCONDUCTOR_DB_URL", DEFAULT_DB_URL))
        host = args.host or env.get("PYCONDUCTOR_HOST", "127.0.0.1")
        db_file = preflight.sqlite_path(db_url)
        if db_file is not None:
            preflight.check_sqlite_file(db_file)
        # Before anything is opened or migrated: a busy port or a second server on the same
        # SQLite file stops here, with nothing changed.
        sock = preflight.listen(host, port)
        db_lock = preflight.lock_sqlite_file(db_file) if db_file is not None else None
        settings = Settings.from_env(db_url=db_url, host=host, port=port, server=args.server, log_level=level)
    except preflight.PreflightError as exc:
        return _fail(exc)
    except ValueError as exc:  # another PYCONDUCTOR_* variable that is not a number
        return _fail(f"invalid setting in the environment: {exc}")
    logs.configure(level, log_format, logs.auth_secrets(settings.auth_keys, settings.auth_secret))
    from conductor.server.bootstrap import _safe_url, create_asgi_app
    from conductor.server.domain.errors import ConductorError

    try:
        app, components = create_asgi_app(settings)
    except (ConductorError, ValueError, OSError, sqlite3.Error) as exc:
        return _fail(getattr(exc, "message", exc), status=1)
    if access_log:
        app = logs.AccessLog(app)
    print(
        f"pyconductor listening on http://{settings.host}:{settings.port} "
        f"(API at http://{settings.host}:{settings.port}/api, database {_safe_url(components.db.url)})",
        flush=True,
    )
    import gc

    import uvicorn

    # The cyclic collector's default pace cost an idle server a fifth of its CPU: with a
    # thousand long-polls held, every young collection (one per 700 net allocations) finds
    # their live objects and moves them on, so the older ones run often too, and a full one
    # scans all that startup built. That lives as long as the process: frozen out of the scans.
    # A young collection then waits for 50,000 allocations, which bounds what cyclic garbage
    # can pile up in between to some megabytes.
    gc.collect()
    gc.freeze()
    gc.set_threshold(50_000, 10, 10)
    server = uvicorn.Server(
        uvicorn.Config(
            app,
            host=settings.host,
            port=settings.port,
            log_level="warning",
            # Our handler on the root logger formats uvicorn's lines too (text or JSON, redacted);
            # the access log is ours (logs.AccessLog), which never sees headers or cookies.
            log_config=None,
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
    try:
        server.run(sockets=[sock])
    except KeyboardInterrupt:
        # Ctrl-C: uvicorn has shut down gracefully and re-raised SIGINT; that is a normal end.
        pass
    finally:
        if db_lock is not None:
            db_lock.close()
    print("pyconductor stopped", file=sys.stderr, flush=True)
    return 0


def _has(module: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(module) is not None


def _migrate(args: argparse.Namespace) -> int:
    from conductor.server.domain.errors import ConductorError
    from conductor.server.persistence.database import open_database

    try:
        settings = Settings.from_env(
            db_url=preflight.db_url(args.db or os.environ.get("PYCONDUCTOR_DB_URL", DEFAULT_DB_URL))
        )
    except (preflight.PreflightError, ValueError) as exc:
        return _fail(exc)
    try:
        db = open_database(settings.db_url)  # opening applies pending migrations
    except (ConductorError, ValueError) as exc:
        print(f"pyconductor migrate: {getattr(exc, 'message', exc)}", file=sys.stderr)
        return 1
    db.close()
    print(f"database {settings.db_url.split('@')[-1]} is up to date")
    return 0


_OWN = frozenset({"server", "migrate", "--version", "-h", "--help"})


def main(argv: list[str] | None = None) -> int:
    if argv is None:
        argv = sys.argv[1:]
    if argv and argv[0] not in _OWN:
        # The Conductor-style client commands (workflow, task, ...) live in a Click app; importing
        # it only here keeps `pyconductor server` free of it and its argparse errors unchanged.
        from conductor.cli.app import run

        return run(argv)
    parser = argparse.ArgumentParser(
        prog="pyconductor",
        description="Conductor-compatible workflow server. Client commands: "
        "workflow, task, event, schedule, config, worker (pyconductor workflow --help).",
    )
    parser.add_argument("--version", action="version", version=f"pyconductor {_version()}")
    sub = parser.add_subparsers(dest="command", required=True)
    server = sub.add_parser("server", help="run the server")
    server.add_argument("--host", default=None, help="bind address (default 127.0.0.1; env PYCONDUCTOR_HOST)")
    server.add_argument("--port", default=None, help="port (default 8080; env PYCONDUCTOR_PORT)")
    server.add_argument(
        "--db",
        default=None,
        help="database URL: sqlite:///conductor.db (default), a file path (SQLite) or "
        "postgresql://user:pass@host/db (env PYCONDUCTOR_DB_URL)",
    )
    server.add_argument("--server", default=None, choices=["uvicorn"], help="ASGI server")
    server.add_argument("--log-level", default=None, help="logging level (default INFO)")
    server.add_argument(
        "--log-format",
        default=None,
        help="text (default) or json: one JSON object per line (env PYCONDUCTOR_LOG_FORMAT)",
    )
    server.add_argument(
        "--access-log",
        action="store_true",
        default=False,
        help="log one line per HTTP request (env PYCONDUCTOR_ACCESS_LOG=true)",
    )
    server.set_defaults(func=_server)
    migrate = sub.add_parser("migrate", help="apply database migrations and exit")
    migrate.add_argument("--db", default=None, help="database URL (env PYCONDUCTOR_DB_URL)")
    migrate.set_defaults(func=_migrate)
    args = parser.parse_args(argv)
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    try:
        result: int = args.func(args)
    except KeyboardInterrupt:  # Ctrl-C before the server was up
        print("pyconductor stopped", file=sys.stderr)
        return 0
    return result


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("pyconductor-server")
    except PackageNotFoundError:
        return "unknown"


if __name__ == "__main__":
    sys.exit(main())
