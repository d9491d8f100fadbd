"""Checks `pyconductor server` makes before it starts, each failing with one readable line.

A first run should never end in a traceback: a mistyped flag, a busy port, a missing folder or
a file that is not a database each get a sentence naming the value and what to do instead, and
nothing is started or migrated until all of them pass.
"""

from __future__ import annotations

import fcntl
import os
import re
import socket
import sqlite3
from pathlib import Path
from typing import IO

from conductor.server.persistence.database import sqlite_location

LOG_LEVELS = ("CRITICAL", "ERROR", "WARNING", "INFO", "DEBUG")
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")


class PreflightError(Exception):
    """A setting or the environment stops the server from starting; the message says why."""


def port(value: str | int) -> int:
    text = str(value).strip()
    if not text.isdigit() or not 1 <= int(text) <= 65535:
        raise PreflightError(f"port must be a whole number from 1 to 65535, not {text!r}")
    return int(text)


def log_level(value: str) -> str:
    level = value.strip().upper()
    if level not in LOG_LEVELS:
        raise PreflightError(f"log level must be one of {', '.join(LOG_LEVELS)}, not {value!r}")
    return level


def db_url(value: str) -> str:
    """A database URL, or a bare file path meaning SQLite at that path."""
    text = value.strip()
    if not text:
        raise PreflightError(
            "the database URL is empty (use sqlite:///file.db, a file path or postgresql://...)"
        )
    match = _SCHEME.match(text)
    if match is None or len(match.group(1)) == 1:  # no scheme, or a Windows drive letter
        return "sqlite:///" + text
    scheme = match.group(1).lower()
    if scheme not in ("sqlite", "postgresql", "postgres"):
        raise PreflightError(
            f"unsupported database {scheme!r} in {text!r} (use sqlite:///file.db, a file path or postgresql://...)"
        )
    return text


def sqlite_path(url: str) -> Path | None:
    """The file of a SQLite URL, read as the server will open it (None for other databases
    and for :memory:)."""
    location = sqlite_location(url)
    if location is None or location[0] == ":memory:":
        return None
    return Path(location[0])


def check_sqlite_file(path: Path) -> None:
    """The folder exists and is writable; an existing file is a healthy SQLite database."""
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.exists():
        raise PreflightError(
            f"the database folder {folder} does not exist (create it, or choose another --db)"
        )
    if not folder.is_dir():
        raise PreflightError(f"the database folder {folder} is not a folder")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise PreflightError(f"the database folder {folder} is not writable by this user")
    if not path.exists():
        return
    if path.is_dir():
        raise PreflightError(f"the database path {path} is a folder, not a file")
    size = path.stat().st_size
    if size == 0:
        return  # an empty file is a new database to SQLite
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            if size <= QUICK_CHECK_MAX_BYTES:
                verdict = conn.execute("PRAGMA quick_check").fetchone()[0]
            else:
                # quick_check reads every page: 3.5 minutes on a 14 GB history. A large file is
                # opened and its schema read (a foreign or truncated file fails here) instead.
                conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
                verdict = "ok"
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise PreflightError(f"{path} is not a usable SQLite database ({exc})") from exc
    if verdict != "ok":
        raise PreflightError(f"{path} is damaged (PRAGMA quick_check: {verdict}); restore it from a backup")


# Files up to this size get a full PRAGMA quick_check at start (a second or two); larger ones
# only a schema read, so a server with years of history starts in seconds.
QUICK_CHECK_MAX_BYTES = 512 * 1024 * 1024


def lock_sqlite_file(path: Path) -> IO[bytes]:
    """Hold an exclusive lock on the database file for as long as the returned file stays open.

    One server process per SQLite file: its long-poll wake-ups and running-workflow cache assume
    no other process writes. The lock dies with the process, so a crash never leaves it behind.
    """
    handle = path.open("ab")
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as exc:
        handle.close()
        raise PreflightError(
            f"{path} is in use by another pyconductor server: one server per SQLite file "
            "(stop the other one, or run several servers on PostgreSQL)"
        ) from exc
    return handle


def listen(host: str, port_number: int) -> socket.socket:
    """Bind the listening socket now, so a busy port fails before anything else starts."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port_number))
    except OSError as exc:
        sock.close()
        reason = exc.strerror or str(exc)
        raise PreflightError(f"cannot listen on {host}:{port_number}: {reason.lower()}") from exc
    sock.listen(4096)
    sock.set_inheritable(True)
    return sock
