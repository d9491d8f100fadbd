"""A long-poll waiting on a queue whose only message is delayed gets it when it becomes due."""

from __future__ import annotations

import time

import httpx

from driver import Driver


async def test_waiting_poll_receives_a_task_when_its_callback_delay_ends(
    api: httpx.AsyncClient, conductor: Driver
) -> None:
    task_type = await conductor.taskdef(retryCount=0)
    workflow_id = await conductor.start(await conductor.simple_workflow(task_type))
    task = await conductor.poll(task_type)
    # "Poll me again in 1 s": the task is re-queued with a delay.
    await conductor.post_result(task, "IN_PROGRESS", callbackAfterSeconds=1)
    # An immediate poll finds nothing due (and the queue is remembered as empty)...
    assert (await api.get(f"/tasks/poll/batch/{task_type}", params={"timeout": 0})).json() == []
    # ...yet a long-poll waiting from now on must get the task once the delay is over.
    started = time.monotonic()
    got = (await api.get(f"/tasks/poll/batch/{task_type}", params={"timeout": 5000, "workerid": "w2"})).json()
    elapsed = time.monotonic() - started
    assert [t["taskId"] for t in got] == [task["taskId"]]
    assert got[0]["workflowInstanceId"] == workflow_id
    assert got[0]["pollCount"] == 2
    assert elapsed < 3.0, f"the delayed task was handed out only after {elapsed:.1f}s"
