"""The task types this server knows by name (docs/engine.md §6).

`TaskType` is a `StrEnum`: a member compares equal to, hashes as and encodes as its name, so it
can be used wherever a task type string is stored or compared (`task.task_type == TaskType.WAIT`,
a dict keyed by type) and stored JSON is unchanged. Task types stay plain strings in the
records: any other name is a worker task queued under it (Conductor's USER_DEFINED).

Which of these types run, and how, is decided elsewhere: the system tasks in
`systasks/registry.py` (sync or async, from each class's `is_async`), the operators the decider
maps itself in `engine/operators.py`, and the types refused at registration in
`services/metadata.py` (`REFUSED_TYPES` below).
"""

from __future__ import annotations

from enum import StrEnum


class TaskType(StrEnum):
    # A member's name is its value: Enum hashes members by name, and a StrEnum member must hash
    # as the string it equals.

    # Worker tasks
    SIMPLE = "SIMPLE"
    USER_DEFINED = "USER_DEFINED"
    # Operators the decider maps itself (engine/operators.py)
    DYNAMIC = "DYNAMIC"
    FORK_JOIN = "FORK_JOIN"
    FORK_JOIN_DYNAMIC = "FORK_JOIN_DYNAMIC"
    FORK = "FORK"  # the runtime type of both forks
    JOIN = "JOIN"
    SUB_WORKFLOW = "SUB_WORKFLOW"
    # System tasks (systasks/)
    SWITCH = "SWITCH"
    DECISION = "DECISION"
    EXCLUSIVE_JOIN = "EXCLUSIVE_JOIN"
    DO_WHILE = "DO_WHILE"
    START_WORKFLOW = "START_WORKFLOW"
    INLINE = "INLINE"
    SET_VARIABLE = "SET_VARIABLE"
    TERMINATE = "TERMINATE"
    NOOP = "NOOP"
    JSON_JQ_TRANSFORM = "JSON_JQ_TRANSFORM"
    EVENT = "EVENT"
    HUMAN = "HUMAN"
    WAIT = "WAIT"
    HTTP = "HTTP"
    # Conductor OSS / the official SDKs' server-side types this server does not run
    KAFKA_PUBLISH = "KAFKA_PUBLISH"
    LAMBDA = "LAMBDA"
    HTTP_POLL = "HTTP_POLL"
    WAIT_FOR_WEBHOOK = "WAIT_FOR_WEBHOOK"
    GET_DOCUMENT = "GET_DOCUMENT"
    PULL_WORKFLOW_MESSAGES = "PULL_WORKFLOW_MESSAGES"
    # Orkes Conductor's system tasks (not run here either)
    BUSINESS_RULE = "BUSINESS_RULE"
    JDBC = "JDBC"
    GET_SIGNED_JWT = "GET_SIGNED_JWT"
    UPDATE_SECRET = "UPDATE_SECRET"
    QUERY_PROCESSOR = "QUERY_PROCESSOR"
    OPS_GENIE = "OPS_GENIE"
    UPDATE_TASK = "UPDATE_TASK"
    LLM_TEXT_COMPLETE = "LLM_TEXT_COMPLETE"
    LLM_CHAT_COMPLETE = "LLM_CHAT_COMPLETE"
    LLM_GENERATE_EMBEDDINGS = "LLM_GENERATE_EMBEDDINGS"
    LLM_GET_EMBEDDINGS = "LLM_GET_EMBEDDINGS"
    LLM_STORE_EMBEDDINGS = "LLM_STORE_EMBEDDINGS"
    LLM_SEARCH_INDEX = "LLM_SEARCH_INDEX"
    LLM_INDEX_DOCUMENT = "LLM_INDEX_DOCUMENT"
    LLM_INDEX_TEXT = "LLM_INDEX_TEXT"
    LLM_SEARCH_EMBEDDINGS = "LLM_SEARCH_EMBEDDINGS"
    GENERATE_IMAGE = "GENERATE_IMAGE"
    GENERATE_AUDIO = "GENERATE_AUDIO"
    LIST_MCP_TOOLS = "LIST_MCP_TOOLS"
    CALL_MCP_TOOL = "CALL_MCP_TOOL"


# Server-side types (as Conductor, Orkes and the official SDKs name them) that this server does
# not implement: refused at registration and at an inline start (services/metadata.py).
REFUSED_TYPES = frozenset(
    {
        TaskType.KAFKA_PUBLISH,
        TaskType.LAMBDA,
        TaskType.HTTP_POLL,
        TaskType.WAIT_FOR_WEBHOOK,
        TaskType.GET_DOCUMENT,
        TaskType.PULL_WORKFLOW_MESSAGES,
        TaskType.BUSINESS_RULE,
        TaskType.JDBC,
        TaskType.GET_SIGNED_JWT,
        TaskType.UPDATE_SECRET,
        TaskType.QUERY_PROCESSOR,
        TaskType.OPS_GENIE,
        TaskType.UPDATE_TASK,
        TaskType.LLM_TEXT_COMPLETE,
        TaskType.LLM_CHAT_COMPLETE,
        TaskType.LLM_GENERATE_EMBEDDINGS,
        TaskType.LLM_GET_EMBEDDINGS,
        TaskType.LLM_STORE_EMBEDDINGS,
        TaskType.LLM_SEARCH_INDEX,
        TaskType.LLM_INDEX_DOCUMENT,
        TaskType.LLM_INDEX_TEXT,
        TaskType.LLM_SEARCH_EMBEDDINGS,
        TaskType.GENERATE_IMAGE,
        TaskType.GENERATE_AUDIO,
        TaskType.LIST_MCP_TOOLS,
        TaskType.CALL_MCP_TOOL,
    }
)
