"""NOOP: completes at once (docs/engine.md §6.17)."""

from __future__ import annotations

from driver import Driver
from operators.flow import inline, refs, task


async def test_noop_completes_at_once(flow: Driver) -> None:
    wid = await flow.run(
        [{"name": "nothing", "taskReferenceName": "nothing", "type": "NOOP"}, inline("after", "1")]
    )
    wf = await flow.until(wid, "COMPLETED")
    assert refs(wf) == ["nothing", "after"]
    assert task(wf, "nothing")["status"] == "COMPLETED"
