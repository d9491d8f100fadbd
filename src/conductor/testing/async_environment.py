"""`AsyncWorkflowTestEnvironment`: `WorkflowTestEnvironment` for `async def` tests.

    async with AsyncWorkflowTestEnvironment() as env:
        env.mock_task("charge", output={"charged": True})
        run = await env.execute_workflow(definition, {"order": 7})

Everything that waits (start, close, sleep, advance_to, execute/wait for a workflow, idle)
is a coroutine that runs the blocking call on a thread (`asyncio.to_thread`), so the test's
event loop stays free; the server has its own loop on its own thread either way. The rest
(clients, configuration, run_workers, mock_task, the clock) is the synchronous environment's.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

from conductor.client.http.models.workflow import Workflow
from conductor.testing.environment import DEFAULT_MAX_SKIP, WorkflowLike, WorkflowTestEnvironment

__all__ = ["AsyncWorkflowTestEnvironment"]


class AsyncWorkflowTestEnvironment:
    def __init__(self, **options: Any) -> None:
        self.sync = WorkflowTestEnvironment(**options)

    async def __aenter__(self) -> AsyncWorkflowTestEnvironment:
        await asyncio.to_thread(self.sync.start)
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()

    async def close(self) -> None:
        await asyncio.to_thread(self.sync.close)

    def __getattr__(self, name: str) -> Any:
        # Called only for what this class does not define: the synchronous environment's
        # non-blocking parts (clients, configuration, run_workers, mock_task, now, ...).
        return getattr(self.sync, name)

    @property
    def auto_skip(self) -> bool:
        return self.sync.auto_skip

    @auto_skip.setter
    def auto_skip(self, value: bool) -> None:
        self.sync.auto_skip = value

    async def sleep(self, duration: timedelta | float) -> None:
        await asyncio.to_thread(self.sync.sleep, duration)

    async def advance_to(self, when: datetime) -> None:
        await asyncio.to_thread(self.sync.advance_to, when)

    # `timeout` (ASYNC109): a real-time bound handed to the synchronous call, which enforces it.
    async def wait_until_idle(self, timeout: float | None = None) -> None:  # noqa: ASYNC109
        await asyncio.to_thread(self.sync.wait_until_idle, timeout)

    async def start_workflow(
        self,
        workflow: str | WorkflowLike,
        input: Mapping[str, Any] | None = None,
        *,
        version: int | None = None,
        correlation_id: str | None = None,
    ) -> str:
        return await asyncio.to_thread(
            self.sync.start_workflow, workflow, input, version=version, correlation_id=correlation_id
        )

    async def get_workflow(self, workflow_id: str) -> Workflow:
        return await asyncio.to_thread(self.sync.get_workflow, workflow_id)

    async def wait_for_workflow(
        self,
        workflow_id: str,
        *,
        skip_time: bool = True,
        timeout: float | None = None,  # noqa: ASYNC109
        max_skip: timedelta = DEFAULT_MAX_SKIP,
    ) -> Workflow:
        return await asyncio.to_thread(
            self.sync.wait_for_workflow, workflow_id, skip_time=skip_time, timeout=timeout, max_skip=max_skip
        )

    async def execute_workflow(
        self,
        workflow: str | WorkflowLike,
        input: Mapping[str, Any] | None = None,
        *,
        version: int | None = None,
        correlation_id: str | None = None,
        timeout: float | None = None,  # noqa: ASYNC109
        max_skip: timedelta = DEFAULT_MAX_SKIP,
    ) -> Workflow:
        return await asyncio.to_thread(
            self.sync.execute_workflow,
            workflow,
            input,
            version=version,
            correlation_id=correlation_id,
            timeout=timeout,
            max_skip=max_skip,
        )
