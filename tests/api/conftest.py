"""Fixtures of the REST API tests."""

from __future__ import annotations

import httpx
import pytest

from driver import Driver


@pytest.fixture
def conductor(api: httpx.AsyncClient) -> Driver:
    return Driver(api)
