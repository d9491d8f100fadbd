"""ApiClient: encoding, decoding, error mapping and token handling."""

from __future__ import annotations

import httpx
import pytest

from conductor.client.configuration.configuration import Configuration
from conductor.client.configuration.settings.authentication_settings import AuthenticationSettings
from conductor.client.exceptions.api_error import APIError, APIErrorCode
from conductor.client.http.api_client import ApiClient
from conductor.client.http.models import Task, TaskDef
from conductor.client.http.rest import ApiException, AuthorizationException

from .mock_server import BASE, MockServer, error_response, json_response, no_content, text_response


def test_text_json_empty_and_204_answers() -> None:
    server = (
        MockServer()
        .on("GET", "/text", text_response("wf-123"))
        .on("GET", "/quoted", json_response("wf-456"))
        .on("GET", "/task", json_response({"taskId": "t", "unknown": 1}))
        .on("GET", "/none", no_content())
        .on("GET", "/empty", httpx.Response(200))
    )
    client = server.api_client()
    assert client.call_api("GET", "/text", response_type=str) == "wf-123"
    assert client.call_api("GET", "/quoted", response_type=str) == "wf-456"
    assert client.call_api("GET", "/task", response_type=Task) == Task(task_id="t")
    assert client.call_api("GET", "/none", response_type=Task) is None
    assert client.call_api("GET", "/empty", response_type=list[Task]) is None
    assert client.call_api("GET", "/task") is None  # no response type: body ignored


def test_request_encoding() -> None:
    """Models go out as camelCase JSON, strings as plain text, path params are quoted,
    None query values are dropped and booleans are lowercase."""
    server = MockServer().on("POST", "/x/a/b", no_content())  # routes match the decoded path
    client = server.api_client()
    client.call_api(
        "POST",
        "/x/{name}",
        path_params={"name": "a/b"},
        query=[("flag", True), ("off", False), ("skip", None), ("many", ["a", "b"]), ("n", 3)],
        body=[TaskDef(name="t", retry_count=1)],
    )
    client.call_api("POST", "/x/{name}", path_params={"name": "a/b"}, body='line "one"\nline two')
    json_request, text_request = server.requests
    assert json_request.url.raw_path == b"/api/x/a%2Fb?flag=true&off=false&many=a&many=b&n=3"
    assert json_request.headers["content-type"] == "application/json"
    assert json_request.content == b'[{"name":"t","retryCount":1,"enforceSchema":false}]'
    assert text_request.headers["content-type"].startswith("text/plain")
    assert text_request.content == b'line "one"\nline two'


def test_requests_without_body_send_none() -> None:
    server = MockServer().on("PUT", "/p", httpx.Response(200))
    server.api_client().call_api("PUT", "/p")
    assert server.requests[0].content == b""
    assert "content-type" not in server.requests[0].headers


def test_error_body_message_is_surfaced() -> None:
    """A Conductor error body becomes ApiException(status, message); it is also an APIError."""
    server = MockServer().on("GET", "/missing", error_response(404, "No such workflow found by id: x"))
    with pytest.raises(ApiException) as caught:
        server.api_client().call_api("GET", "/missing", response_type=Task)
    error = caught.value
    assert isinstance(error, APIError)
    assert error.status == error.code == 404 == APIErrorCode.NOT_FOUND
    assert error.message == "No such workflow found by id: x"
    assert error.is_not_found()
    assert '"message"' in (error.body or "")
    assert not error.transient


def test_non_json_error_body_and_transient_statuses() -> None:
    server = MockServer().on("GET", "/boom", httpx.Response(503, text="upstream down"))
    with pytest.raises(ApiException) as caught:
        server.api_client().call_api("GET", "/boom")
    assert caught.value.status == 503
    assert caught.value.message == "upstream down"
    assert caught.value.transient


def test_transport_failure_is_status_zero() -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)

    client = ApiClient(Configuration(server_api_url=BASE), transport=httpx.MockTransport(refuse))
    with pytest.raises(ApiException) as caught:
        client.call_api("GET", "/x")
    assert caught.value.status == 0
    assert caught.value.transient
    assert "ConnectError" in (caught.value.reason or "")


def test_stale_keep_alive_connection_is_retried_once() -> None:
    attempts: list[int] = []

    def flaky(request: httpx.Request) -> httpx.Response:
        attempts.append(1)
        if len(attempts) == 1:
            raise httpx.RemoteProtocolError(
                "Server disconnected without sending a response.", request=request
            )
        return json_response([])

    client = ApiClient(Configuration(server_api_url=BASE), transport=httpx.MockTransport(flaky))
    assert client.call_api("GET", "/x", response_type=list[Task]) == []
    assert len(attempts) == 2


def test_401_is_an_authorization_exception() -> None:
    server = MockServer().on(
        "GET", "/secure", json_response({"error": "ACCESS_DENIED", "message": "no"}, 403)
    )
    with pytest.raises(AuthorizationException) as caught:
        server.api_client().call_api("GET", "/secure")
    assert caught.value.error_code == "ACCESS_DENIED"
    assert caught.value.status_code == 403


def _auth_config() -> Configuration:
    return Configuration(
        server_api_url=BASE, authentication_settings=AuthenticationSettings("key-id", "key-secret")
    )


def test_token_is_fetched_once_and_sent_as_x_authorization() -> None:
    server = (
        MockServer()
        .on("POST", "/token", json_response({"token": "tok-1"}))
        .on("GET", "/x", json_response([]))
    )
    config = _auth_config()
    client = server.api_client(config)
    client.call_api("GET", "/x")
    server.api_client(config).call_api("GET", "/x")  # a second client shares the configuration's token
    token_calls = server.calls("POST", "/token")
    assert len(token_calls) == 1
    assert token_calls[0].content == b'{"keyId":"key-id","keySecret":"key-secret"}'
    assert "x-authorization" not in token_calls[0].headers
    assert [r.headers.get("x-authorization") for r in server.calls("GET", "/x")] == ["tok-1", "tok-1"]


def test_token_404_means_open_mode() -> None:
    """A server without /token (Conductor OSS) is asked once; requests then carry no token."""
    server = MockServer().on("GET", "/x", json_response([]))
    client = server.api_client(_auth_config())
    for _ in range(3):
        client.call_api("GET", "/x")
    assert len(server.calls("POST", "/token")) == 1
    assert all("x-authorization" not in r.headers for r in server.calls("GET", "/x"))
    assert client.configuration.auth_disabled


def test_token_failure_is_logged_not_raised_and_backs_off() -> None:
    server = (
        MockServer().on("POST", "/token", error_response(401, "bad key")).on("GET", "/x", json_response([]))
    )
    client = server.api_client(_auth_config())
    client.call_api("GET", "/x")
    client.call_api("GET", "/x")
    assert len(server.calls("POST", "/token")) == 1  # the second request is inside the back-off
    assert all("x-authorization" not in r.headers for r in server.calls("GET", "/x"))


def test_expired_token_is_refreshed_and_the_request_retried() -> None:
    tokens = iter(["old", "new"])
    server = (
        MockServer()
        .on("POST", "/token", lambda request: json_response({"token": next(tokens)}))
        .on(
            "GET",
            "/x",
            lambda request: (
                json_response([])
                if request.headers.get("x-authorization") == "new"
                else json_response({"error": "EXPIRED_TOKEN", "message": "expired"}, 401)
            ),
        )
    )
    client = server.api_client(_auth_config())
    assert client.call_api("GET", "/x", response_type=list[Task]) == []
    assert [r.headers.get("x-authorization") for r in server.calls("GET", "/x")] == ["old", "new"]
