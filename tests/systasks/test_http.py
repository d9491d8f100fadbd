"""HTTP executed by a real server against a local endpoint (never beyond 127.0.0.1)."""

from __future__ import annotations

import json
import time
import uuid
from typing import Any

import pytest

from .live_server import Api, free_port, task_by_ref, wait_until
from .local_http import _Server, base_url


def _name(prefix: str) -> str:
    return f"{prefix}_{uuid.uuid4().hex[:8]}"


def http_workflow(name: str, request: dict[str, Any] | None = None, **node: Any) -> dict[str, Any]:
    task: dict[str, Any] = {"name": f"{name}_http", "taskReferenceName": "http_ref", "type": "HTTP"}
    if request is not None:
        task["inputParameters"] = {"http_request": request}
    task.update(node)
    return {
        "name": name,
        "version": 1,
        "schemaVersion": 2,
        "tasks": [task],
        "outputParameters": {"response": "${http_ref.output.response}"},
    }


def run(api: Api, definition: dict[str, Any], statuses: tuple[str, ...] = ("COMPLETED",)) -> dict[str, Any]:
    api.register_ok(definition)
    return api.wait_for_status(api.start(definition["name"]), statuses, within=30)


@pytest.mark.parametrize("method", ["GET", "PUT", "POST", "DELETE", "PATCH", "OPTIONS"])
def test_methods(api: Api, http_endpoint: _Server, method: str) -> None:
    request = {"uri": f"{base_url(http_endpoint)}/echo?m={method}", "method": method}
    if method in ("PUT", "POST", "PATCH"):
        request["body"] = {"sent": method}
    workflow = run(api, http_workflow(_name(f"http_{method.lower()}"), request))
    response = workflow["output"]["response"]
    assert response["statusCode"] == 200
    assert response["reasonPhrase"] == "OK"
    assert response["body"]["method"] == method
    assert response["body"]["query"] == {"m": method}
    if method in ("PUT", "POST", "PATCH"):
        assert json.loads(response["body"]["body"]) == {"sent": method}
        assert response["body"]["headers"]["content-type"] == "application/json"


def test_head_has_status_and_headers_but_no_body(api: Api, http_endpoint: _Server) -> None:
    request = {"uri": f"{base_url(http_endpoint)}/echo", "method": "HEAD"}
    response = run(api, http_workflow(_name("http_head"), request))["output"]["response"]
    assert response["statusCode"] == 200
    assert response["headers"]["X-Test"] == ["yes"]
    assert response["body"] in (None, "")


def test_seed_json_with_top_level_uri_and_method(api: Api, http_endpoint: _Server) -> None:
    """The seed's JSON puts `uri`/`method` on the task itself, outside `http_request`."""
    name = _name("http_seed")
    definition = http_workflow(name, None)
    definition["tasks"][0].update(
        {"name": "http_task", "taskReferenceName": "http_ref", "uri": f"{base_url(http_endpoint)}/json"}
    )
    definition["tasks"][0]["method"] = "GET"
    api.register_ok(definition)
    stored = api.http.get(f"/metadata/workflow/{name}").json()
    assert stored["tasks"][0]["inputParameters"]["http_request"]["uri"].endswith("/json")
    workflow = api.wait_for_status(api.start(name), within=30)
    assert workflow["output"]["response"]["body"]["path"] == "/json"


def test_whole_input_is_the_request_when_http_request_is_absent(api: Api, http_endpoint: _Server) -> None:
    definition = http_workflow(
        _name("http_flat"),
        None,
        inputParameters={"uri": f"{base_url(http_endpoint)}/flat", "method": "POST", "body": {"a": 1}},
    )
    response = run(api, definition)["output"]["response"]
    assert response["body"]["method"] == "POST"
    assert json.loads(response["body"]["body"]) == {"a": 1}


def test_headers_accept_content_type_and_text_body(api: Api, http_endpoint: _Server) -> None:
    request = {
        "uri": f"{base_url(http_endpoint)}/echo",
        "method": "POST",
        "headers": {"X-Custom": "${workflow.input.custom}", "X-Skipped": None},
        "accept": "application/json",
        "contentType": "text/plain",
        "body": "just text",
    }
    name = _name("http_headers")
    api.register_ok(http_workflow(name, request))
    workflow = api.wait_for_status(api.start(name, {"custom": "v1"}), within=30)
    echoed = workflow["output"]["response"]["body"]
    assert echoed["headers"]["x-custom"] == "v1"
    assert "x-skipped" not in echoed["headers"]
    assert echoed["headers"]["accept"] == "application/json"
    assert echoed["headers"]["content-type"].startswith("text/plain")
    assert echoed["body"] == "just text"


def test_response_bodies_json_text_number_list(api: Api, http_endpoint: _Server) -> None:
    url = base_url(http_endpoint)
    bodies = {}
    for path in ("text", "number", "list", "json"):
        workflow = run(
            api, http_workflow(_name(f"http_body_{path}"), {"uri": f"{url}/{path}", "method": "GET"})
        )
        bodies[path] = workflow["output"]["response"]
    assert bodies["text"]["body"] == "plain text here"
    assert bodies["number"]["body"] == 42
    assert bodies["list"]["body"] == [1, 2, 3]
    assert bodies["json"]["body"]["data"] == {"value1": "a", "nested": {"n": 1}}
    assert bodies["json"]["headers"]["Content-Type"] == ["application/json"]


def test_response_feeds_the_next_task(api: Api, http_endpoint: _Server) -> None:
    name = _name("http_chain")
    definition = http_workflow(name, {"uri": f"{base_url(http_endpoint)}/json", "method": "GET"})
    definition["tasks"].append(
        {
            "name": "pick",
            "taskReferenceName": "pick_ref",
            "type": "JSON_JQ_TRANSFORM",
            "inputParameters": {
                "r": "${http_ref.output.response.body.data}",
                "queryExpression": ".r.nested.n + 1",
            },
        }
    )
    definition["outputParameters"] = {
        "n": "${pick_ref.output.result}",
        "code": "${http_ref.output.response.statusCode}",
    }
    workflow = run(api, definition)
    assert workflow["output"] == {"n": 2, "code": 200}


@pytest.mark.parametrize("status", [400, 404, 500, 503])
def test_non_2xx_fails_the_task(api: Api, http_endpoint: _Server, status: int) -> None:
    request = {"uri": f"{base_url(http_endpoint)}/status/{status}", "method": "GET"}
    workflow = run(api, http_workflow(_name(f"http_{status}"), request), ("FAILED",))
    task = task_by_ref(workflow, "http_ref")
    assert task["status"] == "FAILED"
    assert str(status) in task["reasonForIncompletion"]
    assert "Failed to invoke HTTP task" in task["reasonForIncompletion"]


def test_failure_is_retried_per_the_task_definition(api: Api, http_endpoint: _Server) -> None:
    name = _name("http_retry")
    api.register_task_defs(
        [
            {
                "name": f"{name}_http",
                "retryCount": 2,
                "retryLogic": "FIXED",
                "retryDelaySeconds": 0,
                "timeoutSeconds": 60,
                "responseTimeoutSeconds": 30,
            }
        ]
    )
    before = sum(1 for r in http_endpoint.requests if r["path"] == "/status/502")
    workflow = run(
        api,
        http_workflow(name, {"uri": f"{base_url(http_endpoint)}/status/502", "method": "GET"}),
        ("FAILED",),
    )
    attempts = [t for t in workflow["tasks"] if t["referenceTaskName"] == "http_ref"]
    assert [t["retryCount"] for t in attempts] == [0, 1, 2]
    assert all(t["status"] == "FAILED" for t in attempts)
    assert sum(1 for r in http_endpoint.requests if r["path"] == "/status/502") - before == 3


def test_missing_uri_fails_with_a_readable_reason(api: Api) -> None:
    workflow = run(api, http_workflow(_name("http_no_uri"), {"method": "GET"}), ("FAILED",))
    assert "Missing HTTP URI" in task_by_ref(workflow, "http_ref")["reasonForIncompletion"]


def test_no_http_request_at_all_is_rejected_at_registration(api: Api) -> None:
    definition = http_workflow(_name("http_nothing"), None)
    response = api.register(definition)
    assert response.status_code == 400
    assert "http_request" in response.text


def test_unreachable_host_fails_the_task(api: Api) -> None:
    request = {"uri": f"http://127.0.0.1:{free_port()}/nothing-listens", "method": "GET"}
    workflow = run(api, http_workflow(_name("http_unreachable"), request), ("FAILED",))
    reason = task_by_ref(workflow, "http_ref")["reasonForIncompletion"]
    assert reason.startswith("Failed to invoke HTTP task due to")
    assert "onnect" in reason  # "Cannot connect" / "Connection refused"


def test_read_timeout_fails_the_task(api: Api, http_endpoint: _Server) -> None:
    request = {"uri": f"{base_url(http_endpoint)}/slow?ms=3000", "method": "GET", "readTimeOut": 300}
    started = time.monotonic()
    workflow = run(api, http_workflow(_name("http_read_timeout"), request), ("FAILED",))
    assert time.monotonic() - started < 2.8
    reason = task_by_ref(workflow, "http_ref")["reasonForIncompletion"]
    assert "Timeout" in reason or "timed out" in reason.lower()


def test_slow_endpoint_delays_only_its_own_task(api: Api, http_endpoint: _Server) -> None:
    url = base_url(http_endpoint)
    slow = http_workflow(
        _name("http_slow"), {"uri": f"{url}/slow?ms=2500", "method": "GET", "readTimeOut": 10000}
    )
    fast = http_workflow(_name("http_fast"), {"uri": f"{url}/json", "method": "GET"})
    api.register_ok(slow)
    api.register_ok(fast)
    slow_id = api.start(slow["name"])
    api.wait_for_task(slow_id, "http_ref", ("IN_PROGRESS", "SCHEDULED"))
    started = time.monotonic()
    fast_ids = [api.start(fast["name"]) for _ in range(5)]
    for workflow_id in fast_ids:
        api.wait_for_status(workflow_id, within=10)
    assert time.monotonic() - started < 2.0
    assert api.workflow(slow_id)["status"] == "RUNNING"
    assert api.wait_for_status(slow_id, within=20)["output"]["response"]["statusCode"] == 200


def test_calls_run_concurrently(api: Api, http_endpoint: _Server) -> None:
    """20 one-second calls finish in far less than 20 s: calls overlap (bounded, not serial)."""
    name = _name("http_parallel")
    api.register_ok(
        http_workflow(
            name, {"uri": f"{base_url(http_endpoint)}/slow?ms=1000", "method": "GET", "readTimeOut": 10000}
        )
    )
    started = time.monotonic()
    ids = [api.start(name) for _ in range(20)]
    wait_until(
        lambda: all(api.workflow(i)["status"] == "COMPLETED" for i in ids),
        within=15,
        interval=0.1,
        message="20 slow HTTP workflows completed",
    )
    assert time.monotonic() - started < 6.0


def test_list_headers_and_raw_string_bodies(api: Api, http_endpoint: _Server) -> None:
    """`HttpInput` types headers as {name: [values]}; a string body is sent as is, even as JSON."""
    request = {
        "uri": f"{base_url(http_endpoint)}/raw",
        "method": "PUT",
        "headers": {"X-Multi": ["a", "b"], "X-Number": 5},
        "body": '{"already": "json"}',
    }
    name = _name("http_raw")
    api.register_ok(http_workflow(name, request))
    api.wait_for_status(api.start(name), within=30)
    sent = [r for r in http_endpoint.requests if r["path"] == "/raw"][-1]
    assert json.loads(sent["body"]) == {"already": "json"}
    assert sent["headers"]["Content-Type"] == "application/json"
    assert sent["headers"]["X-Number"] == "5"
    assert sent["multi"]["X-Multi"] == ["a", "b"]
