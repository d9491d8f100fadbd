"""Per-workflow serialisation inside one process.

Across processes the store's compare-and-set on the workflow row (`rev`) is what prevents lost
updates; this lock only keeps one process from racing itself (and wasting CAS retries).
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager


class WorkflowLocks:
    def __init__(self) -> None:
        self._locks: dict[str, tuple[asyncio.Lock, int]] = {}

    @asynccontextmanager
    async def hold(self, workflow_id: str) -> AsyncIterator[None]:
        lock, users = self._locks.get(workflow_id, (None, 0))
        if lock is None:
            lock = asyncio.Lock()
        self._locks[workflow_id] = (lock, users + 1)
        try:
            async with lock:
                yield
        finally:
            lock, users = self._locks[workflow_id]
            if users <= 1:
                del self._locks[workflow_id]
            else:
                self._locks[workflow_id] = (lock, users - 1)
