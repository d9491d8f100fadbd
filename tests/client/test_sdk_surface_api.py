"""The official resource-API conventions over our ApiClient (docs/sdk.md, "Drop-in coverage")."""

from __future__ import annotations

import json

import pytest

from conductor.client.http.api.scheduler_resource_api import SchedulerResourceApi
from conductor.client.http.api.workflow_resource_api import WorkflowResourceApi
from conductor.client.http.models import SaveScheduleRequest, StartWorkflowRequest, Task, WorkflowSchedule
from conductor.client.http.rest import ApiException
from conductor.client.orkes.orkes_scheduler_client import OrkesSchedulerClient
from conductor.client.orkes.orkes_secret_client import OrkesSecretClient
from conductor.client.orkes_clients import OrkesClients

from .mock_server import MockServer, json_response, no_content

SCHEDULE = {"name": "s", "cronExpression": "0 * * * * ?", "paused": False}


def test_generated_api_decodes_and_has_http_info_twins() -> None:
    server = MockServer().on("GET", "/scheduler/schedules/s", json_response(SCHEDULE))
    api = SchedulerResourceApi(server.api_client())
    schedule = api.get_schedule("s")
    assert isinstance(schedule, WorkflowSchedule) and schedule.cron_expression == "0 * * * * ?"
    data, status, headers = api.get_schedule_with_http_info("s")
    assert data == schedule and status == 200 and "content-type" in headers


def test_async_req_answers_an_async_result() -> None:
    server = MockServer().on("GET", "/scheduler/schedules/s", json_response(SCHEDULE))
    api = SchedulerResourceApi(server.api_client())
    thread = api.get_schedule("s", async_req=True)
    assert thread.get(timeout=10).name == "s"


def test_optional_parameters_travel_as_query_parameters() -> None:
    server = MockServer().on("GET", "/scheduler/schedules", json_response([SCHEDULE]))
    api = SchedulerResourceApi(server.api_client())
    assert [s.name for s in api.get_all_schedules(workflow_name="wf")] == ["s"]
    assert dict(server.requests[0].url.params) == {"workflowName": "wf"}


def test_hand_written_methods_accept_the_official_options() -> None:
    server = MockServer().on("DELETE", "/workflow/w/remove", no_content())
    api = WorkflowResourceApi(server.api_client())
    api.delete("w", archive_workflow=False)
    data, status, _ = api.delete1_with_http_info("w")
    assert data is None and status == 204


def test_official_call_api_convention() -> None:
    server = MockServer().on("GET", "/tasks/t", json_response({"taskId": "t", "status": "SCHEDULED"}))
    client = server.api_client()
    data, status, _ = client.call_api("/tasks/{taskId}", "GET", {"taskId": "t"}, response_type="Task")
    assert data == Task(task_id="t", status="SCHEDULED") and status == 200
    assert client.call_api("/tasks/t", "GET", response_type="Task", _return_http_data_only=True) == data
    # Ours, unchanged: method first, data only.
    assert client.call_api("GET", "/tasks/t", response_type=Task) == data


def test_deserialize_class_takes_swagger_names() -> None:
    client = MockServer().api_client()
    tasks = client.deserialize_class([{"taskId": "a"}], "list[Task]")
    assert tasks == [Task(task_id="a")]
    assert client.deserialize_class({"k": {"taskId": "b"}}, "dict(str, Task)") == {"k": Task(task_id="b")}
    assert client.deserialize_class("5", "int") == 5
    assert client.deserialize_class({"x": 1}, "object") == {"x": 1}


def test_scheduler_client_round_trip() -> None:
    server = (
        MockServer()
        .on("POST", "/scheduler/schedules", json_response({}))
        .on("GET", "/scheduler/schedules/s", json_response(SCHEDULE))
        .on("PUT", "/scheduler/schedules/s/pause", no_content())
    )
    scheduler = OrkesSchedulerClient(api_client=server.api_client())
    scheduler.save_schedule(
        SaveScheduleRequest(
            name="s", cron_expression="0 * * * * ?", start_workflow_request=StartWorkflowRequest(name="wf")
        )
    )
    body = json.loads(server.calls("POST", "/scheduler/schedules")[0].content)
    assert body["startWorkflowRequest"]["name"] == "wf"
    schedule = scheduler.get_schedule("s")
    assert schedule is not None and schedule.name == "s"
    scheduler.pause_schedule("s")
    assert len(server.calls("PUT", "/scheduler/schedules/s/pause")) == 1


def test_orkes_only_clients_exist_and_surface_404() -> None:
    server = MockServer()
    secrets = OrkesSecretClient(api_client=server.api_client())
    with pytest.raises(ApiException) as raised:
        secrets.get_secret("k")
    assert raised.value.status == 404
    clients = OrkesClients(api_client=server.api_client())
    for get in (
        clients.get_authorization_client,
        clients.get_secret_client,
        clients.get_integration_client,
        clients.get_prompt_client,
        clients.get_schema_client,
        clients.get_service_registry_client,
    ):
        assert get().api_client is clients.api_client
