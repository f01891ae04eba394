"""/status for the people who run the bot: queue, workers, speed, errors, uptime."""

from __future__ import annotations

from datetime import timedelta

from bot.conversation.context import Context
from bot.conversation.messages import Reply
from bot.conversation.router import command
from bot.logs import ERRORS


@command("status", zh="运行状态", admin_only=True, hidden=True, private=True, instant=True)
async def status(context: Context) -> list[Reply]:
    """How the bot is doing: queue depth, workers, pictures per minute, errors, uptime."""
    services = context.services
    now = services.clock.now()
    stats = await services.queue.stats()
    done = await services.jobs.finished_since(now - timedelta(minutes=10), "done")
    failed = await services.jobs.finished_since(now - timedelta(hours=1), "failed")
    uptime = now - services.started_at
    per_image = stats.get("seconds_per_image")
    lines = [
        f"Queue ({stats['backend']}): {stats['waiting']} waiting, {stats['running']} drawing",
        f"Workers: {stats['workers']}"
        + (f" ({', '.join(stats['worker_names'])})" if stats.get("worker_names") else "")
        + (f" · {per_image:.2f} s per picture" if per_image else "")
        + ("" if stats.get("connected", True) else " · Redis unreachable: drawing waits"),
        f"Pictures per minute (last 10 min): {done / 10:.1f}",
        f"Failed pictures (last hour): {failed} · errors logged (last hour): {ERRORS.last_hour()}",
        f"Uptime: {str(uptime).split('.')[0]}",
    ]
    return [Reply("\n".join(lines), ephemeral=True)]
