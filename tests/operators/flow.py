"""A test driver for workflows on a real (in-process) server, in Conductor's vocabulary.

`Flow` registers definitions, starts workflows, plays the worker (long-poll + update over
HTTP) and waits on conditions with deadlines. Assertions are left to the tests; helpers here
only fetch and wait. Shared by `tests/operators` and `tests/lifecycle`.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Callable, Iterable
from typing import Any

import httpx

from helpers import eventually

Json = dict[str, Any]


def unique(prefix: str) -> str:
    return f"{prefix}_{uuid.uuid4().hex[:8]}"


# ---- definition builders (plain JSON, exactly what users send) ----------------------------


def simple(ref: str, name: str | None = None, **fields: Any) -> Json:
    return {"name": name or ref, "taskReferenceName": ref, "type": "SIMPLE", **fields}


def inline(ref: str, expression: str, **inputs: Any) -> Json:
    return {
        "name": ref,
        "taskReferenceName": ref,
        "type": "INLINE",
        "inputParameters": {"evaluatorType": "graaljs", "expression": expression, **inputs},
    }


def set_variable(ref: str, **values: Any) -> Json:
    return {"name": ref, "taskReferenceName": ref, "type": "SET_VARIABLE", "inputParameters": values}


def wait(ref: str, duration: str | None = None) -> Json:
    params = {"duration": duration} if duration else {}
    return {"name": ref, "taskReferenceName": ref, "type": "WAIT", "inputParameters": params}


def fork(ref: str, *branches: list[Json]) -> Json:
    return {"name": ref, "taskReferenceName": ref, "type": "FORK_JOIN", "forkTasks": list(branches)}


def join(ref: str, *join_on: str, **fields: Any) -> Json:
    return {"name": ref, "taskReferenceName": ref, "type": "JOIN", "joinOn": list(join_on), **fields}


def switch(
    ref: str,
    expression: str,
    cases: dict[str, list[Json]],
    default: list[Json] | None = None,
    evaluator: str = "value-param",
    **inputs: Any,
) -> Json:
    return {
        "name": ref,
        "taskReferenceName": ref,
        "type": "SWITCH",
        "evaluatorType": evaluator,
        "expression": expression,
        "inputParameters": inputs,
        "decisionCases": cases,
        "defaultCase": default or [],
    }


def do_while(ref: str, condition: str, body: list[Json], **fields: Any) -> Json:
    inputs = fields.pop("inputParameters", {})
    return {
        "name": ref,
        "taskReferenceName": ref,
        "type": "DO_WHILE",
        "loopCondition": condition,
        "loopOver": body,
        "inputParameters": inputs,
        **fields,
    }


def sub_workflow(ref: str, name: str | None = None, version: int | None = None, **fields: Any) -> Json:
    param: Json = dict(fields.pop("subWorkflowParam", {}))
    if name is not None:
        param.setdefault("name", name)
    if version is not None:
        param.setdefault("version", version)
    return {
        "name": ref,
        "taskReferenceName": ref,
        "type": "SUB_WORKFLOW",
        "subWorkflowParam": param,
        **fields,
    }


def terminate(ref: str, status: str, reason: str | None = None, output: Any = None) -> Json:
    params: Json = {"terminationStatus": status}
    if reason is not None:
        params["terminationReason"] = reason
    if output is not None:
        params["workflowOutput"] = output
    return {"name": ref, "taskReferenceName": ref, "type": "TERMINATE", "inputParameters": params}


# ---- reading a workflow ------------------------------------------------------------------


def refs(workflow: Json) -> list[str]:
    """Reference names of every task, in seq order."""
    return [t["referenceTaskName"] for t in sorted(workflow["tasks"], key=lambda t: t["seq"])]


def statuses(workflow: Json) -> list[tuple[str, str]]:
    return [(t["referenceTaskName"], t["status"]) for t in sorted(workflow["tasks"], key=lambda t: t["seq"])]


def task(workflow: Json, ref: str) -> Json:
    """The newest task with this reference."""
    found = [t for t in workflow["tasks"] if t["referenceTaskName"] == ref]
    assert found, f"no task {ref} in {refs(workflow)}"
    return max(found, key=lambda t: t["seq"])


def tasks_of(workflow: Json, ref: str) -> list[Json]:
    return sorted((t for t in workflow["tasks"] if t["referenceTaskName"] == ref), key=lambda t: t["seq"])


class Flow:
    """Drives one in-process server over HTTP."""

    def __init__(self, api: httpx.AsyncClient) -> None:
        self.api = api
        self.eventually = eventually

    # ---- metadata -------------------------------------------------------------------------

    async def taskdef(self, name: str, **fields: Any) -> str:
        """Register a task definition with test-friendly defaults (no retries, no delays)."""
        body = {"name": name, "retryCount": 0, "retryDelaySeconds": 0, "responseTimeoutSeconds": 30}
        body.update(fields)
        r = await self.api.post("/metadata/taskdefs", json=[body])
        assert r.status_code == 200, r.text
        return name

    async def taskdefs(self, names: Iterable[str], **fields: Any) -> None:
        for name in names:
            await self.taskdef(name, **fields)

    async def define(
        self, tasks: list[Json], name: str | None = None, version: int = 1, **fields: Any
    ) -> str:
        name = name or unique("wf")
        body = {"name": name, "version": version, "tasks": tasks, "schemaVersion": 2, **fields}
        r = await self.api.post("/metadata/workflow", json=body)
        if r.status_code == 409:  # a second version, or re-registration in a test
            r = await self.api.put("/metadata/workflow", json=[body])
        assert r.status_code == 200, r.text
        return name

    # ---- running --------------------------------------------------------------------------

    async def start(self, name: str, input: Json | None = None, **fields: Any) -> str:
        body = {"name": name, "input": input if input is not None else {}, **fields}
        r = await self.api.post("/workflow", json=body)
        assert r.status_code == 200, r.text
        return r.text

    async def run(self, tasks: list[Json], input: Json | None = None, **def_fields: Any) -> str:
        """Register a one-off definition and start it."""
        return await self.start(await self.define(tasks, **def_fields), input)

    async def get(self, workflow_id: str) -> Json:
        r = await self.api.get(f"/workflow/{workflow_id}", params={"includeTasks": "true"})
        assert r.status_code == 200, r.text
        result: Json = r.json()
        return result

    async def until(self, workflow_id: str, status: str, within: float = 10.0) -> Json:
        """Wait for the workflow status; fails early when it ends in another status."""

        async def check() -> Json | None:
            wf = await self.get(workflow_id)
            terminal = wf["status"] in ("COMPLETED", "FAILED", "TIMED_OUT", "TERMINATED")
            if wf["status"] != status and terminal and status != "RUNNING":
                raise AssertionError(
                    f"workflow ended {wf['status']} ({wf.get('reasonForIncompletion')}), "
                    f"expected {status}; tasks {statuses(wf)}"
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

    async def poll(self, task_type: str, within: float = 5.0, worker: str = "test-worker") -> Json:
        """Long-poll one task of this type (failing after `within` seconds)."""

        async def once() -> Json | None:
            r = await self.api.get(
                f"/tasks/poll/batch/{task_type}", params={"count": 1, "timeout": 500, "workerid": worker}
            )
            assert r.status_code == 200, r.text
            batch: list[Json] = r.json()
            return batch[0] if batch else None

        result: Json = await self.eventually(once, within, message=f"a {task_type} task to poll")
        return result

    async def update(
        self, t: Json, status: str = "COMPLETED", output: Json | None = None, **fields: Any
    ) -> None:
        body = {
            "workflowInstanceId": t["workflowInstanceId"],
            "taskId": t["taskId"],
            "status": status,
            "outputData": output or {},
            **fields,
        }
        r = await self.api.post("/tasks", json=body)
        assert r.status_code == 200, r.text

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
