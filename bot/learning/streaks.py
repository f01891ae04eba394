"""Daily streaks with one freeze per week, and XP for correct recall (never for asking)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from storage.learning import Progress

XP_RIGHT = 10
XP_WITH_HELP = 5


def local_day(moment: datetime, timezone: str | None) -> date:
    """The learner's calendar day (their own midnight counts, not the server's)."""
    try:
        zone = ZoneInfo(timezone) if timezone else ZoneInfo("UTC")
    except (ZoneInfoNotFoundError, ValueError):
        zone = ZoneInfo("UTC")
    return moment.astimezone(zone).date()


def iso_week(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def after_correct_answer(progress: Progress, day: date, *, helped: bool) -> Progress:
    """Progress after one correct recall on `day`: XP, and the streak carried or restarted."""
    xp = progress.xp + (XP_WITH_HELP if helped else XP_RIGHT)
    streak, freeze_week = progress.streak, progress.freeze_week
    last = date.fromisoformat(progress.last_day) if progress.last_day else None
    if last == day:
        pass
    elif last == day - timedelta(days=1):
        streak += 1
    elif (
        last == day - timedelta(days=2)
        and progress.streak > 0
        and freeze_week != iso_week(day - timedelta(days=1))
    ):
        # One missed day a week is forgiven: the freeze covers it.
        streak += 1
        freeze_week = iso_week(day - timedelta(days=1))
    else:
        streak = 1
    return Progress(
        xp=xp,
        streak=streak,
        best_streak=max(progress.best_streak, streak),
        last_day=day.isoformat(),
        freeze_week=freeze_week,
    )


def current_streak(progress: Progress, today: date) -> int:
    """The streak as the learner sees it today (0 once it has lapsed beyond a freeze)."""
    if not progress.last_day:
        return 0
    gap = (today - date.fromisoformat(progress.last_day)).days
    if gap <= 1:
        return progress.streak
    if gap == 2 and progress.freeze_week != iso_week(today - timedelta(days=1)):
        return progress.streak
    return 0
