"""The worker SDK (official conductor-python import paths).

Like the official package, ``from conductor.client import Configuration, TaskHandler, ...``
works; the names are imported on first use, so ``import conductor.client.http.models`` does not
pull in the task handler and its dependencies.
"""

from __future__ import annotations

import importlib
from typing import Any

#: Public name -> module that defines it (the official package's re-exports).
_EXPORTS: dict[str, str] = {
    "Configuration": "conductor.client.configuration.configuration",
    "TaskHandler": "conductor.client.automator.task_handler",
    "TaskRunner": "conductor.client.automator.task_runner",
    "OrkesClients": "conductor.client.orkes_clients",
    "ConductorClients": "conductor.client.orkes_clients",
    "ConductorWorkflow": "conductor.client.workflow.conductor_workflow",
    "WorkflowExecutor": "conductor.client.workflow.executor.workflow_executor",
    "worker_task": "conductor.client.worker.worker_task",
    "WorkerInterface": "conductor.client.worker.worker_interface",
    "Task": "conductor.client.http.models.task",
    "TaskResult": "conductor.client.http.models.task_result",
    "TaskResultStatus": "conductor.client.http.models.task_result_status",
    "StartWorkflowRequest": "conductor.client.http.models.start_workflow_request",
}

__all__ = list(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'conductor.client' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value
