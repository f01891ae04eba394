"""Plain meanings for beginners, written by the project (``data/learner_definitions.tsv``)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

LEARNER_DEFINITIONS = Path(__file__).parent / "data" / "learner_definitions.tsv"


@lru_cache(maxsize=1)
def learner_definitions() -> dict[str, tuple[frozenset[str], str]]:
    """word → (kinds of thing it is about, plain meaning)."""
    found: dict[str, tuple[frozenset[str], str]] = {}
    for line in LEARNER_DEFINITIONS.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            word, kinds, meaning = line.split("\t")
            found[word] = (frozenset(kinds.split("|")), meaning)
    return found
