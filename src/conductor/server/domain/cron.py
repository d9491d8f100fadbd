"""Spring cron expressions (Conductor's scheduler syntax) evaluated with `croniter`.

Spring writes six fields with the seconds first (`sec min hour dom mon dow`) and accepts `?`,
`L`, `W`, `#`, names and macros; croniter takes the seconds as an optional sixth field at the
end and writes "last Friday" as `L5`. `spring_to_croniter` translates; everything else (ranges,
steps, names, `L`, `W`, `#`) croniter already reads the same way.

Times are computed on the schedule's local wall clock and then converted to an instant, so a
daily 09:00 stays 09:00 across DST. A wall time that does not exist (spring-forward gap) fires at
the same offset past the transition (02:30 -> 03:30); one that happens twice (fall-back) fires
once, at its first occurrence.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from croniter import croniter  # type: ignore[import-untyped]  # no stubs or py.typed

MACROS = {
    "@yearly": "0 0 0 1 1 *",
    "@annually": "0 0 0 1 1 *",
    "@monthly": "0 0 0 1 * *",
    "@weekly": "0 0 0 * * 0",
    "@daily": "0 0 0 * * *",
    "@midnight": "0 0 0 * * *",
    "@hourly": "0 0 * * * *",
}

_LAST_DOW = re.compile(r"^([0-7]|[A-Za-z]{3})L$")
# Wall times examined for one answer: more than a per-second cron's look-back across a DST
# change (7,200), and a bound for crons that match only instants the transitions swallow.
_MAX_CANDIDATES = 10_000
# Epoch ms that datetime can hold in any zone (years 2 to 9998), and the longest DST shift.
_MIN_MS = -62_104_060_800_000
_MAX_MS = 253_339_200_000_000
_DST_SPAN_MS = 2 * 3_600_000


class CronError(ValueError):
    pass


def _dow_part(part: str) -> str:
    last = _LAST_DOW.match(part)
    if last:  # Spring `5L` (last Friday of the month) is croniter's `L5`
        day = last.group(1)
        return f"L{'0' if day == '7' else day}"
    if part == "7":  # Spring, like Quartz, also calls Sunday 7; croniter only 0
        return "0"
    if re.fullmatch(r"[0-6]-7", part):
        return f"{part[0]}-6,0"
    return part


def spring_to_croniter(expression: str) -> str:
    """The croniter form of a Spring cron expression; CronError when it is not one."""
    text = " ".join(expression.split())
    text = MACROS.get(text.lower(), text)
    fields = text.split(" ")
    if len(fields) != 6 or not text:
        raise CronError(f'Cron expression must consist of 6 fields (found {len(fields)} in "{expression}")')
    sec, minute, hour, dom, month, dow = (f.replace("?", "*") for f in fields)
    dow = ",".join(_dow_part(p) for p in dow.split(","))
    translated = f"{minute} {hour} {dom} {month} {dow} {sec}"
    try:
        valid = bool(croniter.is_valid(translated))
    except Exception:  # croniter's own parser errors on odd input
        valid = False
    if not valid:
        raise CronError(f"Invalid cron expression: {expression}")
    return translated


def zone(zone_id: str | None) -> ZoneInfo:
    try:
        return ZoneInfo(zone_id or "UTC")
    except (ZoneInfoNotFoundError, ValueError, OSError) as exc:  # OSError: a name too long for a path
        raise CronError(f"Unknown time zone: {zone_id}") from exc


def _instant_ms(local: datetime, tz: ZoneInfo) -> int:
    # fold=0: a repeated wall time means its first occurrence, a missing one the pre-gap offset
    # (which lands as far past the transition as the wall time was into the gap).
    return int(local.replace(tzinfo=tz, fold=0).timestamp() * 1000)


def next_fire(expression: str, zone_id: str | None, after_ms: int) -> int | None:
    """The first fire strictly after `after_ms` (epoch ms), or None when there is none."""
    translated = spring_to_croniter(expression)
    tz = zone(zone_id)
    if not _MIN_MS <= after_ms <= _MAX_MS:
        return None  # outside what datetime can represent: no fire there
    here = datetime.fromtimestamp(after_ms / 1000, UTC).astimezone(tz)
    before = datetime.fromtimestamp(max(after_ms - _DST_SPAN_MS, _MIN_MS) / 1000, UTC).astimezone(tz)
    # The wall time `after_ms` shows, to the second; candidates come from croniter on naive
    # wall times, each converted back and kept only when it is really later.
    local = here.replace(tzinfo=None, microsecond=0)
    if before.utcoffset() != here.utcoffset():
        # Just past a DST change, wall times earlier than `local` may still be ahead in real
        # time (the repeated hour, or a gap time shifted past the transition): look back.
        local -= timedelta(milliseconds=_DST_SPAN_MS)
    it = croniter(translated, local, day_or=False)
    for _ in range(_MAX_CANDIDATES):
        try:
            candidate = it.get_next(datetime)
        except Exception:  # CroniterBadDateError: no such date (Feb 30) within croniter's horizon
            return None
        at = _instant_ms(candidate, tz)
        if at > after_ms:
            return at
    return None


def fires_between(
    expression: str, zone_id: str | None, after_ms: int, until_ms: int, limit: int
) -> list[int]:
    """Up to `limit` fires in (after_ms, until_ms]."""
    out: list[int] = []
    at = after_ms
    while len(out) < limit:
        nxt = next_fire(expression, zone_id, at)
        if nxt is None or nxt > until_ms:
            break
        out.append(nxt)
        at = nxt
    return out
