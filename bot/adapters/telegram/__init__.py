"""The Telegram adapter (python-telegram-bot v22): the only code that imports `telegram`.

This file registers the platform; nothing here imports the platform library.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from bot.adapters.base import Adapter, DoctorLine, Platform, register

if TYPE_CHECKING:
    from bot.app import App
    from bot.config import Settings

# Opt in now to PTB's future timedelta durations (retry_after etc.), as its warning asks.
os.environ.setdefault("PTB_TIMEDELTA", "1")


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
    )
)
