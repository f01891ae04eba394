"""Which word a challenge asks about: per level or class list, the same for every chat that day.

Level pools are the concrete, picturable words the starter model was trained on (its concept
captions) that the dictionary knows, up to the level asked for. A word is not used again by the
same pool for ``REPEAT_DAYS`` days (unless a class list is shorter than that).
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from functools import cache, cached_property

from bot.learning.dictionary import LEVELS, Dictionary
from engine.prompt_filter import PromptFilter
from storage.challenges import ChallengeStore

REPEAT_DAYS = 30
MIN_POOL = 40  # a level with fewer words borrows from the next level up


def level_pool(level: str) -> str:
    return f"level:{level.upper()}"


def list_pool(platform: str, chat_id: str) -> str:
    return f"list:{platform}:{chat_id}"


@cache
def picker_for(dictionary: Dictionary, prompt_filter: PromptFilter) -> WordPicker:
    """One picker per loaded dictionary: its word pools are worked out once, not per command."""
    return WordPicker(dictionary, prompt_filter)


class WordPicker:
    def __init__(self, dictionary: Dictionary, prompt_filter: PromptFilter) -> None:
        self.dictionary = dictionary
        self.prompt_filter = prompt_filter

    @cached_property
    def picturable(self) -> dict[str, int]:
        """Single concrete words with a picture the starter model knows → CEFR level number."""
        from engine.starter.additions import drawable_concepts

        words: set[str] = set()
        for concept in drawable_concepts():
            for caption in concept.captions:
                if (
                    caption.isascii()
                    and caption.isalpha()
                    and caption.islower()
                    and len(caption) > 2
                ):
                    words.add(caption)
        # keep "heart", drop "hearts"
        words = {w for w in words if not (w.endswith("s") and w[:-1] in words)}
        return {
            word: self.dictionary.level_number(word)
            for word in sorted(words)
            # its card has a meaning: "zzz", "tada" are drawn, yet no dictionary explains them
            if self.dictionary.explains(word) and not self.prompt_filter.check(word).blocked
        }

    def level_words(self, level: str) -> list[str]:
        top = LEVELS.index(level.upper()) + 1 if level.upper() in LEVELS else 1
        while True:
            words = [w for w, n in self.picturable.items() if n <= top]
            if len(words) >= MIN_POOL or top >= len(LEVELS):
                return words
            top += 1

    async def word_for(
        self, store: ChallengeStore, pool: str, day: date, list_words: list[str] | None = None
    ) -> str | None:
        """The pool's word for `day` (chosen once, then the same for every chat)."""
        key = day.isoformat()
        chosen = await store.word_of_day(pool, key)
        if chosen:
            return chosen
        candidates = list_words if pool.startswith("list:") else self.level_words(pool[6:])
        if not candidates:
            return None
        recent = await store.words_since(pool, (day - timedelta(days=REPEAT_DAYS - 1)).isoformat())
        fresh = [w for w in candidates if w not in recent] or list(candidates)
        word = random.Random(f"{pool}:{key}").choice(sorted(fresh))
        return await store.choose_word_of_day(pool, key, word)
