"""``ServiceRegistryResourceApi``: the official resource API under its module path.

Generated from the official swagger-codegen module (paths, methods, parameters, response
types), then maintained by hand. Endpoints a server does not serve (the Orkes-only ones, on
Conductor OSS as on ours) answer 404, raised as ``ApiException``.
"""

from __future__ import annotations

from typing import Any, cast

from conductor.client.http.api_client import ApiClient
from conductor.client.http.models.circuit_breaker_transition_response import CircuitBreakerTransitionResponse
from conductor.client.http.models.proto_registry_entry import ProtoRegistryEntry
from conductor.client.http.models.service_method import ServiceMethod
from conductor.client.http.models.service_registry import ServiceRegistry

__all__ = ["ServiceRegistryResourceApi"]


class ServiceRegistryResourceApi:
    """The official ``ServiceRegistryResourceApi`` (swagger-codegen) over our :class:`ApiClient`: every
    method also accepts ``async_req=True`` (answers an ``AsyncResult``) and has its
    ``*_with_http_info`` twin."""

    def __init__(self, api_client: ApiClient | None = None) -> None:
        self.api_client = api_client if api_client is not None else ApiClient()

    def get_registered_services(self, **kwargs: Any) -> list[ServiceRegistry]:
        """``GET /registry/service``: Get all registered services. Answers ``list[ServiceRegistry]``."""
        kwargs["_return_http_data_only"] = True
        return cast("list[ServiceRegistry]", self.get_registered_services_with_http_info(**kwargs))

    def get_registered_services_with_http_info(self, **kwargs: Any) -> Any:
        """As :meth:`get_registered_services`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "GET",
            "/registry/service",
            accept="*/*",
            response_type=list[ServiceRegistry],
        )

    def remove_service(self, name: str, **kwargs: Any) -> None:
        """``DELETE /registry/service/{name}``: Remove a service from the registry. Answers ``None``."""
        kwargs["_return_http_data_only"] = True
        return cast("None", self.remove_service_with_http_info(name, **kwargs))

    def remove_service_with_http_info(self, name: str, **kwargs: Any) -> Any:
        """As :meth:`remove_service`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "DELETE",
            "/registry/service/{name}",
            path_params={"name": name},
        )

    def get_service(self, name: str, **kwargs: Any) -> ServiceRegistry:
        """``GET /registry/service/{name}``: Get a specific service by name. Answers ``ServiceRegistry``."""
        kwargs["_return_http_data_only"] = True
        return cast("ServiceRegistry", self.get_service_with_http_info(name, **kwargs))

    def get_service_with_http_info(self, name: str, **kwargs: Any) -> Any:
        """As :meth:`get_service`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "GET",
            "/registry/service/{name}",
            path_params={"name": name},
            accept="*/*",
            response_type=ServiceRegistry,
        )

    def open_circuit_breaker(self, name: str, **kwargs: Any) -> CircuitBreakerTransitionResponse:
        """``POST /registry/service/{name}/circuit-breaker/open``: Open the circuit breaker for a service.
        Answers ``CircuitBreakerTransitionResponse``."""
        kwargs["_return_http_data_only"] = True
        return cast(
            "CircuitBreakerTransitionResponse", self.open_circuit_breaker_with_http_info(name, **kwargs)
        )

    def open_circuit_breaker_with_http_info(self, name: str, **kwargs: Any) -> Any:
        """As :meth:`open_circuit_breaker`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "POST",
            "/registry/service/{name}/circuit-breaker/open",
            path_params={"name": name},
            accept="*/*",
            response_type=CircuitBreakerTransitionResponse,
        )

    def close_circuit_breaker(self, name: str, **kwargs: Any) -> CircuitBreakerTransitionResponse:
        """``POST /registry/service/{name}/circuit-breaker/close``: Close the circuit breaker for a service.
        Answers ``CircuitBreakerTransitionResponse``."""
        kwargs["_return_http_data_only"] = True
        return cast(
            "CircuitBreakerTransitionResponse", self.close_circuit_breaker_with_http_info(name, **kwargs)
        )

    def close_circuit_breaker_with_http_info(self, name: str, **kwargs: Any) -> Any:
        """As :meth:`close_circuit_breaker`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "POST",
            "/registry/service/{name}/circuit-breaker/close",
            path_params={"name": name},
            accept="*/*",
            response_type=CircuitBreakerTransitionResponse,
        )

    def get_circuit_breaker_status(self, name: str, **kwargs: Any) -> CircuitBreakerTransitionResponse:
        """``GET /registry/service/{name}/circuit-breaker/status``: Get the circuit breaker status for a
        service. Answers ``CircuitBreakerTransitionResponse``."""
        kwargs["_return_http_data_only"] = True
        return cast(
            "CircuitBreakerTransitionResponse", self.get_circuit_breaker_status_with_http_info(name, **kwargs)
        )

    def get_circuit_breaker_status_with_http_info(self, name: str, **kwargs: Any) -> Any:
        """As :meth:`get_circuit_breaker_status`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "GET",
            "/registry/service/{name}/circuit-breaker/status",
            path_params={"name": name},
            accept="*/*",
            response_type=CircuitBreakerTransitionResponse,
        )

    def add_or_update_service(self, body: ServiceRegistry, **kwargs: Any) -> None:
        """``POST /registry/service``: Add or update a service registry entry. Answers ``None``."""
        kwargs["_return_http_data_only"] = True
        return cast("None", self.add_or_update_service_with_http_info(body, **kwargs))

    def add_or_update_service_with_http_info(self, body: ServiceRegistry, **kwargs: Any) -> Any:
        """As :meth:`add_or_update_service`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "POST",
            "/registry/service",
            body=body,
        )

    def add_or_update_method(self, registry_name: str, body: ServiceMethod, **kwargs: Any) -> None:
        """``POST /registry/service/{registryName}/methods``: Add or update a service method. Answers
        ``None``."""
        kwargs["_return_http_data_only"] = True
        return cast("None", self.add_or_update_method_with_http_info(registry_name, body, **kwargs))

    def add_or_update_method_with_http_info(
        self, registry_name: str, body: ServiceMethod, **kwargs: Any
    ) -> Any:
        """As :meth:`add_or_update_method`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "POST",
            "/registry/service/{registryName}/methods",
            path_params={"registryName": registry_name},
            body=body,
        )

    def remove_method(
        self, registry_name: str, service_name: str, method: str, method_type: str, **kwargs: Any
    ) -> None:
        """``DELETE /registry/service/{registryName}/methods``: Remove a method from a service. Answers
        ``None``."""
        kwargs["_return_http_data_only"] = True
        return cast(
            "None",
            self.remove_method_with_http_info(registry_name, service_name, method, method_type, **kwargs),
        )

    def remove_method_with_http_info(
        self, registry_name: str, service_name: str, method: str, method_type: str, **kwargs: Any
    ) -> Any:
        """As :meth:`remove_method`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "DELETE",
            "/registry/service/{registryName}/methods",
            path_params={"registryName": registry_name},
            query=[("serviceName", service_name), ("method", method), ("methodType", method_type)],
        )

    def get_proto_data(self, registry_name: str, filename: str, **kwargs: Any) -> Any:
        """``GET /registry/service/protos/{registryName}/{filename}``: Get proto data for a service. Answers
        ``bytes``."""
        kwargs["_return_http_data_only"] = True
        return self.get_proto_data_with_http_info(registry_name, filename, **kwargs)

    def get_proto_data_with_http_info(self, registry_name: str, filename: str, **kwargs: Any) -> Any:
        """As :meth:`get_proto_data`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "GET",
            "/registry/service/protos/{registryName}/{filename}",
            path_params={"registryName": registry_name, "filename": filename},
            accept="application/octet-stream",
            response_type=object,
        )

    def set_proto_data(self, registry_name: str, filename: str, data: Any, **kwargs: Any) -> None:
        """``POST /registry/service/protos/{registryName}/{filename}``: Set proto data for a service.
        Answers ``None``."""
        kwargs["_return_http_data_only"] = True
        return cast("None", self.set_proto_data_with_http_info(registry_name, filename, data, **kwargs))

    def set_proto_data_with_http_info(
        self, registry_name: str, filename: str, data: Any, **kwargs: Any
    ) -> Any:
        """As :meth:`set_proto_data`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "POST",
            "/registry/service/protos/{registryName}/{filename}",
            path_params={"registryName": registry_name, "filename": filename},
            body=data,
        )

    def delete_proto(self, registry_name: str, filename: str, **kwargs: Any) -> None:
        """``DELETE /registry/service/protos/{registryName}/{filename}``: Delete a proto file. Answers
        ``None``."""
        kwargs["_return_http_data_only"] = True
        return cast("None", self.delete_proto_with_http_info(registry_name, filename, **kwargs))

    def delete_proto_with_http_info(self, registry_name: str, filename: str, **kwargs: Any) -> Any:
        """As :meth:`delete_proto`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "DELETE",
            "/registry/service/protos/{registryName}/{filename}",
            path_params={"registryName": registry_name, "filename": filename},
        )

    def get_all_protos(self, registry_name: str, **kwargs: Any) -> list[ProtoRegistryEntry]:
        """``GET /registry/service/protos/{registryName}``: Get all protos for a registry. Answers
        ``list[ProtoRegistryEntry]``."""
        kwargs["_return_http_data_only"] = True
        return cast("list[ProtoRegistryEntry]", self.get_all_protos_with_http_info(registry_name, **kwargs))

    def get_all_protos_with_http_info(self, registry_name: str, **kwargs: Any) -> Any:
        """As :meth:`get_all_protos`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "GET",
            "/registry/service/protos/{registryName}",
            path_params={"registryName": registry_name},
            accept="*/*",
            response_type=list[ProtoRegistryEntry],
        )

    def discover(self, name: str, **kwargs: Any) -> list[ServiceMethod]:
        """``GET /registry/service/{name}/discover``: Discover methods for a service. Optional: create.
        Answers ``list[ServiceMethod]``."""
        kwargs["_return_http_data_only"] = True
        return cast("list[ServiceMethod]", self.discover_with_http_info(name, **kwargs))

    def discover_with_http_info(self, name: str, **kwargs: Any) -> Any:
        """As :meth:`discover`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "GET",
            "/registry/service/{name}/discover",
            path_params={"name": name},
            query=[("create", kwargs.get("create"))],
            accept="*/*",
            response_type=list[ServiceMethod],
        )
