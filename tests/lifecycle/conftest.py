"""Fixtures of the lifecycle tests: a `Driver` bound to a fresh in-process server."""

from __future__ import annotations

import httpx
import pytest

from driver import Driver


@pytest.fixture
def flow(api: httpx.AsyncClient) -> Driver:
    return Driver(api)
