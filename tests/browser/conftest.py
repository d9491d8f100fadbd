"""Browser tests: Playwright drives Debian's Chromium (launched by its path, never downloaded)
against a real `pyconductor server` on 127.0.0.1. Without Chromium they are skipped locally and
fail under CI (env CI set), where `.ci/run` installs it."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from tests.integration.conftest import free_port, start_server

CHROMIUM = os.environ.get("PYCONDUCTOR_TEST_CHROMIUM", "/usr/bin/chromium")
# The closed network makes Chromium's background services fail noisily; none is needed.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

pytestmark = pytest.mark.slow


def _unavailable(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"browser tests need Chromium in CI: {reason}")
    pytest.skip(f"browser tests skipped: {reason}")


@dataclass
class UiServer:
    base: str
    api: httpx.Client
    process: subprocess.Popen[bytes]


def _serve(tmp: Path, env: dict[str, str] | None = None) -> Iterator[UiServer]:
    saved = {k: os.environ.get(k) for k in (env or {})}
    os.environ.update(env or {})
    try:
        port = free_port()
        proc = start_server(f"sqlite:///{tmp / 'ui.db'}", port, tmp / "server.log")
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    base = f"http://127.0.0.1:{port}"
    client = httpx.Client(base_url=f"{base}/api", timeout=30)
    try:
        yield UiServer(base, client, proc)
    finally:
        client.close()
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.fixture(scope="module")
def ui_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[UiServer]:
    yield from _serve(tmp_path_factory.mktemp("ui"))


@pytest.fixture(scope="module")
def secured_ui_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[UiServer]:
    yield from _serve(tmp_path_factory.mktemp("ui-auth"), {"PYCONDUCTOR_AUTH_KEYS": "ui-key:ui-secret"})


# Module-scoped, not session-scoped: Playwright's sync API keeps an asyncio loop running on this
# thread while it is open, which would break every async test that runs after it.
@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        _unavailable(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:  # pragma: no cover - playwright is a dev dependency
        _unavailable(str(exc))
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    context.set_default_timeout(15_000)
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        yield tab
    finally:
        context.close()
    assert errors == [], f"JavaScript errors on the page: {errors}"
