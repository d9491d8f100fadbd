"""``ConductorWorkflow``: build a workflow definition in Python, then register, start or run it.

    workflow = ConductorWorkflow(executor=executor, name="greetings", version=1)
    workflow >> SimpleTask("greet", "greet_ref") >> [[branch_a], [branch_b1, branch_b2]]
    workflow.output_parameters({"text": "${greet_ref.output.result}"})
    run = workflow.execute(workflow_input={"name": "World"})

``wf >> task`` appends a task, ``wf >> [[a], [b, c]]`` (or ``[a, b]``) a fork whose JOIN is
added automatically when another task follows, and ``wf >> other_workflow`` embeds another
``ConductorWorkflow`` as an inline sub-workflow. The definition sent to the server is exactly
the one the official SDK sends for the same calls (``schemaVersion: 2``, ``timeoutSeconds:
60`` unless changed, empty ``inputParameters``/``outputParameters``/``variables``/
``inputTemplate``, ``failureWorkflow: ""``).
"""

from __future__ import annotations

import secrets
from copy import deepcopy
from typing import TYPE_CHECKING, Any, Self

from conductor.client.http.models.start_workflow_request import IdempotencyStrategy, StartWorkflowRequest
from conductor.client.http.models.workflow_def import WorkflowDef
from conductor.client.http.models.workflow_run import WorkflowRun
from conductor.client.http.models.workflow_task import WorkflowTask
from conductor.client.workflow.task.fork_task import ForkTask
from conductor.client.workflow.task.join_task import JoinTask
from conductor.client.workflow.task.sub_workflow_task import InlineSubWorkflowTask
from conductor.client.workflow.task.task import TaskInterface, as_workflow_tasks
from conductor.client.workflow.task.timeout_policy import TimeoutPolicy

if TYPE_CHECKING:
    from conductor.client.workflow.executor.workflow_executor import WorkflowExecutor

__all__ = ["ConductorWorkflow", "InlineSubWorkflowTask"]

_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"


def _short_uuid() -> str:
    """A 22-character random id in shortuuid's alphabet (the official SDK's ref suffixes)."""
    return "".join(secrets.choice(_ALPHABET) for _ in range(22))


def _require(value: object, kind: type | tuple[type, ...], what: str) -> None:
    if not isinstance(value, kind):
        raise TypeError(f"invalid type for {what}: {type(value).__name__}")


def _string_keyed(value: dict[str, Any], what: str) -> dict[str, Any]:
    _require(value, dict, what)
    for key in value:
        _require(key, str, f"{what} key")
    return deepcopy(value)


class ConductorWorkflow:
    SCHEMA_VERSION = 2

    def __init__(
        self,
        executor: WorkflowExecutor,
        name: str,
        version: int | None = None,
        description: str | None = None,
    ) -> None:
        self._executor = executor
        self.name = name
        self.version = version
        self.description = description
        self._tasks: list[TaskInterface | ConductorWorkflow] = []
        self._owner_email: str | None = None
        self._timeout_policy: TimeoutPolicy | None = None
        self._timeout_seconds = 60
        self._failure_workflow = ""
        self._input_parameters: list[str] = []
        self._output_parameters: dict[str, Any] = {}
        self._input_template: dict[str, Any] = {}
        self._variables: dict[str, Any] = {}
        # Kept for the official API; like the official SDK it is not sent in the definition.
        self._restartable = True
        self._workflow_status_listener_enabled = False
        self._workflow_status_listener_sink: str | None = None

    def __deepcopy__(self, memo: dict[int, Any]) -> ConductorWorkflow:
        # The executor (an HTTP client) is shared, everything else is copied.
        result = type(self).__new__(type(self))
        memo[id(self)] = result
        for key, value in self.__dict__.items():
            setattr(result, key, value if key == "_executor" else deepcopy(value, memo))
        return result

    # -- identity --------------------------------------------------------------------------

    @property
    def name(self) -> str:
        return self._name

    @name.setter
    def name(self, name: str) -> None:
        _require(name, str, "name")
        self._name = name

    @property
    def version(self) -> int | None:
        return self._version

    @version.setter
    def version(self, version: int | None) -> None:
        if version is not None:
            _require(version, int, "version")
        self._version = version

    @property
    def description(self) -> str | None:
        return self._description

    @description.setter
    def description(self, description: str | None) -> None:
        if description is not None:
            _require(description, str, "description")
        self._description = description

    # -- builder settings ------------------------------------------------------------------

    def timeout_policy(self, timeout_policy: TimeoutPolicy) -> Self:
        _require(timeout_policy, TimeoutPolicy, "timeout_policy")
        self._timeout_policy = timeout_policy
        return self

    def timeout_seconds(self, timeout_seconds: int) -> Self:
        _require(timeout_seconds, int, "timeout_seconds")
        self._timeout_seconds = timeout_seconds
        return self

    def owner_email(self, owner_email: str) -> Self:
        _require(owner_email, str, "owner_email")
        self._owner_email = owner_email
        return self

    def failure_workflow(self, failure_workflow: str) -> Self:
        """Name of the workflow started (with this one's details) when this one fails."""
        _require(failure_workflow, str, "failure_workflow")
        self._failure_workflow = failure_workflow
        return self

    def restartable(self, restartable: bool) -> Self:
        _require(restartable, bool, "restartable")
        self._restartable = restartable
        return self

    def enable_status_listener(self, sink_name: str) -> Self:
        self._workflow_status_listener_sink = sink_name
        self._workflow_status_listener_enabled = True
        return self

    def disable_status_listener(self) -> Self:
        self._workflow_status_listener_sink = None
        self._workflow_status_listener_enabled = False
        return self

    def output_parameters(self, output_parameters: dict[str, Any] | None) -> Self:
        """The workflow output, built like task inputs (``${ref.output.x}`` expressions)."""
        self._output_parameters = (
            {} if output_parameters is None else _string_keyed(output_parameters, "output_parameters")
        )
        return self

    def output_parameter(self, key: str, value: Any) -> Self:
        self._output_parameters[key] = value
        return self

    def input_template(self, input_template: dict[str, Any] | None) -> Self:
        """Default input values (expressions allowed), merged under the start input."""
        self._input_template = (
            {} if input_template is None else _string_keyed(input_template, "input_template")
        )
        return self

    def variables(self, variables: dict[str, Any] | None) -> Self:
        """Initial workflow variables (changed at run time by SET_VARIABLE tasks)."""
        self._variables = {} if variables is None else _string_keyed(variables, "variables")
        return self

    def input_parameters(self, input_parameters: list[str] | dict[str, Any]) -> Self:
        """The names of the workflow's inputs (documentation only); a dict is taken as the
        input template, as in the official SDK."""
        if isinstance(input_parameters, dict):
            self._input_template = input_parameters
            return self
        _require(input_parameters, list, "input_parameters")
        for parameter in input_parameters:
            _require(parameter, str, "input parameter")
        self._input_parameters = list(input_parameters)
        return self

    def workflow_input(self, input: dict[str, Any]) -> Self:
        return self.input_template(input)

    # -- server calls ----------------------------------------------------------------------

    def register(self, overwrite: bool) -> object:
        """Register the definition (``PUT /metadata/workflow``); ``overwrite`` replaces an
        existing version."""
        return self._executor.register_workflow(overwrite=overwrite, workflow=self.to_workflow_def())

    def start_workflow(self, start_workflow_request: StartWorkflowRequest) -> str:
        """Start the workflow with its definition inline (no registration needed); returns the id."""
        start_workflow_request.workflow_def = self.to_workflow_def()
        start_workflow_request.name = self.name
        start_workflow_request.version = self.version
        return self._executor.start_workflow(start_workflow_request)

    def start_workflow_with_input(
        self,
        workflow_input: dict[str, Any] | None = None,
        correlation_id: str | None = None,
        task_to_domain: dict[str, str] | None = None,
        priority: int | None = None,
        idempotency_key: str | None = None,
        idempotency_strategy: IdempotencyStrategy = IdempotencyStrategy.FAIL,
    ) -> str:
        """Start the workflow (definition inline) with these inputs; returns the id."""
        request = StartWorkflowRequest(
            name=self.name,
            version=self.version,
            input=workflow_input or {},
            correlation_id=correlation_id,
            task_to_domain=task_to_domain,
            workflow_def=self.to_workflow_def(),
            priority=priority,
            idempotency_key=idempotency_key,
            idempotency_strategy=idempotency_strategy,
        )
        return self._executor.start_workflow(request)

    def execute(
        self,
        workflow_input: Any = None,
        wait_until_task_ref: str = "",
        wait_for_seconds: int = 10,
        request_id: str | None = None,
        idempotency_key: str | None = None,
        idempotency_strategy: IdempotencyStrategy = IdempotencyStrategy.FAIL,
        task_to_domain: dict[str, str] | None = None,
    ) -> WorkflowRun:
        """Run the workflow synchronously (definition inline, version 1, as the official SDK).

        Returns when it finishes, blocks on a signal-only WAIT, ``wait_until_task_ref``
        completes, or ``wait_for_seconds`` pass; check ``run.status``.
        """
        definition = self.to_workflow_def()
        request = StartWorkflowRequest(
            name=definition.name, version=1, input=workflow_input or {}, workflow_def=definition
        )
        if idempotency_key is not None:
            request.idempotency_key = idempotency_key
            request.idempotency_strategy = idempotency_strategy
        if task_to_domain is not None:
            request.task_to_domain = task_to_domain
        return self._executor.execute_workflow(
            request,
            wait_until_task_ref=wait_until_task_ref,
            wait_for_seconds=wait_for_seconds,
            request_id=request_id,
        )

    def __call__(self, **kwargs: Any) -> WorkflowRun:
        """``wf(name="x")`` is ``wf.execute(workflow_input={"name": "x"})``."""
        return self.execute(workflow_input=dict(kwargs))

    # -- definition ------------------------------------------------------------------------

    def to_workflow_def(self) -> WorkflowDef:
        return WorkflowDef(
            name=self._name,
            description=self._description,
            version=self._version,
            tasks=self._workflow_task_list(),
            input_parameters=self._input_parameters,
            output_parameters=self._output_parameters,
            failure_workflow=self._failure_workflow,
            schema_version=ConductorWorkflow.SCHEMA_VERSION,
            owner_email=self._owner_email,
            timeout_policy=self._timeout_policy,
            timeout_seconds=self._timeout_seconds,
            variables=self._variables,
            input_template=self._input_template,
            workflow_status_listener_enabled=self._workflow_status_listener_enabled,
            workflow_status_listener_sink=self._workflow_status_listener_sink,
        )

    def to_workflow_task(self) -> WorkflowTask:
        """This workflow as an inline SUB_WORKFLOW task (reference ``<name>_<random>``)."""
        sub_workflow_task = InlineSubWorkflowTask(task_ref_name=f"{self.name}_{_short_uuid()}", workflow=self)
        sub_workflow_task.input_parameters.update(self._input_template)
        return sub_workflow_task.to_workflow_task()

    def _workflow_task_list(self) -> list[WorkflowTask]:
        converted: list[WorkflowTask] = []
        for task in self._tasks:
            converted.extend(as_workflow_tasks(task.to_workflow_task()))
        # A fork followed by anything but a JOIN gets a JOIN on the last task of each branch.
        result: list[WorkflowTask] = []
        for i, wft in enumerate(converted):
            result.append(wft)
            if wft.type == "FORK_JOIN" and i < len(converted) - 1 and converted[i + 1].type != "JOIN":
                join_on = [branch[-1].task_reference_name or "" for branch in wft.fork_tasks or []]
                join = JoinTask(task_ref_name=f"join_{wft.task_reference_name}", join_on=join_on)
                result.append(join.to_workflow_task())
        return result

    # -- composition -----------------------------------------------------------------------

    def __rshift__(
        self, task: TaskInterface | ConductorWorkflow | list[TaskInterface] | list[list[TaskInterface]]
    ) -> Self:
        if isinstance(task, list):
            branches = [list(t) if isinstance(t, list) else [t] for t in task]
            return self._add_fork_join_tasks(branches)
        if isinstance(task, ConductorWorkflow):
            inline = InlineSubWorkflowTask(task_ref_name=f"{task.name}_{_short_uuid()}", workflow=task)
            inline.input_parameters.update(task._input_template)
            return self._add_task(inline)
        return self._add_task(task)

    def add(self, task: TaskInterface | ConductorWorkflow | list[TaskInterface]) -> Self:
        """Append one task (or each task of a list) in sequence."""
        if isinstance(task, list):
            for t in task:
                self._add_task(t)
            return self
        return self._add_task(task)

    def _add_task(self, task: TaskInterface | ConductorWorkflow) -> Self:
        if not isinstance(task, TaskInterface | ConductorWorkflow):
            raise TypeError(
                "invalid task -- if using @worker_task or @WorkerTask decorator ensure task_ref_name is "
                f"passed as argument.  task is {type(task)}"
            )
        self._tasks.append(deepcopy(task))
        return self

    def _add_fork_join_tasks(self, forked_tasks: list[list[TaskInterface]]) -> Self:
        for branch in forked_tasks:
            for task in branch:
                if not isinstance(task, TaskInterface | ConductorWorkflow):
                    raise TypeError(f"invalid task in fork branch: {type(task)}")
        self._tasks.append(ForkTask(task_ref_name=f"forked_{_short_uuid()}", forked_tasks=forked_tasks))
        return self

    # -- expressions -----------------------------------------------------------------------

    def input(self, json_path: str | None) -> str:
        """``${workflow.input[.<json_path>]}``."""
        if json_path is None:
            return "${workflow.input}"
        return "${" + f"workflow.input.{json_path}" + "}"

    def output(self, json_path: str | None = None) -> str:
        """``${workflow.output[.<json_path>]}``."""
        if json_path is None:
            return "${workflow.output}"
        return "${" + f"workflow.output.{json_path}" + "}"
