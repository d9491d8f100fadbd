"""The ASGI application factory. Litestar is imported nowhere outside `api/`."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from litestar import Litestar
from litestar.config.app import AppConfig
from litestar.config.cors import CORSConfig
from litestar.openapi import OpenAPIConfig
from litestar.openapi.plugins import JsonRenderPlugin

from conductor.server.api.auth import TokenAuth, token_route
from conductor.server.api.deps import Services
from conductor.server.api.errors import EXCEPTION_HANDLERS
from conductor.server.api.fast_poll import fast_batch_poll
from conductor.server.api.fast_start import fast_start
from conductor.server.api.fast_update import fast_task_update
from conductor.server.api.routes import bulk, events, health, metadata, scheduler, sync_exec, tasks, workflows
from conductor.server.api.swagger import swagger_router
from conductor.server.ui.pages import template_config, ui_router

# Request bodies above this are rejected with 413 before they are read into memory.
MAX_BODY_BYTES = 16 * 1024 * 1024


def create_app(
    services: Services,
    on_startup: Sequence[Callable[[], Any]] = (),
    on_shutdown: Sequence[Callable[[], Any]] = (),
    debug: bool = False,
    auth: TokenAuth | None = None,
    cors_origins: Sequence[str] = (),
) -> Any:
    """The ASGI application: Litestar, behind the batch-poll shortcut and optional auth.

    ``cors_origins``: exact origins whose pages may call the API from a browser (a UI served
    elsewhere); empty, the default, sends no CORS headers at all."""

    def _configure(config: AppConfig) -> AppConfig:
        config.state["services"] = services
        config.state["ui_auth"] = auth  # the UI's sign-in page issues tokens like /api/token
        return config

    cors = cors_config(cors_origins)
    litestar = Litestar(
        route_handlers=[
            health.router,
            metadata.router,
            workflows.router,
            tasks.router,
            events.router,
            sync_exec.router,
            bulk.router,
            scheduler.router,
            *([token_route(auth)] if auth is not None else []),
            ui_router(),
            swagger_router(),
        ],
        template_config=template_config(),
        exception_handlers=EXCEPTION_HANDLERS,
        on_startup=list(on_startup),
        on_shutdown=list(on_shutdown),
        on_app_init=[_configure],
        request_max_body_size=MAX_BODY_BYTES,
        openapi_config=OpenAPIConfig(
            title="pyconductor",
            version=services.version,
            path="/api-docs",
            render_plugins=[JsonRenderPlugin()],
            use_handler_docstrings=True,  # each handler's docstring is its operation's description
        ),
        cors_config=cors,
        debug=debug,
        logging_config=None,
    )
    app: Any = fast_batch_poll(
        fast_task_update(fast_start(litestar, services, MAX_BODY_BYTES), services, MAX_BODY_BYTES), services
    )
    if auth is not None:
        app = auth.middleware(app)  # outermost: the shortcut is guarded like every other route
    if cors is not None:
        app = _cors_outside(app, litestar, cors)
    return app


def cors_config(origins: Sequence[str]) -> CORSConfig | None:
    if not origins:
        return None
    # No credentials: a cross-origin UI authenticates with the X-Authorization token. Allowing
    # them would let an allowed page send the web UI's cookie together with its CSRF header.
    return CORSConfig(allow_origins=list(origins), allow_credentials=False, max_age=600)


def _cors_outside(guarded: Any, unguarded: Any, config: CORSConfig) -> Any:
    """CORS for what Litestar's own CORS middleware never sees.

    That middleware runs inside Litestar, so (1) the auth middleware outside it would answer a
    browser's preflight (an OPTIONS that never carries a token) with 401, and (2) answers made
    outside Litestar (the auth middleware's 401s, the batch-poll shortcut) would carry no CORS
    headers, so a page could not even read why it was refused. Preflights therefore skip the
    token check: Litestar's CORS middleware answers every OPTIONS request that has an Origin
    itself, before routing, so no route runs for them. Other answers to an allowed origin get
    the allow header when they lack it.
    """

    async def handle(scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await guarded(scope, receive, send)
            return
        origin = next((v.decode("latin-1") for k, v in scope["headers"] if k == b"origin"), None)
        if origin is None:
            await guarded(scope, receive, send)
            return
        if scope["method"] == "OPTIONS":
            await unguarded(scope, receive, send)
            return
        allowed = config.is_origin_allowed(origin)

        async def send_with_cors(message: Any) -> None:
            if allowed and message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                if not any(k.lower() == b"access-control-allow-origin" for k, _ in headers):
                    headers.append((b"access-control-allow-origin", origin.encode("latin-1")))
                    headers.append((b"vary", b"Origin"))
                    message = {**message, "headers": headers}
            await send(message)

        await guarded(scope, receive, send_with_cors)

    return handle
