"""``PromptTemplateTestRequest``: Conductor wire model under the official module path.

Generated from the official SDK inventory (tests/compat/official_sdk_inventory.json), then
maintained by hand; behaviour (JSON names, ``_x`` storage, validation) lives in ``_serde``.
"""

from __future__ import annotations

from typing import Any

from conductor.client.http.models._serde import WireModel

__all__ = ["PromptTemplateTestRequest"]


class PromptTemplateTestRequest(WireModel):
    """``PromptTemplateTestRequest`` (official ``conductor.client.http.models.prompt_test_request``)."""

    llm_provider: str | None = None
    model: str | None = None
    prompt: str | None = None
    prompt_variables: dict[str, Any] | None = None
    stop_words: list[str] | None = None
    temperature: float | None = None
    top_p: float | None = None
