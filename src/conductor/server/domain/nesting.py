"""How deeply JSON documents may nest (``PYCONDUCTOR_MAX_JSON_DEPTH``, default 128).

Much of the server walks JSON values recursively (expression resolution, copies, Java-style
printing, validation), and Python stops at about 1,000 frames: a workflow input nested ~480 levels
deep answered 500 with a RecursionError, and one nested ~330 levels was stored and then broke
every search returning it.  Documents deeper than the limit are therefore refused where they
enter: request bodies (400) and system-task outputs (the task fails with a clear reason).  The
depth of ``{"a": [1]}`` is 2; scalars have depth 0.
"""

from __future__ import annotations

import operator
import re
from itertools import accumulate, count
from typing import Any, Final

import msgspec

__all__ = [
    "DEFAULT_MAX_JSON_DEPTH",
    "json_too_deep",
    "too_deep_message",
    "value_too_deep",
]

DEFAULT_MAX_JSON_DEPTH: Final = 128

# Escapes first (so an escaped quote cannot end a string); then the text between quotes is
# dropped, whose brackets are not structure: what remains of a valid document are its brackets.
_ESCAPE: Final = re.compile(rb"\\.", re.DOTALL)
_NOT_BRACKETS: Final = bytes(b for b in range(256) if b not in b"[]{}")
# Each opening bracket counts 2 and each closing one 0, so that the running sum minus the
# position is the depth: all of it computed by C iterators.
_STEPS: Final = bytes.maketrans(b"[{]}", b"\x02\x02\x00\x00")


def _fallback(value: Any) -> Any:
    return str(value)  # values that are not JSON (sets, objects) only need a placeholder here


_encode: Final = msgspec.json.Encoder(enc_hook=_fallback).encode


def too_deep_message(what: str, limit: int) -> str:
    return f"{what} is nested more than {limit} levels deep (PYCONDUCTOR_MAX_JSON_DEPTH)"


def json_too_deep(body: bytes, limit: int) -> bool:
    """Whether the JSON text ``body`` nests arrays/objects more than ``limit`` deep.

    Checked before decoding (the decoder itself recurses), in time linear in ``body`` and in C
    (about 0.25 s for 8 MB holding a million containers, less than decoding it); invalid JSON
    may be misjudged, but the decoder rejects it anyway.
    """
    if body.count(b"[") + body.count(b"{") <= limit:
        return False  # fast path: not enough brackets to be too deep, even inside strings
    if b"\\" in body:
        body = _ESCAPE.sub(b"", body)
    structure = b"".join(body.split(b'"')[::2]).translate(None, _NOT_BRACKETS).translate(_STEPS)
    deepest = max(map(operator.sub, accumulate(structure), count(1)), default=0)
    return deepest > limit


def value_too_deep(value: Any, limit: int) -> bool:
    """Whether a decoded JSON value (dicts, lists, scalars) nests more than ``limit`` deep."""
    if not isinstance(value, dict | list):
        return False
    try:
        # Encoding and scanning the text is C work; walking the containers in Python took
        # about 2.5 us each (3 s for a 10 MB document holding a million of them).
        body = _encode(value)
    except RecursionError:
        return True  # deeper than the encoder's own limit (about 1,000 levels)
    return json_too_deep(body, limit)
