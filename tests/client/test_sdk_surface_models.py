"""The official-SDK behaviours of our models (docs/sdk.md, "Drop-in coverage")."""

from __future__ import annotations

import pytest

from conductor.client.http.models import (
    Action,
    BulkResponse,
    PromptTemplate,
    SignalResponse,
    SubjectRef,
    TaskDef,
    UpsertUserRequest,
    WorkflowDef,
    WorkflowSchedule,
    WorkflowTask,
)
from conductor.client.http.models.schema_def import SchemaDef
from conductor.client.http.models.task_details import TaskDetails
from conductor.client.http.models.task_result import TaskResult
from conductor.client.http.models.task_result_status import TaskResult as LegacyTaskResult
from conductor.client.orkes.models.metadata_tag import MetadataTag
from conductor.client.orkes.models.ratelimit_tag import RateLimitTag


def test_private_field_attributes_set_the_field() -> None:
    # The official models keep each field in `_name`; code assigning those must not be lost.
    definition = WorkflowDef(name="wf")
    definition._tasks = [WorkflowTask(name="t", task_reference_name="t")]
    definition._description = "d"
    assert definition.tasks is not None and definition.tasks[0].name == "t"
    assert definition._tasks is definition.tasks
    assert definition.to_json_dict()["tasks"] == [{"name": "t", "taskReferenceName": "t"}]
    assert definition.to_json_dict()["description"] == "d"


def test_swagger_tables_use_the_official_notation() -> None:
    assert WorkflowDef.swagger_types["tasks"] == "list[WorkflowTask]"
    assert WorkflowDef.swagger_types["output_parameters"] == "dict(str, object)"
    assert WorkflowDef.swagger_types["input_schema"] == "SchemaDef"
    assert Action.attribute_map["expand_inline_json"] == "expandInlineJSON"
    assert Action.attribute_map["start_workflow"] == "start_workflow"
    assert WorkflowSchedule().discriminator is None


def test_setters_validate_like_the_official_ones() -> None:
    with pytest.raises(ValueError, match="timeout_policy"):
        TaskDef(name="t", timeout_policy="SOMETIMES")
    task_def = TaskDef(name="t", timeout_policy="RETRY")
    with pytest.raises(ValueError):
        task_def.timeout_policy = None  # the official setters reject None once built
    subject = SubjectRef(type=None)  # ... but constructors skip None
    subject.type = "USER"
    with pytest.raises(ValueError, match="Invalid values for `roles`"):
        UpsertUserRequest(name="n", roles=["USER", "ROOT"])


def test_decoding_never_validates() -> None:
    # A status a newer server adds must not make a response unreadable.
    definition = TaskDef.from_dict({"name": "t", "timeoutPolicy": "NEW_POLICY"})
    assert definition.timeout_policy == "NEW_POLICY"


def test_official_defaults() -> None:
    assert BulkResponse().to_json_dict() == {
        "bulkErrorResults": {},
        "bulkSuccessfulResults": [],
        "message": "Bulk Request has been processed.",
    }
    assert PromptTemplate().version == 1
    assert WorkflowDef().tasks == []


def test_model_helpers() -> None:
    assert SchemaDef(name="s").get_create_time() == 0
    details = TaskDetails(workflow_id="w").put_output_item("k", 1)
    assert details.output == {"k": 1}
    assert MetadataTag("k", "v").to_json_dict() == {"key": "k", "type": "METADATA", "value": "v"}
    assert RateLimitTag("wf", 5).type == "RATE_LIMIT"
    assert LegacyTaskResult is TaskResult
    assert "'name': 'x'" in WorkflowTask(name="x", task_reference_name="r").to_str()


def test_signal_response_helpers() -> None:
    workflow = SignalResponse.from_dict(
        {
            "responseType": "TARGET_WORKFLOW",
            "workflowId": "w",
            "status": "RUNNING",
            "tasks": [
                {"taskId": "a", "status": "COMPLETED", "referenceTaskName": "first", "seq": 1},
                {"taskId": "b", "status": "IN_PROGRESS", "referenceTaskName": "second", "seq": 2},
            ],
        }
    )
    summary = workflow.get_workflow()
    assert summary is not None and summary["workflowId"] == "w" and len(summary["tasks"]) == 2
    assert workflow.get_blocking_task() is None
    assert workflow.get_in_progress_task() == {
        "taskId": "b",
        "status": "IN_PROGRESS",
        "referenceTaskName": "second",
        "seq": 2,
    }
    assert workflow.get_task_chain() == ["first", "second"]
    assert [t["taskId"] for t in workflow.get_completed_tasks()] == ["a"]

    task = SignalResponse(responseType="BLOCKING_TASK_INPUT", taskId="t", input={"x": 1})
    assert task.get_task_input() == {"x": 1}
    blocking = task.get_blocking_task()
    assert blocking is not None and blocking["taskId"] == "t"
    assert SignalResponse().retry_count == 0 and SignalResponse().tasks == []


def test_to_dict_has_the_official_shape() -> None:
    """``to_dict`` answers ``{attribute: value}`` like the official models (snake_case, None
    kept, nested models converted); ``to_json_dict`` is the camelCase wire form."""
    from conductor.client.http.models.workflow_def import WorkflowDef
    from conductor.client.http.models.workflow_task import WorkflowTask

    definition = WorkflowDef(name="wf", tasks=[WorkflowTask(name="t", task_reference_name="t_ref")])
    official = definition.to_dict()
    assert official["name"] == "wf"
    assert official["description"] is None
    assert official["tasks"][0]["task_reference_name"] == "t_ref"
    assert "taskReferenceName" not in official["tasks"][0]
    assert definition.to_json_dict()["tasks"] == [{"name": "t", "taskReferenceName": "t_ref"}]
