"""Discord interactions → Incoming: who asked, where, in which language, and as whom."""

from __future__ import annotations

from typing import Any

import discord

from bot.conversation.messages import Incoming

PLATFORM = "discord"


def is_teacher(interaction: discord.Interaction, teacher_role: str) -> bool:
    """Members with Manage Server (the interaction's resolved permissions) or the teacher role."""
    if interaction.permissions.manage_guild:
        return True
    role = teacher_role.strip().lower()
    user = interaction.user
    if not role or not isinstance(user, discord.Member):
        return False
    return any(r.name.lower() == role or str(r.id) == role for r in user.roles)


def incoming_from(interaction: discord.Interaction, teacher_role: str, **what: Any) -> Incoming:
    """A slash command (`command=`, `args=`) or a button press (`callback=`) as neutral input."""
    locale = str(interaction.locale.value if interaction.locale else "en")
    return Incoming(
        platform=PLATFORM,
        chat_id=str(interaction.channel_id),
        user_id=str(interaction.user.id),
        chat_kind="group" if interaction.guild_id else "private",
        locale="zh" if locale.startswith("zh") else "en",
        is_teacher=is_teacher(interaction, teacher_role),
        update_id=f"i{interaction.id}",
        message_id=str(interaction.id),
        **what,
    )
