"""Swagger UI in a real browser: it renders from this server alone, under its own CSP."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

import pytest
from tests.browser.conftest import UiServer

pytestmark = pytest.mark.slow


def _watch(page: Any) -> tuple[list[str], list[str]]:
    """Requests to any other host are aborted and recorded (the page must not need the network);
    console messages about the Content-Security-Policy are recorded too."""
    elsewhere: list[str] = []
    csp: list[str] = []

    def route(request_route: Any) -> None:
        url = request_route.request.url
        if urlsplit(url).hostname == "127.0.0.1" or url.startswith("data:"):
            request_route.continue_()
        else:
            elsewhere.append(url)
            request_route.abort()

    page.route("**/*", route)
    page.on(
        "console",
        lambda message: csp.append(message.text) if "Content Security Policy" in message.text else None,
    )
    return elsewhere, csp


def test_swagger_ui_renders_the_api_offline(ui_server: UiServer, page: Any) -> None:
    from playwright.sync_api import expect

    elsewhere, csp = _watch(page)
    page.goto(f"{ui_server.base}/swagger-ui/index.html")
    operations = page.locator(".opblock")
    expect(operations.first).to_be_visible()
    assert operations.count() > 80
    expect(page.locator(".info .title")).to_contain_text("pyconductor")
    # Try an operation: the call goes to this server and its answer is shown.
    health = page.locator(".opblock", has=page.locator("[data-path='/api/health']"))
    health.locator(".opblock-summary").click()
    health.get_by_role("button", name="Try it out").click()
    health.get_by_role("button", name="Execute").click()
    expect(health.locator(".response .response-col_status").first).to_contain_text("200")
    assert elsewhere == []
    assert csp == []


def test_swagger_ui_after_signing_in(secured_ui_server: UiServer, page: Any) -> None:
    from playwright.sync_api import expect

    server = secured_ui_server
    elsewhere, csp = _watch(page)
    page.goto(f"{server.base}/swagger-ui/index.html")
    expect(page).to_have_url(re.compile(r"/login\?next=/swagger-ui/index.html"))
    page.get_by_label("Key id").fill("ui-key")
    page.get_by_label("Key secret").fill("ui-secret")
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(f"{server.base}/swagger-ui/index.html")
    expect(page.locator(".opblock").first).to_be_visible()  # /api-docs loaded with the cookie
    assert elsewhere == []
    assert csp == []
