"""Fixtures of the DSL tests that talk to a real server (see test_dsl_server.py)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from conductor.client.configuration.configuration import Configuration
from conductor.client.workflow.executor.workflow_executor import WorkflowExecutor
from systasks.live_server import LiveServer, running_server
from systasks.local_http import _Server, local_http_server


@pytest.fixture(scope="package")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    with running_server(tmp_path_factory.mktemp("dsl-server")) as server:
        yield server


@pytest.fixture(scope="package")
def http_endpoint() -> Iterator[_Server]:
    with local_http_server() as server:
        yield server


@pytest.fixture
def executor(live_server: LiveServer) -> WorkflowExecutor:
    return WorkflowExecutor(Configuration(server_api_url=live_server.api_url))
