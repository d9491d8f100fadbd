"""Deadlines a decide cannot act on must not make the sweeper spin (it did, at 80% CPU)."""

from __future__ import annotations

from typing import Any

from conductor.server.clock import FakeClock
from conductor.server.persistence.sql.store import SqlTx
from conductor.server.queue.names import DECIDER_QUEUE
from driver import Driver


async def _next_check(server: Any, workflow_id: str) -> int:
    def job(tx: SqlTx) -> int:
        rows = tx._rows(
            "SELECT deliver_on FROM queue_message WHERE queue_name = ? AND message_id = ?",
            (DECIDER_QUEUE, workflow_id),
        )
        return int(rows[0][0])

    return int(await server.components.db.read(job))


async def test_alert_only_timeout_past_its_deadline_leaves_the_sweeper_idle(
    conductor: Driver, server: Any, clock: FakeClock
) -> None:
    t = await conductor.taskdef(retryCount=0, pollTimeoutSeconds=1, timeoutPolicy="ALERT_ONLY")
    wid = await conductor.start(await conductor.simple_workflow(t))  # nobody polls it
    runner = server.components.runner

    # Once the 1 s poll deadline is behind us a decide changes nothing (ALERT_ONLY only logs)...
    clock.advance(1.6)
    await runner.decide(wid)
    assert clock.now_ms() > (await conductor.get(wid))["tasks"][0]["scheduledTime"] + 1500
    wf = await conductor.get(wid)
    assert wf["status"] == "RUNNING" and wf["tasks"][0]["status"] == "SCHEDULED"
    # ...so the workflow's next check must not be "now" again (that re-sweeps it in a loop).
    assert await _next_check(server, wid) > clock.now_ms() + 60_000


async def test_paused_workflow_with_an_expired_wait_leaves_the_sweeper_idle(
    api: Any, conductor: Driver, server: Any, clock: FakeClock
) -> None:
    name = await conductor.define(
        [{"name": "w", "taskReferenceName": "w", "type": "WAIT", "inputParameters": {"duration": "1s"}}]
    )
    wid = await conductor.start(name)
    assert (await api.put(f"/workflow/{wid}/pause")).status_code == 200
    runner = server.components.runner

    clock.advance(1.3)
    await runner.decide(wid)
    assert clock.now_ms() > (await conductor.get(wid))["tasks"][0]["waitTimeout"] + 200
    assert (await conductor.get(wid))["tasks"][0]["status"] == "IN_PROGRESS"
    assert await _next_check(server, wid) > clock.now_ms() + 60_000
    # Resuming acts on it at once.
    assert (await api.put(f"/workflow/{wid}/resume")).status_code == 200
    assert (await conductor.until(wid, "COMPLETED"))["tasks"][0]["status"] == "COMPLETED"
