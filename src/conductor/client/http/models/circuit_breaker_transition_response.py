"""``CircuitBreakerTransitionResponse``: Conductor wire model under the official module path.

Generated from the official SDK inventory (tests/compat/official_sdk_inventory.json), then
maintained by hand; behaviour (JSON names, ``_x`` storage, validation) lives in ``_serde``.
"""

from __future__ import annotations

from conductor.client.http.models._serde import WireModel

__all__ = ["CircuitBreakerTransitionResponse"]


class CircuitBreakerTransitionResponse(WireModel, repr=True):
    """``CircuitBreakerTransitionResponse`` (official ``conductor.client.http.models.circuit_breaker_transition_response``)."""

    service: str | None = None
    previous_state: str | None = None
    current_state: str | None = None
    transition_timestamp: int | None = None
    message: str | None = None
