"""The ASGI application factory. Litestar is imported nowhere outside `api/`."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from litestar import Litestar
from litestar.config.app import AppConfig
from litestar.openapi import OpenAPIConfig
from litestar.openapi.plugins import JsonRenderPlugin

from conductor.server.api.auth import TokenAuth, token_route
from conductor.server.api.deps import Services
from conductor.server.api.errors import EXCEPTION_HANDLERS
from conductor.server.api.fast_poll import fast_batch_poll
from conductor.server.api.routes import bulk, events, health, metadata, sync_exec, tasks, workflows
from conductor.server.ui.pages import template_config, ui_router

# Request bodies above this are rejected with 413 before they are read into memory.
MAX_BODY_BYTES = 16 * 1024 * 1024


def create_app(
    services: Services,
    on_startup: Sequence[Callable[[], Any]] = (),
    on_shutdown: Sequence[Callable[[], Any]] = (),
    debug: bool = False,
    auth: TokenAuth | None = None,
) -> Any:
    """The ASGI application: Litestar, behind the batch-poll shortcut and optional auth."""

    def _configure(config: AppConfig) -> AppConfig:
        config.state["services"] = services
        config.state["ui_auth"] = auth  # the UI's sign-in page issues tokens like /api/token
        return config

    litestar = Litestar(
        route_handlers=[
            health.router,
            metadata.router,
            workflows.router,
            tasks.router,
            events.router,
            sync_exec.router,
            bulk.router,
            *([token_route(auth)] if auth is not None else []),
            ui_router(),
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
        ),
        debug=debug,
        logging_config=None,
    )
    app: Any = fast_batch_poll(litestar, services)
    if auth is not None:
        app = auth.middleware(app)  # outermost: the shortcut is guarded like every other route
    return app
