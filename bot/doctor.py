"""`pictolingo doctor`: what the program found, one line per thing; secrets only as yes/no."""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

from bot.adapters.base import platforms
from bot.config import DEFAULT_CONFIG_FILE, Settings
from engine.loading import describe_model
from engine.pipeline import pick_device
from engine.presets import preset_for
from storage.db import migrations


def _data_dir_state(path: Path) -> tuple[str, bool]:
    if not path.exists():
        return f"{path.resolve()} (will be created)", os.access(path.parent.resolve(), os.W_OK)
    return str(path.resolve()), os.access(path, os.W_OK)


def _database_state(path: Path) -> tuple[str, bool]:
    if not path.exists():
        return "not created yet (created on first start)", True
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            learners = conn.execute("SELECT COUNT(*) FROM users").fetchone()[0]
        latest = max(number for number, _, _ in migrations())
        if version < latest:
            return (
                f"{path} (schema v{version}, {learners} learners; "
                f"upgraded to v{latest} at the next start)",
                True,
            )
        if version > latest:
            return (
                f"{path} (schema v{version} is newer than this program's v{latest}; "
                "update Pictolingo)",
                False,
            )
        return f"{path} (schema v{version}, {learners} learners)", True
    except sqlite3.Error as exc:
        return f"{path} cannot be read: {exc}", False


def _redis_state(url: str) -> tuple[str, bool]:
    import redis

    safe = url.split("@")[-1]  # never show a password from the URL
    try:
        client = redis.Redis.from_url(url, socket_timeout=2, socket_connect_timeout=2)
        client.ping()
        workers = len(list(client.scan_iter(match="pictolingo:worker:*")))
        client.close()
    except (redis.RedisError, OSError) as error:
        return f"redis at {safe} unreachable ({type(error).__name__})", False
    return f"redis at {safe}, {workers} worker(s) alive", True


def _picture_check_state(settings: Settings) -> tuple[str, bool]:
    """Are finished pictures checked against their word before they are sent?"""
    spec, model = settings.engine.picture_check, settings.engine.model
    if spec == "off":
        return "off: pictures are sent without checking that they show the word", True
    if spec.startswith("clip:"):
        folder = Path(spec[len("clip:") :]).expanduser()
        if not (folder / "config.json").exists():
            return f"clip model folder {folder} not found (no config.json)", False
        return f"on: CLIP from {folder}", True
    if model == "starter":
        return "on: the starter's own check (its training pictures), one retry", True
    return 'not checked (set [engine] picture_check = "clip:<folder>" to check)', True


def _taught_state(settings: Settings) -> tuple[str, bool]:
    """The words teachers added with `pictolingo teach-word`."""
    from engine.teaching import taught_words

    folder = Path(settings.engine.taught_words)
    words = taught_words(folder)
    if not words:
        return f"none yet ({folder}; add one with pictolingo teach-word)", True
    listed = ", ".join(
        f"{w.word} ({w.method.split(' (')[0]}, {w.pictures} pictures)" for w in words
    )
    return f"{len(words)} in {folder}: {listed}", True


def report(settings: Settings, config: Path | None) -> list[tuple[str, str, bool]]:
    used = config or (DEFAULT_CONFIG_FILE if DEFAULT_CONFIG_FILE.exists() else None)
    rows: list[tuple[str, str, bool]] = [
        ("config", str(used) if used else "none (built-in defaults)", True),
    ]
    rows.append(("data dir", *_data_dir_state(settings.data.dir)))
    rows.append(("database", *_database_state(settings.db_path)))
    try:
        device = pick_device(settings.engine.device)
        rows.append(("device", device, True))
    except ValueError as exc:
        rows.append(("device", str(exc), False))
    try:
        preset = preset_for(settings.engine.model, settings.engine.preset)
        described = describe_model(settings.engine.model)
        if settings.engine.model == "starter":
            from engine.starter.additions import summary

            described += f", {summary()}"
        rows.append(("model", f"{described}, preset {preset.name}", True))
    except ValueError as exc:
        rows.append(("model", str(exc), False))
    rows.append(("picture check", *_picture_check_state(settings)))
    rows.append(("taught words", *_taught_state(settings)))
    for platform in platforms():
        rows.extend(platform.doctor(settings))
    if settings.queue.backend == "redis":
        rows.append(("queue", *_redis_state(settings.queue.redis_url)))
    else:
        rows.append(("queue", "local (drawing in this process)", True))
    for tool in ("espeak-ng", "redis-server", "chromium"):
        found = shutil.which(tool)
        rows.append((tool, found or "not installed (optional)", True))
    return rows
