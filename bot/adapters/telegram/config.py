"""Telegram's config section (`[telegram]`) (the registry entry is in the package)."""

from __future__ import annotations

import re
from typing import ClassVar, Literal

from pydantic import Field, SecretStr, model_validator

from bot.config_section import Section


class TelegramSettings(Section):
    # The environment variable every tutorial uses for this platform's token.
    token_variable: ClassVar[str | None] = "TELEGRAM_BOT_TOKEN"

    token: SecretStr = SecretStr("")
    base_url: str = "https://api.telegram.org/bot"
    mode: Literal["polling", "webhook"] = "polling"
    webhook_url: str = ""
    webhook_listen: str = "127.0.0.1"
    webhook_port: int = Field(8443, ge=1, le=65535)
    webhook_secret: SecretStr = SecretStr("")
    # Seconds a getUpdates call waits for news (long polling).
    poll_timeout: int = Field(30, ge=0, le=50)

    @model_validator(mode="after")
    def _webhook_needs_a_url_and_a_secret(self) -> TelegramSettings:
        if self.mode != "webhook":
            return self
        if not self.webhook_url.startswith("https://"):
            raise ValueError('mode is "webhook", so webhook_url must be an https:// address')
        secret = self.webhook_secret.get_secret_value()
        if not re.fullmatch(r"[A-Za-z0-9_-]{16,256}", secret):
            # without it anyone who learns the URL can post updates as any learner
            raise ValueError(
                'mode is "webhook", so webhook_secret must be set: 16 to 256 letters, digits, '
                '"_" or "-" (for example from `python3 -c "import secrets; '
                'print(secrets.token_urlsafe(32))"`)'
            )
        return self
