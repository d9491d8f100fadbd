"""Response shapes Conductor uses besides JSON: empty 200s, 204s and bare text ids."""

from __future__ import annotations

from litestar import MediaType, Response


def empty(status: int = 200) -> Response[bytes]:
    return Response(content=b"", status_code=status, media_type=MediaType.TEXT)


TEXT_PLAIN = "text/plain;charset=UTF-8"


def text(value: str) -> Response[str]:
    # An explicit header: Litestar would append a second "; charset=utf-8" to a text media type.
    return Response(
        content=value, status_code=200, media_type=TEXT_PLAIN, headers={"content-type": TEXT_PLAIN}
    )
