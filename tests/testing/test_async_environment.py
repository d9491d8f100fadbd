"""The async twin: the same environment for `async def` tests (docs/testing.md §5)."""

from __future__ import annotations

from datetime import timedelta

from conductor.testing import AsyncWorkflowTestEnvironment, assert_path
from testing.defs import simple, wait, workflow


async def test_an_async_test_skips_a_day_and_runs_a_mocked_task() -> None:
    async with AsyncWorkflowTestEnvironment() as env:
        env.mock_task("notify", output={"sent": True})
        run = await env.execute_workflow(workflow("w", wait("day", duration="1d"), simple("notify")))
        assert run.status == "COMPLETED"
        assert_path(run, ["day", "notify"])
        workflow_id = await env.start_workflow(workflow("w2", wait("hour", duration="1h")))
        await env.sleep(timedelta(hours=1))
        assert (await env.get_workflow(workflow_id)).status == "COMPLETED"
        assert env.configuration.host == env.api_url
