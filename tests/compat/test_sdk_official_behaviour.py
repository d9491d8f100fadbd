"""Behaviour behind the official SDK surface that tests/compat/test_sdk_surface.py only names.

The surface test proves that each official module, class and signature exists; these tests
prove that what exists works: ``run_once`` really polls, executes and reports, the async REST
layer really sends HTTP, the tag helpers make the official requests, the models keep the
official property layout and ``repr``, and the worker helpers do what the official ones do.
Everything talks to an in-memory server (``httpx.MockTransport``), so nothing here sleeps.
"""

from __future__ import annotations

import asyncio
import dataclasses
import json
import os
import pprint
from typing import Any

import httpx
import pytest

from client.mock_server import BASE, MockServer, body, json_response, no_content, text_response
from conductor.client.automator import utils as automator_utils
from conductor.client.automator import worker_isolation
from conductor.client.automator.async_task_runner import AsyncTaskRunner
from conductor.client.automator.task_handler import TaskHandler
from conductor.client.automator.task_runner import TaskRunner
from conductor.client.configuration.configuration import Configuration
from conductor.client.http.api.async_task_resource_api import AsyncTaskResourceApi
from conductor.client.http.async_api_client import AsyncApiClient
from conductor.client.http.async_rest import (
    ApiException,
    AsyncRESTClientObject,
    AuthorizationException,
    RESTResponse,
)
from conductor.client.http.models import Task, TaskResult, WorkflowDef
from conductor.client.http.models.authorization_request import AuthorizationRequest
from conductor.client.http.models.health import Health
from conductor.client.http.models.state_change_event import (
    StateChangeConfig,
    StateChangeEvent,
    StateChangeEventType,
)
from conductor.client.http.models.target_ref import TargetRef
from conductor.client.http.models.task_result_status import TaskResultStatus
from conductor.client.http.models.terminate_workflow import TerminateWorkflow
from conductor.client.http.models.workflow_task import WorkflowTask
from conductor.client.orkes.models.metadata_tag import MetadataTag
from conductor.client.orkes.orkes_metadata_client import OrkesMetadataClient
from conductor.client.worker.exception import NonRetryableException
from conductor.client.worker.worker import Worker
from conductor.client.worker.worker_config import get_worker_config_oneline, resolve_worker_config
from helpers import wait_until

TASK_TYPE = "official_probe"


def _task_json(task_id: str, name: str) -> dict[str, Any]:
    return {
        "taskId": task_id,
        "workflowInstanceId": "wf-1",
        "taskType": TASK_TYPE,
        "taskDefName": TASK_TYPE,
        "status": "IN_PROGRESS",
        "inputData": {"name": name},
    }


def greet(name: str) -> dict[str, Any]:
    return {"hello": name}


async def greet_async(name: str) -> dict[str, Any]:
    return {"hello": name}


def _reported(server: MockServer) -> list[dict[str, Any]]:
    return [body(r) for r in server.calls("POST", "/tasks/update-v2")]


# -- run_once ------------------------------------------------------------------------------------


def test_task_runner_run_once_polls_executes_and_reports_one_round() -> None:
    server = MockServer()
    server.on(
        "GET",
        f"/tasks/poll/batch/{TASK_TYPE}",
        json_response([_task_json("t1", "ada"), _task_json("t2", "bob")]),
    )
    server.on("POST", "/tasks/update-v2", no_content())
    runner = TaskRunner(Worker(TASK_TYPE, greet, thread_count=3), api_client=server.api_client())

    runner.run_once()

    polls = server.calls("GET", f"/tasks/poll/batch/{TASK_TYPE}")
    assert len(polls) == 1
    assert polls[0].url.params["count"] == "3"  # one poll for every free slot
    reported = {r["taskId"]: r for r in _reported(server)}
    assert reported["t1"]["status"] == "COMPLETED"
    assert reported["t1"]["outputData"] == {"hello": "ada"}
    assert reported["t2"]["outputData"] == {"hello": "bob"}


def test_task_runner_run_once_follows_the_task_update_v2_hands_out() -> None:
    server = MockServer()
    server.on("GET", f"/tasks/poll/batch/{TASK_TYPE}", json_response([_task_json("t1", "ada")]))
    server.on("POST", "/tasks/update-v2", json_response(_task_json("t2", "cy")), no_content())
    runner = TaskRunner(Worker(TASK_TYPE, greet), api_client=server.api_client())

    runner.run_once()

    assert [r["taskId"] for r in _reported(server)] == ["t1", "t2"]
    assert len(server.calls("GET", f"/tasks/poll/batch/{TASK_TYPE}")) == 1


def test_task_runner_run_once_does_nothing_for_a_paused_worker() -> None:
    server = MockServer()
    runner = TaskRunner(Worker(TASK_TYPE, greet, paused=True), api_client=server.api_client())
    runner.run_once()
    assert server.requests == []


def test_task_runner_run_once_logs_a_failing_round_instead_of_raising(
    caplog: pytest.LogCaptureFixture,
) -> None:
    server = MockServer()
    server.on("GET", f"/tasks/poll/batch/{TASK_TYPE}", json_response([_task_json("t1", "ada")]))
    server.on("POST", "/tasks/update-v2", no_content())
    runner = TaskRunner(Worker(TASK_TYPE, greet), api_client=server.api_client())
    runner._run_chain = _explode  # type: ignore[method-assign]
    runner.run_once()
    assert "Unexpected error in run_once" in caplog.text


def _explode(task: Task) -> None:
    raise RuntimeError("boom")


async def test_async_task_runner_run_once_polls_executes_and_reports_one_round() -> None:
    server = MockServer()
    server.on(
        "GET",
        f"/tasks/poll/batch/{TASK_TYPE}",
        json_response([_task_json("t1", "ada"), _task_json("t2", "bob")]),
    )
    server.on("POST", "/tasks/update-v2", no_content())
    configuration = Configuration(server_api_url=BASE)
    client = AsyncApiClient(configuration, transport=httpx.MockTransport(server))
    runner = AsyncTaskRunner(Worker(TASK_TYPE, greet_async, thread_count=4), configuration, api_client=client)
    try:
        await runner.run_once()
    finally:
        await client.close()

    polls = server.calls("GET", f"/tasks/poll/batch/{TASK_TYPE}")
    assert len(polls) == 1
    assert polls[0].url.params["count"] == "4"
    assert sorted((r["taskId"], r["outputData"]["hello"]) for r in _reported(server)) == [
        ("t1", "ada"),
        ("t2", "bob"),
    ]
    assert runner.in_flight == 0


class Recorder:
    """An official-style TaskRunnerEventsListener that keeps what it was told."""

    def __init__(self) -> None:
        self.events: list[Any] = []

    def on_poll_started(self, event: Any) -> None:
        self.events.append(event)

    def on_poll_completed(self, event: Any) -> None:
        self.events.append(event)

    def on_poll_failure(self, event: Any) -> None:
        self.events.append(event)

    def on_task_execution_started(self, event: Any) -> None:
        self.events.append(event)

    def on_task_execution_completed(self, event: Any) -> None:
        self.events.append(event)

    def on_task_execution_failure(self, event: Any) -> None:
        self.events.append(event)

    def on_task_update_failure(self, event: Any) -> None:
        self.events.append(event)

    def kinds(self) -> list[str]:
        return [type(e).__name__ for e in self.events]


def picky(name: str) -> dict[str, Any]:
    if name == "bob":
        raise ValueError("no bobs")
    return {"hello": name}


def test_task_runner_publishes_the_official_events_to_its_listeners() -> None:
    server = MockServer()
    server.on(
        "GET",
        f"/tasks/poll/batch/{TASK_TYPE}",
        json_response([_task_json("t1", "ada"), _task_json("t2", "bob")]),
    )
    server.on("POST", "/tasks/update-v2", no_content())
    recorder = Recorder()
    runner = TaskRunner(
        Worker(TASK_TYPE, picky, thread_count=2), event_listeners=[recorder], api_client=server.api_client()
    )

    runner.run_once()

    assert recorder.kinds() == [
        "PollStarted",
        "PollCompleted",
        "TaskExecutionStarted",
        "TaskExecutionCompleted",
        "TaskExecutionStarted",
        "TaskExecutionFailure",
    ]
    started, completed = recorder.events[0], recorder.events[1]
    assert (started.task_type, started.poll_count) == (TASK_TYPE, 2)
    assert completed.tasks_received == 2
    failure = recorder.events[5]
    assert (failure.task_id, str(failure.cause)) == ("t2", "no bobs")
    assert [r["status"] for r in _reported(server)] == ["COMPLETED", "FAILED"]


def test_task_runner_reports_poll_and_update_failures_as_events() -> None:
    server = MockServer()
    server.on("GET", f"/tasks/poll/batch/{TASK_TYPE}", json_response([_task_json("t1", "ada")]))
    server.on("POST", "/tasks/update-v2", httpx.Response(400, json={"status": 400, "message": "rejected"}))
    recorder = Recorder()
    runner = TaskRunner(Worker(TASK_TYPE, greet), event_listeners=[recorder], api_client=server.api_client())
    runner.run_once()
    update_failure = recorder.events[-1]
    assert type(update_failure).__name__ == "TaskUpdateFailure"
    assert update_failure.task_result.task_id == "t1" and update_failure.cause.status == 400

    broken = MockServer()
    broken.on(
        "GET", f"/tasks/poll/batch/{TASK_TYPE}", httpx.Response(400, json={"status": 400, "message": "bad"})
    )
    recorder = Recorder()
    runner = TaskRunner(
        Worker(TASK_TYPE, greet, poll_interval=1), event_listeners=[recorder], api_client=broken.api_client()
    )
    runner._poll_failed = lambda task_type, reason: None  # type: ignore[method-assign]  # no back-off wait
    runner.run_once()
    assert recorder.kinds() == ["PollStarted", "PollFailure"]
    assert recorder.events[1].cause.status == 400


async def test_async_task_runner_publishes_the_official_events() -> None:
    server = MockServer()
    server.on("GET", f"/tasks/poll/batch/{TASK_TYPE}", json_response([_task_json("t1", "ada")]))
    server.on("POST", "/tasks/update-v2", no_content())
    configuration = Configuration(server_api_url=BASE)
    client = AsyncApiClient(configuration, transport=httpx.MockTransport(server))
    recorder = Recorder()
    runner = AsyncTaskRunner(
        Worker(TASK_TYPE, greet_async), configuration, None, [recorder], api_client=client
    )
    try:
        await runner.run_once()
    finally:
        await client.close()
    assert recorder.kinds() == [
        "PollStarted",
        "PollCompleted",
        "TaskExecutionStarted",
        "TaskExecutionCompleted",
    ]
    assert runner.event_dispatcher.has_listeners(type(recorder.events[0]))


# -- the async REST layer ------------------------------------------------------------------------


async def test_async_rest_client_sends_real_requests_and_wraps_the_answer() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        if request.url.path == "/api/missing":
            return httpx.Response(404, json={"status": 404, "message": "no such thing"})
        if request.url.path == "/api/secret":
            return httpx.Response(401, json={"error": "EXPIRED_TOKEN", "message": "expired"})
        return httpx.Response(200, json={"echo": request.content.decode() or None}, headers={"X-Probe": "1"})

    async with AsyncRESTClientObject(httpx.AsyncClient(transport=httpx.MockTransport(handler))) as rest:
        answer = await rest.GET(f"{BASE}/things", query_params=[("a", 1), ("b", "x")])
        assert isinstance(answer, RESTResponse)
        assert answer.status == 200
        assert answer.getheader("x-probe") == "1"
        assert seen[-1].url.params.multi_items() == [("a", "1"), ("b", "x")]

        answer = await rest.POST(f"{BASE}/things", body={"k": [1, 2]})
        assert json.loads(seen[-1].content) == {"k": [1, 2]}
        assert seen[-1].headers["content-type"] == "application/json"
        assert answer.json() == {"echo": '{"k": [1, 2]}'}

        await rest.PUT(f"{BASE}/things", post_params={"field": "v"})
        assert seen[-1].content == b"field=v"

        with pytest.raises(ApiException) as not_found:
            await rest.DELETE(f"{BASE}/missing")
        assert not_found.value.status == 404
        assert not_found.value.is_not_found()
        with pytest.raises(AuthorizationException) as unauthorised:
            await rest.GET(f"{BASE}/secret")
        assert unauthorised.value.token_expired
        with pytest.raises(ValueError, match="post_params"):
            await rest.POST(f"{BASE}/things", body={"a": 1}, post_params={"b": 2})


async def test_async_rest_client_reports_a_dead_server_as_status_zero() -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)

    rest = AsyncRESTClientObject(httpx.AsyncClient(transport=httpx.MockTransport(refuse)))
    with pytest.raises(ApiException) as failure:
        await rest.GET(f"{BASE}/things")
    assert failure.value.status == 0
    assert failure.value.transient


async def test_async_api_client_official_call_api_and_helpers() -> None:
    server = MockServer()
    server.on("GET", "/tasks/t1", json_response(_task_json("t1", "ada")))
    server.on("GET", "/raw", json_response({"x": 1}))
    configuration = Configuration(server_api_url=BASE)
    async with AsyncApiClient(configuration, transport=httpx.MockTransport(server)) as client:
        data, status, headers = await client.call_api(
            "/tasks/{taskId}",
            "GET",
            {"taskId": "t1"},
            [("x", "1")],
            {"Accept": "application/json"},
            response_type="Task",
        )
        assert isinstance(data, Task) and data.task_id == "t1"
        assert status == 200 and headers["content-type"] == "application/json"
        assert server.calls("GET", "/tasks/t1")[0].url.params["x"] == "1"
        only = await client.call_api(
            "/tasks/{taskId}", "GET", {"taskId": "t1"}, _return_http_data_only=True, response_type=Task
        )
        assert isinstance(only, Task)
        ours = await client.call_api(
            "GET", "/tasks/{taskId}", path_params={"taskId": "t1"}, response_type=Task
        )
        assert isinstance(ours, Task)

        raw = await client.request("GET", f"{BASE}/raw")
        assert isinstance(raw, RESTResponse) and raw.json() == {"x": 1}
        assert client.deserialize(raw, "dict(str, int)") == {"x": 1}
        assert client.deserialize_class([_task_json("t9", "z")], "list[Task]")[0].task_id == "t9"
        assert client.sanitize_for_serialization(TaskResult(task_id="t1", status="COMPLETED")) == {
            "taskId": "t1",
            "status": "COMPLETED",
            "extendLease": False,
        }
        assert client.parameters_to_tuples({"ids": [1, 2]}, {"ids": "csv"}) == [("ids", "1,2")]
        assert client.select_header_accept(["text/plain", "application/json"]) == "application/json"
        assert client.select_header_content_type([]) == "application/json"
        headers_out: dict[str, str] = {}
        client.update_params_for_auth(headers_out, {}, {"header": {"X-Authorization": "tok"}})
        assert headers_out == {"X-Authorization": "tok"}
        assert await client.get_authentication_headers() is None  # open server: no credentials
        assert await client.force_refresh_auth_token() is False


async def test_async_task_resource_api_twins_and_official_kwargs() -> None:
    server = MockServer()
    server.on("GET", f"/tasks/poll/batch/{TASK_TYPE}", json_response([_task_json("t1", "ada")]))
    server.on("POST", "/tasks", text_response("t1"))
    server.on("POST", "/tasks/update-v2", no_content())
    configuration = Configuration(server_api_url=BASE)
    async with AsyncApiClient(configuration, transport=httpx.MockTransport(server)) as client:
        api = AsyncTaskResourceApi(client)
        tasks, status, _ = await api.batch_poll_with_http_info(TASK_TYPE, count=2, timeout=10)
        assert [t.task_id for t in tasks] == ["t1"] and status == 200
        assert [t.task_id for t in await api.batch_poll(TASK_TYPE, _request_timeout=5)] == ["t1"]
        result = TaskResult(task_id="t1", workflow_instance_id="wf-1", status="COMPLETED")
        assert await api.update_task(result) == "t1"
        assert await api.update_task_with_http_info(result, _return_http_data_only=True) == "t1"
        assert (await api.update_task_v2_with_http_info(result))[1] == 204
        assert await api.update_task_v2(result) is None
        with pytest.raises(TypeError, match="unexpected keyword argument 'bogus'"):
            await api.batch_poll(TASK_TYPE, bogus=1)


# -- metadata tag helpers ------------------------------------------------------------------------


def _metadata_client(server: MockServer) -> OrkesMetadataClient:
    return OrkesMetadataClient(Configuration(server_api_url=BASE), api_client=server.api_client())


def test_tag_helpers_make_the_official_requests() -> None:
    server = MockServer()
    for method in ("POST", "PUT", "DELETE"):
        server.on(method, "/metadata/workflow/wf/tags", no_content())
        server.on(method, "/metadata/task/tk/tags", no_content())
    server.on(
        "GET",
        "/metadata/workflow/wf/tags",
        json_response([{"key": "team", "type": "METADATA", "value": "a"}]),
    )
    server.on("GET", "/metadata/task/tk/tags", json_response([]))
    client = _metadata_client(server)

    client.add_workflow_tag(MetadataTag("team", "a"), "wf")
    client.set_workflow_tags([MetadataTag("team", "a")], "wf")
    client.delete_workflow_tag(MetadataTag("team", "a"), "wf")
    tags = client.get_workflow_tags("wf")
    client.addTaskTag(MetadataTag("k", "v"), "tk")
    client.setTaskTags([MetadataTag("k", "v")], "tk")
    client.deleteTaskTag(MetadataTag("k", "v"), "tk")
    assert client.getTaskTags("tk") == []

    assert [(t.key, t.type, t.value) for t in tags] == [("team", "METADATA", "a")]
    tag = {"key": "team", "type": "METADATA", "value": "a"}
    assert body(server.calls("POST", "/metadata/workflow/wf/tags")[0]) == tag
    assert body(server.calls("PUT", "/metadata/workflow/wf/tags")[0]) == [tag]
    assert body(server.calls("DELETE", "/metadata/workflow/wf/tags")[0]) == tag
    assert body(server.calls("DELETE", "/metadata/task/tk/tags")[0]) == {
        "key": "k",
        "type": "METADATA",
        "value": "v",
    }


def test_workflow_rate_limit_is_a_rate_limit_tag() -> None:
    server = MockServer()
    server.on(
        "GET",
        "/metadata/workflow/wf/tags",
        json_response(
            [{"key": "wf", "type": "RATE_LIMIT", "value": 5}, {"key": "x", "type": "METADATA", "value": "y"}]
        ),
    )
    server.on("DELETE", "/metadata/workflow/wf/tags", no_content())
    server.on("POST", "/metadata/workflow/wf/tags", no_content())
    client = _metadata_client(server)

    assert client.getWorkflowRateLimit("wf") == 5
    client.setWorkflowRateLimit(10, "wf")

    assert body(server.calls("DELETE", "/metadata/workflow/wf/tags")[0]) == {
        "key": "wf",
        "type": "RATE_LIMIT",
        "value": 5,
    }
    assert body(server.calls("POST", "/metadata/workflow/wf/tags")[0]) == {
        "key": "wf",
        "type": "RATE_LIMIT",
        "value": 10,
    }


def test_tag_endpoints_missing_on_the_server_raise_api_exception() -> None:
    # Conductor OSS (and our server) have no tag endpoints: the official client raises the 404.
    client = _metadata_client(MockServer())
    with pytest.raises(ApiException) as missing:
        client.get_workflow_tags("wf")
    assert missing.value.status == 404


# -- the models' official layout -----------------------------------------------------------------


def test_repr_is_the_pretty_printed_dict_and_fields_are_properties() -> None:
    health = Health(healthy=True, details={"db": "ok"})
    assert repr(health) == health.to_str() == pprint.pformat(health.to_dict())
    assert isinstance(Health.healthy, property)
    assert Health.healthy.fset is not None
    health._healthy = False  # the official storage attribute, written directly
    assert health.healthy is False
    # Official models with their own rendering keep it.
    assert (
        repr(TerminateWorkflow("w1", "why"))
        == "TerminateWorkflow(workflow_id='w1', termination_reason='why')"
    )
    assert TerminateWorkflow("w1", "why").to_dict() == {"workflowId": "w1", "terminationReason": "why"}
    assert repr(StateChangeEvent("sink", {"a": 1})) == "StateChangeEvent{type='sink', payload={'a': 1}}"


def test_swagger_tables_are_class_dicts_that_to_dict_follows() -> None:
    table = Health.swagger_types
    assert Health.swagger_types is table  # one dict per class, as the official class attribute
    table["extra"] = "str"
    try:
        health = Health()
        health.extra = "x"  # type: ignore[attr-defined]
        assert health.to_dict()["extra"] == "x"
    finally:
        del table["extra"]


def test_official_setter_rules() -> None:
    with pytest.raises(ValueError, match="Invalid value for `type` \\(None\\)"):
        TargetRef()  # the official constructor validates type even when it is absent
    with pytest.raises(TypeError, match="'NoneType' object is not iterable"):
        AuthorizationRequest()
    result = TaskResult(task_id="t")
    result.status = "FAILED"
    assert result.status is TaskResultStatus.FAILED
    with pytest.raises(ValueError, match="Invalid value for `status`"):
        result.status = "BOGUS"
    definition = WorkflowDef(name="wf")
    definition._tasks = None
    assert definition.tasks == []
    task = WorkflowTask(name="n", task_reference_name="r")
    task.on_state_change = StateChangeConfig(
        event_type=StateChangeEventType.onStart, events=[StateChangeEvent("s", {})]
    )
    assert list(task.on_state_change) == ["onStart"]
    with pytest.raises(TypeError):
        StateChangeEvent()  # type: ignore[call-arg]  # type and payload are required


def test_decoding_stores_values_unchecked() -> None:
    # A value a newer server sends must not make a response unreadable.
    ref = TargetRef.from_dict({"type": "SOMETHING_NEW", "id": "x"})
    assert (ref.type, ref.id) == ("SOMETHING_NEW", "x")
    task = Task.from_dict(_task_json("t1", "ada"))
    assert task.input_data == {"name": "ada"} and task._task_id == "t1"


# -- worker helpers ------------------------------------------------------------------------------


async def _fails() -> None:
    raise NonRetryableException("bad input")


async def _never_finishes() -> None:
    await asyncio.Event().wait()


def _task(task_id: str) -> Task:
    return Task.from_dict(_task_json(task_id, "ada"))


def test_worker_background_executions_are_collected_when_done() -> None:
    worker = Worker(TASK_TYPE, greet_async)
    assert worker.submit_async(_task("t1")) is None  # running on the background loop
    done = wait_until(worker.check_completed_async_tasks, message="the background execution")
    task_id, result, submitted, task = done[0]
    assert (task_id, task.task_id) == ("t1", "t1")
    assert result.status is TaskResultStatus.COMPLETED and result.output_data == {"hello": "ada"}
    assert submitted > 0
    assert worker.check_completed_async_tasks() == []  # collected once

    failing = Worker(TASK_TYPE, _fails)
    failing.submit_async(_task("t2"))
    [(_, failed, _, _)] = wait_until(failing.check_completed_async_tasks, message="the failed execution")
    assert failed.status is TaskResultStatus.FAILED_WITH_TERMINAL_ERROR
    assert failed.reason_for_incompletion == "bad input"

    # A cancelled execution is reported as a failure (its future has no exception to read).
    blocked = Worker(TASK_TYPE, _never_finishes)
    blocked.submit_async(_task("t4"))
    blocked._pending_async_tasks["t4"][0].cancel()
    [(_, cancelled, _, _)] = wait_until(
        blocked.check_completed_async_tasks, message="the cancelled execution"
    )
    assert cancelled.status is TaskResultStatus.FAILED
    assert "CancelledError" in (cancelled.reason_for_incompletion or "")

    # A sync function runs at once.
    immediate = Worker(TASK_TYPE, greet).submit_async(_task("t3"))
    assert immediate is not None and immediate.output_data == {"hello": "ada"}


def test_worker_api_client_is_lazy_and_not_pickled() -> None:
    import pickle

    worker = Worker(TASK_TYPE, greet)
    assert worker.api_client.sanitize_for_serialization(TaskResult(task_id="t")) == {
        "taskId": "t",
        "extendLease": False,
    }
    clone = pickle.loads(pickle.dumps(worker))
    assert clone._api_client is None
    assert clone.execute(_task("t1")).output_data == {"hello": "ada"}


def test_worker_interface_task_definition_name_cache_rotates_on_clear() -> None:
    worker = Worker(["a", "b"], greet)
    assert worker.task_definition_name_cache == "a"
    assert worker.task_definition_name_cache == "a"
    worker.clear_task_definition_name_cache()
    assert worker.task_definition_name_cache == "b"


def test_resolve_worker_config_and_oneline(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("conductor.worker.orders.domain", "prod")
    config = resolve_worker_config(
        "orders", poll_interval=250, domain="dev", thread_count=3, lease_extend_enabled=True
    )
    assert config["domain"] == "prod" and config["poll_interval"] == 250
    assert (config["overwrite_task_def"], config["strict_schema"], config["register_schema"]) == (
        True,
        False,
        False,
    )
    assert config["worker_id"] is None
    assert get_worker_config_oneline("orders", config) == (
        f"Conductor Worker[name=orders, pid={os.getpid()}, status=active, poll_interval=250ms, "
        "domain=prod, thread_count=3, lease_extend=true]"
    )


@dataclasses.dataclass
class Order:
    id: str
    quantity: int
    note: str | None = None


def test_automator_utils_convert_like_input_binding() -> None:
    assert automator_utils.convert_from_dict(Order, {"id": "o1", "quantity": 2}) == Order("o1", 2)
    assert automator_utils.convert_from_dict(Order, None) is None
    order = Order("o2", 1)
    assert automator_utils.convert_from_dict(Order, order) is order
    assert automator_utils.convert_from_dict_or_list(list[Order], [{"id": "a", "quantity": 1}]) == [
        Order("a", 1)
    ]
    assert automator_utils.get_value(int, 5) == 5
    assert automator_utils.get_value(dict[str, Order], {"k": {"id": "b", "quantity": 3}}) == {
        "k": Order("b", 3)
    }


def test_worker_isolation_mode(monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    monkeypatch.setenv(worker_isolation.WORKER_ISOLATION_ENV, " Thread ")
    assert worker_isolation.isolation_mode() == "thread"
    monkeypatch.setenv(worker_isolation.WORKER_ISOLATION_ENV, "fibers")
    monkeypatch.setattr(worker_isolation, "_invalid_mode_warned", False)
    assert worker_isolation.isolation_mode() == "process"
    assert "Ignoring invalid CONDUCTOR_WORKER_ISOLATION" in caplog.text

    monkeypatch.delenv(worker_isolation.WORKER_ISOLATION_ENV)
    monkeypatch.setattr(worker_isolation, "_thread_isolation_applied", False)
    assert not worker_isolation.uses_threads()
    worker_isolation.apply_thread_isolation()
    assert worker_isolation.uses_threads()
    handler = TaskHandler(
        [Worker(TASK_TYPE, greet)], Configuration(server_api_url=BASE), scan_for_annotated_workers=False
    )
    assert handler.task_runner_processes == []  # thread hosts, no processes


def test_update_state_makes_the_official_request_and_raises_the_server_s_refusal() -> None:
    """`OrkesWorkflowClient.update_state` posts to the Orkes `/workflow/{id}/state` endpoint, as
    the official client does; Conductor OSS (and this server) refuse it: an ApiException."""
    from client.mock_server import error_response
    from conductor.client.http.models.workflow_state_update import WorkflowStateUpdate
    from conductor.client.http.rest import ApiException
    from conductor.client.orkes.orkes_workflow_client import OrkesWorkflowClient

    server = MockServer()
    server.on("POST", "/workflow/wf-1/state", error_response(404, "not found"))
    client = OrkesWorkflowClient(Configuration(server_api_url=BASE), api_client=server.api_client())
    update = WorkflowStateUpdate(task_reference_name="t", variables={"a": 1})
    with pytest.raises(ApiException) as raised:
        client.update_state("wf-1", update, wait_until_task_ref_names=["x", "y"], wait_for_seconds=3)
    assert raised.value.status == 404
    [call] = server.calls("POST", "/workflow/wf-1/state")
    params = dict(call.url.params)
    assert (params["waitUntilTaskRef"], params["waitForSeconds"]) == ("x,y", "3")
    assert params["requestId"]
    assert body(call)["taskReferenceName"] == "t"
