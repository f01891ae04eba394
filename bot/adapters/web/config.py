"""The web chat's config section (`[web]`) and its entry in the platform registry."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import Field, SecretStr, model_validator

from bot.adapters.base import Adapter, DoctorLine, Platform, register
from bot.config_section import Section

if TYPE_CHECKING:
    from bot.app import App
    from bot.config import Settings


class WebSettings(Section):
    enabled: bool = True
    host: str = "127.0.0.1"
    port: int = Field(8750, ge=0, le=65535)
    # From `pictolingo teacher-password`; required to open the dashboard, and to listen
    # anywhere but this computer.
    teacher_password_hash: SecretStr = SecretStr("")

    @model_validator(mode="after")
    def _password_off_this_computer(self) -> WebSettings:
        local = self.host in ("127.0.0.1", "::1", "localhost")
        if self.enabled and not local and not self.teacher_password_hash.get_secret_value():
            raise ValueError(
                f"host {self.host!r} is reachable from other computers, so "
                "web.teacher_password_hash is required (run `pictolingo teacher-password`)"
            )
        return self


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
