"""A learner's progress: the summary lines and the chart, for /stats and the teacher dashboard."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta

from bot.conversation.texts import counted
from bot.learning.charts import stats_chart
from bot.learning.streaks import current_streak, local_day
from storage.clock import stamp
from storage.learning import LearningStore
from storage.users import UserStore

DAYS = 14


@dataclass(frozen=True)
class ProgressReport:
    lines: list[str]
    chart_png: bytes


async def progress_report(
    learning: LearningStore, users: UserStore, learner: int, now: datetime
) -> ProgressReport:
    settings = await users.settings(learner)
    today = local_day(now, settings.get("timezone"))
    days = [today - timedelta(days=DAYS - 1 - i) for i in range(DAYS)]
    results = {
        r["local_day"]: r for r in await learning.daily_results(learner, days[0].isoformat())
    }
    learned_on = await learning.first_correct_days(learner)
    learned = [sum(1 for d in learned_on if d == day.isoformat()) for day in days]
    accuracy = [
        (results[d.isoformat()]["correct"] or 0) / results[d.isoformat()]["answered"]
        if d.isoformat() in results
        else None
        for d in days
    ]
    due_days = [today + timedelta(days=i) for i in range(7)]
    windows = [
        (
            stamp(datetime.combine(d, time.min, UTC)) if i else "",
            stamp(datetime.combine(d + timedelta(days=1), time.min, UTC)),
        )
        for i, d in enumerate(due_days)
    ]
    ready, *due = await learning.due_counts(learner, [("", stamp(now)), *windows])
    progress = await learning.progress(learner)
    answered = sum(r["answered"] for r in results.values())
    right = sum(r["correct"] or 0 for r in results.values())
    items = await learning.items(learner)
    lines = [
        f"Words and sentences seen: {len(items)} · learned: {len(learned_on)}",
        f"Quiz accuracy (last {DAYS} days): "
        + (f"{round(100 * right / answered)}% of {answered}" if answered else "no quizzes yet"),
        # "due today" alone read as due now, and /review said "Nothing to review right now"
        f"Reviews due now: {ready} · later today: {max(0, due[0] - ready)} · XP: {progress.xp}",
        f"Streak: {counted(current_streak(progress, today), 'day')} (best {progress.best_streak})",
    ]
    png = await asyncio.to_thread(stats_chart, days, learned, accuracy, due_days, due)
    return ProgressReport(lines, png)
