"""The `pictolingo` command as a newcomer runs it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

ROOT = Path(__file__).parents[2]


def pictolingo(
    *args: str, cwd: Path, stdin: str = "", env: dict[str, str] | None = None, timeout: float = 240
) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "PICTOLINGO_ENGINE__MODEL": "tiny", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        input=stdin,
        cwd=cwd,
        env=environment | {"PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=timeout,
    )


@pytest.mark.slow
def test_piped_chat_prints_each_reply_and_real_png_paths(tmp_path: Path) -> None:
    result = pictolingo(
        "chat",
        cwd=tmp_path,
        stdin="/word apple\n/sentence The cat sleeps on the sofa.\n/history\n",
    )  # with the default config: the person at the terminal is not held by the cooldown
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Drawing apple" in out and "Your pictures (page 1):" in out
    assert "1. The cat sleeps on the sofa. · sentence" in out and "2. apple · word" in out
    paths = [line.split("picture: ", 1)[1] for line in out.splitlines() if "picture: " in line]
    assert len(paths) == 2
    for path in paths:
        with Image.open(path) as image:
            assert image.format == "PNG"
    assert "Traceback" not in result.stderr


def test_bad_config_is_one_line_naming_the_key(tmp_path: Path) -> None:
    (tmp_path / "config.toml").write_text("[queue]\nmax_batch = 'lots'\n")
    result = pictolingo("chat", cwd=tmp_path)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "queue.max_batch" in lines[0] and "Traceback" not in result.stderr


def test_doctor_reports_tokens_as_present_never_their_value(tmp_path: Path) -> None:
    result = pictolingo("doctor", cwd=tmp_path, env={"TELEGRAM_BOT_TOKEN": "123456:TOPSECRET"})
    assert result.returncode == 0, result.stdout + result.stderr
    assert "telegram token" in result.stdout and "present" in result.stdout
    assert "TOPSECRET" not in result.stdout + result.stderr
    assert "tiny (built in, offline)" in result.stdout


def test_doctor_says_how_many_concepts_the_starter_draws(tmp_path: Path) -> None:
    result = pictolingo("doctor", cwd=tmp_path, env={"PICTOLINGO_ENGINE__MODEL": "starter"})
    assert result.returncode == 0, result.stdout + result.stderr
    line = " ".join(result.stdout.split())
    assert "starter (built in, offline), 1608 concepts: 814 shipped, 794 added" in line
    assert "(198 of them with its mend LoRA, 105 from icon sets)" in line
    # and in which other styles it draws how many of them truly
    assert "styles twemoji 690, openmoji 739, fluent 635" in line


def test_doctor_checks_redis_without_showing_its_password(tmp_path: Path) -> None:
    env = {
        "PICTOLINGO_QUEUE__BACKEND": "redis",
        "PICTOLINGO_QUEUE__REDIS_URL": "redis://:REDISSECRET@127.0.0.1:1/0",
    }
    result = pictolingo("doctor", cwd=tmp_path, env=env)
    assert "redis at 127.0.0.1:1/0 unreachable" in result.stdout
    assert "REDISSECRET" not in result.stdout + result.stderr


def test_unknown_command_line_option_is_explained(tmp_path: Path) -> None:
    result = pictolingo("chat", "--nope", cwd=tmp_path)
    assert result.returncode == 2 and "No such option" in result.stderr


def test_doctor_says_an_old_database_is_upgraded_at_the_next_start(tmp_path: Path) -> None:
    import sqlite3

    data = tmp_path / "data"
    data.mkdir()
    with sqlite3.connect(data / "pictolingo.db") as db:
        db.execute("CREATE TABLE users (id INTEGER PRIMARY KEY)")
        db.execute("PRAGMA user_version = 4")
    result = pictolingo("doctor", cwd=tmp_path)
    line = next(line for line in result.stdout.splitlines() if "database" in line)
    assert "schema v4" in line and "upgraded to v" in line and "at the next start" in line
