"""The terminal adapter: chat with Pictolingo in a shell; also the test harness for every command.

Interactive in a TTY. With piped input it reads one message per line, waits for each request's
pictures, prints every reply (text and the saved path of each picture) and exits at the end.
Buttons are shown numbered; typing the number alone presses that button of the latest message.
"""

from __future__ import annotations

import asyncio
import sys
from dataclasses import dataclass, field
from typing import TextIO

from bot.conversation.dialogue import Dialogue
from bot.conversation.markup import plain, render
from bot.conversation.messages import Address, Incoming, Reply

PLATFORM = "terminal"


@dataclass
class Transcript:
    """Everything shown, as plain text, plus the replies themselves (for tests)."""

    lines: list[str] = field(default_factory=list)
    replies: list[Reply] = field(default_factory=list)


class TerminalAdapter:
    platform = PLATFORM

    def __init__(
        self,
        dialogue: Dialogue,
        *,
        out: TextIO | None = None,
        color: bool = False,
        user_id: str = "local",
        chat_id: str = "local",
        locale: str = "en",
        is_teacher: bool = False,
        show_progress: bool = False,
        settle_timeout: float = 600.0,
    ) -> None:
        self.dialogue = dialogue
        self.out = out if out is not None else sys.stdout
        self.color = color
        self.user_id = user_id
        self.chat_id = chat_id
        self.locale = locale
        self.is_teacher = is_teacher
        # The person at the server's terminal runs the bot: /status is theirs to use.
        self.is_admin = True
        self.show_progress = show_progress
        self.settle_timeout = settle_timeout
        self.transcript = Transcript()
        self._buttons: dict[str, str] = {}
        self.button_labels: dict[str, str] = {}
        self._pending: set[str] = set()
        self._settled = asyncio.Event()
        self._settled.set()

    async def __aenter__(self) -> TerminalAdapter:
        return self

    async def __aexit__(self, *exc: object) -> None:
        return None

    @property
    def address(self) -> Address:
        return Address(self.platform, self.chat_id, "private")

    def incoming(self, text: str) -> Incoming:
        """The neutral message for one typed line (a lone number presses that button)."""
        stripped = text.strip()
        common = {
            "platform": self.platform,
            "chat_id": self.chat_id,
            "user_id": self.user_id,
            "locale": self.locale,
            "is_teacher": self.is_teacher,
            "is_admin": self.is_admin,
        }
        if stripped in self._buttons:
            return Incoming(callback=self._buttons[stripped], **common)  # type: ignore[arg-type]
        return Incoming(text=text, **common)  # type: ignore[arg-type]

    async def say(self, text: str) -> list[Reply]:
        """Send one line as the learner; returns the replies shown right away."""
        before = len(self.transcript.replies)
        for reply in await self.dialogue.handle(self.incoming(text)):
            await self.send(self.address, reply)
        return self.transcript.replies[before:]

    async def press(self, label: str) -> list[Reply]:
        """Press the latest button whose label contains `label` (as a learner would)."""
        for number, text in self.button_labels.items():
            if label in text:
                return await self.say(number)
        raise LookupError(f"no button like {label!r} in {list(self.button_labels.values())}")

    async def settle(self) -> None:
        """Wait until every picture asked for so far has arrived (or failed)."""
        await asyncio.wait_for(self._settled.wait(), self.settle_timeout)

    async def send(self, address: Address, reply: Reply) -> None:
        self._track(reply)
        if reply.progress is not None and not self.show_progress:
            return  # progress is a hint; a transcript is easier to read without it
        self.transcript.replies.append(reply)
        for line in self.render(reply):
            self.transcript.lines.append(plain(line))
            print(line, file=self.out, flush=True)

    def _track(self, reply: Reply) -> None:
        if reply.handle and reply.pending:
            self._pending.add(reply.handle)
        for done in (reply.clears, reply.edit_of if not reply.pending else None):
            if done:
                self._pending.discard(done)
        if self._pending:
            self._settled.clear()
        else:
            self._settled.set()

    def render(self, reply: Reply) -> list[str]:
        bold_on, bold_off = ("\x1b[1m", "\x1b[0m") if self.color else ("", "")
        lines = []
        if reply.text:
            lines.extend(render(reply.text, str, bold_on, bold_off).splitlines())
        for picture in reply.images:
            lines.append(f"  🖼  picture: {picture.path.absolute()}")
        if reply.audio is not None:
            lines.append(f"  🔊 audio: {reply.audio.absolute()}")
        for attachment in reply.files:
            lines.append(f"  📎 file: {attachment.path.absolute()} ({attachment.filename})")
        if reply.buttons:
            # Numbers refer to the buttons of the latest message that has any.
            self._buttons = {}
            self.button_labels = {}
            labels = []
            for row in reply.buttons:
                for button in row:
                    number = str(len(self._buttons) + 1)
                    self._buttons[number] = button.data
                    self.button_labels[number] = button.label
                    labels.append(f"[{number}] {button.label}")
            lines.append("  " + "  ".join(labels))
        return lines

    async def run(self, stream: TextIO, *, interactive: bool) -> None:
        """Read lines until the end of input; in piped mode wait for pictures after each line."""
        while True:
            if interactive:
                print("> ", end="", file=self.out, flush=True)
            line = await asyncio.to_thread(stream.readline)
            if not line:
                break
            text = line.rstrip("\n")
            if not text.strip() and not interactive:
                continue
            if text.strip() in {"/quit", "/exit"}:
                break
            await self.say(text)
            if not interactive:
                await self.settle()
        await self.settle()
