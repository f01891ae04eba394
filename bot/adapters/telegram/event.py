"""Telegram updates → Incoming: commands (also /word@BotName), button presses, typed answers."""

from __future__ import annotations

from telegram import Update

from bot.conversation.messages import ChatKind, Incoming
from bot.conversation.router import parse_command

PLATFORM = "telegram"


def chat_kind(chat_type: str) -> ChatKind:
    return "private" if chat_type == "private" else "group"


def incoming_from(
    update: Update, bot_username: str, *, is_teacher: bool, callback_data: str | None = None
) -> Incoming | None:
    """The neutral message, or None for updates the bot ignores (other bots' commands, joins…)."""
    update_id = str(update.update_id)
    query = update.callback_query
    if query is not None:
        message = query.message
        data = callback_data if callback_data is not None else query.data
        if message is None or not data:
            return None
        return Incoming(
            platform=PLATFORM,
            chat_id=str(message.chat.id),
            user_id=str(query.from_user.id),
            chat_kind=chat_kind(message.chat.type),
            callback=data,
            locale=query.from_user.language_code or "en",
            message_id=str(message.message_id),
            update_id=update_id,
            is_teacher=is_teacher,
        )
    message = update.message
    if message is None or message.from_user is None or message.text is None:
        return None
    text = message.text
    parsed = parse_command(text) if text.startswith("/") else None
    answered = message.reply_to_message
    replies_to_bot = bool(
        answered is not None
        and answered.from_user is not None
        and answered.from_user.username
        and answered.from_user.username.lower() == bot_username.lower()
    )
    if parsed is not None:
        addressed = text.split()[0].partition("@")[2]
        if addressed and addressed.lower() != bot_username.lower():
            return None  # "/word@OtherBot" in a group is for another bot
    return Incoming(
        platform=PLATFORM,
        chat_id=str(message.chat.id),
        user_id=str(message.from_user.id),
        chat_kind=chat_kind(message.chat.type),
        text=text,
        command=parsed[0] if parsed else None,
        args=parsed[1] if parsed else "",
        locale=message.from_user.language_code or "en",
        message_id=str(message.message_id),
        update_id=update_id,
        is_teacher=is_teacher,
        replies_to_bot=replies_to_bot,
    )
