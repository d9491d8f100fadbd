"""Helpers for the REST API tests: assertions on Conductor's wire shapes and a driver in its vocabulary."""

from __future__ import annotations

import uuid
from typing import Any

import httpx

TEXT_PLAIN = "text/plain;charset=UTF-8"
VALIDATION_MESSAGE = "Validation failed, check below errors for detail."


def unique(prefix: str) -> str:
    return f"{prefix}_{uuid.uuid4().hex[:8]}"


def assert_error(
    response: httpx.Response, status: int, message: str | None = None, *, contains: str | None = None
) -> dict[str, Any]:
    """Conductor's ErrorResponse: JSON with status, message, instance and retryable."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert body["status"] == status
    assert isinstance(body["instance"], str) and body["instance"]
    assert body["retryable"] is False
    if message is not None:
        assert body["message"] == message
    if contains is not None:
        assert contains in body["message"]
    return body


def assert_validation(response: httpx.Response, *messages: str) -> list[dict[str, Any]]:
    """A 400 bean-validation failure carrying exactly these violation messages (any order)."""
    body = assert_error(response, 400, VALIDATION_MESSAGE)
    errors = body["validationErrors"]
    assert sorted(e["message"] for e in errors) == sorted(messages)
    return errors


def assert_text(response: httpx.Response, status: int = 200) -> str:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == TEXT_PLAIN
    return response.text


def assert_empty(response: httpx.Response, status: int = 200) -> None:
    assert response.status_code == status, response.text
    assert response.content == b""


class Conductor:
    """Registers definitions, starts workflows and plays the worker, all over HTTP."""

    def __init__(self, api: httpx.AsyncClient, eventually: Any) -> None:
        self.api = api
        self.eventually = eventually

    async def task_def(self, name: str | None = None, **fields: Any) -> str:
        """Register a task definition with test-friendly defaults (no retries, no delays)."""
        name = name or unique("task")
        body = {"name": name, "retryCount": 0, "retryDelaySeconds": 0, "responseTimeoutSeconds": 30}
        body.update(fields)
        assert_empty(await self.api.post("/metadata/taskdefs", json=[body]))
        return name

    async def workflow_def(self, tasks: list[dict[str, Any]], name: str | None = None, **fields: Any) -> str:
        name = name or unique("wf")
        body = {"name": name, "version": 1, "tasks": tasks, **fields}
        assert_empty(await self.api.post("/metadata/workflow", json=body))
        return name

    async def simple_workflow(self, *task_names: str, **fields: Any) -> str:
        """A linear workflow of SIMPLE tasks with refs equal to their names."""
        tasks = [{"name": n, "taskReferenceName": n, "type": "SIMPLE"} for n in task_names]
        return await self.workflow_def(tasks, **fields)

    async def start(self, name: str, input: dict[str, Any] | None = None, **fields: Any) -> str:
        body = {"name": name, "input": input if input is not None else {}, **fields}
        return assert_text(await self.api.post("/workflow", json=body))

    async def workflow(self, workflow_id: str, include_tasks: bool = True) -> dict[str, Any]:
        r = await self.api.get(
            f"/workflow/{workflow_id}", params={"includeTasks": str(include_tasks).lower()}
        )
        assert r.status_code == 200, r.text
        return r.json()

    async def poll(self, task_type: str, worker: str = "worker-1", domain: str | None = None) -> dict | None:
        params = {"workerid": worker}
        if domain is not None:
            params["domain"] = domain
        r = await self.api.get(f"/tasks/poll/{task_type}", params=params)
        if r.status_code == 204:
            assert r.content == b""
            return None
        assert r.status_code == 200, r.text
        return r.json()

    async def poll_until(self, task_type: str, within: float = 10.0, **kw: Any) -> dict[str, Any]:
        return await self.eventually(
            lambda: self.poll(task_type, **kw), within, message=f"a {task_type} task"
        )

    async def update(self, task: dict[str, Any], status: str = "COMPLETED", **fields: Any) -> httpx.Response:
        body = {
            "workflowInstanceId": task["workflowInstanceId"],
            "taskId": task["taskId"],
            "status": status,
            **fields,
        }
        return await self.api.post("/tasks", json=body)

    async def complete(self, task: dict[str, Any], output: dict[str, Any] | None = None) -> None:
        r = await self.update(task, "COMPLETED", outputData=output or {})
        assert assert_text(r) == task["taskId"]

    async def fail(self, task: dict[str, Any], reason: str = "boom", terminal: bool = False) -> None:
        status = "FAILED_WITH_TERMINAL_ERROR" if terminal else "FAILED"
        r = await self.update(task, status, reasonForIncompletion=reason)
        assert assert_text(r) == task["taskId"]

    async def wait_status(self, workflow_id: str, status: str, within: float = 10.0) -> dict[str, Any]:
        async def check() -> dict[str, Any] | None:
            wf = await self.workflow(workflow_id)
            return wf if wf["status"] == status else None

        return await self.eventually(check, within, message=f"workflow {workflow_id} {status}")
