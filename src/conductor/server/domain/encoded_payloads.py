"""The compact JSON of large payloads, remembered by identity.

A DO_WHILE's output holds every iteration (Conductor's shape) and gains one entry per
iteration. Re-encoding all of it to measure it against the payload limit and again to store the
task row made each iteration of a long loop cost more than the one before (docs/engine.md §8).
The loop builds its new output's JSON from the previous one's (`systasks/do_while.py`) and
remembers it here; the payload check (`engine/payloads.py`) and the store's task encoder read it
instead of encoding the payload again.

Only a payload that is never mutated after `remember` may be remembered: an entry holds the
payload itself, so its `id` cannot be reused while the entry lives, but nothing notices an
in-place change. Memos are small (the newest entries win) and shared by the event loop and the
database threads, hence the lock.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any, Final, Generic, TypeVar

import msgspec

V = TypeVar("V")

#: Payloads smaller than this are encoded on demand: remembering them would save nothing.
MIN_REMEMBERED: Final = 16 * 1024

_encoder: Final = msgspec.json.Encoder()


class IdentityMemo(Generic[V]):
    """Values computed from objects that never change, keyed by the object itself (by `id`,
    holding the object so the `id` stays its own), bounded by a byte budget."""

    def __init__(self, max_bytes: int, max_entries: int = 256) -> None:
        self.max_bytes = max_bytes
        self.max_entries = max_entries
        self._lock = threading.Lock()
        self._entries: OrderedDict[int, tuple[object, V, int]] = OrderedDict()
        self._bytes = 0

    def remember(self, obj: object, value: V, size: int) -> None:
        """Remember ``value`` for ``obj``; ``size`` is what it costs against the budget."""
        if size > self.max_bytes:
            return
        with self._lock:
            old = self._entries.pop(id(obj), None)
            if old is not None:
                self._bytes -= old[2]
            self._entries[id(obj)] = (obj, value, size)
            self._bytes += size
            while self._entries and (len(self._entries) > self.max_entries or self._bytes > self.max_bytes):
                _, (_, _, dropped) = self._entries.popitem(last=False)
                self._bytes -= dropped

    def recall(self, obj: object) -> V | None:
        """The value remembered for this very object, or None."""
        with self._lock:
            entry = self._entries.get(id(obj))
        if entry is None or entry[0] is not obj:
            return None
        return entry[1]

    def __len__(self) -> int:
        return len(self._entries)


_full: Final[IdentityMemo[bytes]] = IdentityMemo(max_bytes=64 * 1024 * 1024)


def remember(payload: dict[str, Any], data: bytes) -> None:
    """Remember ``data`` as the JSON of ``payload`` (which must not be mutated from now on)."""
    if len(data) >= MIN_REMEMBERED:
        _full.remember(payload, data, len(data))


def recall(payload: object) -> bytes | None:
    """The remembered JSON of this very object, or None."""
    return _full.recall(payload)


def encoded(payload: Any) -> bytes:
    """The JSON of ``payload``: remembered bytes when there are some, else a fresh encoding."""
    data = _full.recall(payload)
    return _encoder.encode(payload) if data is None else data
