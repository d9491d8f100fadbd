"""``AuthenticationConfig``: Conductor wire model under the official module path.

Generated from the official SDK inventory (tests/compat/official_sdk_inventory.json), then
maintained by hand; behaviour (JSON names, ``_x`` storage, validation) lives in ``_serde``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from conductor.client.http.models._serde import WireModel

__all__ = ["AuthenticationConfig"]


class AuthenticationConfig(WireModel):
    """``AuthenticationConfig`` (official ``conductor.client.http.models.authentication_config``)."""

    _allowed_values: ClassVar[Mapping[str, tuple[str, ...]]] = {
        "authentication_type": ("NONE", "API_KEY", "OIDC"),
    }

    id: str | None = None
    application_id: str | None = None
    authentication_type: str | None = None
    api_keys: list[str] | None = None
    audience: str | None = None
    conductor_token: str | None = None
    created_by: str | None = None
    fallback_to_default_auth: bool | None = None
    issuer_uri: str | None = None
    passthrough: bool | None = None
    token_in_workflow_input: bool | None = None
    updated_by: str | None = None
