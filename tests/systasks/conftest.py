"""Fixtures of the system-task tests: one real server process and one local HTTP endpoint."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from .live_server import Api, LiveServer, running_server
from .local_http import _Server, local_http_server


@pytest.fixture(scope="package")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    # A 1 s script budget (Conductor's default is 4 s) keeps the runaway-script tests short.
    directory = tmp_path_factory.mktemp("systasks-server")
    with running_server(directory, CONDUCTOR_SCRIPT_MAX_EXECUTION_SECONDS="1") as server:
        yield server


@pytest.fixture
def api(live_server: LiveServer) -> Iterator[Api]:
    client = Api(live_server)
    try:
        yield client
    finally:
        client.close()
        assert live_server.healthy(), f"server unhealthy after the test:\n{live_server.log()}"


@pytest.fixture(scope="package")
def http_endpoint() -> Iterator[_Server]:
    with local_http_server() as server:
        yield server


@pytest.fixture
def fresh_dir(tmp_path: Path) -> Path:
    return tmp_path
