"""``AccessEnum`` / ``AuthorizationRequest``: Conductor wire models under the official module path.

Generated from the official SDK inventory (tests/compat/official_sdk_inventory.json), then
maintained by hand; behaviour (JSON names, ``_x`` storage, validation) lives in ``_serde``.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import Enum
from typing import TYPE_CHECKING, ClassVar

from conductor.client.http.models._serde import WireModel

if TYPE_CHECKING:
    from conductor.client.http.models.subject_ref import SubjectRef
    from conductor.client.http.models.target_ref import TargetRef

__all__ = ["AccessEnum", "AuthorizationRequest"]


class AccessEnum(str, Enum):
    CREATE = "CREATE"
    READ = "READ"
    UPDATE = "UPDATE"
    DELETE = "DELETE"
    EXECUTE = "EXECUTE"

    def __str__(self) -> str:
        return str(self.value)


class AuthorizationRequest(WireModel):
    """``AuthorizationRequest`` (official ``conductor.client.http.models.authorization_request``)."""

    _allowed_values: ClassVar[Mapping[str, tuple[str, ...]]] = {
        "access": ("CREATE", "READ", "UPDATE", "DELETE", "EXECUTE"),
    }
    # The official constructor validates ``access`` even when it is not given.
    _required: ClassVar[frozenset[str]] = frozenset({"access"})

    subject: SubjectRef | None = None
    target: TargetRef | None = None
    access: list[str] | None = None
