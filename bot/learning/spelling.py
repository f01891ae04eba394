"""Spelling help for "Did you mean …?": words said alike, and how rare a word may be."""

from __future__ import annotations

RARE = 2.5  # Zipf frequency below which a word is no "Did you mean" (intima, paramecia)

# Spellings said the same, for `sounds_like`.
SAME_SOUNDS = (("ph", "f"), ("ck", "k"), ("qu", "kw"), ("wh", "w"), ("kn", "n"), ("wr", "r"),
               ("gh", "g"), ("c", "k"), ("z", "s"), ("y", "i"))  # fmt: skip


def sounds_like(word: str) -> str:
    """A rough spelling-by-sound key, so 'elefant' finds 'elephant' and 'fone' finds 'phone'."""
    key = word.lower()
    for before, after in SAME_SOUNDS:
        key = key.replace(before, after)
    collapsed = [ch for i, ch in enumerate(key) if i == 0 or ch != key[i - 1]]
    return "".join(collapsed)
