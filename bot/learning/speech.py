"""Pronunciation audio with espeak-ng (offline), cached as WAV files under the data directory."""

from __future__ import annotations

import asyncio
import hashlib
import shutil
from pathlib import Path

# Recordings kept on disk (each word once; a few KB each).
MAX_FILES = 2000


class Speaker:
    def __init__(self, folder: Path, *, voice: str = "en-us", program: str = "espeak-ng") -> None:
        self.folder = folder
        self.voice = voice
        self.program = shutil.which(program)

    @property
    def available(self) -> bool:
        return self.program is not None

    async def say(self, text: str) -> Path | None:
        """A WAV file of `text` spoken slowly and clearly, or None if espeak-ng is missing."""
        if self.program is None:
            return None
        name = hashlib.sha256(f"{self.voice}|{text}".encode()).hexdigest()[:24]
        path = self.folder / f"{name}.wav"
        if path.exists():
            return path
        self.folder.mkdir(parents=True, exist_ok=True)
        temp = path.with_suffix(".part")
        process = await asyncio.create_subprocess_exec(
            self.program,
            "-v",
            self.voice,
            "-s",
            "130",
            "-w",
            str(temp),
            "--",
            text,
            stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.DEVNULL,
        )
        if await process.wait() != 0 or not temp.exists():
            temp.unlink(missing_ok=True)
            return None
        temp.replace(path)
        await asyncio.to_thread(self._keep_within_bounds)
        return path

    def _keep_within_bounds(self) -> None:
        """At most MAX_FILES recordings: the oldest go first (they are made again if asked)."""
        files = sorted(self.folder.glob("*.wav"), key=lambda p: p.stat().st_mtime)
        for old in files[: max(0, len(files) - MAX_FILES)]:
            old.unlink(missing_ok=True)
