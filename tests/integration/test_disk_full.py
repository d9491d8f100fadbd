"""A full disk under SQLite: requests fail with an error, the server stays up and recovers.

Regression: a COMMIT failing on a full disk made the explicit ROLLBACK raise ("no transaction
is active"), the database thread died, and every later request hung while /health said 200.
"""

from __future__ import annotations

import errno
import os
import signal
import sqlite3
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from tests.integration.conftest import free_port, start_server

pytestmark = pytest.mark.slow


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    if os.geteuid() != 0:
        pytest.skip("needs root to mount a small tmpfs")
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=12m", "tmpfs", str(mount)], capture_output=True, text=True
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def _fill(path: Path) -> None:
    """Write until the file system has no byte left."""
    chunk = b"\0" * 65536
    with path.open("wb", buffering=0) as out:
        try:
            while True:
                out.write(chunk)
        except OSError as exc:
            assert exc.errno == errno.ENOSPC
    with path.open("ab", buffering=0) as out:  # the last partial chunk
        try:
            while True:
                out.write(b"\0" * 512)
        except OSError:
            pass


def _until(predicate, within: float, message: str):  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + within
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"{message} not met within {within}s (last value: {value!r})")
        time.sleep(0.05)


def test_full_disk_fails_requests_and_recovers(small_disk: Path, tmp_path: Path) -> None:
    db = small_disk / "conductor.db"
    port = free_port()
    proc = start_server(f"sqlite:///{db}", port, tmp_path / "server.log")
    base = f"http://127.0.0.1:{port}"
    api = httpx.Client(base_url=f"{base}/api", timeout=15)
    try:
        wf_def = {
            "name": "disk_wf",
            "version": 1,
            "ownerEmail": "a@b.c",
            "tasks": [{"name": "disk_task", "taskReferenceName": "t", "type": "SIMPLE"}],
        }
        assert (
            api.post("/metadata/taskdefs", json=[{"name": "disk_task", "ownerEmail": "a@b.c"}]).status_code
            == 200
        )
        assert api.post("/metadata/workflow", json=wf_def).status_code == 200
        payload = {"blob": "x" * 200_000}
        stored = [api.post("/workflow/disk_wf", json=payload).text for _ in range(3)]

        _fill(small_disk / "filler")
        failures = []
        for _ in range(40):
            response = api.post("/workflow/disk_wf", json=payload)
            if response.status_code == 200:
                stored.append(response.text)
                continue
            failures.append(response)
            if len(failures) >= 3:
                break
        assert failures, "no write failed on a full disk"
        for response in failures:
            assert response.status_code in (503, 507)
            body = response.json()
            assert body["status"] == response.status_code
            assert "database" in body["message"] and body["retryable"] is True

        health = httpx.get(f"{base}/health", timeout=15)
        assert health.status_code == 503
        assert health.json()["healthy"] is False
        # Reads are still served: the database thread is alive.
        first = api.get(f"/workflow/{stored[0]}", params={"includeTasks": "false"})
        assert first.status_code == 200 and first.json()["status"] == "RUNNING"

        (small_disk / "filler").unlink()
        _until(lambda: httpx.get(f"{base}/health", timeout=15).status_code == 200, 20, "healthy again")
        after = api.post("/workflow/disk_wf", json=payload)
        assert after.status_code == 200
        stored.append(after.text)
    finally:
        api.close()
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(20)  # regression: the process used to ignore SIGTERM after a failed commit
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
            raise AssertionError("server did not stop on SIGTERM") from None

    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        ids = {row[0] for row in conn.execute("SELECT workflow_id FROM workflow")}
    finally:
        conn.close()
    assert set(stored) <= ids
