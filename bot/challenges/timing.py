"""Posting times in a learner's or class's own time zone, daylight-saving changes included.

A time that does not exist on a spring-forward day (02:30 in Europe/London) posts an hour later
in wall time; a time that happens twice on a fall-back day posts at the first one.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

_CLOCK = re.compile(r"^([01]?\d|2[0-3])[:.h]([0-5]\d)$")


def parse_clock(text: str) -> time | None:
    """'7:30', '07:30', '19.05' → a time; None for anything else."""
    match = _CLOCK.match(text.strip())
    if not match:
        return None
    return time(int(match.group(1)), int(match.group(2)))


# what a learner in China types; the IANA database names the zone after Shanghai
_ALIASES = {"beijing": "Asia/Shanghai", "china": "Asia/Shanghai", "peking": "Asia/Shanghai"}


@cache
def _known_zones() -> dict[str, str]:
    """Lower-case IANA name, and lower-case city where only one zone has it → the IANA name."""
    names = {name.lower(): name for name in available_timezones()}
    cities: dict[str, list[str]] = {}
    for name in names.values():
        if "/" in name:
            cities.setdefault(name.rsplit("/", 1)[1].lower(), []).append(name)
    for city, zones in cities.items():
        if len(zones) == 1 and city not in names:
            names[city] = zones[0]
    names.update((alias, name) for alias, name in _ALIASES.items() if name in names.values())
    return names


def zone_name(text: str) -> str | None:
    """The IANA name a learner means: 'asia/shanghai', 'Shanghai', 'new york' → its right case."""
    if not text or len(text) > 64 or not text.isascii() or ".." in text:
        return None
    return _known_zones().get(text.strip().lower().replace(" ", "_"))


def zone(name: str) -> ZoneInfo | None:
    """A time zone by IANA name ('Europe/London', 'UTC'), or None when unknown."""
    canonical = zone_name(name)
    if canonical is None:
        return None
    try:
        return ZoneInfo(canonical)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return None


def occurrence(day: date, at: time, tz: ZoneInfo) -> datetime:
    """When `at` on local `day` happens, in UTC."""
    return datetime.combine(day, at, tzinfo=tz).astimezone(UTC)


def local_date(moment: datetime, tz: ZoneInfo) -> date:
    return moment.astimezone(tz).date()


def next_occurrence(after: datetime, at: time, tz: ZoneInfo) -> datetime:
    """The first time `at` happens strictly after `after` (UTC)."""
    start = local_date(after, tz) - timedelta(days=1)
    for offset in range(4):
        candidate = occurrence(start + timedelta(days=offset), at, tz)
        if candidate > after:
            return candidate
    raise AssertionError("a local time happens at least once in three days")


def parse_when(
    words: list[str], default_time: str, default_zone: str
) -> tuple[str, str, str | None]:
    """(HH:MM, zone name, the first unreadable word or None) from '07:30 Europe/London'.

    Both parts are optional and may come in any order; missing ones take the defaults.
    """
    at, tz = default_time, default_zone
    for word in words:
        clock = parse_clock(word)
        if clock is not None:
            at = clock.strftime("%H:%M")
        elif (name := zone_name(word)) is not None:
            tz = name
        else:
            return at, tz, word
    return at, tz, None
