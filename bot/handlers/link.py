"""/link: use Pictolingo on two platforms as one learner (history, reviews and streak shared)."""

from __future__ import annotations

import logging
import secrets
from datetime import timedelta

from bot.conversation.context import Context
from bot.conversation.markup import bold
from bot.conversation.messages import Reply
from bot.conversation.router import command

ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I/L to mix up
MAX_TRIES_PER_HOUR = 5


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(6))


# Wrong or right, from everyone together: past this many tries in the window, codes reset.
GUESSES_BEFORE_RESET = 30
GUESS_WINDOW = timedelta(minutes=10)
log = logging.getLogger(__name__)


@command(
    "link", usage="/link [code]", example="/link K7P4QX", zh="连接其他平台的账号", private=True
)
async def link(context: Context) -> list[Reply]:
    """Join this account with your account on another app: send /link here, then the code there."""
    services = context.services
    links = services.links
    code = context.args.strip().upper().replace("-", "").replace(" ", "")
    if not code:
        made = new_code()
        await links.create(context.learner, made)
        return [
            context.tell(
                f"Your link code is {bold(made)}. Within 10 minutes, send "
                f"/link {made} from your other app (Telegram, Discord or "
                "the web page). Don't share it with anyone else.",
                f"你的连接码是 {made}，请在 10 分钟内在另一个应用里发送 /link {made}。",
                ephemeral=True,
            )
        ]
    if await links.recent_attempts(context.learner, timedelta(hours=1)) >= MAX_TRIES_PER_HOUR:
        return [
            context.tell(
                "Too many tries. Please wait an hour and make a new code.",
                "尝试次数太多，请一小时后再试。",
                ephemeral=True,
            )
        ]
    await links.record_attempt(context.learner)
    found = await links.owner(code) if code.isalnum() and len(code) == 6 else None
    if found is None and await links.attempts_by_everyone(GUESS_WINDOW) >= GUESSES_BEFORE_RESET:
        # Many learners (or many made-up accounts) trying codes: someone is guessing. Every
        # live code dies; real learners just make a new one.
        log.warning("many /link tries in a few minutes: all open link codes expired")
        await links.expire_all()
    if found is None:
        return [
            context.tell(
                "That code does not work. Check it, or send /link on your "
                "other app to get a new one.",
                "这个码不对。",
                ephemeral=True,
            )
        ]
    owner, valid = found
    if not valid:
        return [
            context.tell(
                "That code has expired (codes last 10 minutes). Send /link "
                "on your other app for a new one.",
                "这个码已经过期了。",
                ephemeral=True,
            )
        ]
    if owner == context.learner:
        return [
            context.tell(
                "That is this account's own code. Send it from your other app instead.",
                "这是本账号自己的码，请在另一个应用里发送。",
                ephemeral=True,
            )
        ]
    await links.merge(code, source=context.learner, target=owner)
    return [
        context.tell(
            "Done! Both apps now share one history, one review plan and one streak.",
            "完成！两个应用现在共用同一个学习记录。",
            ephemeral=True,
        )
    ]
