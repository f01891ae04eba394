"""/leaderboard: this chat's challenge standings, this week or all time."""

from __future__ import annotations

from bot.challenges.rounds import standings_text, week_start
from bot.conversation.context import Context
from bot.conversation.messages import Reply
from bot.conversation.router import command
from bot.conversation.texts import say


@command(
    "leaderboard",
    usage="/leaderboard [week | all]",
    example="/leaderboard all",
    zh="排行榜",
    instant=True,
)
async def leaderboard(context: Context) -> list[Reply]:
    """See who answered the most challenges right in this chat (this week, or all time)."""
    incoming = context.incoming
    scope = incoming.args.strip().lower()
    if scope not in ("", "week", "all"):
        return [
            context.tell(
                "Use /leaderboard week or /leaderboard all.",
                "用法：/leaderboard week | all",
                ephemeral=True,
            )
        ]
    services = context.services
    since = None if scope == "all" else week_start(services.clock.now())
    standings = await services.challenges.leaderboard(
        incoming.platform, incoming.chat_id, since=since, limit=10
    )
    title = (
        say(incoming, "🏆 All-time leaderboard", "🏆 总排行榜")
        if since is None
        else say(incoming, "🏆 This week's leaderboard", "🏆 本周排行榜")
    )
    return [Reply(standings_text(incoming, title, standings))]
