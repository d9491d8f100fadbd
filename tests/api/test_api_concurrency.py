"""Concurrent workers and long-polls: every task is handed out exactly once, nothing is lost."""

from __future__ import annotations

import asyncio
from collections import Counter
from typing import Any

import httpx

from driver import Driver


async def test_concurrent_workers_get_each_task_exactly_once(
    api: httpx.AsyncClient, conductor: Driver
) -> None:
    first, second = await conductor.taskdef(), await conductor.taskdef()
    name = await conductor.define(
        [
            {"name": first, "taskReferenceName": "one", "inputParameters": {"n": "${workflow.input.n}"}},
            {"name": second, "taskReferenceName": "two", "inputParameters": {"m": "${one.output.m}"}},
        ],
        outputParameters={"out": "${two.output.out}"},
    )
    ids = await asyncio.gather(*(conductor.start(name, {"n": n}) for n in range(20)))
    handed: Counter[str] = Counter()
    done = asyncio.Event()

    async def worker(worker_id: str) -> None:
        while not done.is_set():
            for task_type in (first, second):
                r = await api.get(
                    f"/tasks/poll/batch/{task_type}",
                    params={"workerid": worker_id, "count": 3, "timeout": 50},
                )
                assert r.status_code == 200, r.text
                for task in r.json():
                    handed[task["taskId"]] += 1
                    inp = task["inputData"]
                    output = {"m": inp["n"] * 2} if task_type == first else {"out": inp["m"] + 1}
                    await conductor.complete_task(task, output)

    async def all_completed() -> bool:
        statuses = [(await conductor.get(w, include_tasks=False))["status"] for w in ids]
        return all(s == "COMPLETED" for s in statuses)

    workers = [asyncio.create_task(worker(f"w{i}")) for i in range(4)]
    try:
        await conductor.eventually(all_completed, 30, message="all 20 workflows to complete")
    finally:
        done.set()
        await asyncio.gather(*workers)

    assert len(handed) == 40
    assert set(handed.values()) == {1}, "a task was handed to two workers"
    for wid in ids:
        wf = await conductor.get(wid)
        assert wf["output"] == {"out": wf["input"]["n"] * 2 + 1}
        assert [t["pollCount"] for t in wf["tasks"]] == [1, 1]


async def test_one_task_wakes_only_one_of_two_long_polls(
    api: httpx.AsyncClient, conductor: Driver, server: Any, eventually: Any
) -> None:
    t = await conductor.taskdef()
    name = await conductor.simple_workflow(t)

    async def long_poll(worker: str) -> list[dict[str, Any]]:
        r = await api.get(f"/tasks/poll/batch/{t}", params={"workerid": worker, "count": 1, "timeout": 1500})
        assert r.status_code == 200
        return list(r.json())

    polls = [asyncio.create_task(long_poll(w)) for w in ("a", "b")]
    signals = server.components.signals
    await eventually(lambda: len(signals._waiters.get(t, ())) == 2, 5, message="two waiting long polls")
    wid = await conductor.start(name)
    results = await asyncio.wait_for(asyncio.gather(*polls), 10)

    got = [r for r in results if r]
    assert len(got) == 1
    assert got[0][0]["workflowInstanceId"] == wid
    assert sorted(len(r) for r in results) == [0, 1]
