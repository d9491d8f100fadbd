"""The suite's one HTTP test driver: workflows on a real (in-process) server, in Conductor's
vocabulary.

`Driver` registers definitions, starts workflows, plays the worker (poll + update over HTTP) and
waits on conditions with deadlines (`helpers.eventually`). Assertions on behaviour are left to
the tests; the driver only asserts that its own requests were accepted, in Conductor's wire
shapes. The `conductor` fixture (tests/api) and the `flow` fixture (tests/operators,
tests/lifecycle) are both a `Driver`; definition builders and readers are in
`tests/operators/flow.py`, wire-shape assertions in `tests/api/apihelpers.py`.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Callable, Iterable
from typing import Any

import httpx

from helpers import eventually

Json = dict[str, Any]
TEXT_PLAIN = "text/plain;charset=UTF-8"
TERMINAL = ("COMPLETED", "FAILED", "TIMED_OUT", "TERMINATED")


def unique(prefix: str) -> str:
    return f"{prefix}_{uuid.uuid4().hex[:8]}"


def _statuses(workflow: Json) -> list[tuple[str, str]]:
    return [(t["referenceTaskName"], t["status"]) for t in sorted(workflow["tasks"], key=lambda t: t["seq"])]


class Driver:
    """Drives one server over HTTP (`api`: a client whose paths are relative to `/api`)."""

    def __init__(self, api: httpx.AsyncClient) -> None:
        self.api = api
        self.eventually = eventually

    # ---- metadata -------------------------------------------------------------------------

    async def taskdef(self, name: str | None = None, **fields: Any) -> str:
        """Register a task definition with test-friendly defaults (no retries, no delays)."""
        name = name or unique("task")
        body = {"name": name, "retryCount": 0, "retryDelaySeconds": 0, "responseTimeoutSeconds": 30}
        body.update(fields)
        r = await self.api.post("/metadata/taskdefs", json=[body])
        assert r.status_code == 200 and r.content == b"", r.text
        return name

    async def taskdefs(self, names: Iterable[str], **fields: Any) -> None:
        for name in names:
            await self.taskdef(name, **fields)

    async def define(
        self, tasks: list[Json], name: str | None = None, version: int = 1, **fields: Any
    ) -> str:
        """Register a workflow definition (a second version, or the same one again, updates)."""
        name = name or unique("wf")
        body = {"name": name, "version": version, "tasks": tasks, **fields}
        r = await self.api.post("/metadata/workflow", json=body)
        if r.status_code == 409:  # a second version, or re-registration in a test
            r = await self.api.put("/metadata/workflow", json=[body])
        assert r.status_code == 200, r.text
        return name

    async def simple_workflow(self, *task_names: str, **fields: Any) -> str:
        """A linear workflow of SIMPLE tasks with refs equal to their names."""
        tasks = [{"name": n, "taskReferenceName": n, "type": "SIMPLE"} for n in task_names]
        return await self.define(tasks, **fields)

    # ---- running --------------------------------------------------------------------------

    async def start(self, name: str, input: Json | None = None, **fields: Any) -> str:
        body = {"name": name, "input": input if input is not None else {}, **fields}
        r = await self.api.post("/workflow", json=body)
        assert r.status_code == 200, r.text
        assert r.headers["content-type"] == TEXT_PLAIN
        return r.text

    async def run(self, tasks: list[Json], input: Json | None = None, **def_fields: Any) -> str:
        """Register a one-off definition and start it."""
        return await self.start(await self.define(tasks, **def_fields), input)

    async def get(self, workflow_id: str, include_tasks: bool = True) -> Json:
        r = await self.api.get(
            f"/workflow/{workflow_id}", params={"includeTasks": str(include_tasks).lower()}
        )
        assert r.status_code == 200, r.text
        result: Json = r.json()
        return result

    async def until(self, workflow_id: str, status: str, within: float = 10.0) -> Json:
        """Wait for the workflow status; fails early when it ends in another status."""

        async def check() -> Json | None:
            wf = await self.get(workflow_id)
            if wf["status"] != status and wf["status"] in TERMINAL and status != "RUNNING":
                raise AssertionError(
                    f"workflow ended {wf['status']} ({wf.get('reasonForIncompletion')}), "
                    f"expected {status}; tasks {_statuses(wf)}"
                )
            return wf if wf["status"] == status else None

        result: Json = await self.eventually(check, within, message=f"workflow {workflow_id} {status}")
        return result

    async def until_task(
        self, workflow_id: str, ref: str, status: str | Iterable[str] | None = None, within: float = 10.0
    ) -> Json:
        """Wait until the newest task with `ref` exists (in one of `status`, when given)."""
        wanted = {status} if isinstance(status, str) else set(status) if status else None

        async def check() -> Json | None:
            wf = await self.get(workflow_id)
            found = [t for t in wf["tasks"] if t["referenceTaskName"] == ref]
            if not found:
                return None
            newest = max(found, key=lambda t: t["seq"])
            return newest if wanted is None or newest["status"] in wanted else None

        result: Json = await self.eventually(check, within, message=f"task {ref} {wanted or ''}")
        return result

    async def until_output(self, workflow_id: str, key: str, within: float = 10.0) -> Any:
        """Wait until the workflow output has `key`; returns its value."""

        async def check() -> Any:
            output = (await self.get(workflow_id))["output"]
            return output.get(key)

        return await self.eventually(check, within, message=f"output {key} of {workflow_id}")

    # ---- playing the worker ---------------------------------------------------------------

    async def poll_once(
        self, task_type: str, worker: str = "worker-1", domain: str | None = None
    ) -> Json | None:
        """One `GET /tasks/poll/{type}`: the task, or None (204, empty body)."""
        params = {"workerid": worker}
        if domain is not None:
            params["domain"] = domain
        r = await self.api.get(f"/tasks/poll/{task_type}", params=params)
        if r.status_code == 204:
            assert r.content == b""
            return None
        assert r.status_code == 200, r.text
        result: Json = r.json()
        return result

    async def poll(self, task_type: str, within: float = 10.0, **kw: Any) -> Json:
        """Poll until a task of this type comes (failing after `within` seconds); `kw`: the
        worker and domain of `poll_once`."""
        result: Json = await self.eventually(
            lambda: self.poll_once(task_type, **kw), within, message=f"a {task_type} task"
        )
        return result

    async def post_result(self, task: Json, status: str = "COMPLETED", **fields: Any) -> httpx.Response:
        """`POST /tasks` for this task; the response, unchecked."""
        body = {
            "workflowInstanceId": task["workflowInstanceId"],
            "taskId": task["taskId"],
            "status": status,
            **fields,
        }
        return await self.api.post("/tasks", json=body)

    async def update(
        self, t: Json, status: str = "COMPLETED", output: Json | None = None, **fields: Any
    ) -> None:
        """Report a result for this task (accepted: 200)."""
        r = await self.post_result(t, status, outputData=output or {}, **fields)
        assert r.status_code == 200, r.text

    async def complete_task(self, task: Json, output: Json | None = None) -> None:
        """Complete this polled task; the answer is its id, as text."""
        r = await self.post_result(task, "COMPLETED", outputData=output or {})
        assert r.status_code == 200, r.text
        assert r.headers["content-type"] == TEXT_PLAIN and r.text == task["taskId"], r.text

    async def fail_task(self, task: Json, reason: str = "boom", terminal: bool = False) -> None:
        """Fail this polled task; the answer is its id, as text."""
        status = "FAILED_WITH_TERMINAL_ERROR" if terminal else "FAILED"
        r = await self.post_result(task, status, reasonForIncompletion=reason)
        assert r.status_code == 200, r.text
        assert r.headers["content-type"] == TEXT_PLAIN and r.text == task["taskId"], r.text

    async def work(
        self, task_type: str, output: Json | None = None, status: str = "COMPLETED", **fields: Any
    ) -> Json:
        """Poll one task of `task_type` and report a result for it; returns the polled task."""
        t = await self.poll(task_type)
        await self.update(t, status, output, **fields)
        return t

    async def complete(
        self,
        workflow_id: str,
        ref: str,
        output: Json | None = None,
        status: str = "COMPLETED",
        within: float = 10.0,
        **fields: Any,
    ) -> Json:
        """Wait for the pending task `ref` of this workflow and report a result for it."""
        t = await self.until_task(workflow_id, ref, ("SCHEDULED", "IN_PROGRESS"), within)
        await self.update(t, status, output, **fields)
        return t

    async def fail(self, workflow_id: str, ref: str, reason: str = "boom", terminal: bool = False) -> Json:
        status = "FAILED_WITH_TERMINAL_ERROR" if terminal else "FAILED"
        return await self.complete(workflow_id, ref, status=status, reasonForIncompletion=reason)

    def worker(
        self, task_type: str, handler: Callable[[Json], Json | None] | None = None
    ) -> asyncio.Task[None]:
        """A background worker: long-polls `task_type` and completes each task with
        `handler(task)` (an output map; raising fails the task). Cancel it when done."""

        async def loop() -> None:
            while True:
                r = await self.api.get(
                    f"/tasks/poll/batch/{task_type}", params={"count": 10, "timeout": 200, "workerid": "bg"}
                )
                for t in r.json() if r.status_code == 200 else []:
                    try:
                        out = handler(t) if handler else {}
                        await self.update(t, "COMPLETED", out or {})
                    except Exception as exc:  # the handler's way of failing a task
                        await self.update(t, "FAILED", {}, reasonForIncompletion=str(exc))

        return asyncio.get_running_loop().create_task(loop())
