"""WAIT task ``duration`` and ``until`` parsing."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from conductor.server.expressions.durations import parse_duration, parse_until


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("2 seconds", 2),
        ("2s", 2),
        ("1 s", 1),
        ("1 sec", 1),
        ("10 secs", 10),
        ("1 second", 1),
        ("30s", 30),
        ("5 minutes", 300),
        ("1 minute", 60),
        ("30 mins", 1800),
        ("1 min", 60),
        ("2m", 120),
        ("1m 30s", 90),
        ("1m30s", 90),
        ("2 hours", 7200),
        ("1 hour", 3600),
        ("3 hrs", 10800),
        ("1 hr", 3600),
        ("4h", 14400),
        ("1 day", 86400),
        ("2 days", 172800),
        ("1d", 86400),
        ("1d 3h", 97200),
        ("1d 2h 30m", 95400),
        ("1d 2h 3m 4s", 93784),
        ("1D 2H", 93600),
        ("2 HOURS", 7200),
        ("  5 Minutes  ", 300),
        ("0s", 0),
    ],
)
def test_valid_durations(text: str, seconds: int) -> None:
    """Conductor's duration formats, case-insensitive, parts in d/h/m/s order."""
    assert parse_duration(text) == seconds


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "30",
        "1.5h",
        "5 weeks",
        "30s 1m",
        "1h 1d",
        "m",
        "s5",
        "1 ms",
        "-5s",
        "five minutes",
        "2 hours later",
    ],
)
def test_invalid_durations(text: str) -> None:
    """A bare number, unknown units and parts out of order are rejected with a readable message."""
    with pytest.raises(ValueError, match="Not valid duration"):
        parse_duration(text)


def ms(dt: datetime) -> int:
    return int((dt - datetime(1970, 1, 1, tzinfo=UTC)) / timedelta(milliseconds=1))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-01-31 00:00", datetime(2024, 1, 31, tzinfo=UTC)),
        ("2024-01-31 13:45", datetime(2024, 1, 31, 13, 45, tzinfo=UTC)),
        ("2024-1-5 3:07", datetime(2024, 1, 5, 3, 7, tzinfo=UTC)),
        ("2024-01-31", datetime(2024, 1, 31, tzinfo=UTC)),
        ("2024-01-31 00:00 UTC", datetime(2024, 1, 31, tzinfo=UTC)),
        ("2024-01-31 00:00 GMT", datetime(2024, 1, 31, tzinfo=UTC)),
        ("2024-01-31 00:00 +05:30", datetime(2024, 1, 30, 18, 30, tzinfo=UTC)),
        ("2024-01-31 00:00 GMT-08:00", datetime(2024, 1, 31, 8, 0, tzinfo=UTC)),
        ("2024-01-31 00:00 -0800", datetime(2024, 1, 31, 8, 0, tzinfo=UTC)),
        ("2024-01-31 00:00 PST", datetime(2024, 1, 31, 8, 0, tzinfo=UTC)),
        ("2024-07-01 12:00 Europe/Paris", datetime(2024, 7, 1, 10, 0, tzinfo=UTC)),
        ("2024-01-31T00:00:00Z", datetime(2024, 1, 31, tzinfo=UTC)),
        ("2024-01-31T10:20:30.250+02:00", datetime(2024, 1, 31, 8, 20, 30, 250000, tzinfo=UTC)),
        ("2024-01-31T10:20:30", datetime(2024, 1, 31, 10, 20, 30, tzinfo=UTC)),
        ("  2024-01-31 00:00 UTC  ", datetime(2024, 1, 31, tzinfo=UTC)),
    ],
)
def test_valid_until(text: str, expected: datetime) -> None:
    """Conductor's until formats plus ISO-8601; values without a zone are UTC."""
    assert parse_until(text) == ms(expected)


def test_until_without_zone_uses_the_given_zone() -> None:
    """The tz argument applies only to zone-less values."""
    plus_two = timezone(timedelta(hours=2))
    assert parse_until("2024-01-31 02:00", tz=plus_two) == ms(datetime(2024, 1, 31, tzinfo=UTC))
    assert parse_until("2024-01-31", tz=plus_two) == ms(datetime(2024, 1, 30, 22, 0, tzinfo=UTC))
    assert parse_until("2024-01-31 02:00 UTC", tz=plus_two) == ms(datetime(2024, 1, 31, 2, 0, tzinfo=UTC))


@pytest.mark.parametrize(
    "text",
    [
        "",
        "tomorrow",
        "2024-02-30",
        "2024-13-01 00:00",
        "2024-01-31 25:00",
        "2024-01-31 00:00 Mars/Olympus",
        "2024-01-31 00:00 +25:00",
        "2024-01-31 00:00 America",
        "31/01/2024",
        "1706659200",
    ],
)
def test_invalid_until(text: str) -> None:
    """Unparsable values raise ValueError naming the supported formats."""
    with pytest.raises(ValueError, match="Invalid/Unsupported Wait Until format"):
        parse_until(text)
