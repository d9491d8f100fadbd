"""DSL behaviour beyond the JSON: import paths, helpers, copies, type checks, errors."""

from __future__ import annotations

import copy
import importlib
from typing import Any

import pytest

from conductor.client.http.models import StartWorkflowRequest, WorkflowDef, WorkflowTask
from conductor.client.http.models._serde import to_json_value
from conductor.client.workflow.conductor_workflow import ConductorWorkflow
from conductor.client.workflow.task.do_while_task import LoopTask
from conductor.client.workflow.task.fork_task import ForkTask
from conductor.client.workflow.task.http_task import HttpInput, HttpMethod, HttpTask
from conductor.client.workflow.task.javascript_task import JavascriptTask
from conductor.client.workflow.task.json_jq_task import JsonJQTask
from conductor.client.workflow.task.set_variable_task import SetVariableTask
from conductor.client.workflow.task.simple_task import SimpleTask
from conductor.client.workflow.task.switch_task import SwitchTask
from conductor.client.workflow.task.task import TaskInterface
from conductor.client.workflow.task.task_type import TaskType
from conductor.client.workflow.task.wait_task import WaitForDurationTask, WaitTask, WaitUntilTask

OFFICIAL_MODULES = {
    "conductor.client.workflow.conductor_workflow": ["ConductorWorkflow", "InlineSubWorkflowTask"],
    "conductor.client.workflow.executor.workflow_executor": ["WorkflowExecutor"],
    "conductor.client.workflow.task.task": ["TaskInterface", "get_task_interface_list_as_workflow_task_list"],
    "conductor.client.workflow.task.task_type": ["TaskType"],
    "conductor.client.workflow.task.timeout_policy": ["TimeoutPolicy"],
    "conductor.client.workflow.task.simple_task": ["SimpleTask", "simple_task"],
    "conductor.client.workflow.task.wait_task": ["WaitTask", "WaitForDurationTask", "WaitUntilTask"],
    "conductor.client.workflow.task.http_task": ["HttpTask", "HttpInput", "HttpMethod"],
    "conductor.client.workflow.task.http_poll_task": ["HttpPollTask", "HttpPollInput"],
    "conductor.client.workflow.task.javascript_task": ["JavascriptTask"],
    "conductor.client.workflow.task.inline": ["InlineTask"],
    "conductor.client.workflow.task.json_jq_task": ["JsonJQTask"],
    "conductor.client.workflow.task.switch_task": ["SwitchTask", "EvaluatorType"],
    "conductor.client.workflow.task.fork_task": ["ForkTask", "get_join_task"],
    "conductor.client.workflow.task.join_task": ["JoinTask"],
    "conductor.client.workflow.task.do_while_task": ["DoWhileTask", "LoopTask", "ForEachTask"],
    "conductor.client.workflow.task.dynamic_fork_task": ["DynamicForkTask"],
    "conductor.client.workflow.task.dynamic_task": ["DynamicTask"],
    "conductor.client.workflow.task.sub_workflow_task": ["SubWorkflowTask", "InlineSubWorkflowTask"],
    "conductor.client.workflow.task.start_workflow_task": ["StartWorkflowTask"],
    "conductor.client.workflow.task.terminate_task": ["TerminateTask", "WorkflowStatus"],
    "conductor.client.workflow.task.set_variable_task": ["SetVariableTask"],
    "conductor.client.workflow.task.human_task": ["HumanTask", "AssignmentCompletionStrategy", "TriggerType"],
    "conductor.client.workflow.task.event_task": ["ConductorEventTask", "SqsEventTask", "EventTaskInterface"],
    "conductor.client.workflow.task.kafka_publish": ["KafkaPublishTask"],
    "conductor.client.workflow.task.kafka_publish_input": ["KafkaPublishInput"],
    "conductor.client.workflow.task.wait_for_webhook_task": ["WaitForWebHookTask", "wait_for_webhook"],
    "conductor.client.workflow.task.get_document": ["GetDocument"],
    "conductor.client.workflow.task.pull_workflow_messages_task": ["PullWorkflowMessagesTask"],
}


@pytest.mark.parametrize(("module", "names"), sorted(OFFICIAL_MODULES.items()))
def test_official_import_paths(module: str, names: list[str]) -> None:
    loaded = importlib.import_module(module)
    for name in names:
        assert hasattr(loaded, name), f"{module}.{name}"


class NoServer:
    """A WorkflowExecutor stand-in that must never be called."""

    def __getattr__(self, name: str) -> Any:
        raise AssertionError(f"unexpected server call {name}")


def test_unknown_attribute_is_an_output_reference() -> None:
    task = SimpleTask("greet", "greet_ref")
    assert task.result == "${greet_ref.output.result}"
    assert task.output("a.b") == "${greet_ref.output.a.b}"
    assert task.output(".a") == "${greet_ref.output.a}"
    assert task.input("x") == "${greet_ref.input.x}"
    with pytest.raises(AttributeError):
        _ = task._private


def test_input_with_key_and_value_sets_and_chains() -> None:
    task = SimpleTask("greet", "greet_ref")
    assert task.input(key="name", value="x") is task
    assert task.input_parameter("other", 1) is task
    assert task.input_parameters == {"name": "x", "other": 1}


def test_javascript_task_output_points_at_result() -> None:
    js = JavascriptTask("js", "1")
    assert js.output() == "${js.output.result}"
    assert js.output("text") == "${js.output.result.text}"
    assert js.evaluator_type("javascript") is js
    assert js.input_parameters["evaluatorType"] == "javascript"


def test_http_task_helpers_and_default_method() -> None:
    request: dict[str, Any] = {"uri": "http://127.0.0.1:1/"}
    task = HttpTask("h", request)
    assert task.input_parameters["http_request"]["method"] == "GET"
    assert task.status_code() == "${h.output.response.statusCode}"
    assert task.body("a") == "${h.output.response.body.a}"
    assert task.headers() == "${h.output.response.headers}"
    typed = HttpTask("h2", HttpInput(method=HttpMethod.PATCH, uri="u", body="x"))
    wire = to_json_value(typed.to_workflow_task())
    assert wire["inputParameters"]["http_request"] == {"method": "PATCH", "uri": "u", "body": "x"}


def test_wait_task_rejects_both_forms() -> None:
    with pytest.raises(ValueError, match="ONLY one is allowed"):
        WaitTask("w", wait_until="2024-01-01", wait_for_seconds=1)
    assert WaitForDurationTask("d", 5).input_parameters == {"duration": "5s"}
    assert WaitUntilTask("u", "2024-01-01").input_parameters == {"until": "2024-01-01"}


def test_type_checks_like_the_official_setters() -> None:
    with pytest.raises(TypeError):
        SimpleTask("a", 5)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        TaskInterface("r", "SIMPLE")  # type: ignore[arg-type]
    workflow = ConductorWorkflow(executor=NoServer(), name="w")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        workflow.timeout_seconds("60")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        workflow >> "not a task"  # type: ignore[operator]
    with pytest.raises(TypeError, match="task_ref_name"):
        workflow.add(print)  # type: ignore[arg-type]


def test_tasks_are_copied_when_added() -> None:
    workflow = ConductorWorkflow(executor=NoServer(), name="copies")  # type: ignore[arg-type]
    task = SetVariableTask("sv").input_parameter("a", 1)
    workflow >> task
    task.input_parameter("a", 2)
    definition = workflow.to_workflow_def()
    assert definition.tasks is not None
    assert definition.tasks[0].input_parameters == {"a": 1}


def test_deepcopy_shares_the_executor() -> None:
    executor = NoServer()
    workflow = ConductorWorkflow(executor=executor, name="w")  # type: ignore[arg-type]
    workflow >> SimpleTask("a", "a")
    clone = copy.deepcopy(workflow)
    assert clone._executor is executor
    assert clone.to_workflow_def() == workflow.to_workflow_def()


def test_to_workflow_def_builds_models() -> None:
    workflow = ConductorWorkflow(executor=NoServer(), name="models", version=3)  # type: ignore[arg-type]
    workflow >> SwitchTask("sw", "${workflow.input.k}").switch_case("a", SimpleTask("a", "a"))
    workflow >> LoopTask("loop", 2, [JsonJQTask("jq", ".")])
    workflow >> [[SimpleTask("b", "b")], [SimpleTask("c", "c")]]
    workflow >> WaitTask("end")
    definition = workflow.to_workflow_def()
    assert isinstance(definition, WorkflowDef)
    assert definition.tasks is not None
    assert all(isinstance(t, WorkflowTask) for t in definition.tasks)
    types = [t.type for t in definition.tasks]
    assert types == ["SWITCH", "DO_WHILE", "FORK_JOIN", "JOIN", "WAIT"]
    fork, join = definition.tasks[2], definition.tasks[3]
    assert join.task_reference_name == f"join_{fork.task_reference_name}"
    assert join.join_on == ["b", "c"]
    assert definition.tasks[1].loop_condition == "if ( $.loop.iteration < 2 ) { true; } else { false; }"


def test_fork_with_join_on_emits_its_join() -> None:
    converted = ForkTask("f", [[SimpleTask("a", "a")]], join_on=["a"]).to_workflow_task()
    assert isinstance(converted, list)
    assert [t.task_reference_name for t in converted] == ["f", "f_join"]


def test_workflow_input_output_helpers() -> None:
    workflow = ConductorWorkflow(executor=NoServer(), name="io")  # type: ignore[arg-type]
    assert workflow.input("name") == "${workflow.input.name}"
    assert workflow.output() == "${workflow.output}"


def test_task_type_is_a_str_enum() -> None:
    assert TaskType.INLINE == "INLINE"
    assert TaskType("JSON_JQ_TRANSFORM") is TaskType.JSON_JQ_TRANSFORM


def test_start_workflow_fills_the_request() -> None:
    sent: list[StartWorkflowRequest] = []

    class Executor:
        def start_workflow(self, start_workflow_request: StartWorkflowRequest) -> str:
            sent.append(start_workflow_request)
            return "id-1"

    workflow = ConductorWorkflow(executor=Executor(), name="starter", version=2)  # type: ignore[arg-type]
    workflow >> SimpleTask("a", "a")
    assert workflow.start_workflow_with_input({"x": 1}, priority=3) == "id-1"
    request = sent[0]
    assert (request.name, request.version, request.input, request.priority) == ("starter", 2, {"x": 1}, 3)
    assert request.workflow_def == workflow.to_workflow_def()
