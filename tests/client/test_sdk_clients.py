"""High-level clients: every method sends exactly the expected request and parses the answer."""

from __future__ import annotations

import socket
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest

from conductor.client.configuration.configuration import Configuration
from conductor.client.http.models import (
    CorrelationIdsSearchRequest,
    RerunWorkflowRequest,
    ScrollableSearchResultWorkflowSummary,
    SignalResponse,
    SkipTaskRequest,
    StartWorkflowRequest,
    Task,
    TaskDef,
    TaskExecLog,
    TaskResult,
    TaskResultStatus,
    Workflow,
    WorkflowDef,
    WorkflowRun,
    WorkflowStatus,
    WorkflowTask,
    WorkflowTestRequest,
)
from conductor.client.http.models.poll_data import PollData
from conductor.client.http.rest import ApiException
from conductor.client.orkes_clients import OrkesClients

from .mock_server import BASE, MockServer, error_response, json_response, no_content, text_response

HOST = socket.gethostname()
WORKFLOW_JSON = {
    "workflowId": "wf-1",
    "status": "RUNNING",
    "tasks": [{"taskId": "t-1", "status": "SCHEDULED"}],
}
TASK_JSON = {"taskId": "t-1", "workflowInstanceId": "wf-1", "taskType": "greet", "inputData": {"a": 1}}
WORKFLOW_DEF = WorkflowDef(name="wf", version=1, tasks=[WorkflowTask(name="greet", task_reference_name="g")])
WORKFLOW_DEF_JSON = {
    "name": "wf",
    "version": 1,
    "tasks": [{"name": "greet", "taskReferenceName": "g"}],
    "outputParameters": {},
    "enforceSchema": False,
}


@dataclass
class Case:
    call: Callable[[OrkesClients], Any]
    method: str
    path: str
    query: list[tuple[str, str]] = field(default_factory=list)
    body: Any = None
    answer: httpx.Response = field(default_factory=lambda: httpx.Response(200))
    result: Any = None


CASES: dict[str, Case] = {
    # -- metadata ---------------------------------------------------------------------------
    "register_workflow_def": Case(
        lambda c: c.get_metadata_client().register_workflow_def(WORKFLOW_DEF),
        "POST",
        "/metadata/workflow",
        [("overwrite", "true")],
        WORKFLOW_DEF_JSON,
    ),
    "register_workflow_def no overwrite": Case(
        lambda c: c.get_metadata_client().register_workflow_def(WORKFLOW_DEF, overwrite=False),
        "POST",
        "/metadata/workflow",
        [("overwrite", "false")],
        WORKFLOW_DEF_JSON,
    ),
    "update_workflow_def": Case(
        lambda c: c.get_metadata_client().update_workflow_def(WORKFLOW_DEF),
        "PUT",
        "/metadata/workflow",
        [("overwrite", "true")],
        [WORKFLOW_DEF_JSON],
        json_response({"bulkSuccessfulResults": ["wf"], "bulkErrorResults": {}}),
    ),
    "get_workflow_def latest": Case(
        lambda c: c.get_metadata_client().get_workflow_def("wf"),
        "GET",
        "/metadata/workflow/wf",
        answer=json_response(WORKFLOW_DEF_JSON),
        result=WORKFLOW_DEF,
    ),
    "get_workflow_def version": Case(
        lambda c: c.get_metadata_client().get_workflow_def("wf", version=3),
        "GET",
        "/metadata/workflow/wf",
        [("version", "3")],
        answer=json_response(WORKFLOW_DEF_JSON),
        result=WORKFLOW_DEF,
    ),
    "get_all_workflow_defs": Case(
        lambda c: c.get_metadata_client().get_all_workflow_defs(),
        "GET",
        "/metadata/workflow",
        answer=json_response([WORKFLOW_DEF_JSON]),
        result=[WORKFLOW_DEF],
    ),
    "unregister_workflow_def": Case(
        lambda c: c.get_metadata_client().unregister_workflow_def("wf", 2),
        "DELETE",
        "/metadata/workflow/wf/2",
    ),
    "register_task_def": Case(
        lambda c: c.get_metadata_client().register_task_def(TaskDef(name="greet", retry_count=2)),
        "POST",
        "/metadata/taskdefs",
        body=[{"name": "greet", "retryCount": 2, "enforceSchema": False}],
    ),
    "update_task_def": Case(
        lambda c: c.get_metadata_client().update_task_def(TaskDef(name="greet", response_timeout_seconds=10)),
        "PUT",
        "/metadata/taskdefs",
        body={"name": "greet", "responseTimeoutSeconds": 10, "enforceSchema": False},
    ),
    "get_task_def": Case(
        lambda c: c.get_metadata_client().get_task_def("greet"),
        "GET",
        "/metadata/taskdefs/greet",
        answer=json_response({"name": "greet", "retryCount": 3}),
        result=TaskDef(name="greet", retry_count=3),
    ),
    "get_all_task_defs": Case(
        lambda c: c.get_metadata_client().get_all_task_defs(),
        "GET",
        "/metadata/taskdefs",
        answer=json_response([{"name": "a"}]),
        result=[TaskDef(name="a")],
    ),
    "unregister_task_def": Case(
        lambda c: c.get_metadata_client().unregister_task_def("greet"),
        "DELETE",
        "/metadata/taskdefs/greet",
    ),
    # -- workflows --------------------------------------------------------------------------
    "start_workflow": Case(
        lambda c: c.get_workflow_client().start_workflow(
            StartWorkflowRequest(name="wf", version=1, input={"a": 1}, correlation_id="c-1")
        ),
        "POST",
        "/workflow",
        body={
            "name": "wf",
            "version": 1,
            "correlationId": "c-1",
            "input": {"a": 1},
            "idempotencyStrategy": "FAIL",
        },
        answer=text_response("wf-1"),
        result="wf-1",
    ),
    "start_workflow_by_name": Case(
        lambda c: c.get_workflow_client().start_workflow_by_name(
            "wf", {"x": 1}, version=2, correlationId="c2"
        ),
        "POST",
        "/workflow/wf",
        [("version", "2"), ("correlationId", "c2")],
        {"x": 1},
        text_response("wf-2"),
        "wf-2",
    ),
    "execute_workflow": Case(
        lambda c: c.get_workflow_client().execute_workflow(
            StartWorkflowRequest(name="wf", version=1),
            request_id="r-1",
            wait_until_task_ref="w",
            wait_for_seconds=5,
        ),
        "POST",
        "/workflow/execute/wf/1",
        [("requestId", "r-1"), ("waitUntilTaskRef", "w"), ("waitForSeconds", "5")],
        {"name": "wf", "version": 1, "idempotencyStrategy": "FAIL"},
        json_response({"workflowId": "wf-1", "status": "COMPLETED", "output": {"o": 1}}),
        WorkflowRun(workflow_id="wf-1", status="COMPLETED", output={"o": 1}),
    ),
    "execute_workflow_with_return_strategy": Case(
        lambda c: c.get_workflow_client().execute_workflow_with_return_strategy(
            StartWorkflowRequest(name="wf", version=1), request_id="r-1"
        ),
        "POST",
        "/workflow/execute/wf/1",
        [
            ("requestId", "r-1"),
            ("waitForSeconds", "30"),
            ("consistency", "DURABLE"),
            ("returnStrategy", "TARGET_WORKFLOW"),
        ],
        {"name": "wf", "version": 1, "idempotencyStrategy": "FAIL"},
        json_response({"responseType": "TARGET_WORKFLOW", "workflowId": "wf-1"}),
        SignalResponse(response_type="TARGET_WORKFLOW", workflow_id="wf-1"),
    ),
    "get_workflow": Case(
        lambda c: c.get_workflow_client().get_workflow("wf-1"),
        "GET",
        "/workflow/wf-1",
        [("includeTasks", "true")],
        answer=json_response(WORKFLOW_JSON),
        result=Workflow.from_dict(WORKFLOW_JSON),
    ),
    "get_workflow without tasks": Case(
        lambda c: c.get_workflow_client().get_workflow("wf-1", include_tasks=False),
        "GET",
        "/workflow/wf-1",
        [("includeTasks", "false")],
        answer=json_response({"workflowId": "wf-1"}),
        result=Workflow(workflow_id="wf-1"),
    ),
    "get_workflow_status": Case(
        lambda c: c.get_workflow_client().get_workflow_status(
            "wf-1", include_output=True, include_variables=True
        ),
        "GET",
        "/workflow/wf-1/status",
        [("includeOutput", "true"), ("includeVariables", "true")],
        answer=json_response({"workflowId": "wf-1", "status": "COMPLETED", "output": {}}),
        result=WorkflowStatus(workflow_id="wf-1", status="COMPLETED", output={}),
    ),
    "terminate_workflow": Case(
        lambda c: c.get_workflow_client().terminate_workflow("wf-1", reason="stop it"),
        "DELETE",
        "/workflow/wf-1",
        [("reason", "stop it")],
    ),
    "terminate_workflow with failure workflow": Case(
        lambda c: c.get_workflow_client().terminate_workflow("wf-1", trigger_failure_workflow=True),
        "DELETE",
        "/workflow/wf-1",
        [("triggerFailureWorkflow", "true")],
    ),
    "pause_workflow": Case(
        lambda c: c.get_workflow_client().pause_workflow("wf-1"), "PUT", "/workflow/wf-1/pause"
    ),
    "resume_workflow": Case(
        lambda c: c.get_workflow_client().resume_workflow("wf-1"), "PUT", "/workflow/wf-1/resume"
    ),
    "restart_workflow": Case(
        lambda c: c.get_workflow_client().restart_workflow("wf-1"),
        "POST",
        "/workflow/wf-1/restart",
        answer=no_content(),
    ),
    "restart_workflow latest def": Case(
        lambda c: c.get_workflow_client().restart_workflow("wf-1", use_latest_def=True),
        "POST",
        "/workflow/wf-1/restart",
        [("useLatestDefinitions", "true")],
        answer=no_content(),
    ),
    "retry_workflow": Case(
        lambda c: c.get_workflow_client().retry_workflow("wf-1", resume_subworkflow_tasks=True),
        "POST",
        "/workflow/wf-1/retry",
        [("resumeSubworkflowTasks", "true")],
        answer=no_content(),
    ),
    "rerun_workflow": Case(
        lambda c: c.get_workflow_client().rerun_workflow(
            "wf-1", RerunWorkflowRequest(re_run_from_task_id="t-1")
        ),
        "POST",
        "/workflow/wf-1/rerun",
        body={"reRunFromWorkflowId": "wf-1", "reRunFromTaskId": "t-1"},
        answer=text_response("wf-1"),
        result="wf-1",
    ),
    "delete_workflow": Case(
        lambda c: c.get_workflow_client().delete_workflow("wf-1"),
        "DELETE",
        "/workflow/wf-1/remove",
        [("archiveWorkflow", "true")],
    ),
    "delete_workflow no archive": Case(
        lambda c: c.get_workflow_client().delete_workflow("wf-1", archive_workflow=False),
        "DELETE",
        "/workflow/wf-1/remove",
        [("archiveWorkflow", "false")],
    ),
    "remove_workflow": Case(
        lambda c: c.get_workflow_client().remove_workflow("wf-1"), "DELETE", "/workflow/wf-1/remove"
    ),
    "search": Case(
        lambda c: c.get_workflow_client().search(start=0, size=10, query="workflowType IN (wf)"),
        "GET",
        "/workflow/search",
        [("start", "0"), ("size", "10"), ("freeText", "*"), ("query", "workflowType IN (wf)")],
        answer=json_response({"totalHits": 1, "results": [{"workflowId": "wf-1", "workflowType": "wf"}]}),
        result=ScrollableSearchResultWorkflowSummary.from_dict(
            {"totalHits": 1, "results": [{"workflowId": "wf-1", "workflowType": "wf"}]}
        ),
    ),
    "skip_task_from_workflow": Case(
        lambda c: c.get_workflow_client().skip_task_from_workflow(
            "wf-1", "ref", SkipTaskRequest(task_output={"o": 1})
        ),
        "PUT",
        "/workflow/wf-1/skiptask/ref",
        body={"taskOutput": {"o": 1}},
    ),
    "update_variables": Case(
        lambda c: c.get_workflow_client().update_variables("wf-1", {"v": 1}),
        "POST",
        "/workflow/wf-1/variables",
        body={"v": 1},
        answer=json_response(WORKFLOW_JSON),
    ),
    "get_by_correlation_ids": Case(
        lambda c: c.get_workflow_client().get_by_correlation_ids("wf", ["c1"], include_completed=True),
        "POST",
        "/workflow/wf/correlated",
        [("includeClosed", "true")],
        ["c1"],
        json_response({"c1": [{"workflowId": "wf-1"}]}),
        {"c1": [Workflow(workflow_id="wf-1")]},
    ),
    "get_by_correlation_ids_in_batch": Case(
        lambda c: c.get_workflow_client().get_by_correlation_ids_in_batch(
            CorrelationIdsSearchRequest(correlation_ids=["c1"], workflow_names=["wf"]), include_tasks=True
        ),
        "POST",
        "/workflow/correlated/batch",
        [("includeTasks", "true")],
        {"correlationIds": ["c1"], "workflowNames": ["wf"]},
        json_response({}),
        {},
    ),
    "test_workflow": Case(
        lambda c: c.get_workflow_client().test_workflow(WorkflowTestRequest(name="wf", input={})),
        "POST",
        "/workflow/test",
        body={"name": "wf", "input": {}},
        answer=json_response({"workflowId": "x", "status": "COMPLETED"}),
        result=Workflow(workflow_id="x", status="COMPLETED"),
    ),
    "send_message": Case(
        lambda c: c.get_workflow_client().send_message("wf-1", {"m": 1}),
        "POST",
        "/workflow/wf-1/messages",
        body={"m": 1},
        answer=text_response("msg-1"),
        result="msg-1",
    ),
    # -- tasks ------------------------------------------------------------------------------
    "poll_task": Case(
        lambda c: c.get_task_client().poll_task("greet", worker_id="w1", domain="d"),
        "GET",
        "/tasks/poll/greet",
        [("workerid", "w1"), ("domain", "d")],
        answer=json_response(TASK_JSON),
        result=Task.from_dict(TASK_JSON),
    ),
    "poll_task nothing": Case(
        lambda c: c.get_task_client().poll_task("greet", worker_id="w1"),
        "GET",
        "/tasks/poll/greet",
        [("workerid", "w1")],
        answer=no_content(),
        result=Task(),
    ),
    "batch_poll_tasks": Case(
        lambda c: c.get_task_client().batch_poll_tasks("greet", "w1", count=2, timeout_in_millisecond=500),
        "GET",
        "/tasks/poll/batch/greet",
        [("workerid", "w1"), ("count", "2"), ("timeout", "500")],
        answer=json_response([TASK_JSON]),
        result=[Task.from_dict(TASK_JSON)],
    ),
    "get_task": Case(
        lambda c: c.get_task_client().get_task("t-1"),
        "GET",
        "/tasks/t-1",
        answer=json_response(TASK_JSON),
        result=Task.from_dict(TASK_JSON),
    ),
    "update_task": Case(
        lambda c: c.get_task_client().update_task(
            TaskResult(workflow_instance_id="wf-1", task_id="t-1", status="COMPLETED", output_data={"k": 1})
        ),
        "POST",
        "/tasks",
        body={
            "workflowInstanceId": "wf-1",
            "taskId": "t-1",
            "status": "COMPLETED",
            "outputData": {"k": 1},
            "extendLease": False,
        },
        answer=text_response("t-1"),
        result="t-1",
    ),
    "update_task_by_ref_name": Case(
        lambda c: c.get_task_client().update_task_by_ref_name("wf-1", "wait_ref", "COMPLETED", {"k": "v"}),
        "POST",
        "/tasks/wf-1/wait_ref/COMPLETED",
        [("workerid", HOST)],
        {"result": {"k": "v"}},
        text_response("t-9"),
        "t-9",
    ),
    "update_task_by_ref_name worker id": Case(
        lambda c: c.get_task_client().update_task_by_ref_name(
            "wf-1", "wait_ref", TaskResultStatus.FAILED, "x", worker_id="me"
        ),
        "POST",
        "/tasks/wf-1/wait_ref/FAILED",
        [("workerid", "me")],
        {"result": "x"},
        text_response(""),
        "",
    ),
    "update_task_sync": Case(
        lambda c: c.get_task_client().update_task_sync("wf-1", "ref", "COMPLETED", {"k": 1}, worker_id="me"),
        "POST",
        "/tasks/wf-1/ref/COMPLETED/sync",
        [("workerid", "me")],
        {"k": 1},
        json_response(WORKFLOW_JSON),
        Workflow.from_dict(WORKFLOW_JSON),
    ),
    "get_queue_size_for_task": Case(
        lambda c: c.get_task_client().get_queue_size_for_task("greet"),
        "GET",
        "/tasks/queue/sizes",
        [("taskType", "greet")],
        answer=json_response({"greet": 4}),
        result=4,
    ),
    "add_task_log": Case(
        lambda c: c.get_task_client().add_task_log("t-1", "hello"),
        "POST",
        "/tasks/t-1/log",
        body="hello",
    ),
    "get_task_logs": Case(
        lambda c: c.get_task_client().get_task_logs("t-1"),
        "GET",
        "/tasks/t-1/log",
        answer=json_response([{"log": "hello", "taskId": "t-1", "createdTime": 5}]),
        result=[TaskExecLog("hello", "t-1", 5)],
    ),
    "get_task_logs none": Case(
        lambda c: c.get_task_client().get_task_logs("t-1"),
        "GET",
        "/tasks/t-1/log",
        answer=no_content(),
        result=[],
    ),
    "get_task_poll_data": Case(
        lambda c: c.get_task_client().get_task_poll_data("greet"),
        "GET",
        "/tasks/queue/polldata",
        [("taskType", "greet")],
        answer=json_response([{"queueName": "greet", "workerId": "w", "lastPollTime": 9}]),
        result=[PollData(queue_name="greet", worker_id="w", last_poll_time=9)],
    ),
}


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_client_method(case: Case) -> None:
    server = MockServer().on(case.method, case.path, case.answer)
    clients = OrkesClients(Configuration(server_api_url=BASE), api_client=server.api_client())
    assert case.call(clients) == case.result
    (request,) = server.requests
    assert (request.method, request.url.path) == (case.method, "/api" + case.path)
    assert list(request.url.params.multi_items()) == case.query
    if isinstance(case.body, str):
        assert request.content.decode() == case.body
    elif case.body is None:
        assert request.content == b""
    else:
        assert httpx.Response(200, content=request.content).json() == case.body


def test_client_errors_surface_server_message() -> None:
    server = MockServer().on(
        "POST", "/metadata/workflow", error_response(409, "Workflow with wf.1 already exists!")
    )
    clients = OrkesClients(api_client=server.api_client())
    with pytest.raises(ApiException) as caught:
        clients.get_metadata_client().register_workflow_def(WORKFLOW_DEF, overwrite=False)
    assert caught.value.status == 409
    assert caught.value.message == "Workflow with wf.1 already exists!"


def test_execute_workflow_generates_a_request_id() -> None:
    server = MockServer().on("POST", "/workflow/execute/wf/0", json_response({"workflowId": "w"}))
    clients = OrkesClients(api_client=server.api_client())
    clients.get_workflow_client().execute_workflow(StartWorkflowRequest(name="wf"))
    params = dict(server.requests[0].url.params)
    assert len(params["requestId"]) == 36
    assert params["waitForSeconds"] == "30"


def test_orkes_only_clients_raise_clearly() -> None:
    clients = OrkesClients()
    # The scheduler is served by this server (/api/scheduler): its client is a real one.
    assert type(clients.get_scheduler_client()).__name__ == "OrkesSchedulerClient"
    # Metadata tags make the official requests (the server answers 404 as Conductor OSS does):
    # tests/compat/test_sdk_official_behaviour.py.
