"""``HttpTask`` / ``HttpInput``: call an HTTP endpoint from the server.

The request travels as the task input ``http_request``; the task's output is
``response`` = ``{body, statusCode, headers, reasonPhrase}`` (see :meth:`HttpTask.body`,
:meth:`HttpTask.status_code`, :meth:`HttpTask.headers` for expressions pointing at them).
"""

from __future__ import annotations

from copy import deepcopy
from enum import Enum
from typing import Any, ClassVar

from conductor.client.workflow.task.task import TaskInterface
from conductor.client.workflow.task.task_type import TaskType

__all__ = ["HttpInput", "HttpMethod", "HttpTask"]


class HttpMethod(str, Enum):  # (str, Enum), not StrEnum: as the official SDK
    GET = "GET"
    PUT = "PUT"
    POST = "POST"
    DELETE = "DELETE"
    HEAD = "HEAD"
    OPTIONS = "OPTIONS"
    PATCH = "PATCH"  # not in the official enum; the server accepts it


class HttpInput:
    """The request of an HTTP task. ``headers`` maps a name to a list of values; the two
    timeouts are milliseconds (the server's default is 3000 each)."""

    # Swagger-style field tables, as in the official SDK: the serialiser writes the
    # non-None attributes under these JSON names.
    swagger_types: ClassVar[dict[str, str]] = {
        "_uri": "str",
        "_method": "str",
        "_accept": "list[str]",
        "_headers": "dict[str, list[str]]",
        "_content_type": "str",
        "_connection_time_out": "int",
        "_read_timeout": "int",
        "_body": "str",
    }
    attribute_map: ClassVar[dict[str, str]] = {
        "_uri": "uri",
        "_method": "method",
        "_accept": "accept",
        "_headers": "headers",
        "_content_type": "contentType",
        "_connection_time_out": "connectionTimeOut",
        "_read_timeout": "readTimeOut",
        "_body": "body",
    }

    def __init__(
        self,
        method: HttpMethod = HttpMethod.GET,
        uri: str | None = None,
        headers: dict[str, list[str]] | None = None,
        accept: str | None = None,
        content_type: str | None = None,
        connection_time_out: int | None = None,
        read_timeout: int | None = None,
        body: Any = None,
    ) -> None:
        self._method = method
        self._uri = uri
        self._headers = deepcopy(headers)
        self._accept = accept
        self._content_type = content_type
        self._connection_time_out = connection_time_out
        self._read_timeout = read_timeout
        self._body = deepcopy(body)


class HttpTask(TaskInterface):
    """``http_input`` is an :class:`HttpInput` or a dict (which gets ``method: GET`` when it
    has no method)."""

    def __init__(self, task_ref_name: str, http_input: HttpInput | dict[str, Any]) -> None:
        if type(http_input) is dict and "method" not in http_input:
            http_input["method"] = "GET"
        super().__init__(
            task_reference_name=task_ref_name,
            task_type=TaskType.HTTP,
            input_parameters={"http_request": http_input},
        )

    def status_code(self) -> str:
        """``${ref.output.response.statusCode}``."""
        return "${" + f"{self.task_reference_name}.output.response.statusCode" + "}"

    def headers(self, json_path: str | None = None) -> str:
        """``${ref.output.response.headers[.<json_path>]}``."""
        if json_path is None:
            return "${" + f"{self.task_reference_name}.output.response.headers" + "}"
        return "${" + f"{self.task_reference_name}.output.response.headers.{json_path}" + "}"

    def body(self, json_path: str | None = None) -> str:
        """``${ref.output.response.body[.<json_path>]}``."""
        if json_path is None:
            return "${" + f"{self.task_reference_name}.output.response.body" + "}"
        return "${" + f"{self.task_reference_name}.output.response.body.{json_path}" + "}"
