"""JSON_JQ_TRANSFORM: real jq in killable worker processes."""

from __future__ import annotations

import asyncio
import contextlib
import os
import time
from collections.abc import AsyncIterator, Iterator
from typing import Any

import pytest

from conductor.server.expressions.errors import JqError, JqTimeout
from conductor.server.expressions.jq import JqEngine, compile_program

SEED_QUERY = "{ key3: (.key1.value1 + .key2.value2) }"
SEED_INPUT = {"key1": {"value1": ["a", "b"]}, "key2": {"value2": ["c", "d"]}, "queryExpression": SEED_QUERY}


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


async def _all_gone(pids: set[int], deadline_seconds: float = 10.0) -> bool:
    """Killed workers are reaped in the background: wait (bounded) until they are gone."""
    deadline = time.monotonic() + deadline_seconds
    while any(_alive(pid) for pid in pids):
        if time.monotonic() > deadline:
            return False
        await asyncio.sleep(0.01)
    return True


@pytest.fixture
async def engine() -> AsyncIterator[JqEngine]:
    jq = JqEngine(workers=2, time_limit_seconds=1.0)
    await jq.start()
    yield jq
    pids = jq.worker_pids()
    jq.close()
    assert not any(_alive(pid) for pid in pids), "close() must leave no worker processes"


@pytest.mark.parametrize(
    ("query", "data", "first", "all_results"),
    [
        (SEED_QUERY, SEED_INPUT, {"key3": ["a", "b", "c", "d"]}, [{"key3": ["a", "b", "c", "d"]}]),
        (".a + .b", {"a": 1, "b": 2}, 3, [3]),
        (".a * 2", {"a": 1.5}, 3, [3]),  # integral results are ints
        (".a / 4", {"a": 1}, 0.25, [0.25]),
        ("2.0, 1e3", None, 2, [2, 1000]),
        (".[] | select(.a > 1) | .a", [{"a": 1}, {"a": 2}, {"a": 3}], 2, [2, 3]),
        ("empty", {}, None, []),
        (".missing", {"a": 1}, None, [None]),
        ("nan", None, None, [None]),
        ('.s | test("^ab")', {"s": "abc"}, True, [True]),
        ("map(.x) | add", [{"x": 1}, {"x": 2}], 3, [3]),
        ('"\\(.n)-\\(.m)"', {"n": "a", "m": 2}, "a-2", ["a-2"]),
        ("[.[] | {k: .}] | group_by(.k) | length", [1, 2, 1], 2, [2]),
        (".queryExpression", SEED_INPUT, SEED_QUERY, [SEED_QUERY]),
        ('{"ü": "漢"}', None, {"ü": "漢"}, [{"ü": "漢"}]),
        ("def f: . + 1; f | f", 1, 3, [3]),
        ("$__loc__.file", None, "<top-level>", ["<top-level>"]),
    ],
)
async def test_results(engine: JqEngine, query: str, data: Any, first: Any, all_results: list[Any]) -> None:
    """(first result or None, all results), with integral numbers as int."""
    result = await engine.transform(query, data)
    assert result == (first, all_results)
    assert [type(v) for v in result[1]] == [type(v) for v in all_results]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        (".a +", "syntax error, unexpected end of file at <top-level>, line 1"),
        ("{\n  a: .a,\n  b: (.b | undefined_fn)\n}", "undefined_fn/0 is not defined at <top-level>, line 3"),
        ('import "a" as a; .', "syntax error"),
        (". + 1", 'object ({"a":"x"}) and number (1) cannot be added'),
        (".a | tonumber", "cannot be parsed as a number"),
        ('error("boom")', "boom"),
        ("input", "break"),
    ],
)
async def test_errors_carry_jqs_message(engine: JqEngine, query: str, message: str) -> None:
    """Compile and runtime errors raise JqError with jq's own message (user line numbers)."""
    with pytest.raises(JqError) as info:
        await engine.transform(query, {"a": "x"})
    assert message in str(info.value)
    assert not isinstance(info.value, JqTimeout)


@pytest.mark.parametrize("query", ["", "   ", None, 42])
async def test_query_must_be_a_string(engine: JqEngine, query: Any) -> None:
    """A missing or blank queryExpression is rejected before reaching a worker."""
    with pytest.raises(JqError, match="non-empty string"):
        await engine.transform(query, {})


@pytest.fixture
def secret_env(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    monkeypatch.setenv("PYCONDUCTOR_DB_PASSWORD", "hunter2")
    yield "PYCONDUCTOR_DB_PASSWORD"


def test_prelude_hides_environment_in_process(secret_env: str) -> None:
    """The program prelude alone hides env and $ENV, even in a process that has the variable."""
    program = compile_program(f"[env.{secret_env}, $ENV.{secret_env}, (env | length), ($ENV | length)]")
    assert program.input_value(None).first() == [None, None, 0, 0]
    # Without the prelude the variable would be visible: the test really sets it.
    import jq

    assert jq.compile(f"env.{secret_env}").input_value(None).first() == "hunter2"


async def test_workers_do_not_see_the_server_environment(secret_env: str) -> None:
    """Workers started after the variable was set still cannot reveal it."""
    async with _engine() as engine:
        query = f"[env.{secret_env}, $ENV.{secret_env}, (env | keys), ($ENV | keys), get_search_list]"
        assert await engine.transform(query, None) == ([None, None, [], [], []], [[None, None, [], [], []]])
        # Programs cannot redefine their way back to the real environment either.
        assert (await engine.transform("def env: $ENV; env | length", None))[0] == 0


async def test_runaway_filter_times_out_while_the_loop_keeps_running(engine: JqEngine) -> None:
    """def f: f; f is killed at the time limit; other coroutines progress meanwhile."""
    ticks = 0
    stop = asyncio.Event()

    async def ticker() -> None:
        nonlocal ticks
        while not stop.is_set():
            ticks += 1
            await asyncio.sleep(0)

    ticking = asyncio.create_task(ticker())
    pids_before = set(engine.worker_pids())
    started = time.monotonic()
    results = await asyncio.gather(
        engine.transform("def f: f; f", {}),
        engine.transform("last(range(1e12))", {}),
        return_exceptions=True,
    )
    elapsed = time.monotonic() - started
    stop.set()
    await ticking
    assert all(isinstance(r, JqTimeout) for r in results), results
    assert "did not finish within 1 seconds" in str(results[0])
    assert elapsed < 10
    assert ticks > 100, "the event loop must not be blocked by a runaway jq program"
    # The stuck workers were killed and replaced.
    assert await _all_gone(pids_before)
    assert await engine.transform(".a", {"a": 1}) == (1, [1])


async def test_sync_runaway_times_out(engine: JqEngine) -> None:
    """transform_sync enforces the same limit (run here in a thread, off the loop)."""
    with pytest.raises(JqTimeout):
        await asyncio.to_thread(engine.transform_sync, "def f: f; f", {})
    assert await asyncio.to_thread(engine.transform_sync, ".a", {"a": [1]}) == ([1], [[1]])


async def test_worker_crash_is_reported_and_recovered() -> None:
    """A worker that runs out of memory dies; the call fails with JqError and the next works."""
    async with _engine(time_limit_seconds=60.0, memory_limit_bytes=256 * 1024 * 1024) as engine:
        with pytest.raises(JqError, match="exited unexpectedly") as info:
            await engine.transform("[range(1e9)] | length", None)
        assert not isinstance(info.value, JqTimeout)
        assert await engine.transform(".", 7) == (7, [7])


async def test_many_concurrent_transforms(engine: JqEngine) -> None:
    """40 concurrent calls (Conductor's JSONJQTests) each get their own correct result."""
    results = await asyncio.gather(
        *(engine.transform("{md: .path, n: .n}", {"path": "/", "n": n}) for n in range(40))
    )
    assert [r[0] for r in results] == [{"md": "/", "n": n} for n in range(40)]


async def test_large_input_and_output(engine: JqEngine) -> None:
    """Payloads larger than a pipe buffer travel both ways."""
    data = {"items": [{"i": i, "s": "x" * 50} for i in range(20_000)]}
    first, results = await engine.transform("([.items[] | select(.i % 2 == 0)] | length), .items", data)
    assert first == 10_000
    assert results[1] == data["items"]


async def test_cancelled_call_does_not_poison_the_worker(engine: JqEngine) -> None:
    """Cancelling a call kills its worker, so a late reply cannot reach the next caller."""
    pids_before = set(engine.worker_pids())
    call = asyncio.create_task(engine.transform("last(range(1e12))", {}))
    # With the workers started, one loop turn runs the call up to waiting for the reply.
    await asyncio.sleep(0)
    call.cancel()
    with pytest.raises(asyncio.CancelledError):
        await call
    for n in range(5):
        assert await engine.transform(".n", {"n": n}) == (n, [n])
    # Exactly the worker that ran the cancelled call was replaced.
    gone = {pid for pid in pids_before if pid not in engine.worker_pids()}
    assert len(gone) == 1
    assert await _all_gone(gone)


def test_sync_api_without_event_loop() -> None:
    """transform_sync works from plain threads; close() is idempotent."""
    engine = JqEngine(workers=1)
    try:
        assert engine.transform_sync(SEED_QUERY, SEED_INPUT)[0] == {"key3": ["a", "b", "c", "d"]}
        pids = engine.worker_pids()
    finally:
        engine.close()
    engine.close()
    assert not any(_alive(pid) for pid in pids)
    with pytest.raises(JqError, match="closed"):
        engine.transform_sync(".", 1)


@contextlib.asynccontextmanager
async def _engine(**kwargs: Any) -> AsyncIterator[JqEngine]:
    engine = JqEngine(workers=1, **kwargs)
    try:
        yield engine
    finally:
        pids = engine.worker_pids()
        engine.close()
        assert not any(_alive(pid) for pid in pids)
