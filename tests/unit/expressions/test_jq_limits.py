"""jq's output size cap and memory limit: both stop in the worker process, the server only sees
an error, and the next program runs normally."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator

import pytest

from conductor.server.expressions.errors import JqError
from conductor.server.expressions.jq import JqEngine


@pytest.fixture
async def engine() -> AsyncIterator[JqEngine]:
    with JqEngine(workers=1, time_limit_seconds=30.0, max_output_bytes=64 * 1024) as engine:
        yield engine


async def test_one_huge_result_is_refused(engine: JqEngine) -> None:
    with pytest.raises(JqError, match="jq output is larger than the limit of 65536 bytes"):
        await engine.transform("[range(100000)]", {})
    assert await engine.transform(".a", {"a": 1}) == (1, [1])


async def test_an_endless_stream_of_results_stops_at_the_limit(engine: JqEngine) -> None:
    started = time.monotonic()
    with pytest.raises(JqError, match="larger than the limit"):
        await engine.transform("range(1e12)", {})
    assert time.monotonic() - started < 10  # not the 30 s time limit: the cap ended it


async def test_output_within_the_limit_is_whole(engine: JqEngine) -> None:
    first, results = await engine.transform(".[] | . * 2", list(range(1000)))
    assert first == 0 and results == [i * 2 for i in range(1000)]


async def test_memory_limit_kills_only_the_worker() -> None:
    with JqEngine(workers=1, time_limit_seconds=30.0, memory_limit_bytes=128 * 1024 * 1024) as engine:
        with pytest.raises(JqError, match="exited unexpectedly|out of memory"):
            await engine.transform("[range(3e7)] | length", {})  # about 500 MB inside libjq
        assert await engine.transform("[range(10)] | length", {}) == (10, [10])
