"""``EventResourceApi``: the official resource API under its module path.

Generated from the official swagger-codegen module (paths, methods, parameters, response
types), then maintained by hand. Endpoints a server does not serve (the Orkes-only ones, on
Conductor OSS as on ours) answer 404, raised as ``ApiException``.
"""

from __future__ import annotations

from typing import Any, cast

from conductor.client.http.api_client import ApiClient
from conductor.client.http.models.event_handler import EventHandler

__all__ = ["EventResourceApi"]


class EventResourceApi:
    """The official ``EventResourceApi`` (swagger-codegen) over our :class:`ApiClient`: every
    method also accepts ``async_req=True`` (answers an ``AsyncResult``) and has its
    ``*_with_http_info`` twin."""

    def __init__(self, api_client: ApiClient | None = None) -> None:
        self.api_client = api_client if api_client is not None else ApiClient()

    def add_event_handler(self, body: EventHandler, **kwargs: Any) -> None:
        """``POST /event``: Add a new event handler. Answers ``None``."""
        kwargs["_return_http_data_only"] = True
        return cast("None", self.add_event_handler_with_http_info(body, **kwargs))

    def add_event_handler_with_http_info(self, body: EventHandler, **kwargs: Any) -> Any:
        """As :meth:`add_event_handler`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "POST",
            "/event",
            body=body,
        )

    def delete_queue_config(self, queue_type: str, queue_name: str, **kwargs: Any) -> None:
        """``DELETE /event/queue/config/{queueType}/{queueName}``: Delete queue config by name. Answers
        ``None``."""
        kwargs["_return_http_data_only"] = True
        return cast("None", self.delete_queue_config_with_http_info(queue_type, queue_name, **kwargs))

    def delete_queue_config_with_http_info(self, queue_type: str, queue_name: str, **kwargs: Any) -> Any:
        """As :meth:`delete_queue_config`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "DELETE",
            "/event/queue/config/{queueType}/{queueName}",
            path_params={"queueType": queue_type, "queueName": queue_name},
        )

    def get_event_handlers(self, **kwargs: Any) -> list[EventHandler]:
        """``GET /event``: Get all the event handlers. Answers ``list[EventHandler]``."""
        kwargs["_return_http_data_only"] = True
        return cast("list[EventHandler]", self.get_event_handlers_with_http_info(**kwargs))

    def get_event_handlers_with_http_info(self, **kwargs: Any) -> Any:
        """As :meth:`get_event_handlers`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "GET",
            "/event",
            accept="*/*",
            response_type=list[EventHandler],
        )

    def get_event_handlers_for_event(self, event: str, **kwargs: Any) -> list[EventHandler]:
        """``GET /event/{event}``: Get event handlers for a given event. Optional: active_only. Answers
        ``list[EventHandler]``."""
        kwargs["_return_http_data_only"] = True
        return cast("list[EventHandler]", self.get_event_handlers_for_event_with_http_info(event, **kwargs))

    def get_event_handlers_for_event_with_http_info(self, event: str, **kwargs: Any) -> Any:
        """As :meth:`get_event_handlers_for_event`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "GET",
            "/event/{event}",
            path_params={"event": event},
            query=[("activeOnly", kwargs.get("active_only"))],
            accept="*/*",
            response_type=list[EventHandler],
        )

    def get_queue_config(self, queue_type: str, queue_name: str, **kwargs: Any) -> dict[str, Any]:
        """``GET /event/queue/config/{queueType}/{queueName}``: Get queue config by name. Answers
        ``dict(str, object)``."""
        kwargs["_return_http_data_only"] = True
        return cast("dict[str, Any]", self.get_queue_config_with_http_info(queue_type, queue_name, **kwargs))

    def get_queue_config_with_http_info(self, queue_type: str, queue_name: str, **kwargs: Any) -> Any:
        """As :meth:`get_queue_config`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "GET",
            "/event/queue/config/{queueType}/{queueName}",
            path_params={"queueType": queue_type, "queueName": queue_name},
            accept="*/*",
            response_type=dict[str, object],
        )

    def get_queue_names(self, **kwargs: Any) -> dict[str, str]:
        """``GET /event/queue/config``: Get all queue configs. Answers ``dict(str, str)``."""
        kwargs["_return_http_data_only"] = True
        return cast("dict[str, str]", self.get_queue_names_with_http_info(**kwargs))

    def get_queue_names_with_http_info(self, **kwargs: Any) -> Any:
        """As :meth:`get_queue_names`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "GET",
            "/event/queue/config",
            accept="*/*",
            response_type=dict[str, str],
        )

    def put_queue_config(self, body: Any, queue_type: str, queue_name: str, **kwargs: Any) -> None:
        """``PUT /event/queue/config/{queueType}/{queueName}``: Create or update queue config by name.
        Answers ``None``."""
        kwargs["_return_http_data_only"] = True
        return cast("None", self.put_queue_config_with_http_info(body, queue_type, queue_name, **kwargs))

    def put_queue_config_with_http_info(
        self, body: str, queue_type: str, queue_name: str, **kwargs: Any
    ) -> Any:
        """As :meth:`put_queue_config`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "PUT",
            "/event/queue/config/{queueType}/{queueName}",
            path_params={"queueType": queue_type, "queueName": queue_name},
            body=body,
        )

    def remove_event_handler_status(self, name: str, **kwargs: Any) -> None:
        """``DELETE /event/{name}``: Remove an event handler. Answers ``None``."""
        kwargs["_return_http_data_only"] = True
        return cast("None", self.remove_event_handler_status_with_http_info(name, **kwargs))

    def remove_event_handler_status_with_http_info(self, name: str, **kwargs: Any) -> Any:
        """As :meth:`remove_event_handler_status`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "DELETE",
            "/event/{name}",
            path_params={"name": name},
        )

    def update_event_handler(self, body: EventHandler, **kwargs: Any) -> None:
        """``PUT /event``: Update an existing event handler. Answers ``None``."""
        kwargs["_return_http_data_only"] = True
        return cast("None", self.update_event_handler_with_http_info(body, **kwargs))

    def update_event_handler_with_http_info(self, body: EventHandler, **kwargs: Any) -> Any:
        """As :meth:`update_event_handler`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "PUT",
            "/event",
            body=body,
        )
