"""Ids of workflows and tasks: UUIDs ordered by creation time (RFC 9562 version 7).

Conductor's ids are random UUIDs (version 4) and clients treat them as opaque strings. Random
keys land all over the primary-key and workflow-id indexes: with a year of history those
indexes no longer fit in memory, and every start or task update reads and dirties pages in
places nobody touched for months. A version 7 UUID starts with the creation time in
milliseconds, so new rows go to the end of each index, next to the other recent ones
(docs/engine.md §8). The rest is random, as in version 4: ids stay unique across servers
sharing a database.

Uniqueness, not unpredictability, is needed (an id is no secret: it is listed by search), so
the random part comes from the PRNG instead of a urandom system call per id.
"""

from __future__ import annotations

import random
import time
import uuid

_VERSION_7 = 0x7 << 76
_VARIANT = 0b10 << 62


def new_id() -> str:
    """A fresh time-ordered UUID, in the usual 8-4-4-4-12 text form."""
    millis = time.time_ns() // 1_000_000
    rand_a = random.getrandbits(12)
    rand_b = random.getrandbits(62)
    return str(
        uuid.UUID(int=(millis & 0xFFFF_FFFF_FFFF) << 80 | _VERSION_7 | rand_a << 64 | _VARIANT | rand_b)
    )
