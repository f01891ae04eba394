"""What every `pictolingo` command shares: the --config option and one-line failures."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer

from bot.config import ConfigError, Settings, load_settings

ConfigOption = Annotated[
    Path | None, typer.Option("--config", "-c", help="Config file (default: ./config.toml).")
]


def fail(message: str, code: int = 2) -> NoReturn:
    typer.echo(f"pictolingo: {message}", err=True)
    raise typer.Exit(code)


def settings_or_exit(config: Path | None, **overrides: Any) -> Settings:
    try:
        return load_settings(config, **overrides)
    except ConfigError as exc:
        fail(str(exc))
