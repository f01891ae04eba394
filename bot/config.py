"""Settings: `config.toml` (documented in `config.example.toml`) plus environment variables.

Secrets (bot tokens) may come from `TELEGRAM_BOT_TOKEN` / `DISCORD_BOT_TOKEN` or any
`PICTOLINGO_<SECTION>__<KEY>` variable, so they never have to be written to a file.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any, Literal

from pydantic import (
    Field,
    ValidationError,
    field_validator,
)
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
)

from bot.adapters.discord.config import DiscordSettings
from bot.adapters.telegram.config import TelegramSettings
from bot.adapters.web.config import WebSettings
from bot.config_section import Section

DEFAULT_CONFIG_FILE = Path("config.toml")


class ConfigError(Exception):
    """A configuration problem, explained in one line that names the key."""


class DataSettings(Section):
    dir: Path = Path("./data")


class EngineSettings(Section):
    model: str = Field("starter", min_length=1)
    preset: str = "auto"
    device: str = Field("auto", pattern=r"^(auto|cpu|mps|cuda(:\d+)?)$")
    dtype: Literal["auto", "float32", "float16", "bfloat16"] = "auto"
    scheduler: str = "auto"
    steps: int | Literal["auto"] = "auto"
    guidance: float | Literal["auto"] = "auto"
    width: int | Literal["auto"] = "auto"
    height: int | Literal["auto"] = "auto"
    threads: int = Field(0, ge=0, le=256)
    # Small-GPU and speed options (checked against the loaded pipeline at start).
    attention_slicing: bool = False
    vae_tiling: bool = False
    cpu_offload: bool = False
    compile: bool = False
    tiny_autoencoder: str = ""
    # "prompt": the same words always get the same picture (and a cache hit); "random": a new one.
    seed: Literal["prompt", "random"] = "prompt"
    # Does each picture show its word? "auto" (the starter's own check; none for other models),
    # "clip:<local folder>" (a CLIP model on disk, any model), or "off".
    picture_check: str = Field("auto", pattern=r"^(auto|off|clip:.+)$")
    picture_check_timeout: float = Field(30.0, gt=0, le=600)
    # For a single .safetensors/.ckpt model: a local diffusers folder of that model's configs
    # (model_index.json and each part's config; no weights needed), so nothing is fetched.
    single_file_config: str = ""
    # Words teachers taught with `pictolingo teach-word` (a folder; loaded at start).
    taught_words: str = "taught-words"

    @field_validator("steps")
    @classmethod
    def _steps_in_range(cls, value: int | str) -> int | str:
        if isinstance(value, int) and not 1 <= value <= 200:
            raise ValueError('must be between 1 and 200, or "auto"')
        return value

    @field_validator("width", "height")
    @classmethod
    def _size_in_range(cls, value: int | str) -> int | str:
        if isinstance(value, int) and (not 16 <= value <= 2048 or value % 8):
            raise ValueError('must be a multiple of 8 between 16 and 2048, or "auto"')
        return value

    @field_validator("guidance")
    @classmethod
    def _guidance_in_range(cls, value: float | str) -> float | str:
        if isinstance(value, float) and not 0 <= value <= 30:
            raise ValueError('must be between 0 and 30, or "auto"')
        return value


class QueueSettings(Section):
    backend: Literal["local", "redis"] = "local"
    max_batch: int = Field(8, ge=1, le=64)
    batch_window_ms: int = Field(0, ge=0, le=5000)
    pending_per_user: int = Field(3, ge=1, le=100)
    max_queued: int = Field(500, ge=1)
    max_attempts: int = Field(3, ge=1, le=20)
    # With backend = "redis": where Redis is, and how long a job may sit with a worker that
    # stopped answering before another worker takes it over.
    redis_url: str = Field("redis://127.0.0.1:6379/0", pattern=r"^rediss?://")
    claim_seconds: int = Field(60, ge=1, le=3600)


class SafetySettings(Section):
    # A StableDiffusionSafetyChecker (folder or hub id) for models without their own checker.
    image_checker: str = ""
    # Fail closed: a picture no check looked at is not sent, unless the operator opts out here.
    allow_unchecked_images: bool = False


class PrivacySettings(Section):
    # Learners who have not written for this many days are deleted with all their data.
    retention_days: int = Field(365, ge=1, le=3650)


class StyleSettings(Section):
    """A picture style learners can choose with /style (a LoRA and/or a prompt pattern)."""

    # A LoRA file (.safetensors) or folder, loaded once beside the base model. "" = none.
    lora: str = ""
    weight: float = Field(0.8, ge=0.0, le=2.0)
    # How the style words the prompt; {} is the picture's subject.
    prompt: str = Field("{}", pattern=r"\{\}")
    description: str = ""


class ChallengeSettings(Section):
    # Time zone for /daily and /challenge when the learner has not set one (IANA name).
    default_timezone: str = "UTC"
    # Posting time when /daily on or /challenge on gives none (local HH:MM).
    default_time: str = Field("08:00", pattern=r"^([01]\d|2[0-3]):[0-5]\d$")
    # A class challenge's answers are revealed this long after it is posted.
    reveal_minutes: int = Field(360, ge=1, le=1440)
    # A posting missed by at most this much (e.g. the bot was restarted) still happens, once.
    grace_hours: int = Field(6, ge=0, le=23)
    # Pictures for the day's words are drawn this long before they are posted.
    prepare_minutes: int = Field(60, ge=0, le=720)
    # Messages in flight at once during a broadcast (each adapter still paces its platform).
    broadcast_concurrency: int = Field(20, ge=1, le=500)

    @field_validator("default_timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        from zoneinfo import ZoneInfo

        try:
            ZoneInfo(value)
        except (ValueError, OSError, KeyError) as error:
            raise ValueError("an IANA time zone such as UTC or Europe/London") from error
        return value


class LimitSettings(Section):
    daily_pictures: int = Field(60, ge=0)
    # Seconds between two new pictures for one learner (cached pictures are instant). 0 = off.
    cooldown_seconds: int = Field(3, ge=0, le=3600)
    # New pictures per minute in one class chat. 0 = no limit.
    group_pictures_per_minute: int = Field(20, ge=0)
    # The same message more often than this per minute is refused before any work.
    same_message_per_minute: int = Field(3, ge=1)
    # Messages and button presses one person may send per minute (0 = no limit).
    messages_per_minute: int = Field(30, ge=0)
    word_max_chars: int = Field(40, ge=1, le=200)
    sentence_max_chars: int = Field(300, ge=1, le=2000)


class LogSettings(Section):
    level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    # Children's messages stay out of logs unless an operator turns this on to debug.
    message_text: bool = False
    # "text" for people, "json" (one object per line) for log collectors.
    format: Literal["text", "json"] = "text"


class AdminSettings(Section):
    # Who may use /status, as "platform:user id" (e.g. "telegram:123456789"). The person at
    # the terminal (`pictolingo chat`) is always an admin.
    users: list[str] = Field(default_factory=list)


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="PICTOLINGO_",
        env_nested_delimiter="__",
        extra="forbid",
        frozen=True,
    )

    data: DataSettings = DataSettings()
    engine: EngineSettings = EngineSettings()
    queue: QueueSettings = QueueSettings()
    limits: LimitSettings = LimitSettings()
    safety: SafetySettings = SafetySettings()
    privacy: PrivacySettings = PrivacySettings()
    challenges: ChallengeSettings = ChallengeSettings()
    styles: dict[str, StyleSettings] = {}
    telegram: TelegramSettings = TelegramSettings()
    discord: DiscordSettings = DiscordSettings()
    web: WebSettings = WebSettings()
    log: LogSettings = LogSettings()
    admin: AdminSettings = AdminSettings()

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        # Environment wins over the file, so a token can be given without editing it.
        return (env_settings, init_settings)

    @property
    def db_path(self) -> Path:
        return self.data.dir / "pictolingo.db"


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc})") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read it ({exc.strerror})") from None


def _well_known_token_variables(raw: dict[str, Any]) -> dict[str, Any]:
    """TELEGRAM_BOT_TOKEN, DISCORD_BOT_TOKEN…: the names every bot tutorial uses."""
    merged = {key: dict(value) if isinstance(value, dict) else value for key, value in raw.items()}
    for section, field in Settings.model_fields.items():
        variable = getattr(field.annotation, "token_variable", None)
        token = os.environ.get(variable) if variable else None
        if token:
            merged.setdefault(section, {})
            if isinstance(merged[section], dict):
                merged[section]["token"] = token
    return merged


def describe_error(error: ValidationError, source: str) -> str:
    """One line: which key, what is wrong, what is allowed. Secrets are never echoed."""
    first = error.errors()[0]
    key = ".".join(str(part) for part in first["loc"]) or "(top level)"
    message = first["msg"].removeprefix("Value error, ")
    if first["type"] == "extra_forbidden":
        message = "unknown key (see config.example.toml for the keys that exist)"
    shown = (
        ""
        if "token" in key or first["type"] == "extra_forbidden"
        else f" (got {first.get('input')!r})"
    )
    more = f" and {error.error_count() - 1} more problem(s)" if error.error_count() > 1 else ""
    return f"config error in {source}: {key}: {message}{shown}{more}"


def load_settings(path: Path | None = None, **overrides: Any) -> Settings:
    """Read settings from `path` (or ./config.toml if present) and the environment."""
    chosen = path or (
        Path(os.environ["PICTOLINGO_CONFIG"]) if "PICTOLINGO_CONFIG" in os.environ else None
    )
    if chosen is None and DEFAULT_CONFIG_FILE.exists():
        chosen = DEFAULT_CONFIG_FILE
    raw: dict[str, Any] = _read_toml(chosen) if chosen else {}
    for section, values in overrides.items():
        raw.setdefault(section, {}).update(values)
    raw = _well_known_token_variables(raw)
    try:
        return Settings(**raw)
    except ValidationError as exc:
        raise ConfigError(describe_error(exc, str(chosen or "the environment"))) from None
