"""Fixtures of the example tests: one real server process and one local HTTP endpoint."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from systasks.live_server import LiveServer, running_server
from systasks.local_http import _Server, local_http_server


@pytest.fixture(scope="package")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    with running_server(tmp_path_factory.mktemp("examples-server")) as server:
        yield server


@pytest.fixture(scope="package")
def http_endpoint() -> Iterator[_Server]:
    with local_http_server() as server:
        yield server
