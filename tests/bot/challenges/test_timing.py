"""Local posting times through daylight-saving changes."""

from __future__ import annotations

from datetime import UTC, datetime, time

from bot.challenges.timing import next_occurrence, parse_clock, zone, zone_name


def test_clock_times_are_read_leniently_and_strictly() -> None:
    assert parse_clock("7:30") == time(7, 30) and parse_clock("19.05") == time(19, 5)
    for bad in ("24:00", "7", "07:60", "seven", "", "0730", "٠٧:٣٠"):
        assert parse_clock(bad) is None, bad


def test_unknown_or_odd_zones_are_refused() -> None:
    assert zone("Europe/London") is not None
    for bad in ("Mars/Olympus", "../../etc/passwd", "", "x" * 100, "Europe/Lond\x00on"):
        assert zone(bad) is None, bad


def test_zone_names_are_found_in_any_case_and_by_city() -> None:
    assert zone_name("europe/london") == zone_name("London") == "Europe/London"
    assert zone_name("Beijing") == zone_name("SHANGHAI") == "Asia/Shanghai"
    assert zone_name("utc") == "UTC"
    assert zone_name("Olympus") is None


def test_a_missing_local_time_moves_an_hour_on_and_a_double_one_happens_once() -> None:
    london = zone("Europe/London")
    assert london is not None
    spring = next_occurrence(datetime(2026, 3, 29, 0, 0, tzinfo=UTC), time(1, 30), london)
    assert spring == datetime(2026, 3, 29, 1, 30, tzinfo=UTC)  # 02:30 BST: 01:30 never happens
    autumn = next_occurrence(datetime(2026, 10, 25, 0, 0, tzinfo=UTC), time(1, 30), london)
    assert autumn == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)  # the first 01:30 (BST)
    after = next_occurrence(autumn, time(1, 30), london)
    assert after == datetime(2026, 10, 26, 1, 30, tzinfo=UTC)  # not the second 01:30 that day
