"""Integer ranges of typed request fields and parameters.

JSON integers have no size, Python's neither, but the databases' INTEGER columns (and Java's
``long``, which Conductor's clients use) hold 64 bits: a bigger version, offset or delay failed
deep inside a write with OverflowError (a 500).  Typed fields and parameters are therefore
declared ``Int64``, which the decoder checks (a 400 naming the field).  Free-form maps (inputs,
outputs, variables) keep any integer: they are stored as JSON text.
"""

from __future__ import annotations

from typing import Annotated, Final

import msgspec

__all__ = ["INT64_MAX", "INT64_MIN", "MAX_EPOCH_MS", "Int64", "clamp_epoch_ms"]

INT64_MIN: Final = -(2**63)
INT64_MAX: Final = 2**63 - 1

Int64 = Annotated[int, msgspec.Meta(ge=INT64_MIN, le=INT64_MAX)]

# Instants computed from user-supplied delays (now + seconds * 1000, backoffs) are capped here:
# year ~292 million, far beyond any real deadline, and still a 64-bit integer after adding
# further delays to it.
MAX_EPOCH_MS: Final = 2**62


def clamp_epoch_ms(value: int) -> int:
    """``value`` limited to what a 64-bit column holds with room to spare (see MAX_EPOCH_MS)."""
    return MAX_EPOCH_MS if value > MAX_EPOCH_MS else max(value, -MAX_EPOCH_MS)
