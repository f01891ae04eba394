"""One light markup that every adapter can render safely: bold spans and plain text, nothing else.

Bold is delimited by the control character STX (\\x02), which validated learner input can never
contain, so nothing a student types can open or close formatting on any platform.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

BOLD = "\x02"
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean(text: str) -> str:
    """Learner text made safe to embed: no control characters, normalized Unicode."""
    return _CONTROL.sub("", unicodedata.normalize("NFC", text))


def bold(text: str) -> str:
    return f"{BOLD}{clean(text)}{BOLD}"


def spans(text: str) -> list[tuple[str, bool]]:
    """[(piece, is_bold), …] in order; an unclosed bold simply ends at the end of the text."""
    return [(piece, index % 2 == 1) for index, piece in enumerate(text.split(BOLD)) if piece]


def render(text: str, escape: Callable[[str], str], bold_open: str, bold_close: str) -> str:
    """Render for a platform: escape every piece, wrap the bold ones."""
    out = []
    for piece, is_bold in spans(text):
        escaped = escape(piece)
        out.append(f"{bold_open}{escaped}{bold_close}" if is_bold else escaped)
    return "".join(out)


def plain(text: str) -> str:
    return text.replace(BOLD, "")


def split_text(text: str, limit: int) -> list[str]:
    """Split on line, then word boundaries so each part fits ``limit`` characters."""
    if len(text) <= limit:
        return [text]
    parts: list[str] = []
    current = ""
    for line in text.split("\n"):
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) <= limit:
            current = candidate
            continue
        if current:
            parts.append(current)
            current = ""
        while len(line) > limit:
            cut = line.rfind(" ", 0, limit)
            cut = cut if cut > limit // 2 else limit
            parts.append(line[:cut])
            line = line[cut:].lstrip(" ")
        current = line
    if current:
        parts.append(current)
    return _rebalance_bold(parts)


def _rebalance_bold(parts: list[str]) -> list[str]:
    """A bold span cut in two is closed at the end of one part and reopened in the next."""
    balanced, open_bold = [], False
    for part in parts:
        text = (BOLD if open_bold else "") + part
        open_bold = text.count(BOLD) % 2 == 1
        balanced.append(text + (BOLD if open_bold else ""))
    return balanced
