"""``PromptTemplate``: Conductor wire model under the official module path.

Generated from the official SDK inventory (tests/compat/official_sdk_inventory.json), then
maintained by hand; behaviour (JSON names, ``_x`` storage, validation) lives in ``_serde``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from conductor.client.http.models._serde import WireModel

if TYPE_CHECKING:
    from conductor.client.http.models.tag_object import TagObject

__all__ = ["PromptTemplate"]


class PromptTemplate(WireModel):
    """``PromptTemplate`` (official ``conductor.client.http.models.prompt_template``)."""

    created_by: str | None = None
    create_time: int | None = None
    description: str | None = None
    integrations: list[str] | None = None
    name: str | None = None
    owner_app: str | None = None
    tags: list[TagObject] | None = None
    template: str | None = None
    updated_by: str | None = None
    update_time: int | None = None
    variables: list[str] | None = None
    version: int | None = 1  # the official default
    created_on: int | None = None
    updated_on: int | None = None
