"""The `pyconductor` command's first-run traps: each mistake is one line and exit status 2."""

from __future__ import annotations

import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from tests.integration.conftest import free_port

PYCONDUCTOR = Path(sys.executable).with_name("pyconductor")
pytestmark = pytest.mark.slow


def run(
    *args: str, env: dict[str, str] | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("PYCONDUCTOR_")}
    return subprocess.run(
        [str(PYCONDUCTOR), *args],
        capture_output=True,
        text=True,
        timeout=60,
        env={**clean, **(env or {})},
        cwd=cwd,
        check=False,
    )


def one_line_error(done: subprocess.CompletedProcess[str], *words: str) -> str:
    assert done.returncode == 2, (done.returncode, done.stdout, done.stderr)
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert "Traceback" not in done.stderr and done.stdout == ""
    assert lines[0].startswith("pyconductor: error: ")
    for word in words:
        assert word in lines[0], lines[0]
    return lines[0]


def test_version() -> None:
    done = run("--version")
    assert done.returncode == 0 and done.stdout.startswith("pyconductor ")


@pytest.mark.parametrize(
    ("args", "env", "words"),
    [
        (["--port", "99999"], {}, ["port", "'99999'"]),
        (["--port", "http"], {}, ["port", "'http'"]),
        ([], {"PYCONDUCTOR_PORT": "eighty"}, ["port", "'eighty'"]),
        (["--log-level", "LOUD"], {}, ["log level", "'LOUD'"]),
        (["--db", "mysql://db/conductor"], {}, ["unsupported database 'mysql'"]),
        (["--db", "/nonexistent/folder/x.db"], {}, ["/nonexistent/folder", "does not exist"]),
    ],
)
def test_bad_settings_are_one_line(
    args: list[str], env: dict[str, str], words: list[str], tmp_path: Path
) -> None:
    one_line_error(run("server", *args, env=env, cwd=tmp_path), *words)
    assert list(tmp_path.iterdir()) == []  # nothing created


def test_a_file_that_is_not_a_database_is_named(tmp_path: Path) -> None:
    bogus = tmp_path / "notes.db"
    bogus.write_text("these are my notes, not a database\n" * 50)
    one_line_error(
        run("server", "--db", str(bogus), "--port", str(free_port())), str(bogus), "not a usable SQLite"
    )
    assert bogus.read_text().startswith("these are my notes")  # untouched


def test_a_damaged_database_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "damaged.db"
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE t (x TEXT)")
    conn.executemany("INSERT INTO t VALUES (?)", [("x" * 500,)] * 200)
    conn.commit()
    conn.close()
    data = bytearray(db.read_bytes())
    data[4096 * 2 : 4096 * 2 + 64] = b"\xff" * 64  # scribble over a b-tree page
    db.write_bytes(bytes(data))
    line = one_line_error(run("server", "--db", str(db), "--port", str(free_port())), str(db))
    assert "damaged" in line or "not a usable" in line


class Server:
    def __init__(self, *args: str, cwd: Path) -> None:
        clean = {k: v for k, v in os.environ.items() if not k.startswith("PYCONDUCTOR_")}
        self.proc = subprocess.Popen(
            [str(PYCONDUCTOR), "server", *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=clean,
            cwd=cwd,
        )

    def wait_healthy(self, port: int) -> None:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            assert self.proc.poll() is None, self.proc.communicate()
            try:
                if httpx.get(f"http://127.0.0.1:{port}/health", timeout=1).status_code == 200:
                    return
            except httpx.HTTPError:
                time.sleep(0.05)
        raise AssertionError("server not healthy in 30 s")

    def stop(self, sig: int = signal.SIGTERM) -> tuple[int, str, str]:
        self.proc.send_signal(sig)
        out, err = self.proc.communicate(timeout=20)
        return self.proc.returncode, out, err


def test_bare_path_means_sqlite_and_a_second_server_on_it_is_refused(tmp_path: Path) -> None:
    port = free_port()
    first = Server("--db", "plain.db", "--port", str(port), cwd=tmp_path)
    try:
        first.wait_healthy(port)
        assert (tmp_path / "plain.db").exists()
        second = run("server", "--db", "plain.db", "--port", str(free_port()), cwd=tmp_path)
        one_line_error(second, "plain.db", "in use by another pyconductor server")
    finally:
        first.stop()


def test_busy_port_fails_before_anything_starts(tmp_path: Path) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        port = busy.getsockname()[1]
        done = run("server", "--db", "fresh.db", "--port", str(port), cwd=tmp_path)
    one_line_error(done, f"127.0.0.1:{port}", "address already in use")
    assert "listening" not in done.stdout
    assert not (tmp_path / "fresh.db").exists()  # not created, not migrated


def test_ctrl_c_is_a_clean_one_line_exit(tmp_path: Path) -> None:
    port = free_port()
    server = Server("--db", "c.db", "--port", str(port), cwd=tmp_path)
    server.wait_healthy(port)
    code, out, err = server.stop(signal.SIGINT)
    assert code == 0, err
    assert "Traceback" not in err and "KeyboardInterrupt" not in err
    assert err.strip().splitlines()[-1] == "pyconductor stopped"


def test_an_unwritable_database_folder_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Root may write anywhere, so the permission answer is simulated; the message path is real.
    from conductor.server import preflight

    folder = tmp_path / "readonly"
    folder.mkdir()
    monkeypatch.setattr(preflight.os, "access", lambda path, mode: Path(path) != folder)
    with pytest.raises(preflight.PreflightError, match=f"the database folder {folder} is not writable"):
        preflight.check_sqlite_file(folder / "x.db")


def test_make_run_passes_only_what_was_given() -> None:
    root = Path(__file__).resolve().parents[2]
    # Under `make test` this runs inside make: its MAKEFLAGS would add "Entering directory" lines.
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MAKELEVEL", "MFLAGS")}

    def dry_run(*args: str) -> list[str]:
        done = subprocess.run(
            ["make", "--no-print-directory", "-n", "run", *args],
            cwd=root,
            capture_output=True,
            text=True,
            check=True,
            env=env,
        )
        line = next(line for line in done.stdout.splitlines() if "pyconductor server" in line)
        return line.split()[1:]

    assert dry_run("PORT=9090", "DB=dev.db") == ["server", "--port", "9090", "--db", "dev.db"]
    # Nothing given: no flags, so PYCONDUCTOR_* settings in the environment are not overridden.
    assert dry_run() == ["server"]


def test_a_large_database_is_not_read_whole_at_start(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Above QUICK_CHECK_MAX_BYTES only the schema is read (a 14 GB history took 3.5 minutes
    to quick_check); a file that is not a database is still refused."""
    from conductor.server import preflight

    db = tmp_path / "big.db"
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE t (x TEXT)")
    conn.commit()
    conn.close()
    monkeypatch.setattr(preflight, "QUICK_CHECK_MAX_BYTES", 0)
    checks: list[str] = []
    real_connect = sqlite3.connect

    def spying_connect(*args: object, **kwargs: object) -> sqlite3.Connection:
        connection = real_connect(*args, **kwargs)  # type: ignore[arg-type]
        connection.set_trace_callback(checks.append)
        return connection

    monkeypatch.setattr(preflight.sqlite3, "connect", spying_connect)
    preflight.check_sqlite_file(db)
    assert any("sqlite_master" in sql for sql in checks)
    assert not any("quick_check" in sql for sql in checks)
    not_a_db = tmp_path / "notes.db"
    not_a_db.write_bytes(b"this is not a database" * 100)
    with pytest.raises(preflight.PreflightError, match="not a usable SQLite database"):
        preflight.check_sqlite_file(not_a_db)
