"""Fixtures shared by every test package: an in-process server, an HTTP client, `eventually`,
and a `clock` that puts the in-process server on a FakeClock (docs/testing.md §8)."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import httpx
import pytest

# Every decision the suite makes is also made the slow way (visiting every task) and compared:
# the incremental decider must never differ from it (engine/decider.py decision_mismatch).
# Set before the engine is imported; servers started as child processes inherit it.
os.environ.setdefault("PYCONDUCTOR_DECIDER_CHECK", "1")

import helpers
from conductor.server.clock import FakeClock
from conductor.server.config import Settings

if TYPE_CHECKING:
    from conductor.server.api.deps import Services
    from conductor.server.bootstrap import Components


def pytest_configure(config: pytest.Config) -> None:
    # Litestar 2.x flags the inferred parameter style the routes use; it is noise in every report.
    config.addinivalue_line("filterwarnings", "ignore::litestar.exceptions.LitestarDeprecationWarning")
    config.addinivalue_line("filterwarnings", "ignore:Deprecated 'query' parameter:DeprecationWarning")


Eventually = Callable[..., Awaitable[Any]]


@pytest.fixture
def eventually() -> Eventually:
    """`await eventually(predicate, within=..., message=...)`: wait for a condition with a deadline."""
    return helpers.eventually


# `create_app` costs 0.5-0.8 s (Litestar compiles every route), more than most tests. The app
# holds no state of its own: everything it serves comes from the `Services` it was given, read
# on each request (`api/deps.py::services`, and the fast poll/update paths). So the suite builds
# it once, on a `Services` container of its own, and points that container at each test's fresh
# services: every test still gets a new database, engine and sweeper.
_APP: dict[str, Any] = {}


def _shared_app(services: Services, create_app: Callable[[Services], Any]) -> Any:
    if not _APP:
        shared = replace(services)
        _APP.update(app=create_app(shared), services=shared)
    shared = _APP["services"]
    for f in fields(shared):
        setattr(shared, f.name, getattr(services, f.name))
    return _APP["app"]


@dataclass
class InProcessServer:
    components: Components
    app: Any
    db_path: Path
    # The FakeClock the server reads when the test asked for `clock`, else None (real time).
    clock: FakeClock | None = None


@pytest.fixture
def clock() -> FakeClock:
    """A FakeClock, and the in-process `server` (so `api`, `conductor`, `flow`) runs on it.

    Timeouts, retry delays and WAITs then fire when the test moves it (`clock.advance(s)`),
    not after real seconds: the sweeper and the long-poll timers wake on each move.
    """
    return FakeClock()


@pytest.fixture
async def server(tmp_path: Path, request: pytest.FixtureRequest) -> AsyncIterator[InProcessServer]:
    """The real app on a fresh SQLite file, with its background sweeper running; on the test's
    FakeClock when it uses the `clock` fixture."""
    # Imported here, not at collection, so pure unit tests do not load the web framework.
    from conductor.server.api.app import create_app
    from conductor.server.bootstrap import build

    db_path = tmp_path / "conductor.db"
    fake: FakeClock | None = request.getfixturevalue("clock") if "clock" in request.fixturenames else None
    components = build(Settings(db_url=f"sqlite:///{db_path}"), clock=fake)
    app = _shared_app(components.services, create_app)
    await components.startup()
    try:
        yield InProcessServer(components, app, db_path, fake)
    finally:
        await components.shutdown()


@pytest.fixture
async def api(server: InProcessServer) -> AsyncIterator[httpx.AsyncClient]:
    """An httpx client talking to the in-process app; paths are relative to `/api`."""
    transport = httpx.ASGITransport(app=server.app)
    async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1/api", timeout=30) as client:
        yield client
