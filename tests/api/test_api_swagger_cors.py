"""Swagger UI served from this process, descriptions in the OpenAPI document, and CORS."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urljoin, urlsplit

import httpx
import pytest

from conductor.server.api.app import create_app
from conductor.server.api.auth import OPEN_PATHS, TokenAuth
from conductor.server.config import Settings, cors_origins

BASE = "http://127.0.0.1"
PAGE = f"{BASE}/swagger-ui/index.html"
ALLOWED = "https://ui.example.com"
OTHER = "https://elsewhere.example.org"


class Assets(HTMLParser):
    """The scripts, stylesheets and icons a page loads."""

    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[str] = []
        self.links: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag == "script":
            assert "src" in values, "an inline script would need the CSP to allow it"
            self.scripts.append(values["src"])
        elif tag == "link":
            self.links.append((values.get("rel", ""), values["href"]))


def client(app: Any) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=BASE, timeout=30)


@pytest.fixture
async def plain(server: Any) -> AsyncIterator[httpx.AsyncClient]:
    async with client(server.app) as c:
        yield c


@pytest.fixture
async def secured(server: Any) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(server.components.services, auth=TokenAuth({"k": "s"}), cors_origins=[ALLOWED])
    async with client(app) as c:
        yield c


# ---- Swagger UI -----------------------------------------------------------------------------


async def test_swagger_page_loads_everything_from_this_server(plain: httpx.AsyncClient) -> None:
    page = await plain.get(PAGE)
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    # Not the web UI's policy (no inline styles there): swagger-ui needs them, and nothing else.
    csp = page.headers["content-security-policy"]
    assert "script-src 'self';" in csp and "connect-src 'self'" in csp
    assert not re.search(r"https?://", page.text), "the page names another host"
    assets = Assets()
    assets.feed(page.text)
    assert len(assets.scripts) == 3
    stylesheets = [href for rel, href in assets.links if rel == "stylesheet"]
    icons = [href for rel, href in assets.links if rel == "icon"]
    assert len(stylesheets) == 2 and icons
    expected = [(s, "text/javascript") for s in assets.scripts]
    expected += [(s, "text/css") for s in stylesheets] + [(i, "image/png") for i in icons]
    for href, content_type in expected:
        url = urljoin(PAGE, href)
        assert urlsplit(url).netloc == "127.0.0.1", url
        response = await plain.get(url)
        assert response.status_code == 200, url
        assert response.headers["content-type"].split(";")[0] == content_type, url
        assert response.headers["x-content-type-options"] == "nosniff"
        assert len(response.content) > 100, url
    bundle = await plain.get(urljoin(PAGE, assets.scripts[0]))
    assert b"SwaggerUIBundle" in bundle.content
    initializer = (await plain.get(urljoin(PAGE, assets.scripts[-1]))).text
    assert '"../api-docs"' in initializer and "validatorUrl: null" in initializer
    assert not re.search(r"https?://", initializer)
    # The document it loads: the server's own, at the URL the initializer resolves to.
    document = await plain.get(urljoin(PAGE, "../api-docs"))
    assert document.status_code == 200 and document.json()["openapi"].startswith("3.")


async def test_swagger_shortcuts_and_unknown_files(plain: httpx.AsyncClient) -> None:
    for path in ("/swagger-ui", "/swagger-ui.html"):
        response = await plain.get(path)
        assert (
            response.status_code in (301, 302, 307, 308)
            and response.headers["location"] == "/swagger-ui/index.html"
        )
    # Only the listed files: not the package's own index (which points at a public demo API).
    for path in (
        "/swagger-ui/index.j2",
        "/swagger-ui/swagger-ui-es-bundle.js",
        "/swagger-ui/..%2F..%2Fsetup.py",
    ):
        assert (await plain.get(path)).status_code == 404, path


async def test_every_api_operation_has_a_description(plain: httpx.AsyncClient) -> None:
    """Litestar turns each handler's docstring into its operation's description: a handler
    added without one fails here (a summary is always there: Litestar makes it from the name)."""
    document = (await plain.get("/api-docs")).json()
    operations = [
        (f"{method.upper()} {path}", operation)
        for path, item in document["paths"].items()
        if path.startswith("/api")
        for method, operation in item.items()
        if method in ("get", "put", "post", "delete", "patch")
    ]
    assert len(operations) > 80
    undocumented = [name for name, operation in operations if not operation.get("description", "").strip()]
    assert undocumented == []


async def test_with_auth_the_swagger_files_are_open_and_the_page_asks_to_sign_in(
    secured: httpx.AsyncClient,
) -> None:
    opened = sorted(p for p in OPEN_PATHS if p.startswith("/swagger-ui/"))
    assert "/swagger-ui/swagger-ui-bundle.js" in opened and "/swagger-ui/index.html" not in opened
    for path in opened:
        assert (await secured.get(path)).status_code == 200, path
    browser = await secured.get("/swagger-ui/index.html", headers={"accept": "text/html"})
    assert browser.status_code == 303
    assert browser.headers["location"] == "/login?next=/swagger-ui/index.html"
    assert (await secured.get("/api-docs")).status_code == 401
    # Exact paths: other spellings that reach the router are not let through.
    for path in ("/swagger-ui/nothing.js", "//swagger-ui/swagger-ui.css", "/swagger-ui//swagger-ui.css"):
        assert (await secured.get(path)).status_code == 401, path


# ---- CORS -----------------------------------------------------------------------------------


def preflight(origin: str, method: str = "POST") -> dict[str, str]:
    return {
        "Origin": origin,
        "Access-Control-Request-Method": method,
        "Access-Control-Request-Headers": "content-type, x-authorization",
    }


async def test_no_cors_headers_by_default(plain: httpx.AsyncClient) -> None:
    response = await plain.get("/api/metadata/taskdefs", headers={"Origin": ALLOWED})
    assert response.status_code == 200
    assert not [h for h in response.headers if h.startswith("access-control-")]
    answer = await plain.options("/api/metadata/taskdefs", headers=preflight(ALLOWED))
    assert not [h for h in answer.headers if h.startswith("access-control-")]


async def test_preflight_from_an_allowed_origin_is_answered_with_auth_on(secured: httpx.AsyncClient) -> None:
    for path in ("/api/workflow", "/api/tasks/poll/batch/some_task", "/api/metadata/taskdefs"):
        response = await secured.options(path, headers=preflight(ALLOWED))
        assert response.status_code == 204, path
        assert response.headers["access-control-allow-origin"] == ALLOWED
        assert "POST" in response.headers["access-control-allow-methods"]
        assert "x-authorization" in response.headers["access-control-allow-headers"].lower()
        assert "access-control-allow-credentials" not in response.headers


async def test_preflight_from_another_origin_is_refused(secured: httpx.AsyncClient) -> None:
    response = await secured.options("/api/workflow", headers=preflight(OTHER))
    assert response.status_code == 400
    assert "access-control-allow-origin" not in response.headers
    # An origin that merely starts with an allowed one is another origin.
    sneaky = await secured.options("/api/workflow", headers=preflight(ALLOWED + ".evil.example"))
    assert "access-control-allow-origin" not in sneaky.headers


async def test_allowed_origin_can_read_answers_including_refusals(secured: httpx.AsyncClient) -> None:
    headers = {"Origin": ALLOWED}
    refused = await secured.get("/api/metadata/taskdefs", headers=headers)
    assert refused.status_code == 401  # a preflight skips the token check, a real request does not
    assert refused.headers["access-control-allow-origin"] == ALLOWED  # the SDK can read INVALID_TOKEN
    token = (await secured.post("/api/token", json={"keyId": "k", "keySecret": "s"})).json()["token"]
    headers["X-Authorization"] = token
    ok = await secured.get("/api/metadata/taskdefs", headers=headers)
    assert ok.status_code == 200 and ok.headers["access-control-allow-origin"] == ALLOWED
    # The batch poll is answered outside the framework (fast_poll.py): it gets the header too.
    polled = await secured.get("/api/tasks/poll/batch/nothing", params={"timeout": 0}, headers=headers)
    assert polled.status_code == 200 and polled.headers["access-control-allow-origin"] == ALLOWED
    other = await secured.get("/api/metadata/taskdefs", headers={**headers, "Origin": OTHER})
    assert other.status_code == 200 and "access-control-allow-origin" not in other.headers


def test_cors_setting_is_an_exact_allow_list(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PYCONDUCTOR_CORS_ORIGINS", " https://a.example , https://b.example:8443/ ,")
    assert Settings.from_env().cors_origins == ("https://a.example", "https://b.example:8443")
    monkeypatch.delenv("PYCONDUCTOR_CORS_ORIGINS")
    assert Settings.from_env().cors_origins == ()
    for bad in ("*", "https://*.example.com", "a.example", "ftp://a.example", "https://a.example/ui"):
        with pytest.raises(ValueError, match="PYCONDUCTOR_CORS_ORIGINS"):
            cors_origins(bad)
