"""Telegram's config section (`[telegram]`) and its entry in the platform registry."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from pydantic import Field, SecretStr, model_validator

from bot.adapters.base import Adapter, DoctorLine, Platform, register
from bot.config_section import Section

if TYPE_CHECKING:
    from bot.app import App
    from bot.config import Settings


class TelegramSettings(Section):
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
    def _webhook_needs_a_url(self) -> TelegramSettings:
        if self.mode == "webhook" and not self.webhook_url.startswith("https://"):
            raise ValueError('mode is "webhook", so webhook_url must be an https:// address')
        return self


def _build(app: App) -> Adapter:
    from bot.adapters.telegram.adapter import TelegramAdapter

    return TelegramAdapter(app.dialogue, app.services, app.settings.telegram)


def _doctor(settings: Settings) -> list[DoctorLine]:
    present = bool(settings.telegram.token.get_secret_value())
    rows: list[DoctorLine] = [("telegram token", "present" if present else "not set", True)]
    if present:
        rows.append(("telegram mode", settings.telegram.mode, True))
    return rows


register(
    Platform(
        name="telegram",
        wanted=lambda settings: bool(settings.telegram.token.get_secret_value()),
        build=_build,
        doctor=_doctor,
        secrets=lambda settings: [
            settings.telegram.token.get_secret_value(),
            settings.telegram.webhook_secret.get_secret_value(),
        ],
        token_variable="TELEGRAM_BOT_TOKEN",
    )
)
