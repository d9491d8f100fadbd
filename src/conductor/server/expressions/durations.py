"""WAIT task inputs: ``duration`` ("1d 2h 30m") and ``until`` ("2024-01-31 00:00 UTC").

Mirrors Conductor's ``DateTimeUtils``:

* ``duration`` uses the same regex: optional parts in the order days, hours, minutes, seconds,
  each a number and a unit (``d|day|days``, ``h|hr|hrs|hour|hours``, ``m|min|mins|minute|minutes``,
  ``s|sec|secs|second|seconds``), spaces optional, case ignored.  A bare number has no unit and
  is invalid.
* ``until`` accepts ``yyyy-MM-dd HH:mm``, ``yyyy-MM-dd HH:mm z`` and ``yyyy-MM-dd``, plus ISO-8601
  (``2024-01-31T00:00:00Z``).

Deliberate differences: a value without a zone is read in ``tz`` (UTC by default) instead of the
server's local zone, so a workflow means the same instant on every server; impossible dates
("2024-02-30") are rejected instead of rolled over by Java's lenient parser.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from typing import Final
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

__all__ = ["MAX_DURATION_SECONDS", "parse_duration", "parse_until"]

#: The longest WAIT (about 146 million years): its deadline in epoch milliseconds, and further
#: delays added to it, stay 64-bit integers.
MAX_DURATION_SECONDS: Final = 2**62 // 1000

_DURATION: Final = re.compile(
    r"\s*(?:(\d+)\s*(?:days?|d))?"
    r"\s*(?:(\d+)\s*(?:hours?|hrs?|h))?"
    r"\s*(?:(\d+)\s*(?:minutes?|mins?|m))?"
    r"\s*(?:(\d+)\s*(?:seconds?|secs?|s))?\s*",
    re.IGNORECASE | re.ASCII,
)


def parse_duration(text: str) -> int:
    """Return the number of seconds in a WAIT ``duration`` such as ``"1d 3h"`` or ``"30 mins"``.

    Raises :class:`ValueError` for blank text, a bare number, unknown units or parts out of order.
    """
    match = _DURATION.fullmatch(text) if text.strip() else None
    if match is None:
        raise ValueError(
            f"Not valid duration: {text!r} (expected parts in the order days, hours, minutes, "
            "seconds, each with a unit, e.g. '30s', '5 minutes', '1d 2h 30m')"
        )
    days, hours, minutes, seconds = (int(part) if part else 0 for part in match.groups())
    total = days * 86_400 + hours * 3_600 + minutes * 60 + seconds
    if total > MAX_DURATION_SECONDS:
        # "999999999999 days" overflowed the 64-bit wait deadline (a 500 at run time).
        raise ValueError(f"duration longer than {MAX_DURATION_SECONDS} seconds")
    return total


_UNTIL: Final = re.compile(
    r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ \t]+(\d{1,2}):(\d{1,2})(?:[ \t]+(\S+))?)?",
    re.ASCII,
)
_OFFSET: Final = re.compile(r"(?:GMT|UTC|UT)?([+-])(\d{1,2})(?::?(\d{2}))?", re.IGNORECASE | re.ASCII)
_UTC_NAMES: Final = frozenset({"UTC", "GMT", "UT", "Z", "ZULU"})
# Common abbreviations with the standard offsets Java's parser gives them.
_ABBREVIATIONS: Final = {
    "EST": -5,
    "EDT": -4,
    "CST": -6,
    "CDT": -5,
    "MST": -7,
    "MDT": -6,
    "PST": -8,
    "PDT": -7,
    "CET": 1,
    "CEST": 2,
    "JST": 9,
}
_EPOCH: Final = datetime(1970, 1, 1, tzinfo=UTC)


def parse_until(text: str, tz: tzinfo = UTC) -> int:
    """Return the instant of a WAIT ``until`` value as epoch milliseconds.

    Values without a zone are read in ``tz``.  Zones may be ``UTC``/``GMT``/``Z``, an offset
    (``+05:30``, ``GMT-8``), a common abbreviation (``PST``) or an IANA name
    (``Europe/Paris``).  Raises :class:`ValueError` when the text matches no supported format.
    """
    stripped = text.strip()
    match = _UNTIL.fullmatch(stripped)
    try:
        if match is not None:
            year, month, day, hour, minute, zone = match.groups()
            zone_info = _zone(zone) if zone else tz
            moment = datetime(
                int(year), int(month), int(day), int(hour or 0), int(minute or 0), tzinfo=zone_info
            )
        else:
            moment = datetime.fromisoformat(stripped)
            if moment.tzinfo is None:
                moment = moment.replace(tzinfo=tz)
    except ValueError:
        moment = None
    if moment is None:
        raise ValueError(
            f"Invalid/Unsupported Wait Until format: {text!r} (expected 'yyyy-MM-dd HH:mm', "
            "'yyyy-MM-dd HH:mm z', 'yyyy-MM-dd' or ISO-8601)"
        )
    return (moment - _EPOCH) // timedelta(milliseconds=1)


def _zone(name: str) -> tzinfo:
    upper = name.upper()
    if upper in _UTC_NAMES:
        return UTC
    if upper in _ABBREVIATIONS:
        return timezone(timedelta(hours=_ABBREVIATIONS[upper]))
    offset = _OFFSET.fullmatch(name)
    if offset is not None:
        sign, hours, minutes = offset.groups()
        delta = timedelta(hours=int(hours), minutes=int(minutes or 0))
        if delta >= timedelta(hours=24):
            raise ValueError(f"offset out of range: {name}")
        return timezone(-delta if sign == "-" else delta)
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):  # OSError: e.g. a tz directory name
        raise ValueError(f"unknown time zone: {name}") from None
