"""A real server for the CLI tests, and `run()`: the installed `pyconductor` script as users run it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from tests.integration.conftest import free_port, start_server

PYCONDUCTOR = Path(sys.executable).with_name("pyconductor")


@dataclass
class Cli:
    url: str  # http://127.0.0.1:PORT (no /api: the CLI must add it)
    home: Path

    def env(self, **extra: str) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("CONDUCTOR_")}
        # A fresh HOME per test: ~/.conductor-cli/ of the machine never leaks in.
        env.update(HOME=str(self.home), CONDUCTOR_SERVER_URL=self.url, NO_COLOR="1")
        env.update(extra)
        return env

    def run(
        self, *args: str, stdin: str | None = None, env: dict[str, str] | None = None, timeout: float = 60
    ) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(PYCONDUCTOR), *args],
            input=stdin if stdin is not None else "",
            capture_output=True,
            text=True,
            env=env if env is not None else self.env(),
            timeout=timeout,
            # No controlling terminal: a confirmation can never wait on the developer's tty.
            start_new_session=True,
        )

    def ok(self, *args: str, stdin: str | None = None) -> str:
        done = self.run(*args, stdin=stdin)
        assert done.returncode == 0, (args, done.stdout, done.stderr)
        return done.stdout

    def json(self, *args: str) -> Any:
        return json.loads(self.ok(*args))

    @property
    def api(self) -> httpx.Client:
        return httpx.Client(base_url=self.url + "/api", timeout=30)


def eventually(check: Callable[[], Any], within: float = 15.0) -> Any:
    """Poll until `check()` is truthy, with a deadline instead of a fixed sleep."""
    deadline = time.monotonic() + within
    while True:
        value = check()
        if value or time.monotonic() > deadline:
            assert value, "condition not met before the deadline"
            return value
        time.sleep(0.05)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    tmp = tmp_path_factory.mktemp("cli-server")
    port = free_port()
    proc = start_server(f"sqlite:///{tmp / 'conductor.db'}", port, tmp / "server.log")
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.fixture
def cli(server: str, tmp_path: Path) -> Cli:
    home = tmp_path / "home"
    home.mkdir()
    return Cli(server, home)
