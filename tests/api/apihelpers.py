"""Helpers for the REST API tests: assertions on Conductor's wire shapes (the driver is
`tests/driver.py`)."""

from __future__ import annotations

from typing import Any

import httpx

from driver import TEXT_PLAIN
from driver import unique as unique  # the API tests import it from here

VALIDATION_MESSAGE = "Validation failed, check below errors for detail."


def assert_error(
    response: httpx.Response, status: int, message: str | None = None, *, contains: str | None = None
) -> dict[str, Any]:
    """Conductor's ErrorResponse: JSON with status, message, instance and retryable."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert body["status"] == status
    assert isinstance(body["instance"], str) and body["instance"]
    assert body["retryable"] is False
    if message is not None:
        assert body["message"] == message
    if contains is not None:
        assert contains in body["message"]
    return body


def assert_validation(response: httpx.Response, *messages: str) -> list[dict[str, Any]]:
    """A 400 bean-validation failure carrying exactly these violation messages (any order)."""
    body = assert_error(response, 400, VALIDATION_MESSAGE)
    errors = body["validationErrors"]
    assert sorted(e["message"] for e in errors) == sorted(messages)
    return errors


def assert_text(response: httpx.Response, status: int = 200) -> str:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == TEXT_PLAIN
    return response.text


def assert_empty(response: httpx.Response, status: int = 200) -> None:
    assert response.status_code == status, response.text
    assert response.content == b""
