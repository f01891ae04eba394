"""An emoji typed as a word ("/word 🍎"): the English word whose picture it is, if one is."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

# a colour variant's selector and the five skin tones: 👍🏽 is 👍
_VARIANTS = re.compile("[\ufe0e\ufe0f\U0001f3fb-\U0001f3ff]")
_ARTICLE = re.compile(r"^(a|an|the) ")


@cache
def _pictures() -> dict[str, tuple[str, tuple[str, ...]]]:
    """Emoji → (the name of the starter's picture of it, the words that name it): "🚗":
    ("automobile", ("automobile", "car", …))."""
    from engine.starter.additions import drawable_concepts

    found: dict[str, tuple[str, tuple[str, ...]]] = {}
    for concept in drawable_concepts():
        if not concept.emoji or concept.emoji.isascii():
            continue  # an icon: no emoji a learner could type
        words = concept.name.split()
        names = [concept.name, *(_ARTICLE.sub("", c) for c in concept.captions), words[-1]]
        names = [n for n in names if "picture" not in n]
        found[_VARIANTS.sub("", concept.emoji)] = (concept.name, tuple(dict.fromkeys(names)))
    return found


def emoji_word(text: str, draws: Callable[[str], str | None]) -> str | None:
    """The commonest word for the emoji `text` (🍎 → apple, 🚗 → car) that `draws` (a word →
    the picture it draws, None for no word it knows) answers with this very picture; None when
    none does (🐶, the dog's face, is no /word dog)."""
    from wordfreq import zipf_frequency

    found = _pictures().get(_VARIANTS.sub("", text.strip()))
    if found is None:
        return None
    name, words = found
    right = [w for w in words if draws(w) == name]
    return max(right, key=lambda w: zipf_frequency(w, "en")) if right else None
