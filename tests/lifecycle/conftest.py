"""Fixtures of the lifecycle tests: a `Flow` driver bound to a fresh in-process server."""

from __future__ import annotations

import httpx
import pytest

from operators.flow import Flow


@pytest.fixture
def flow(api: httpx.AsyncClient) -> Flow:
    return Flow(api)
