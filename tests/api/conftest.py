"""Fixtures of the REST API tests."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from apihelpers import Conductor


@pytest.fixture
def conductor(api: httpx.AsyncClient, eventually: Any) -> Conductor:
    return Conductor(api, eventually)
