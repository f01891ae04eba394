"""`pictolingo run` with no tokens: the web chat on this computer, stopped cleanly by Ctrl+C."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]


@pytest.mark.slow
def test_run_without_tokens_serves_the_web_chat_and_stops_on_ctrl_c(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "PICTOLINGO_ENGINE__MODEL": "tiny",
        "PICTOLINGO_WEB__PORT": "0",
        "PYTHONPATH": str(ROOT),
    }
    env.pop("TELEGRAM_BOT_TOKEN", None)
    env.pop("DISCORD_BOT_TOKEN", None)
    with subprocess.Popen(
        [sys.executable, "-m", "bot", "run"],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    ) as server:
        assert server.stdout is not None
        url = None
        deadline = time.monotonic() + 120
        while url is None and time.monotonic() < deadline:
            line = server.stdout.readline()
            found = re.search(r"open (http://127\.0\.0\.1:\d+/)", line)
            url = found.group(1) if found else None
        assert url, "run prints the local address"
        with urllib.request.urlopen(url, timeout=10) as page:
            assert page.status == 200 and b"Pictolingo" in page.read()
        server.send_signal(signal.SIGINT)
        assert server.wait(timeout=30) == 0
        assert "Traceback" not in (server.stderr.read() if server.stderr else "")
