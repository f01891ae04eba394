"""Discord's config section (`[discord]`) and its entry in the platform registry."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import Field, SecretStr

from bot.adapters.base import Adapter, DoctorLine, Platform, register
from bot.config_section import Section

if TYPE_CHECKING:
    from bot.app import App
    from bot.config import Settings


class DiscordSettings(Section):
    token: SecretStr = SecretStr("")
    guild_ids: list[int] = Field(default_factory=list)
    # Members with this role may use class commands (besides those with Manage Server).
    teacher_role: str = "Teacher"
    # Discord's HTTP API; change only for a proxy or a local test server.
    api_base: str = ""


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
        token_variable="DISCORD_BOT_TOKEN",
    )
)
