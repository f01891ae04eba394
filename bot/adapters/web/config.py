"""The web chat's config section (`[web]`) (the registry entry is in the package)."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from pydantic import Field, SecretStr, model_validator

from bot.adapters.web.auth import is_password_hash
from bot.config_section import Section


class WebSettings(Section):
    # The environment variable every tutorial uses for this platform's token.
    token_variable: ClassVar[str | None] = None

    enabled: bool = True
    host: str = "127.0.0.1"
    port: int = Field(8750, ge=0, le=65535)
    # From `pictolingo teacher-password`; required to open the dashboard, and to listen
    # anywhere but this computer.
    teacher_password_hash: SecretStr = SecretStr("")
    # The address people type to reach the chat when it is served beyond this computer (e.g.
    # "https://pictolingo.school.example"); other Host names are refused (DNS rebinding).
    public_url: str = ""
    # New web learners (chat cookies) one address may start per hour (0 = no limit).
    new_learners_per_hour: int = Field(20, ge=0)
    # Serve HTTPS directly: a certificate and its key (PEM files). Cookies are then Secure.
    tls_cert: str = ""
    tls_key: str = ""
    # Or behind a reverse proxy that terminates HTTPS: its address. Only its X-Forwarded-For
    # and X-Forwarded-Proto headers are believed.
    trusted_proxy: str = ""

    @model_validator(mode="after")
    def _tls_files(self) -> WebSettings:
        if bool(self.tls_cert) != bool(self.tls_key):
            raise ValueError("web.tls_cert and web.tls_key go together: set both or neither")
        for name in ("tls_cert", "tls_key"):
            value = getattr(self, name)
            if value and not Path(value).is_file():
                raise ValueError(f"web.{name}: no file at {value}")
        return self

    @model_validator(mode="after")
    def _password_off_this_computer(self) -> WebSettings:
        stored = self.teacher_password_hash.get_secret_value()
        if stored and not is_password_hash(stored):
            raise ValueError(
                "web.teacher_password_hash is not a password hash; run "
                "`pictolingo teacher-password` and paste the line it prints"
            )
        local = self.host in ("127.0.0.1", "::1", "localhost")
        if self.enabled and not local and not self.teacher_password_hash.get_secret_value():
            raise ValueError(
                f"host {self.host!r} is reachable from other computers, so "
                "web.teacher_password_hash is required (run `pictolingo teacher-password`)"
            )
        return self
