"""/stats: how the learner is doing, as a chart and a short summary."""

from __future__ import annotations

from datetime import datetime

from bot.conversation.context import Context
from bot.conversation.messages import Picture, Reply
from bot.conversation.router import command
from bot.learning.report import progress_report


def when(now: datetime, due: datetime) -> str:
    """'now', 'in 3 hours', 'tomorrow', 'in 5 days'."""
    seconds = (due - now).total_seconds()
    if seconds <= 0:
        return "now"
    if seconds <= 60:
        return "in a minute"
    if seconds < 3600:
        return f"in {int(seconds // 60)} minutes"
    if seconds < 86400:
        return f"in {int(seconds // 3600)} hours"
    days = int(seconds // 86400)
    return "tomorrow" if days == 1 else f"in {days} days"


@command("stats", zh="我的进度", private=True, instant=True)
async def stats(context: Context) -> list[Reply]:
    """See your progress: words learned, quiz accuracy, reviews due, streak and XP."""
    services = context.services
    now = services.clock.now()
    report = await progress_report(services.learning, services.users, context.learner, now)
    chart = await services.images.save(
        report.chart_png,
        width=540,
        height=576,
        seed=0,
        params={"chart": "stats", "learner": context.learner, "at": now.isoformat()},
    )
    picture = Picture(
        chart.path,
        chart.id,
        caption="Your progress",
        alt="Charts of words learned, quiz accuracy and reviews due",
    )
    return [Reply("\n".join(report.lines), images=(picture,), ephemeral=True)]
