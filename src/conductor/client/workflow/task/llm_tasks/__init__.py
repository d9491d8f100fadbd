"""``llm_tasks``.

Ported from the official SDK (``conductor.client.workflow.task.llm_tasks``,
conductor-python 2.0.0): same names and signatures, annotated for mypy --strict.
"""

from __future__ import annotations

from conductor.client.workflow.task.llm_tasks.call_mcp_tool import CallMcpTool
from conductor.client.workflow.task.llm_tasks.chat_message import ChatMessage, Role
from conductor.client.workflow.task.llm_tasks.generate_audio import GenerateAudio
from conductor.client.workflow.task.llm_tasks.generate_image import GenerateImage
from conductor.client.workflow.task.llm_tasks.list_mcp_tools import ListMcpTools
from conductor.client.workflow.task.llm_tasks.llm_chat_complete import LlmChatComplete
from conductor.client.workflow.task.llm_tasks.llm_generate_embeddings import LlmGenerateEmbeddings
from conductor.client.workflow.task.llm_tasks.llm_index_documents import LlmIndexDocument
from conductor.client.workflow.task.llm_tasks.llm_index_text import LlmIndexText
from conductor.client.workflow.task.llm_tasks.llm_query_embeddings import LlmQueryEmbeddings
from conductor.client.workflow.task.llm_tasks.llm_search_embeddings import LlmSearchEmbeddings
from conductor.client.workflow.task.llm_tasks.llm_search_index import LlmSearchIndex
from conductor.client.workflow.task.llm_tasks.llm_store_embeddings import LlmStoreEmbeddings
from conductor.client.workflow.task.llm_tasks.llm_text_complete import LlmTextComplete
from conductor.client.workflow.task.llm_tasks.tool_call import ToolCall
from conductor.client.workflow.task.llm_tasks.tool_spec import ToolSpec

__all__ = [
    "CallMcpTool",
    "ChatMessage",
    "GenerateAudio",
    "GenerateImage",
    "ListMcpTools",
    "LlmChatComplete",
    "LlmGenerateEmbeddings",
    "LlmIndexDocument",
    "LlmIndexText",
    "LlmQueryEmbeddings",
    "LlmSearchEmbeddings",
    "LlmSearchIndex",
    "LlmStoreEmbeddings",
    "LlmTextComplete",
    "Role",
    "ToolCall",
    "ToolSpec",
]
