"""``metric_documentation``.

Ported from the official SDK (``conductor.client.telemetry.model.metric_documentation``,
conductor-python 2.0.0): same names and signatures, annotated for mypy --strict.
"""

from __future__ import annotations

from enum import Enum


class MetricDocumentation(str, Enum):
    API_REQUEST_TIME = "API request duration in seconds with quantiles"
    EXTERNAL_PAYLOAD_USED = "Incremented each time external payload storage is used"
    TASK_ACK_ERROR = "Task ack has encountered an exception"
    TASK_ACK_FAILED = "Task ack failed"
    TASK_EXECUTE_ERROR = "Execution error"
    TASK_EXECUTE_TIME = "Time to execute a task"
    TASK_EXECUTE_TIME_HISTOGRAM = "Task execution duration in seconds with quantiles"
    TASK_EXECUTION_QUEUE_FULL = "Counter to record execution queue has saturated"
    TASK_PAUSED = "Counter for number of times the task has been polled, when the worker has been paused"
    TASK_POLL = "Incremented each time polling is done"
    TASK_POLL_TIME = "Time to poll for a batch of tasks"
    TASK_POLL_TIME_HISTOGRAM = "Task poll duration in seconds with quantiles"
    TASK_RESULT_SIZE = "Records output payload size of a task"
    TASK_UPDATE_ERROR = "Task status cannot be updated back to server"
    THREAD_UNCAUGHT_EXCEPTION = "thread_uncaught_exceptions"
    WORKER_RESTART = "Worker subprocess restarted"
    WORKFLOW_START_ERROR = "Counter for workflow start errors"
    WORKFLOW_INPUT_SIZE = "Records input payload size of a workflow"
    API_REQUEST_TIME_CANONICAL = "Latency of HTTP API client requests in seconds"
    TASK_POLL_TIME_HISTOGRAM_CANONICAL = "Latency of task poll requests in seconds"
    TASK_EXECUTE_TIME_HISTOGRAM_CANONICAL = "Duration of worker task execution in seconds"
    TASK_UPDATE_TIME_HISTOGRAM = "Latency of task result updates in seconds"
    TASK_EXECUTION_STARTED = "Incremented when a polled task is dispatched to the worker function"
    TASK_POLL_ERROR = "Incremented when a poll request fails client-side"
    TASK_RESULT_SIZE_BYTES = "Serialized byte size of task result output"
    WORKFLOW_INPUT_SIZE_BYTES = "Serialized byte size of workflow input"
    ACTIVE_WORKERS = "Current number of worker threads actively executing a task"
