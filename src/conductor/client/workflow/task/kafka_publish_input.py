"""``KafkaPublishInput``: the ``kafka_request`` of a ``KafkaPublishTask``."""

from __future__ import annotations

from typing import Any, ClassVar

__all__ = ["KafkaPublishInput"]


class KafkaPublishInput:
    swagger_types: ClassVar[dict[str, str]] = {
        "_bootstrap_servers": "str",
        "_key": "str",
        "_key_serializer": "str",
        "_value": "str",
        "_request_timeout_ms": "str",
        "_max_block_ms": "str",
        "_headers": "dict[str, Any]",
        "_topic": "str",
    }
    attribute_map: ClassVar[dict[str, str]] = {
        "_bootstrap_servers": "bootStrapServers",
        "_key": "key",
        "_key_serializer": "keySerializer",
        "_value": "value",
        "_request_timeout_ms": "requestTimeoutMs",
        "_max_block_ms": "maxBlockMs",
        "_headers": "headers",
        "_topic": "topic",
    }

    def __init__(
        self,
        bootstrap_servers: str | None = None,
        key: str | None = None,
        key_serializer: str | None = None,
        value: str | None = None,
        request_timeout_ms: str | None = None,
        max_block_ms: str | None = None,
        headers: dict[str, Any] | None = None,
        topic: str | None = None,
    ) -> None:
        self._bootstrap_servers = bootstrap_servers
        self._key = key
        self._key_serializer = key_serializer
        self._value = value
        self._request_timeout_ms = request_timeout_ms
        self._max_block_ms = max_block_ms
        self._headers = dict(headers) if headers is not None else None
        self._topic = topic

    @property
    def bootstrap_servers(self) -> str | None:
        return self._bootstrap_servers

    @property
    def key(self) -> str | None:
        return self._key

    @property
    def key_serializer(self) -> str | None:
        return self._key_serializer

    @property
    def value(self) -> str | None:
        return self._value

    @property
    def request_timeout_ms(self) -> str | None:
        return self._request_timeout_ms

    @property
    def max_block_ms(self) -> str | None:
        return self._max_block_ms

    @property
    def headers(self) -> dict[str, Any] | None:
        return self._headers

    @property
    def topic(self) -> str | None:
        return self._topic
