"""/settings: level, Chinese gloss on/off, time zone (for streaks and reminders)."""

from __future__ import annotations

from bot.challenges.timing import zone_name
from bot.conversation.context import Context
from bot.conversation.markup import bold
from bot.conversation.messages import Button, Reply
from bot.conversation.router import callback, command
from bot.learning.dictionary import LEVELS


@command(
    "settings",
    usage="/settings [level A2 | chinese on | timezone Asia/Shanghai]",
    example="/settings chinese on",
    zh="设置",
    private=True,
)
async def settings(context: Context) -> list[Reply]:
    """See or change your settings: level, Chinese translation, time zone."""
    words = context.args.split()
    if len(words) >= 2:
        return await change(context, words[0].lower(), " ".join(words[1:]))
    if words:
        return [
            context.tell(
                "Tell me what to change, for example: /settings level A2",
                "例如：/settings level A2",
                ephemeral=True,
            )
        ]
    return [await show(context)]


async def show(context: Context) -> Reply:
    current = await context.services.users.settings(context.learner)
    chinese = current.get("chinese", context.wants_chinese)
    lines = [
        "Your settings:",
        f"Level: {bold(current.get('level', 'not set'))}",
        f"Chinese translation: {bold('on' if chinese else 'off')}",
        f"Time zone: {bold(current.get('timezone', 'UTC'))}",
        "Change the time zone with /settings timezone Europe/London",
    ]
    buttons = (
        (
            Button(
                f"中文 {'off' if chinese else 'on'}", f"set:chinese:{'off' if chinese else 'on'}"
            ),
        ),
        tuple(Button(level, f"set:level:{level}") for level in LEVELS),
    )
    return Reply("\n".join(lines), buttons=buttons, ephemeral=True)


async def change(context: Context, key: str, value: str) -> list[Reply]:
    users = context.services.users
    if key == "level" and value.upper() in LEVELS:
        await users.update_settings(context.learner, level=value.upper())
    elif key == "level":
        return [
            context.tell(
                f"{bold(value[:20])} is not a level. Choose one of {', '.join(LEVELS)}: "
                "A1 is a beginner, C2 nearly a native speaker. Example: /settings level A2",
                f"没有这个等级。可选：{'、'.join(LEVELS)}。例如：/settings level A2",
                ephemeral=True,
            )
        ]
    elif key == "chinese" and value.lower() in ("on", "off"):
        await users.update_settings(context.learner, chinese=value.lower() == "on")
    elif key in ("timezone", "tz", "zone"):
        name = zone_name(value)
        if name is None:
            return [
                context.tell(
                    f"I don't know the time zone {bold(value[:40])}. Try "
                    "one like Asia/Shanghai or Europe/London.",
                    "不认识这个时区，例如 Asia/Shanghai。",
                    ephemeral=True,
                )
            ]
        await users.update_settings(context.learner, timezone=name)
    else:
        return [
            context.tell(
                "I can change: level (A1-C2), chinese (on/off), timezone. "
                "Example: /settings chinese on",
                "可以设置：level、chinese、timezone。",
                ephemeral=True,
            )
        ]
    return [await show(context)]


@callback("set")
async def settings_button(context: Context) -> list[Reply]:
    key, _, value = context.args.partition(":")
    return await change(context, key, value)
