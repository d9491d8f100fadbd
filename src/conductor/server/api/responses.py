"""Response shapes Conductor uses besides JSON: empty 200s, 204s and bare text ids."""

from __future__ import annotations

from litestar import MediaType, Response


def empty(status: int = 200) -> Response[bytes]:
    return Response(content=b"", status_code=status, media_type=MediaType.TEXT)


def text(value: str) -> Response[str]:
    return Response(content=value, status_code=200, media_type="text/plain;charset=UTF-8")
