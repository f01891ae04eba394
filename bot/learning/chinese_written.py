"""The Chinese a card shows beyond CC-CEDICT's ranking: a teacher's word for one meaning of a
word (``data/chinese_meanings.tsv``), and 更/最 for a comparative or superlative."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from engine.datafiles import rows

MEANINGS = Path(__file__).parent / "data" / "chinese_meanings.tsv"


@cache
def _meanings() -> dict[tuple[str, str], str]:
    return {(row[0], row[1]): row[2] for row in rows(MEANINGS) if len(row) >= 3}


def meaning_gloss(word: str, sense_id: str | None) -> str | None:
    """A teacher's Chinese word for this meaning of the word (`data/chinese_meanings.tsv`), where
    the automatic choice would give another meaning's (a stool is 凳子)."""
    return _meanings().get((word.lower(), sense_id or ""))


GRADED = {"comparative of": "更", "superlative of": "最"}


def graded(gloss: str | None, form: tuple[str, str] | None) -> str | None:
    """A comparative's Chinese says "more" with 更 and a superlative "most" with 最: 更大 for
    bigger, 最大 for biggest (the base's own word, 大, was on their cards)."""
    mark = GRADED.get(form[0]) if form else None
    if gloss is None or mark is None or gloss.startswith(tuple(GRADED.values())):
        return gloss
    # a colour's 色 and an adjective's 的 go: 更红 not 更红色, 最亲爱 not 最亲爱的
    return "，".join(mark + _bare(part) for part in gloss.split("，"))


def _bare(word: str) -> str:
    return word[:-1] if len(word) > 1 and word.endswith(("色", "的")) else word
