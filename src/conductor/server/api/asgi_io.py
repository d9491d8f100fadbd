"""Reading a request body and answering in one piece, for the raw-ASGI shortcuts
(`fast_update.py`, `fast_start.py`) that serve the hottest routes without the framework."""

from __future__ import annotations

from typing import Any


async def read_body(receive: Any, max_body: int) -> tuple[bytes, bool]:
    """The whole body, and whether it was read whole within the limit (else the part read)."""
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] != "http.request":
            return b"".join(chunks), False
        chunk = message.get("body", b"")
        size += len(chunk)
        chunks.append(chunk)
        if size > max_body:
            return b"".join(chunks), False
        if not message.get("more_body", False):
            return b"".join(chunks), True


def replay(body: bytes, complete: bool, receive: Any) -> Any:
    """A `receive` that hands the application the body already read, then whatever follows."""
    sent = False

    async def replayed() -> Any:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": not complete}
        return await receive()

    return replayed


async def answer(send: Any, status: int, headers: list[tuple[bytes, bytes]], body: bytes) -> None:
    length = (b"content-length", str(len(body)).encode())
    await send({"type": "http.response.start", "status": status, "headers": [*headers, length]})
    await send({"type": "http.response.body", "body": body})
