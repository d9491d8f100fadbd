"""Fixtures shared by every test package: an in-process server, an HTTP client, `eventually`."""

from __future__ import annotations

import asyncio
import inspect
import os
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import httpx
import pytest

# Every decision the suite makes is also made the slow way (visiting every task) and compared:
# the incremental decider must never differ from it (engine/decider.py decision_mismatch).
# Set before the engine is imported; servers started as child processes inherit it.
os.environ.setdefault("PYCONDUCTOR_DECIDER_CHECK", "1")

from conductor.server.config import Settings

if TYPE_CHECKING:
    from conductor.server.bootstrap import Components


def pytest_configure(config: pytest.Config) -> None:
    # Litestar 2.x flags the inferred parameter style the routes use; it is noise in every report.
    config.addinivalue_line("filterwarnings", "ignore::litestar.exceptions.LitestarDeprecationWarning")
    config.addinivalue_line("filterwarnings", "ignore:Deprecated 'query' parameter:DeprecationWarning")


async def wait_for(
    predicate: Callable[[], Any | Awaitable[Any]],
    within: float = 10.0,
    interval: float = 0.02,
    message: str = "condition",
) -> Any:
    """Re-check `predicate` (sync or async) until it returns a truthy value; fail after `within` s.

    Returns the truthy value, so callers can wait for and fetch a result in one step.
    """
    deadline = time.monotonic() + within
    last: Any = None
    while True:
        last = predicate()
        if inspect.isawaitable(last):
            last = await last
        if last:
            return last
        if time.monotonic() >= deadline:
            raise AssertionError(f"{message} not met within {within}s (last value: {last!r})")
        await asyncio.sleep(interval)


Eventually = Callable[..., Awaitable[Any]]


@pytest.fixture
def eventually() -> Eventually:
    """`await eventually(predicate, within=..., message=...)`: wait for a condition with a deadline."""
    return wait_for


@dataclass
class InProcessServer:
    components: Components
    app: Any
    db_path: Path


@pytest.fixture
async def server(tmp_path: Path) -> AsyncIterator[InProcessServer]:
    """The real app on a fresh SQLite file, with its background sweeper running."""
    # Imported here, not at collection, so pure unit tests do not load the web framework.
    from conductor.server.api.app import create_app
    from conductor.server.bootstrap import build

    db_path = tmp_path / "conductor.db"
    components = build(Settings(db_url=f"sqlite:///{db_path}"))
    app = create_app(components.services)
    await components.startup()
    try:
        yield InProcessServer(components, app, db_path)
    finally:
        await components.shutdown()


@pytest.fixture
async def api(server: InProcessServer) -> AsyncIterator[httpx.AsyncClient]:
    """An httpx client talking to the in-process app; paths are relative to `/api`."""
    transport = httpx.ASGITransport(app=server.app)
    async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1/api", timeout=30) as client:
        yield client
