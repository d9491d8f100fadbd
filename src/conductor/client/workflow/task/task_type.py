"""``TaskType``: the ``type`` strings of workflow tasks, as in the official SDK."""

from __future__ import annotations

from enum import Enum

__all__ = ["TaskType"]


class TaskType(str, Enum):  # (str, Enum), not StrEnum: as the official SDK
    SIMPLE = "SIMPLE"
    DYNAMIC = "DYNAMIC"
    FORK_JOIN = "FORK_JOIN"
    FORK_JOIN_DYNAMIC = "FORK_JOIN_DYNAMIC"
    DECISION = "DECISION"
    SWITCH = "SWITCH"
    JOIN = "JOIN"
    DO_WHILE = "DO_WHILE"
    SUB_WORKFLOW = "SUB_WORKFLOW"
    START_WORKFLOW = "START_WORKFLOW"
    EVENT = "EVENT"
    WAIT = "WAIT"
    WAIT_FOR_WEBHOOK = "WAIT_FOR_WEBHOOK"
    HUMAN = "HUMAN"
    USER_DEFINED = "USER_DEFINED"
    HTTP = "HTTP"
    HTTP_POLL = "HTTP_POLL"
    LAMBDA = "LAMBDA"
    INLINE = "INLINE"
    EXCLUSIVE_JOIN = "EXCLUSIVE_JOIN"
    TERMINATE = "TERMINATE"
    KAFKA_PUBLISH = "KAFKA_PUBLISH"
    JSON_JQ_TRANSFORM = "JSON_JQ_TRANSFORM"
    SET_VARIABLE = "SET_VARIABLE"
    GET_DOCUMENT = "GET_DOCUMENT"
    NOOP = "NOOP"
    PULL_WORKFLOW_MESSAGES = "PULL_WORKFLOW_MESSAGES"
