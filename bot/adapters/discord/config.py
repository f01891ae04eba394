"""Discord's config section (`[discord]`) (the registry entry is in the package)."""

from __future__ import annotations

from typing import ClassVar

from pydantic import Field, SecretStr

from bot.config_section import Section


class DiscordSettings(Section):
    # The environment variable every tutorial uses for this platform's token.
    token_variable: ClassVar[str | None] = "DISCORD_BOT_TOKEN"

    token: SecretStr = SecretStr("")
    guild_ids: list[int] = Field(default_factory=list)
    # Members with this role may use class commands (besides those with Manage Server).
    teacher_role: str = "Teacher"
    # Discord's HTTP API; change only for a proxy or a local test server.
    api_base: str = ""
