"""Plain meanings for beginners, written by the project (``data/learner_definitions.tsv``)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from engine.datafiles import rows

LEARNER_DEFINITIONS = Path(__file__).parent / "data" / "learner_definitions.tsv"


@lru_cache(maxsize=1)
def learner_definitions() -> dict[str, tuple[frozenset[str], str]]:
    """word → (kinds of thing it is about, plain meaning)."""
    return {
        word: (frozenset(kinds.split("|")), meaning)
        for word, kinds, meaning in rows(LEARNER_DEFINITIONS)
    }
