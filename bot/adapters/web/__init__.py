"""The local web chat and the teacher dashboard (aiohttp; no build step, no external resources).

This file registers the platform; nothing here imports the platform library.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.adapters.base import Adapter, DoctorLine, Platform, register

if TYPE_CHECKING:
    from bot.app import App
    from bot.config import Settings


def _build(app: App) -> Adapter:
    from bot.adapters.web.adapter import WebAdapter

    return WebAdapter(app.dialogue, app.services, app.settings.web)


def _doctor(settings: Settings) -> list[DoctorLine]:
    web = settings.web
    return [("web chat", f"http://{web.host}:{web.port}/" if web.enabled else "off", True)]


register(
    Platform(
        name="web",
        wanted=lambda settings: settings.web.enabled,
        build=_build,
        doctor=_doctor,
        secrets=lambda settings: [settings.web.teacher_password_hash.get_secret_value()],
    )
)
