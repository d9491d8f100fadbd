"""The official conductor-python SDK in its own virtualenv, and a server for it to talk to.

The virtualenv lives in `.cache/compat-venv` (ignored by git through `.cache/.gitignore`) and is
built once: later runs reuse it while its marker file names the pinned version. Only the
install talks to PyPI; every test talks to 127.0.0.1. Without PyPI the tests are skipped
locally and fail under CI (env CI set).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import venv
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from systasks.live_server import LiveServer, running_server
from systasks.local_http import _Server, local_http_server

OFFICIAL_SDK = "conductor-python==2.0.0"
ROOT = Path(__file__).resolve().parents[2]
CACHE = ROOT / ".cache"
VENV = CACHE / "compat-venv"
MARKER = VENV / ".installed"
CONSTRAINTS = Path(__file__).with_name("constraints.txt")


def _unavailable(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"official SDK unavailable in CI: {reason}")
    pytest.skip(f"official SDK unavailable (needs PyPI once): {reason}")


def _wanted() -> str:
    """What the marker records: a changed pin or lock rebuilds the venv."""
    return OFFICIAL_SDK + "\n" + CONSTRAINTS.read_text()


def _python() -> Path:
    return VENV / "bin" / "python"


def _build() -> None:
    CACHE.mkdir(exist_ok=True)
    (CACHE / ".gitignore").write_text("*\n")
    if VENV.exists():
        shutil.rmtree(VENV)
    venv.EnvBuilder(with_pip=True, clear=True).create(VENV)
    result = subprocess.run(
        [
            str(_python()),
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            "-c",
            str(CONSTRAINTS),
            OFFICIAL_SDK,
        ],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    if result.returncode != 0:
        shutil.rmtree(VENV, ignore_errors=True)
        _unavailable(result.stderr.strip()[-2000:] or result.stdout.strip()[-2000:])
    MARKER.write_text(_wanted())


@dataclass
class OfficialSdk:
    """Runs Python scripts with the official SDK, outside our source tree."""

    python: Path
    workdir: Path

    def run(self, script: Path, env: dict[str, str] | None = None, timeout: float = 100) -> str:
        clean = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
        result = subprocess.run(
            [str(self.python), str(script)],
            cwd=self.workdir,
            env={**clean, **(env or {})},
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
        assert result.returncode == 0, f"stdout:\n{result.stdout}\nstderr:\n{result.stderr[-6000:]}"
        return result.stdout

    def run_json(self, script: Path, env: dict[str, str] | None = None, timeout: float = 100) -> Any:
        """Run `script`; its last stdout line is JSON."""
        return json.loads(self.run(script, env, timeout).strip().splitlines()[-1])


@pytest.fixture(scope="session")
def official_sdk(tmp_path_factory: pytest.TempPathFactory) -> OfficialSdk:
    if sys.platform == "win32":
        pytest.skip("the compat virtualenv layout assumes a POSIX system")
    if not (MARKER.exists() and MARKER.read_text() == _wanted() and _python().exists()):
        _build()
    check = subprocess.run(
        [
            str(_python()),
            "-c",
            "import conductor.client, importlib.metadata as m; print(m.version('conductor-python'))",
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        cwd=tmp_path_factory.getbasetemp(),
    )
    if check.returncode != 0 or check.stdout.strip() != OFFICIAL_SDK.split("==")[1]:
        _build()
    return OfficialSdk(python=_python(), workdir=tmp_path_factory.mktemp("official-sdk"))


@pytest.fixture(scope="package")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    with running_server(tmp_path_factory.mktemp("compat-server")) as server:
        yield server


@pytest.fixture(scope="package")
def http_endpoint() -> Iterator[_Server]:
    with local_http_server() as server:
        yield server
