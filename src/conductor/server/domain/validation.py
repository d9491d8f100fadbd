"""Registration-time validation of definitions, with Conductor's messages (docs/api.md §4.4-4.6)."""

from __future__ import annotations

from collections.abc import Callable

from conductor.server.domain.definitions import TaskDef, WorkflowDef, WorkflowTask
from conductor.server.domain.errors import ValidationFailed, Violation
from conductor.server.domain.task_types import TaskType

# Checks that need an expression engine (JavaScript syntax, `${...}` references) are injected
# by the services layer so the domain stays free of third-party engines.
ExpressionCheck = Callable[[WorkflowTask, str], list[Violation]]

_TERMINATION_STATUSES = ("COMPLETED", "FAILED", "TERMINATED")


# The only event queue this server has is its in-process `conductor` bus (services/events.py).
# A sink or handler for Kafka, SQS, AMQP, NATS, ... would be accepted and then never fire (the
# EVENT task would fail at run time, the handler would never be called): refused up front.
def unsupported_sink(sink: str, expressions: bool = True) -> bool:
    """Whether a sink / event names a queue this server cannot publish to or consume.

    ``conductor`` and ``conductor:<name>`` are served. With ``expressions``, a value holding
    ``${...}`` is resolved at run time and checked then (the EVENT task fails naming it)."""
    if expressions and "${" in sink:
        return False
    return sink != "conductor" and not sink.startswith("conductor:")


def sink_message(sink: str, where: str) -> str:
    kind = sink.split(":", 1)[0] if ":" in sink else sink
    return (
        f"Unsupported sink: {sink} ({where}): this server has no {kind!r} event queue; "
        "only the built-in conductor sink is supported (conductor or conductor:<event name>)"
    )


def _nul_violations(path: str, kind: str, fields: dict[str, str | None]) -> list[Violation]:
    """Names are stored in text columns, where PostgreSQL cannot hold a NUL character."""
    return [
        Violation(f"{path}.{name}", f"{kind} {name} must not contain a NUL character")
        for name, value in fields.items()
        if value and "\x00" in value
    ]


def task_def_violations(td: TaskDef, path: str) -> list[Violation]:
    out: list[Violation] = []
    if not td.name or not td.name.strip():
        out.append(Violation(f"{path}.name", "TaskDef name cannot be null or empty"))
    out.extend(_nul_violations(path, "TaskDef", {"name": td.name}))
    if td.retry_count < 0:
        out.append(Violation(f"{path}.retryCount", "TaskDef retryCount: 0 must be >= 0", str(td.retry_count)))
    if td.response_timeout_seconds < 1:
        out.append(
            Violation(
                f"{path}.responseTimeoutSeconds",
                f"TaskDef responseTimeoutSeconds: {td.response_timeout_seconds} should be minimum 1 second",
                str(td.response_timeout_seconds),
            )
        )
    if td.timeout_seconds < 0:
        out.append(
            Violation(
                f"{path}.timeoutSeconds",
                f"TaskDef timeoutSeconds: {td.timeout_seconds} must be >= 0",
                str(td.timeout_seconds),
            )
        )
    if td.total_timeout_seconds < 0:
        out.append(
            Violation(
                f"{path}.totalTimeoutSeconds",
                "TaskDef totalTimeoutSeconds: 0 must be >= 0",
                str(td.total_timeout_seconds),
            )
        )
    if td.poll_timeout_seconds is not None and td.poll_timeout_seconds < 0:
        out.append(
            Violation(
                f"{path}.pollTimeoutSeconds",
                "TaskDef pollTimeoutSeconds: 0 must be >= 0",
                str(td.poll_timeout_seconds),
            )
        )
    if td.backoff_scale_factor < 1:
        out.append(
            Violation(
                f"{path}.backoffScaleFactor",
                f"TaskDef backoffScaleFactor: {td.backoff_scale_factor} must be >= 1",
                str(td.backoff_scale_factor),
            )
        )
    for field_name, value in (
        ("maxRetryDelaySeconds", td.max_retry_delay_seconds),
        ("backoffJitterMs", td.backoff_jitter_ms),
        ("retryDelaySeconds", td.retry_delay_seconds),
    ):
        if value < 0:
            out.append(
                Violation(f"{path}.{field_name}", f"TaskDef {field_name}: {value} must be >= 0", str(value))
            )
    if td.concurrent_exec_limit is not None and td.concurrent_exec_limit < 0:
        out.append(Violation(f"{path}.concurrentExecLimit", "TaskDef concurrentExecLimit must be >= 0"))
    if td.timeout_seconds > 0 and td.response_timeout_seconds > td.timeout_seconds:
        out.append(
            Violation(
                path,
                f"TaskDef: {td.name} responseTimeoutSeconds: {td.response_timeout_seconds} must be less than "
                f"timeoutSeconds: {td.timeout_seconds}",
            )
        )
    if (
        td.timeout_seconds > 0
        and td.total_timeout_seconds > 0
        and td.timeout_seconds > td.total_timeout_seconds
    ):
        out.append(
            Violation(
                path,
                f"TaskDef: {td.name} timeoutSeconds: {td.timeout_seconds} must be less than or equal to "
                f"totalTimeoutSeconds: {td.total_timeout_seconds}",
            )
        )
    return out


def validate_task_defs(defs: list[TaskDef], path: str = "taskDefs") -> None:
    if not defs:
        raise ValidationFailed([Violation(path, "TaskDefList is empty")])
    out: list[Violation] = []
    for i, td in enumerate(defs):
        out.extend(task_def_violations(td, f"{path}[{i}]"))
    if out:
        raise ValidationFailed(out)


def _required(node: WorkflowTask, field_name: str) -> str:
    return f"{field_name} field is required for taskType: {node.type} taskName: {node.name}"


def _node_violations(node: WorkflowTask, path: str) -> list[Violation]:
    out: list[Violation] = _nul_violations(
        path,
        "WorkflowTask",
        {"name": node.name, "taskReferenceName": node.task_reference_name, "type": node.type},
    )
    if not node.name:
        out.append(Violation(f"{path}.name", "WorkflowTask name cannot be empty or null"))
    if not node.task_reference_name:
        out.append(
            Violation(
                f"{path}.taskReferenceName", "WorkflowTask taskReferenceName name cannot be empty or null"
            )
        )
    if node.start_delay < 0:
        out.append(
            Violation(f"{path}.startDelay", "must be greater than or equal to 0", str(node.start_delay))
        )
    if node.retry_count is not None and node.retry_count < 0:
        out.append(
            Violation(f"{path}.retryCount", "must be greater than or equal to 0", str(node.retry_count))
        )
    if node.task_definition is not None and node.task_definition.name:
        out.extend(task_def_violations(node.task_definition, f"{path}.taskDefinition"))
    kind = node.type
    params = node.input_parameters
    if kind == TaskType.SWITCH:
        if not node.evaluator_type:
            out.append(Violation(path, _required(node, "evaluatorType")))
        elif not node.expression:
            out.append(Violation(path, _required(node, "expression")))
        if not node.decision_cases:
            out.append(Violation(path, _required(node, "decisionCases")))
    elif kind == TaskType.DECISION:
        if not node.case_value_param and not node.case_expression:
            out.append(Violation(path, _required(node, "caseValueParam or caseExpression")))
        if not node.decision_cases:
            out.append(Violation(path, _required(node, "decisionCases")))
    elif kind == TaskType.DO_WHILE:
        if node.loop_condition is None:
            out.append(Violation(path, _required(node, "loopCondition")))
        if not node.loop_over:
            out.append(Violation(path, _required(node, "loopOver")))
    elif kind == TaskType.DYNAMIC:
        if not node.dynamic_task_name_param:
            out.append(Violation(path, _required(node, "dynamicTaskNameParam")))
    elif kind == TaskType.FORK_JOIN_DYNAMIC:
        legacy = node.dynamic_fork_join_tasks_param is not None
        modern = (
            node.dynamic_fork_tasks_param is not None or node.dynamic_fork_tasks_input_param_name is not None
        )
        if "forkTaskInputs" not in params and "forkTaskName" not in params:
            if legacy and modern:
                out.append(
                    Violation(
                        path,
                        f"dynamicForkJoinTasksParam or combination of dynamicForkTasksInputParamName and "
                        f"dynamicForkTasksParam cam be used for taskType: {kind} taskName: {node.name}",
                    )
                )
            elif not legacy and not (
                node.dynamic_fork_tasks_param and node.dynamic_fork_tasks_input_param_name
            ):
                out.append(Violation(path, _required(node, "dynamicForkTasksParam")))
    elif kind == TaskType.HTTP:
        if "http_request" not in params and "uri" not in params and "method" not in params:
            template = node.task_definition.input_template if node.task_definition else {}
            if "http_request" not in template:
                out.append(Violation(path, _required(node, "inputParameters.http_request")))
    elif kind == TaskType.JSON_JQ_TRANSFORM:
        template = node.task_definition.input_template if node.task_definition else {}
        if "queryExpression" not in params and "queryExpression" not in template:
            out.append(Violation(path, _required(node, "inputParameters.queryExpression")))
    elif kind == TaskType.SUB_WORKFLOW:
        if node.sub_workflow_param is None:
            out.append(Violation(path, _required(node, "subWorkflowParam")))
    elif kind == TaskType.EVENT:
        if not node.sink:
            out.append(Violation(path, _required(node, "sink")))
        # The task reads `inputParameters.sink` first (systasks/event.py): check both.
        for field_name, sink in (("sink", node.sink), ("inputParameters.sink", params.get("sink"))):
            if isinstance(sink, str) and sink and unsupported_sink(sink):
                where = f"taskType: EVENT taskName: {node.name}"
                out.append(Violation(f"{path}.{field_name}", sink_message(sink, where), sink))
    elif kind == TaskType.TERMINATE:
        if node.optional:
            out.append(Violation(path, f"terminate task cannot be optional, taskName: {node.name}"))
        status = params.get("terminationStatus")
        if status not in _TERMINATION_STATUSES:
            out.append(
                Violation(
                    path,
                    "terminationStatus can only be one of: COMPLETED, FAILED, TERMINATED, "
                    f"taskName: {node.name}",
                )
            )
    elif kind == TaskType.WAIT:
        if "duration" in params and "until" in params:
            out.append(
                Violation(
                    path,
                    f"Both 'duration' and 'until' specified. Please provide only one input, taskName: {node.name}",
                )
            )
    return out


def validate_workflow_def(
    wf: WorkflowDef, path: str = "workflowDef", expression_check: ExpressionCheck | None = None
) -> None:
    out: list[Violation] = []
    if not wf.name or not wf.name.strip():
        out.append(Violation(f"{path}.name", "WorkflowDef name cannot be null or empty"))
    out.extend(_nul_violations(path, "WorkflowDef", {"name": wf.name}))
    if not wf.tasks:
        out.append(Violation(f"{path}.tasks", "WorkflowTask list cannot be empty"))
    if wf.schema_version != 2:
        out.append(
            Violation(
                f"{path}.schemaVersion",
                "workflowDef schemaVersion: 2 is only supported",
                str(wf.schema_version),
            )
        )
    if wf.timeout_seconds < 0:
        out.append(
            Violation(f"{path}.timeoutSeconds", "must be greater than or equal to 0", str(wf.timeout_seconds))
        )
    listener_sink = wf.workflow_status_listener_sink
    if wf.workflow_status_listener_enabled and listener_sink and unsupported_sink(listener_sink):
        where = f"workflowStatusListenerSink of workflow: {wf.name}"
        out.append(
            Violation(f"{path}.workflowStatusListenerSink", sink_message(listener_sink, where), listener_sink)
        )
    seen: set[str] = set()
    duplicates: list[str] = []

    def walk(nodes: list[WorkflowTask], node_path: str) -> None:
        for i, node in enumerate(nodes):
            here = f"{node_path}[{i}]"
            out.extend(_node_violations(node, here))
            if expression_check is not None:
                out.extend(expression_check(node, here))
            ref = node.task_reference_name
            if ref:
                if ref in seen and ref not in duplicates:
                    duplicates.append(ref)
                seen.add(ref)
            for case, branch in node.decision_cases.items():
                walk(branch, f"{here}.decisionCases[{case}]")
            walk(node.default_case, f"{here}.defaultCase")
            for j, branch in enumerate(node.fork_tasks):
                walk(branch, f"{here}.forkTasks[{j}]")
            walk(node.loop_over, f"{here}.loopOver")

    walk(wf.tasks, f"{path}.tasks")
    for ref in duplicates:
        out.append(
            Violation(
                path,
                f"taskReferenceName: {ref} should be unique across tasks for a given workflowDefinition: {wf.name}",
            )
        )
    if out:
        raise ValidationFailed(out)
