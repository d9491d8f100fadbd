"""HTTP task limits and address policy, on the server's HTTP client against a local endpoint.

Response bodies are read up to a limit (and not beyond), every call has an overall deadline,
and the address policy (link-local / metadata always denied, loopback and private ranges when
asked) holds for literal addresses, resolved names and every redirect hop.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import aiohttp
import msgspec
import pytest
from aiohttp.abc import AbstractResolver, ResolveResult

from conductor.server.clock import SystemClock
from conductor.server.config import Settings
from conductor.server.domain.definitions import WorkflowDef, WorkflowTask
from conductor.server.domain.execution import Task, Workflow
from conductor.server.domain.status import TaskStatus
from conductor.server.systasks.base import SystemTaskContext
from conductor.server.systasks.http import CallTimedOut, Http, HttpClient, ResponseTooLarge, decode_body
from conductor.server.systasks.http_policy import AddressDenied, AddressPolicy

KB = 1024


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:
        return

    def do_GET(self) -> None:
        url = urlsplit(self.path)
        query = {k: v[-1] for k, v in parse_qs(url.query).items()}
        self.server.paths.append(url.path)
        try:
            if url.path == "/big":  # a JSON body of ?kb= kilobytes, with its Content-Length
                body = json.dumps({"data": "x" * (int(query["kb"]) * KB)}).encode()
                self._send(200, body)
            elif url.path == "/stream":  # chunked, without end: only a reader that stops ends it
                self.send_response(200)
                self.send_header("Content-Type", "application/octet-stream")
                self.send_header("Transfer-Encoding", "chunked")
                self.end_headers()
                chunk = b"y" * (64 * KB)
                for _ in range(100_000):
                    self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                    self.server.streamed += len(chunk)
            elif url.path == "/drip":  # one byte every 100 ms: no single read ever times out
                self.send_response(200)
                self.send_header("Content-Length", "1000")
                self.end_headers()
                for _ in range(1000):
                    self.wfile.write(b"z")
                    self.wfile.flush()
                    time.sleep(0.1)
            elif url.path == "/slow":  # tracks how many calls are in flight at once
                with self.server.lock:
                    self.server.active += 1
                    self.server.peak = max(self.server.peak, self.server.active)
                time.sleep(float(query.get("ms", "300")) / 1000)
                with self.server.lock:
                    self.server.active -= 1
                self._send(200, b'{"slow": true}')
            elif url.path == "/redirect":
                self.send_response(302)
                self.send_header("Location", query["to"])
                self.send_header("Content-Length", "0")
                self.end_headers()
            else:
                self._send(200, b'{"ok": true}')
        except (BrokenPipeError, ConnectionResetError):
            return

    def _send(self, status: int, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    paths: list[str]
    streamed: int
    lock: threading.Lock
    active: int
    peak: int


@contextmanager
def endpoint() -> Iterator[_Server]:
    server = _Server(("127.0.0.1", 0), _Handler)
    server.paths, server.streamed = [], 0
    server.lock, server.active, server.peak = threading.Lock(), 0, 0
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture
def local() -> Iterator[_Server]:
    with endpoint() as server:
        yield server


def url(server: _Server, path: str) -> str:
    return f"http://127.0.0.1:{server.server_address[1]}{path}"


class FakeDns(AbstractResolver):
    """Answers chosen names with chosen addresses (a rebinding attacker's DNS), others for real."""

    def __init__(self, answers: dict[str, str]) -> None:
        self.answers = answers
        self.inner = aiohttp.DefaultResolver()

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        if host in self.answers:
            address = self.answers[host]
            return [
                {
                    "hostname": host,
                    "host": address,
                    "port": port,
                    "family": socket.AF_INET6 if ":" in address else socket.AF_INET,
                    "proto": 0,
                    "flags": socket.AI_NUMERICHOST,
                }
            ]
        return await self.inner.resolve(host, port, family)

    async def close(self) -> None:
        await self.inner.close()


@contextmanager
def no_connections() -> Iterator[list[tuple[Any, ...]]]:
    """Records every TCP connection attempt (there must be none for a denied address)."""
    attempts: list[tuple[Any, ...]] = []
    original = socket.socket.connect

    def connect(self: socket.socket, address: Any) -> Any:
        attempts.append(address)
        return original(self, address)

    socket.socket.connect = connect  # type: ignore[method-assign]
    try:
        yield attempts
    finally:
        socket.socket.connect = original  # type: ignore[method-assign]


async def call(client: HttpClient, uri: str, **request: Any) -> dict[str, Any]:
    try:
        return await client.call({"uri": uri, "method": "GET", **request})
    finally:
        await client.close()


# ---- response size and deadline ----------------------------------------------------------


async def test_response_within_the_limit_is_decoded(local: _Server) -> None:
    response = await call(HttpClient(max_response_bytes=600 * KB), url(local, "/big?kb=512"))
    assert response["statusCode"] == 200
    assert len(response["body"]["data"]) == 512 * KB  # above the thread-decoding size


async def test_declared_length_above_the_limit_is_refused_unread(local: _Server) -> None:
    with pytest.raises(ResponseTooLarge, match=r"larger than the limit of 65536 bytes \(Content-Length"):
        await call(HttpClient(max_response_bytes=64 * KB), url(local, "/big?kb=200"))


async def test_endless_chunked_body_stops_at_the_limit(local: _Server) -> None:
    started = time.monotonic()
    with pytest.raises(ResponseTooLarge, match="larger than the limit of 1048576 bytes"):
        await call(HttpClient(max_response_bytes=1024 * KB), url(local, "/stream"), readTimeOut=10_000)
    assert time.monotonic() - started < 10
    # The server could only push what the reader took plus socket buffers, not its 6 GB.
    assert local.streamed < 64 * 1024 * KB


async def test_slow_drip_is_cut_by_the_overall_deadline(local: _Server) -> None:
    started = time.monotonic()
    with pytest.raises(CallTimedOut, match="no complete response within 1300 ms"):
        await call(HttpClient(), url(local, "/drip"), connectionTimeOut=300, readTimeOut=1000)
    assert time.monotonic() - started < 5


async def test_server_maximum_caps_the_task_timeouts(local: _Server) -> None:
    started = time.monotonic()
    with pytest.raises(CallTimedOut, match="at most 0.5 s"):
        await call(HttpClient(max_duration_s=0.5), url(local, "/drip"), readTimeOut=600_000)
    assert time.monotonic() - started < 5


def test_bodies_decode_as_json_numbers_or_text() -> None:
    assert decode_body(b'{"a": [1, 2.5]}', "utf-8") == {"a": [1, 2.5]}
    assert decode_body(b"42.0", None) == 42
    assert decode_body(b"[NaN]", None)[0] != decode_body(b"[NaN]", None)[0]  # json's fallback
    assert decode_body(b"<html>", "no-such-charset") == "<html>"
    assert decode_body(b"", None) == ""


# ---- address policy -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "uri",
    [
        "http://169.254.169.254/latest/meta-data/",
        "http://[fe80::1]/",
        "http://[::ffff:169.254.169.254]/",
        "http://[fd00:ec2::254]/",
        "http://100.100.100.200/",
        "http://224.0.0.1/",
    ],
)
async def test_link_local_and_metadata_are_denied_by_default(uri: str) -> None:
    with no_connections() as attempts, pytest.raises(AddressDenied, match="denied range"):
        await call(HttpClient(), uri)
    assert attempts == []


async def test_a_name_resolving_to_metadata_is_denied() -> None:
    client = HttpClient(resolver=FakeDns({"metadata.test": "169.254.169.254"}))
    with no_connections() as attempts, pytest.raises(AddressDenied, match=r"metadata.test resolves to"):
        await call(client, "http://metadata.test/latest/")
    assert attempts == []


async def test_loopback_is_allowed_by_default_and_denied_on_request(local: _Server) -> None:
    assert (await call(HttpClient(), url(local, "/ok")))["body"] == {"ok": True}
    strict = AddressPolicy(deny_private=True)
    with pytest.raises(AddressDenied, match="PYCONDUCTOR_HTTP_DENY_PRIVATE"):
        await call(HttpClient(policy=strict), url(local, "/ok"))
    port = local.server_address[1]
    with pytest.raises(AddressDenied):  # by name, through the resolver
        await call(HttpClient(policy=strict), f"http://localhost:{port}/ok")
    for private in ("http://10.1.2.3/", "http://192.168.0.1/", "http://[::1]/", "http://0.0.0.0/"):
        with pytest.raises(AddressDenied):
            await call(HttpClient(policy=strict), private)
    assert local.paths == ["/ok"]


async def test_allowed_networks_are_exceptions(local: _Server) -> None:
    policy = AddressPolicy(deny_private=True, allowed="127.0.0.1/32")
    assert (await call(HttpClient(policy=policy), url(local, "/ok")))["statusCode"] == 200
    denied = AddressPolicy(denied="127.0.0.0/8")
    with pytest.raises(AddressDenied):
        await call(HttpClient(policy=denied), url(local, "/ok"))


async def test_redirect_to_a_denied_address_is_refused(local: _Server) -> None:
    target = "http://169.254.169.254/latest/meta-data/iam/"
    with pytest.raises(AddressDenied, match="169.254.169.254"):
        await call(HttpClient(), url(local, f"/redirect?to={target}"))
    assert local.paths == ["/redirect"]


async def test_redirect_to_a_name_rebound_to_metadata_is_refused(local: _Server) -> None:
    client = HttpClient(resolver=FakeDns({"rebind.test": "169.254.169.254"}))
    with no_connections() as attempts, pytest.raises(AddressDenied, match="rebind.test resolves to"):
        await call(client, url(local, "/redirect?to=http://rebind.test/"))
    assert all(address[0] == "127.0.0.1" for address in attempts)


async def test_redirect_to_an_allowed_address_is_followed(local: _Server) -> None:
    response = await call(HttpClient(), url(local, f"/redirect?to={url(local, '/ok')}"))
    assert response["body"] == {"ok": True}
    assert local.paths == ["/redirect", "/ok"]


async def test_denied_call_fails_the_task_with_a_clear_reason() -> None:
    ctx = SystemTaskContext(clock=SystemClock(), http=HttpClient())
    task = Task(
        task_id="t1",
        task_type="HTTP",
        reference_task_name="http",
        workflow_instance_id="w1",
        status=TaskStatus.IN_PROGRESS,
        input_data={"http_request": {"uri": "http://169.254.169.254/latest/", "method": "GET"}},
        workflow_task=WorkflowTask(name="http", task_reference_name="http", type="HTTP"),
    )
    try:
        result = await Http().start(
            task, Workflow(workflow_id="w1", workflow_definition=WorkflowDef(name="w")), ctx
        )
    finally:
        await ctx.http.close()
    assert result is not None and result.status is TaskStatus.FAILED
    assert result.reason_for_incompletion == (
        "Failed to invoke HTTP task due to: AddressDenied: "
        "the address 169.254.169.254 is in a denied range (169.254.0.0/16)"
    )


# ---- fair share of the call slots ----------------------------------------------------------


async def test_one_workflow_cannot_take_every_call_slot(
    tmp_path: Path, local: _Server, eventually: Any
) -> None:
    from conductor.server.bootstrap import build
    from conductor.server.domain.requests import StartWorkflowRequest

    settings = Settings(db_url=f"sqlite:///{tmp_path / 'c.db'}", http_max_in_flight_per_workflow=2)
    components = build(settings)
    await components.startup()
    workflows = components.services.workflows
    try:
        branches = [
            [
                {
                    "name": "h",
                    "taskReferenceName": f"slow{i}",
                    "type": "HTTP",
                    "inputParameters": {
                        "http_request": {"uri": url(local, "/slow?ms=300"), "readTimeOut": 5000}
                    },
                }
            ]
            for i in range(6)
        ]
        fan_out = {
            "name": "fan_out",
            "tasks": [
                {"name": "fork", "taskReferenceName": "fork", "type": "FORK_JOIN", "forkTasks": branches},
                {
                    "name": "join",
                    "taskReferenceName": "join",
                    "type": "JOIN",
                    "joinOn": [f"slow{i}" for i in range(6)],
                },
            ],
        }
        single = {
            "name": "single",
            "tasks": [
                {
                    "name": "h",
                    "taskReferenceName": "one",
                    "type": "HTTP",
                    "inputParameters": {"http_request": {"uri": url(local, "/ok")}},
                }
            ],
        }
        big = await workflows.start(
            msgspec.convert({"workflowDef": fan_out, "input": {}}, StartWorkflowRequest)
        )
        await eventually(lambda: local.active > 0, message="the fan-out's calls started")
        small = await workflows.start(
            msgspec.convert({"workflowDef": single, "input": {}}, StartWorkflowRequest)
        )

        async def status(workflow_id: str) -> str:
            return (await workflows.get(workflow_id, include_tasks=False)).status.value

        async def small_done() -> bool:
            return await status(small) == "COMPLETED"

        await eventually(small_done, within=10, message="the other workflow's call ran")

        async def big_done() -> bool:
            return await status(big) == "COMPLETED"

        await eventually(big_done, within=20, message="all six slow calls completed")
        assert local.peak <= 2
        assert local.paths.count("/slow") == 6
    finally:
        await components.shutdown()
