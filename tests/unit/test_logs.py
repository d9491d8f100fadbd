"""Server logs: JSON lines, the access log, and no secret or token in anything logged."""

from __future__ import annotations

import io
import json
import logging
import sys
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from conductor.server import logs
from conductor.server.config import Settings
from conductor.server.preflight import PreflightError

KEY_SECRET = "s3cr3t-key-value-1234"
SIGNING_SECRET = "signing-secret-abcdef-0123456789-abcdef"


def record(message: str, *args: object, **extra: object) -> logging.LogRecord:
    made = logging.LogRecord("conductor.server", logging.INFO, __file__, 1, message, args, None)
    made.__dict__.update(extra)
    return made


def test_json_lines_carry_time_level_logger_message_and_extra_fields() -> None:
    formatter = logs.JsonFormatter(logs.Redactor())
    line = formatter.format(record("workflow %s failed", "wf-1", workflowId="wf-1", reason="boom\nnext line"))
    assert "\n" not in line  # one object per line, whatever the message holds
    entry = json.loads(line)
    assert entry["level"] == "INFO" and entry["logger"] == "conductor.server"
    assert entry["message"] == "workflow wf-1 failed"
    assert entry["workflowId"] == "wf-1" and entry["reason"] == "boom\nnext line"
    assert entry["time"].endswith("+00:00") and "T" in entry["time"]
    assert "args" not in entry and "msg" not in entry and "levelno" not in entry


def test_json_lines_hold_exceptions() -> None:
    formatter = logs.JsonFormatter(logs.Redactor())
    try:
        raise RuntimeError("kaput")
    except RuntimeError:
        failed = record("it broke")
        failed.exc_info = sys.exc_info()
    entry = json.loads(formatter.format(failed))
    assert "RuntimeError: kaput" in entry["exception"]


def test_secrets_and_tokens_are_masked() -> None:
    redact = logs.Redactor(logs.auth_secrets(f"app:{KEY_SECRET},other:x", SIGNING_SECRET))
    jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhcHAifQ.c2lnbmF0dXJlLXZhbHVl"
    text = redact(f"key {KEY_SECRET} signed with {SIGNING_SECRET}, token {jwt}; x stays")
    assert text == "key *** signed with ***, token ***; x stays"  # "x" is too short to mask
    line = logs.JsonFormatter(redact).format(record("got %s", KEY_SECRET, token=jwt))
    assert KEY_SECRET not in line and jwt not in line


def test_query_parameters_with_credentials_are_masked() -> None:
    masked = logs.safe_query(b"token=abc&keySecret=def&workflowId=w1&X-Authorization=ghi")
    assert "abc" not in masked and "def" not in masked and "ghi" not in masked
    assert "workflowId=w1" in masked


def test_log_format_and_flags_are_checked() -> None:
    assert logs.log_format(" JSON ") == "json"
    with pytest.raises(PreflightError, match="log format must be one of text, json, not 'yaml'"):
        logs.log_format("yaml")
    assert logs.flag("V", "true") and not logs.flag("V", "") and not logs.flag("V", "off")
    with pytest.raises(PreflightError, match="V must be true or false"):
        logs.flag("V", "sometimes")


@pytest.fixture
def captured() -> Iterator[io.StringIO]:
    """Everything the access logger writes, unredacted: it must leave tokens out by itself."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logs.JsonFormatter(logs.Redactor()))
    logger = logging.getLogger(logs.ACCESS_LOGGER)
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        yield stream
    finally:
        logger.removeHandler(handler)
        logger.setLevel(logging.NOTSET)


@pytest.fixture
async def guarded_app(tmp_path: Path) -> AsyncIterator[Any]:
    from conductor.server.api.app import create_app
    from conductor.server.api.auth import TokenAuth
    from conductor.server.bootstrap import build

    settings = Settings(db_url=f"sqlite:///{tmp_path / 'c.db'}", auth_keys=f"app:{KEY_SECRET}")
    components = build(settings)
    auth = TokenAuth.from_setting(settings.auth_keys, SIGNING_SECRET)
    await components.startup()
    try:
        yield logs.AccessLog(create_app(components.services, auth=auth))
    finally:
        await components.shutdown()


async def test_access_log_has_requests_but_no_tokens(guarded_app: Any, captured: io.StringIO) -> None:
    transport = httpx.ASGITransport(app=guarded_app, client=("10.1.2.3", 4567))
    async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as client:
        r = await client.post("/api/token", json={"keyId": "app", "keySecret": KEY_SECRET})
        token = r.json()["token"]
        assert (
            await client.get("/api/metadata/taskdefs", headers={"X-Authorization": token})
        ).status_code == 200
        client.cookies.set("conductor_ui_token", token)
        assert (await client.get("/api/metadata/taskdefs")).status_code == 200
        client.cookies.clear()
        assert (await client.get("/api/metadata/taskdefs", params={"token": token})).status_code == 401
        assert (await client.get("/health")).status_code == 200
    text = captured.getvalue()
    assert token not in text and KEY_SECRET not in text
    lines = [json.loads(line) for line in text.splitlines()]
    assert [(e["method"], e["path"].split("?")[0], e["status"]) for e in lines] == [
        ("POST", "/api/token", 200),
        ("GET", "/api/metadata/taskdefs", 200),
        ("GET", "/api/metadata/taskdefs", 200),
        ("GET", "/api/metadata/taskdefs", 401),
        ("GET", "/health", 200),
    ]
    assert lines[0]["client"] == "10.1.2.3:4567" and lines[0]["durationMs"] >= 0
    assert lines[3]["path"] == "/api/metadata/taskdefs?token=***"
    assert all(line["logger"] == logs.ACCESS_LOGGER for line in lines)


async def test_a_forged_path_cannot_forge_a_log_line(guarded_app: Any, captured: io.StringIO) -> None:
    transport = httpx.ASGITransport(app=guarded_app)
    async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as client:
        await client.get("/health%0AINFO%20fake%20line")
    entry = json.loads(captured.getvalue().strip())
    assert entry["path"] == "/health\\x0aINFO fake line"
