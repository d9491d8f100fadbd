"""Waiting for a condition with a deadline: the suite's one `eventually` (and its blocking twin).

"No fixed sleeps" (CONTRIBUTING.md, Tests): a test waits for the state it needs, re-checking a
predicate until it holds or a deadline passes, and fails saying what it waited for and what it
saw last. `eventually` is for async tests (the `eventually` fixture, `driver.Driver`);
`wait_until` is the same loop for threads and subprocess-driving tests that have no event loop.
Both return the predicate's truthy value, so a test can wait for and fetch a result in one step.
"""

from __future__ import annotations

import asyncio
import inspect
import time
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

T = TypeVar("T")


async def eventually(
    predicate: Callable[[], Any | Awaitable[Any]],
    within: float = 10.0,
    interval: float = 0.02,
    message: str = "condition",
) -> Any:
    """Re-check `predicate` (sync or async) until it returns a truthy value; fail after `within` s."""
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


def wait_until(
    predicate: Callable[[], T], within: float = 10.0, message: str = "condition", interval: float = 0.05
) -> T:
    """`eventually` for code without an event loop: re-check `predicate`, fail after `within` s."""
    deadline = time.monotonic() + within
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() >= deadline:
            raise AssertionError(f"{message} not met within {within}s (last value: {value!r})")
        time.sleep(interval)  # the re-check interval of a deadline-bound wait
