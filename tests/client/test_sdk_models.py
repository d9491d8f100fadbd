"""Wire models: official names and keywords, camelCase JSON both ways, helper methods."""

from __future__ import annotations

import dataclasses
import datetime
import enum
import uuid

import pytest

from conductor.client.http.models import (
    RerunWorkflowRequest,
    SearchResultWorkflowSummary,
    StartWorkflowRequest,
    StateChangeConfig,
    StateChangeEvent,
    StateChangeEventType,
    SubWorkflowParams,
    Task,
    TaskDef,
    TaskExecLog,
    TaskResult,
    TaskResultStatus,
    Workflow,
    WorkflowDef,
    WorkflowStatus,
    WorkflowTask,
)
from conductor.client.http.models._serde import camel_case, from_json_value, to_json_value
from conductor.client.http.models.poll_data import PollData
from conductor.client.http.models.skip_task_request import SkipTaskRequest
from conductor.client.http.models.workflow_def import to_workflow_def

POLLED_TASK = {
    "taskType": "greet",
    "status": "IN_PROGRESS",
    "inputData": {"name": "World", "nothing": None},
    "referenceTaskName": "greet_ref",
    "retryCount": 0,
    "seq": 1,
    "pollCount": 1,
    "taskDefName": "greet",
    "scheduledTime": 1700000000000,
    "workflowInstanceId": "wf-1",
    "taskId": "t-1",
    "callbackAfterSeconds": 0,
    "workerId": "host",
    "outputData": {},
    "responseTimeoutSeconds": 3600,
    "workflowTask": {
        "name": "greet",
        "taskReferenceName": "greet_ref",
        "type": "SIMPLE",
        "inputParameters": {"name": "${workflow.input.name}"},
        "taskDefinition": {"name": "greet", "retryCount": 3, "enforceSchema": False},
    },
    "taskDefinition": None,
    "executionMetadata": {"additionalContext": {}, "empty": True},
    "queueWaitTime": 5,
    "loopOverTask": False,
    "someFutureField": {"x": 1},
}


def test_camel_case() -> None:
    assert camel_case("workflow_instance_id") == "workflowInstanceId"
    assert camel_case("re_run_from_workflow_id") == "reRunFromWorkflowId"
    assert camel_case("name") == "name"


def test_task_from_poll_json_ignores_unknown_keys() -> None:
    """A polled task decodes into typed attributes, nested models included."""
    task = Task.from_dict(POLLED_TASK)
    assert task.task_id == "t-1"
    assert task.workflow_instance_id == "wf-1"
    assert task.input_data == {"name": "World", "nothing": None}
    assert task.response_timeout_seconds == 3600
    assert isinstance(task.workflow_task, WorkflowTask)
    assert task.workflow_task.input_parameters == {"name": "${workflow.input.name}"}
    assert isinstance(task.workflow_task.task_definition, TaskDef)
    assert task.workflow_task.task_definition.retry_count == 3
    assert task.task_definition is None


def test_task_round_trip_keeps_wire_names() -> None:
    task = Task.from_dict(POLLED_TASK)
    out = task.to_json_dict()
    expected = {k: v for k, v in POLLED_TASK.items() if v is not None and k != "someFutureField"}
    assert out == expected


def test_task_result_json_omits_none_and_keeps_nulls_inside_maps() -> None:
    """Only set fields are sent; extendLease is always there (false), like the official SDK."""
    result = TaskResult(
        task_id="t-1",
        workflow_instance_id="wf-1",
        worker_id="w",
        status=TaskResultStatus.COMPLETED,
        output_data={"a": None, "when": datetime.date(2024, 1, 2)},
    )
    assert result.to_json_dict() == {
        "workflowInstanceId": "wf-1",
        "taskId": "t-1",
        "workerId": "w",
        "status": "COMPLETED",
        "outputData": {"a": None, "when": "2024-01-02"},
        "extendLease": False,
    }


def test_task_result_accepts_status_names_and_helpers() -> None:
    result = TaskResult(status="FAILED", reason_for_incompletion="x" * 600)
    assert result.status is TaskResultStatus.FAILED
    assert len(result.reason_for_incompletion or "") == 500
    result.add_output_data("k", 1).add_output_data("j", 2).log("hello")
    assert result.output_data == {"k": 1, "j": 2}
    assert result.logs is not None and result.logs[0].log == "hello"
    assert TaskResult.complete().status == TaskResultStatus.COMPLETED
    assert TaskResult.in_progress().status == "IN_PROGRESS"
    failed = TaskResult.failed("boom")
    assert (failed.status, failed.reason_for_incompletion) == (TaskResultStatus.FAILED, "boom")


def test_task_to_task_result() -> None:
    task = Task(task_id="t", workflow_instance_id="w", worker_id="me")
    result = task.to_task_result()
    assert (result.task_id, result.workflow_instance_id, result.worker_id) == ("t", "w", "me")
    assert result.status == TaskResultStatus.COMPLETED
    assert task.to_task_result(TaskResultStatus.IN_PROGRESS).status == "IN_PROGRESS"


def test_official_positional_and_keyword_constructors() -> None:
    log = TaskExecLog("line", "t-1", 123)
    assert (log.log, log.task_id, log.created_time) == ("line", "t-1", 123)
    task_def = TaskDef(name="greet", retry_count=2, timeout_seconds=60, response_timeout_seconds=10)
    assert task_def.to_json_dict() == {
        "name": "greet",
        "retryCount": 2,
        "timeoutSeconds": 60,
        "responseTimeoutSeconds": 10,
        "enforceSchema": False,
    }
    request = StartWorkflowRequest(name="wf", version=2, input={"a": 1}, correlation_id="c")
    assert request.to_json_dict() == {
        "name": "wf",
        "version": 2,
        "correlationId": "c",
        "input": {"a": 1},
        "idempotencyStrategy": "FAIL",
    }
    assert RerunWorkflowRequest(re_run_from_task_id="t").to_json_dict() == {"reRunFromTaskId": "t"}
    assert SkipTaskRequest(task_output={"x": 1}).to_json_dict() == {"taskOutput": {"x": 1}}
    assert PollData("q", None, "w", 5).to_json_dict() == {
        "queueName": "q",
        "workerId": "w",
        "lastPollTime": 5,
    }


def test_workflow_def_with_nested_tasks_round_trips() -> None:
    document = {
        "name": "wf",
        "version": 1,
        "tasks": [
            {
                "name": "fork",
                "taskReferenceName": "fork",
                "type": "FORK_JOIN",
                "forkTasks": [
                    [{"name": "a", "taskReferenceName": "a"}],
                    [{"name": "b", "taskReferenceName": "b"}],
                ],
            },
            {
                "name": "switch",
                "taskReferenceName": "sw",
                "type": "SWITCH",
                "decisionCases": {"x": [{"name": "c", "taskReferenceName": "c"}]},
                "defaultCase": [],
            },
            {
                "name": "sub",
                "taskReferenceName": "sub",
                "type": "SUB_WORKFLOW",
                "subWorkflowParam": {"name": "inner", "workflowDefinition": {"name": "inner", "tasks": []}},
            },
        ],
        "outputParameters": {},
        "enforceSchema": False,
        "schemaVersion": 2,
    }
    definition = to_workflow_def(json_data=document)
    assert definition.tasks is not None
    fork_tasks = definition.tasks[0].fork_tasks
    assert fork_tasks is not None and fork_tasks[1][0].task_reference_name == "b"
    cases = definition.tasks[1].decision_cases
    assert cases is not None and isinstance(cases["x"][0], WorkflowTask)
    sub = definition.tasks[2].sub_workflow_param
    assert isinstance(sub, SubWorkflowParams) and isinstance(sub.workflow_definition, WorkflowDef)
    # Decoding then encoding gives the document back; the inline definition gains the two
    # defaults every WorkflowDef carries (outputParameters {}, enforceSchema false).
    inner = document["tasks"][2]["subWorkflowParam"]["workflowDefinition"]
    inner.update(outputParameters={}, enforceSchema=False)
    assert definition.to_json_dict() == document


def test_sub_workflow_definition_may_be_an_expression() -> None:
    params = SubWorkflowParams.from_dict({"name": "x", "workflowDefinition": "${workflow.input.def}"})
    assert params.workflow_definition == "${workflow.input.def}"


def test_state_change_config_is_stored_as_a_map() -> None:
    task = WorkflowTask(
        name="a",
        task_reference_name="a",
        on_state_change=StateChangeConfig(
            [StateChangeEventType.onStart, StateChangeEventType.onFailed],
            [StateChangeEvent("sink", {"k": 1})],
        ),
    )
    assert task.to_json_dict()["onStateChange"] == {
        "onStart,onFailed": [{"type": "sink", "payload": {"k": 1}}]
    }


def test_workflow_helpers() -> None:
    workflow = Workflow.from_dict(
        {
            "workflowId": "w",
            "status": "RUNNING",
            "tasks": [
                {"taskId": "1", "taskDefName": "a", "referenceTaskName": "a_ref", "status": "COMPLETED"},
                {"taskId": "2", "taskDefName": "b", "referenceTaskName": "b_ref", "status": "IN_PROGRESS"},
            ],
        }
    )
    assert workflow.is_running() and not workflow.is_completed()
    assert workflow.current_task is not None and workflow.current_task.task_id == "2"
    found = workflow.get_task(task_reference_name="a_ref")
    assert found is not None and found.task_id == "1"
    found = workflow.get_task(name="b")
    assert found is not None and found.task_id == "2"
    with pytest.raises(ValueError):
        workflow.get_task()
    assert WorkflowStatus(status="COMPLETED").is_successful()


def test_unknown_enum_values_stay_strings() -> None:
    """A status this SDK does not know must not make decoding fail."""
    result = TaskResult.from_dict({"taskId": "t", "status": "SOMETHING_NEW"})
    assert result.status == "SOMETHING_NEW"


def test_search_result_decodes_its_hits() -> None:
    page = from_json_value(
        SearchResultWorkflowSummary,
        {"totalHits": 2, "results": [{"workflowId": "a", "startTime": "2024-01-01T00:00:00.000Z"}]},
    )
    assert page.total_hits == 2
    assert page.results[0].workflow_id == "a"


def test_attribute_map_and_swagger_types_are_derived() -> None:
    assert TaskResult.attribute_map["workflow_instance_id"] == "workflowInstanceId"
    assert Task.attribute_map["subworkflow_changed"] == "subworkflowChanged"
    assert "task_id" in TaskResult.swagger_types


def test_to_json_value_handles_plain_python_values() -> None:
    class Color(enum.Enum):
        RED = "red"

    @dataclasses.dataclass
    class Point:
        x: int
        y: int | None = None

    class Plain:
        def __init__(self) -> None:
            self.a = 1
            self.b = None

    value = {
        "color": Color.RED,
        "point": Point(1),
        "plain": Plain(),
        "id": uuid.UUID(int=1),
        "set": {1},
        "bytes": b"hi",
        "model": TaskDef(name="x"),
    }
    assert to_json_value(value) == {
        "color": "red",
        "point": {"x": 1, "y": None},
        "plain": {"a": 1},
        "id": "00000000-0000-0000-0000-000000000001",
        "set": [1],
        "bytes": "hi",
        "model": {"name": "x", "enforceSchema": False},
    }
