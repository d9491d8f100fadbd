"""The batch-poll shortcut (api/fast_poll.py) on the idle path: what it remembers of repeated
requests, and that a long-poll whose client has gone ends at once."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from conductor.server.api import fast_poll
from driver import Driver, unique
from helpers import eventually

REQUEST = {"type": "http.request", "body": b"", "more_body": False}
DISCONNECT = {"type": "http.disconnect"}


@pytest.fixture
def conductor(api: httpx.AsyncClient) -> Driver:
    return Driver(api)


async def test_a_repeated_poll_answers_for_the_worker_and_domain_it_names(conductor: Driver) -> None:
    api = conductor.api
    task_type = await conductor.taskdef()
    workflow = await conductor.simple_workflow(task_type)
    url = f"/tasks/poll/batch/{task_type}"
    for _ in range(3):  # the same request again and again, as an idle worker sends it
        r = await api.get(url, params={"workerid": "w1", "count": 1, "timeout": 1})
        assert (r.status_code, r.json(), r.headers["content-type"]) == (200, [], "application/json")
    first, second = await conductor.start(workflow), await conductor.start(workflow)
    [got] = (await api.get(url, params={"workerid": "w1", "count": 1, "timeout": 1})).json()
    assert (got["workflowInstanceId"], got["workerId"]) == (first, "w1")
    # Same path, other queries: a domain is another queue, another worker gets its own claim.
    assert (await api.get(url, params={"workerid": "w2", "domain": "d", "timeout": 1})).json() == []
    [other] = (await api.get(url, params={"workerid": "w2", "count": 5, "timeout": 1})).json()
    assert (other["workflowInstanceId"], other["workerId"]) == (second, "w2")


async def test_malformed_polls_get_the_frameworks_400_before_and_after_a_valid_one(
    api: httpx.AsyncClient,
) -> None:
    url = f"/tasks/poll/batch/{unique('t')}"
    bad = {
        "count=x": "Invalid request",
        "timeout=1.5": "Invalid request",
        f"count={2**64}": "Invalid request: Expected `int`",
        "workerid=w%00": "Query parameter workerid must not contain a NUL character",
    }
    for round_ in range(2):  # before and after the valid request below has been seen
        for query, message in bad.items():
            r = await api.get(f"{url}?{query}")
            assert (r.status_code, r.headers["content-type"]) == (400, "application/json"), query
            body = r.json()
            assert body["status"] == 400 and body["message"].startswith(message), (query, body)
        if round_ == 0:
            r = await api.get(f"{url}?count=1&timeout=0")
            assert (r.status_code, r.json()) == (200, [])


async def test_polls_beyond_the_remembered_ones_are_answered_alike(
    api: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(fast_poll, "_MAX_PARSED", 3)
    long_worker = "w" * (fast_poll._MAX_PARSED_CHARS + 1)  # too long to be remembered
    for worker in (*(f"w{i}" for i in range(10)), long_worker, long_worker):
        r = await api.get(f"/tasks/poll/batch/{unique('t')}", params={"workerid": worker, "timeout": 0})
        assert (r.status_code, r.json()) == (200, [])


class FakeConnection:
    """An ASGI `receive` as a server gives it: the request, then nothing until the client goes."""

    def __init__(self) -> None:
        self.closed = asyncio.Event()
        self.pending = 0  # receives waiting right now
        self.calls = 0

    async def receive(self) -> dict[str, Any]:
        self.calls += 1
        if self.calls == 1:
            return REQUEST
        self.pending += 1
        try:
            await self.closed.wait()
        finally:
            self.pending -= 1
        return DISCONNECT


@pytest.fixture
async def held_poll(server: Any) -> AsyncIterator[tuple[FakeConnection, asyncio.Task[None], list[Any]]]:
    """A 5 s long-poll sent straight to the ASGI app, its connection under the test's control."""
    connection = FakeConnection()
    sent: list[Any] = []

    async def send(message: Any) -> None:
        sent.append(message)

    task_type = unique("t")
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": f"/api/tasks/poll/batch/{task_type}",
        "raw_path": f"/api/tasks/poll/batch/{task_type}".encode(),
        "query_string": b"workerid=ghost&count=1&timeout=5000",
        "root_path": "",
        "headers": [(b"host", b"test")],
        "client": ("127.0.0.1", 5000),
        "server": ("127.0.0.1", 8080),
    }
    polling = asyncio.ensure_future(server.app(scope, connection.receive, send))
    signals = server.components.signals
    await eventually(lambda: signals.has_waiters(task_type), within=5, message="the poll never waited")
    yield connection, polling, sent
    polling.cancel()


async def test_a_long_poll_whose_client_left_ends_without_waiting_out_its_timeout(
    held_poll: tuple[FakeConnection, asyncio.Task[None], list[Any]],
) -> None:
    connection, polling, sent = held_poll
    connection.closed.set()
    await asyncio.wait_for(polling, 2)  # well before its 5 s
    assert [m["type"] for m in sent] == ["http.response.start", "http.response.body"]
    assert (sent[0]["status"], sent[1]["body"]) == (200, b"[]")
    assert connection.pending == 0
