"""Payload size limits of task and workflow inputs and outputs (Conductor's
``conductor.app.*PayloadSizeThreshold`` settings, ``ExternalPayloadStorageUtils.verifyAndUpload``).

A payload above its threshold is logged (Conductor would move it to external storage, which this
server does not have); one above its maximum fails the task with FAILED_WITH_TERMINAL_ERROR and
an emptied payload, or fails the workflow, with Conductor's reason text. Sizes are those of the
compact JSON encoding, which is what gets stored.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any, Final

from msgspec.structs import replace

from conductor.server.domain.encoded_payloads import encoded
from conductor.server.domain.errors import BadRequest
from conductor.server.domain.execution import Task
from conductor.server.domain.status import TaskStatus

log = logging.getLogger("conductor.server.engine")

KB: Final = 1024


@dataclass(frozen=True)
class PayloadLimits:
    """Thresholds in bytes; a maximum of 0 disables that check."""

    task_input_warn: int = 3072 * KB
    task_input_max: int = 10240 * KB
    task_output_warn: int = 3072 * KB
    task_output_max: int = 10240 * KB
    workflow_input_warn: int = 5120 * KB
    workflow_input_max: int = 10240 * KB
    workflow_output_warn: int = 5120 * KB
    workflow_output_max: int = 10240 * KB


class PayloadTooLarge(BadRequest):
    """A workflow input above its maximum (400, with Conductor's message)."""


def payload_size(payload: Any) -> int:
    """Bytes of the compact JSON encoding of ``payload`` (0 for an empty map)."""
    if not payload:
        return 0
    try:
        return len(encoded(payload))
    except (TypeError, ValueError, OverflowError):
        # Not JSON-encodable here means not storable either; the store reports that itself.
        return 0


def task_too_large(
    task: Task, limits: PayloadLimits, *, check_input: bool, check_output: bool = True
) -> Task | None:
    """A FAILED_WITH_TERMINAL_ERROR copy of ``task`` with the offending payload emptied when its
    input or output exceeds the maximum; None when both fit."""
    checks: list[tuple[str, dict[str, Any], int, int]] = []
    if check_input:
        checks.append(("input", task.input_data, limits.task_input_warn, limits.task_input_max))
    if check_output:
        checks.append(("output", task.output_data, limits.task_output_warn, limits.task_output_max))
    for kind, payload, warn, maximum in checks:
        if not payload or (maximum <= 0 and warn <= 0):
            continue
        size = payload_size(payload)
        if 0 < maximum < size:
            # Conductor's text, double space included (ExternalPayloadStorageUtils).
            reason = (
                f"The payload size: {size} of task: {task.task_id} in workflow: "
                f"{task.workflow_instance_id}  is greater than the permissible limit: {maximum} bytes"
            )
            log.warning("task %s: %s payload rejected: %s", task.task_id, kind, reason)
            emptied: dict[str, Any] = {}
            failed = replace(
                task, status=TaskStatus.FAILED_WITH_TERMINAL_ERROR, reason_for_incompletion=reason
            )
            if kind == "input":
                failed.input_data = emptied
            else:
                failed.output_data = emptied
            return failed
        if 0 < warn < size:
            log.warning(
                "task %s of workflow %s: %s payload of %d bytes is above the threshold of %d bytes",
                task.task_id,
                task.workflow_instance_id,
                kind,
                size,
                warn,
            )
    return None


def workflow_payload_error(kind: str, payload: Any, warn: int, maximum: int, workflow: str) -> str | None:
    """Conductor's reason when a workflow's input or output is above ``maximum``, else None
    (above ``warn`` it is logged)."""
    if not payload or (maximum <= 0 and warn <= 0):
        return None
    size = payload_size(payload)
    if 0 < maximum < size:
        return (
            f"The payload size: {size} of workflow: {workflow} is greater than the "
            f"permissible limit: {maximum} bytes"
        )
    if 0 < warn < size:
        log.warning(
            "workflow %s: %s payload of %d bytes is above the threshold of %d bytes",
            workflow,
            kind,
            size,
            warn,
        )
    return None


class PayloadGuard:
    """Checks, during one decision, the task payloads that are new since the workflow was loaded.

    Payloads are recognised by identity: a task copied with a new status keeps its input and
    output objects, so only data that actually arrived (a worker's output, a system task's
    result, a new task's input) is encoded and measured, and each only once. The guard holds a
    reference to every object it vouches for, so an id cannot be reused while it lives.
    """

    def __init__(
        self, limits: PayloadLimits, tasks: list[Task], positions: dict[str, int] | None = None
    ) -> None:
        self.limits = limits
        # The tasks as they were (a copy of the list, not of the tasks) and where each id sits
        # in it (the workflow's task index: positions of existing tasks never move). A task's
        # payloads are new when they are not the objects its earlier version held.
        self._before = list(tasks)
        self._positions = positions if positions is not None else {t.task_id: i for i, t in enumerate(tasks)}
        self._vouched: dict[int, object] = {}

    def _earlier(self, task: Task) -> Task | None:
        i = self._positions.get(task.task_id)
        if i is None or i >= len(self._before) or self._before[i].task_id != task.task_id:
            return None
        return self._before[i]

    def check(self, task: Task) -> Task | None:
        """None when the task's payloads fit, else the failed copy to use instead."""
        earlier = self._earlier(task)
        vouched = self._vouched
        new_input = id(task.input_data) not in vouched and (
            earlier is None or task.input_data is not earlier.input_data
        )
        new_output = id(task.output_data) not in vouched and (
            earlier is None or task.output_data is not earlier.output_data
        )
        if not new_input and not new_output:
            return None
        result = task_too_large(task, self.limits, check_input=new_input, check_output=new_output)
        settled = result or task
        vouched[id(settled.input_data)] = settled.input_data
        vouched[id(settled.output_data)] = settled.output_data
        return result
