"""/flags for teachers: what the safety checks refused in this chat, newest first."""

from __future__ import annotations

from bot.conversation.context import Context
from bot.conversation.markup import bold
from bot.conversation.messages import Reply
from bot.conversation.router import command


@command("flags", zh="被拦截的内容", teacher_only=True, private=True, instant=True)
async def flags(context: Context) -> list[Reply]:
    """See the requests and pictures the safety checks stopped in this chat."""
    incoming = context.incoming
    found = await context.services.flags.latest(
        platform=incoming.platform, chat_id=incoming.chat_id, limit=20
    )
    if not found:
        return [
            context.tell(
                "Nothing was stopped in this chat. 👍", "这里没有被拦截的内容。", ephemeral=True
            )
        ]
    lines = [f"Stopped by the safety checks ({len(found)} newest):"]
    for flag in found:
        what = "words" if flag.kind == "prompt" else "picture"
        lines.append(
            f"• {flag.created_at:%d %b %H:%M} · learner {flag.user_id} · {what}: "
            f"{bold(flag.text[:80])} ({flag.reason})"
        )
    return [Reply("\n".join(lines), ephemeral=True)]
