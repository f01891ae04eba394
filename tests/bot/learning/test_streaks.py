from __future__ import annotations

from datetime import UTC, date, datetime

from bot.learning.streaks import after_correct_answer, current_streak, local_day
from storage.learning import Progress


def days(*answers: str) -> Progress:
    progress = Progress()
    for day in answers:
        progress = after_correct_answer(progress, date.fromisoformat(day), helped=False)
    return progress


def test_consecutive_days_build_a_streak_and_xp() -> None:
    progress = days("2026-03-02", "2026-03-02", "2026-03-03", "2026-03-04")
    assert progress.streak == 3 and progress.xp == 40 and progress.best_streak == 3


def test_one_missed_day_a_week_is_frozen() -> None:
    progress = days("2026-03-02", "2026-03-03", "2026-03-05")  # Wednesday 4th missed
    assert progress.streak == 3 and progress.freeze_week == "2026-W10"
    again = after_correct_answer(progress, date(2026, 3, 7), helped=False)  # Friday missed too
    assert again.streak == 1, "only one freeze per week"


def test_a_new_week_brings_a_new_freeze() -> None:
    progress = days(
        "2026-03-02",
        "2026-03-03",
        "2026-03-05",
        "2026-03-06",
        "2026-03-07",
        "2026-03-08",
        "2026-03-10",
    )  # 4th (W10) and 9th (W11) missed
    assert progress.streak == 7


def test_two_missed_days_restart_the_streak() -> None:
    assert days("2026-03-02", "2026-03-03", "2026-03-06").streak == 1


def test_streaks_follow_the_learners_own_midnight() -> None:
    moment = datetime(2026, 3, 2, 23, 30, tzinfo=UTC)
    assert local_day(moment, "UTC") == date(2026, 3, 2)
    assert local_day(moment, "Asia/Shanghai") == date(2026, 3, 3)
    assert local_day(moment, "America/Los_Angeles") == date(2026, 3, 2)
    assert local_day(moment, "Not/AZone") == date(2026, 3, 2)
    # Answers at 23:30 and 00:30 Shanghai time are two days: the streak grows.
    first = local_day(datetime(2026, 3, 2, 15, 30, tzinfo=UTC), "Asia/Shanghai")
    second = local_day(datetime(2026, 3, 2, 16, 30, tzinfo=UTC), "Asia/Shanghai")
    progress = after_correct_answer(Progress(), first, helped=False)
    assert after_correct_answer(progress, second, helped=False).streak == 2


def test_shown_streak_lapses_after_the_freeze() -> None:
    progress = days("2026-03-02", "2026-03-03")
    assert current_streak(progress, date(2026, 3, 4)) == 2
    assert current_streak(progress, date(2026, 3, 5)) == 2  # the freeze still covers one day
    assert current_streak(progress, date(2026, 3, 6)) == 0


def test_help_earns_less_xp() -> None:
    assert after_correct_answer(Progress(), date(2026, 3, 2), helped=True).xp == 5
