"""Discord: slash commands in a class server (discord.py 2.x). Only this package imports discord.

This file registers the platform; nothing here imports the platform library.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.adapters.base import Adapter, DoctorLine, Platform, register

if TYPE_CHECKING:
    from bot.app import App
    from bot.config import Settings


def _build(app: App) -> Adapter:
    from bot.adapters.discord.adapter import DiscordAdapter

    return DiscordAdapter(app.dialogue, app.services, app.settings.discord)


def _doctor(settings: Settings) -> list[DoctorLine]:
    present = bool(settings.discord.token.get_secret_value())
    rows: list[DoctorLine] = [("discord token", "present" if present else "not set", True)]
    if present:
        servers = len(settings.discord.guild_ids)
        where = f"{servers} server(s)" if servers else "global (Discord may take an hour)"
        rows.append(("discord commands", where, True))
    return rows


register(
    Platform(
        name="discord",
        wanted=lambda settings: bool(settings.discord.token.get_secret_value()),
        build=_build,
        doctor=_doctor,
        secrets=lambda settings: [settings.discord.token.get_secret_value()],
    )
)
