"""``AsyncTaskResourceApi`` under the official module path.

The asyncio worker endpoints live in ``conductor.client.http.async_task_resource_api`` (used by
the async task runner); this module re-exports the class where the official SDK has it.
"""

from __future__ import annotations

from conductor.client.http.async_task_resource_api import AsyncTaskResourceApi

__all__ = ["AsyncTaskResourceApi"]
