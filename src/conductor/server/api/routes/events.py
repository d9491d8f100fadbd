"""/api/event: event handler registration."""

from __future__ import annotations

from litestar import Response, Router, delete, get, post, put
from litestar.datastructures import State

from conductor.server.api.deps import parse_bool, services
from conductor.server.api.limits import LimitedRequest, reject_nul_parameters
from conductor.server.api.openapi import document
from conductor.server.api.responses import empty
from conductor.server.domain.events import EventHandler


@post("/", status_code=200)
async def add_handler(state: State, data: EventHandler) -> Response[bytes]:
    """Register an event handler. Its event must be a `conductor:` event, the only event queue this server has."""
    await services(state).events.add(data)
    return empty()


@put("/", status_code=200)
async def update_handler(state: State, data: EventHandler) -> Response[bytes]:
    """Replace an existing event handler (found by name)."""
    await services(state).events.update(data)
    return empty()


@delete("/{name:str}", status_code=200)
async def remove_handler(state: State, name: str) -> Response[bytes]:
    """Delete an event handler by name."""
    await services(state).events.remove(name)
    return empty()


@get("/")
async def list_handlers(state: State) -> list[EventHandler]:
    """All event handlers."""
    return await services(state).events.list()


@get("/{event:str}")
async def handlers_for_event(state: State, event: str, activeOnly: str | None = None) -> list[EventHandler]:
    """The event handlers listening to one event (only the active ones with activeOnly=true)."""
    return await services(state).events.list(event, parse_bool(activeOnly, True))


router = document(
    Router(
        request_class=LimitedRequest,
        before_request=reject_nul_parameters,
        path="/api/event",
        tags=["event"],
        route_handlers=[add_handler, update_handler, remove_handler, list_handlers, handlers_for_event],
    )
)
