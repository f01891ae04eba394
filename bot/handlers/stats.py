"""/stats: how the learner is doing, as a chart and a short summary."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, time, timedelta

from bot.context import Context
from bot.learning.charts import stats_chart
from bot.learning.streaks import current_streak, local_day
from bot.messages import Picture, Reply
from bot.router import command
from storage.clock import stamp

DAYS = 14


def when(now: datetime, due: datetime) -> str:
    """'now', 'in 3 hours', 'tomorrow', 'in 5 days'."""
    seconds = (due - now).total_seconds()
    if seconds <= 60:
        return "now"
    if seconds < 3600:
        return f"in {int(seconds // 60)} minutes"
    if seconds < 86400:
        return f"in {int(seconds // 3600)} hours"
    days = int(seconds // 86400)
    return "tomorrow" if days == 1 else f"in {days} days"


@command("stats", zh="我的进度")
async def stats(context: Context) -> list[Reply]:
    """See your progress: words learned, quiz accuracy, reviews due, streak and XP."""
    services = context.services
    learning = services.learning
    settings = await services.users.settings(context.learner)
    now = services.clock.now()
    today = local_day(now, settings.get("timezone"))
    days = [today - timedelta(days=DAYS - 1 - i) for i in range(DAYS)]
    results = {
        r["local_day"]: r
        for r in await learning.daily_results(context.learner, days[0].isoformat())
    }
    learned_on = await learning.first_correct_days(context.learner)
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
    due = await learning.due_counts(context.learner, windows)
    progress = await learning.progress(context.learner)
    answered = sum(r["answered"] for r in results.values())
    right = sum(r["correct"] or 0 for r in results.values())
    items = await learning.items(context.learner)
    summary = [
        f"Words and sentences seen: {len(items)} · learned: {len(learned_on)}",
        f"Quiz accuracy (last {DAYS} days): "
        + (f"{round(100 * right / answered)}% of {answered}" if answered else "no quizzes yet"),
        f"Reviews due today: {due[0]} · XP: {progress.xp}",
        f"Streak: {current_streak(progress, today)} days (best {progress.best_streak})",
    ]
    png = await asyncio.to_thread(stats_chart, days, learned, accuracy, due_days, due)
    chart = await services.images.save(
        png,
        width=540,
        height=576,
        seed=0,
        params={"chart": "stats", "learner": context.learner, "day": today.isoformat()},
    )
    return [
        Reply(
            "\n".join(summary),
            images=(
                Picture(
                    chart.path,
                    chart.id,
                    caption="Your progress",
                    alt="Charts of words learned, accuracy and reviews due",
                ),
            ),
            ephemeral=True,
        )
    ]
