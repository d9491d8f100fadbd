"""``Config`` / ``OrkesCircuitBreakerConfig`` / ``ServiceRegistry`` / ``ServiceType``: Conductor wire models under the official module path.

Generated from the official SDK inventory (tests/compat/official_sdk_inventory.json), then
maintained by hand; behaviour (JSON names, ``_x`` storage, validation) lives in ``_serde``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import field
from enum import Enum
from typing import TYPE_CHECKING, ClassVar

from conductor.client.http.models._serde import WireModel

if TYPE_CHECKING:
    from conductor.client.http.models.request_param import RequestParam
    from conductor.client.http.models.service_method import ServiceMethod

__all__ = ["Config", "OrkesCircuitBreakerConfig", "ServiceRegistry", "ServiceType"]


class Config(WireModel, repr=True):
    """``Config`` (official ``conductor.client.http.models.service_registry``)."""

    circuit_breaker_config: OrkesCircuitBreakerConfig | None = field(
        default_factory=lambda: OrkesCircuitBreakerConfig()
    )


class OrkesCircuitBreakerConfig(WireModel, repr=True):
    """``OrkesCircuitBreakerConfig`` (official ``conductor.client.http.models.service_registry``)."""

    failure_rate_threshold: float | None = None
    sliding_window_size: int | None = None
    minimum_number_of_calls: int | None = None
    wait_duration_in_open_state: int | None = None
    permitted_number_of_calls_in_half_open_state: int | None = None
    slow_call_rate_threshold: float | None = None
    slow_call_duration_threshold: int | None = None
    automatic_transition_from_open_to_half_open_enabled: bool | None = None
    max_wait_duration_in_half_open_state: int | None = None


class ServiceRegistry(WireModel, repr=True):
    """``ServiceRegistry`` (official ``conductor.client.http.models.service_registry``)."""

    _json_names: ClassVar[Mapping[str, str]] = {
        "service_uri": "serviceURI",
    }

    name: str | None = None
    type: str | None = None
    service_uri: str | None = None
    methods: list[ServiceMethod] | None = field(default_factory=list)
    request_params: list[RequestParam] | None = field(default_factory=list)
    config: Config | None = field(default_factory=lambda: Config())


class ServiceType(str, Enum):
    HTTP = "HTTP"
    GRPC = "gRPC"

    def __str__(self) -> str:
        return str(self.value)
