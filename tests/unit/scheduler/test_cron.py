"""Spring cron expressions on croniter: translation, calendar edges and DST (domain/cron.py)."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from conductor.server.domain.cron import CronError, fires_between, next_fire, spring_to_croniter


def ms(*parts: int, tz: str = "UTC") -> int:
    return int(datetime(*parts, tzinfo=ZoneInfo(tz)).timestamp() * 1000)  # type: ignore[misc]


def local(at: int, tz: str) -> str:
    return datetime.fromtimestamp(at / 1000, UTC).astimezone(ZoneInfo(tz)).strftime("%Y-%m-%d %H:%M:%S %Z")


def fires(cron: str, tz: str, after: int, count: int) -> list[str]:
    return [local(t, tz) for t in fires_between(cron, tz, after, 2**62, count)]


@pytest.mark.parametrize(
    ("spring", "croniter_form"),
    [
        ("0 */5 * * * *", "*/5 * * * * 0"),
        ("30 0 12 ? * MON-FRI", "0 12 * * MON-FRI 30"),
        ("0 0 9 ? * 5L", "0 9 * * L5 0"),
        ("0 0 9 ? * 7", "0 9 * * 0 0"),
        ("0 0 9 ? * 5-7", "0 9 * * 5-6,0 0"),
        ("@daily", "0 0 * * * 0"),
        ("@hourly", "0 * * * * 0"),
        ("@WEEKLY", "0 0 * * 0 0"),
        ("  0  0 0 1 1 *  ", "0 0 1 1 * 0"),
    ],
)
def test_translation(spring: str, croniter_form: str) -> None:
    assert spring_to_croniter(spring) == croniter_form


@pytest.mark.parametrize(
    "bad", ["", "* * * * *", "0 0 0 * * * *", "bogus", "0 61 * * * *", "0 0 25 * * *", "@often"]
)
def test_invalid_expressions(bad: str) -> None:
    with pytest.raises(CronError):
        spring_to_croniter(bad)


def test_seconds_field_first() -> None:
    assert fires("15 * * * * *", "UTC", ms(2024, 1, 1), 2) == [
        "2024-01-01 00:00:15 UTC",
        "2024-01-01 00:01:15 UTC",
    ]


def test_strictly_after() -> None:
    assert next_fire("0 0 0 * * *", "UTC", ms(2024, 1, 1)) == ms(2024, 1, 2)


def test_last_day_of_month_and_leap_day() -> None:
    assert fires("0 0 0 L * ?", "UTC", ms(2024, 1, 5), 3) == [
        "2024-01-31 00:00:00 UTC",
        "2024-02-29 00:00:00 UTC",
        "2024-03-31 00:00:00 UTC",
    ]
    # Feb 29th only exists in leap years
    assert fires("0 0 0 29 2 ?", "UTC", ms(2024, 3, 1), 2) == [
        "2028-02-29 00:00:00 UTC",
        "2032-02-29 00:00:00 UTC",
    ]
    # the 31st skips the months without one
    assert fires("0 0 0 31 * ?", "UTC", ms(2024, 4, 1), 2) == [
        "2024-05-31 00:00:00 UTC",
        "2024-07-31 00:00:00 UTC",
    ]


def test_nearest_weekday_and_nth_weekday() -> None:
    # June 15th 2024 is a Saturday: the nearest weekday is Friday the 14th
    assert fires("0 0 9 15W * ?", "UTC", ms(2024, 6, 1), 1) == ["2024-06-14 09:00:00 UTC"]
    # second Friday of March 2024
    assert fires("0 0 9 ? * 5#2", "UTC", ms(2024, 3, 1), 1) == ["2024-03-08 09:00:00 UTC"]
    # last Friday of March 2024
    assert fires("0 0 9 ? * 5L", "UTC", ms(2024, 3, 1), 1) == ["2024-03-29 09:00:00 UTC"]
    # day of month AND day of week, as Spring: the 1st when it is a Monday
    assert fires("0 0 0 1 * MON", "UTC", ms(2024, 1, 2), 1) == [
        "2024-04-01 00:00:00 EDT".replace("EDT", "UTC")
    ]


def test_zone_keeps_wall_clock_time() -> None:
    got = fires("0 0 9 * * *", "America/New_York", ms(2024, 3, 9), 3)
    assert got == ["2024-03-09 09:00:00 EST", "2024-03-10 09:00:00 EDT", "2024-03-11 09:00:00 EDT"]
    assert fires("@daily", "Europe/Berlin", ms(2024, 1, 5, 12), 1) == ["2024-01-06 00:00:00 CET"]


@pytest.mark.parametrize(
    ("tz", "day", "next_day"),
    [("America/New_York", (2024, 3, 10), "2024-03-11"), ("Europe/Berlin", (2024, 3, 31), "2024-04-01")],
)
def test_spring_forward_gap_fires_once(tz: str, day: tuple[int, int, int], next_day: str) -> None:
    hour = 2  # 02:30 does not exist that night in either zone
    got = fires(f"0 30 {hour} * * *", tz, ms(*day, tz=tz) - 86_400_000, 3)
    assert len(got) == 3
    assert got[1].startswith(f"{day[0]}-{day[1]:02d}-{day[2]:02d} 03:30:00")  # shifted past the gap, once
    assert got[2].startswith(f"{next_day} 02:30:00")


@pytest.mark.parametrize("tz", ["America/New_York", "Europe/Berlin"])
def test_fall_back_repeated_time_fires_once(tz: str) -> None:
    day = (2024, 11, 3, 0) if tz == "America/New_York" else (2024, 10, 27, 0)
    repeated = 1 if tz == "America/New_York" else 2  # the hour that happens twice
    start = ms(*day, tz=tz)
    got = fires_between(f"0 30 {repeated} * * *", tz, start, start + 86_400_000 + 3_600_000, 5)
    assert len(got) == 1  # not twice that night
    hourly = fires_between("0 0 * * * *", tz, start, start + 25 * 3_600_000, 30)
    assert len(hourly) == len(set(hourly)) == 24  # 25 real hours that day, one wall hour fires once
    assert hourly == sorted(hourly)


def test_impossible_date_has_no_next() -> None:
    assert next_fire("0 0 0 30 2 ?", "UTC", ms(2024, 1, 1)) is None


def test_unknown_zone() -> None:
    with pytest.raises(CronError):
        next_fire("0 0 0 * * *", "Mars/Olympus", 0)
