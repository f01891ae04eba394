"""The English word a learner means by a Chinese word typed after /word (苹果 → apple).

CC-CEDICT's first meaning, made easier by `ChineseGloss.english`, and then the project's own
cards: where the teacher's Chinese written for exactly one English word is the very word typed,
and the card CC-CEDICT led to shows other Chinese, the teacher's word is the one meant. 云 "to
say" (literary; say's card: 说) is a cloud, 页 "head" a page, 胖 "healthy" fat, 例子 "case"
(a box, 盒子) an example, 季节 "time" a season, 能 "can" (a tin, 罐头) could, and 牛奶 "cow's
milk" (no card) milk."""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache
from typing import TYPE_CHECKING

from wordfreq import zipf_frequency

from bot.learning.chinese import PARTICLES
from bot.learning.plain import is_given_name, learner_definitions, teachers_chinese

if TYPE_CHECKING:
    from collections.abc import Callable

    from bot.learning.dictionary import Dictionary

UNLISTED = 7  # a word the learner list lacks counts as harder than C2
# A teacher's word at most this many levels harder than CC-CEDICT's: 圈 stays a circle (hoop
# is C2), 而 "and" (not whereas), 魔法师 a magician (not a mage).
HARDER = 1


@lru_cache(maxsize=1)
def taught_as() -> dict[str, tuple[str, ...]]:
    """Chinese word → the English words whose plain meaning a teacher gave that Chinese (one
    of them: right 对，右). A preposition's 在…后面 is found by its 后面 too, where no word
    has that of its own: 后面 was the back of the body (后背), 期间 "time"."""
    found: dict[str, list[str]] = defaultdict(list)
    around: dict[str, list[str]] = defaultdict(list)
    for word, plain in learner_definitions().items():
        for chinese in plain.typed:
            if chinese:
                found[chinese].append(word)
            inside = chinese.removeprefix("在…")
            if inside != chinese and len(inside) == 2:
                around[inside].append(word)
    for inside, words in around.items():
        found.setdefault(inside, words)
    return {chinese: tuple(words) for chinese, words in found.items()}


def english_for(dictionary: Dictionary, typed: str) -> str | None:
    """The English word whose card to show for the Chinese word `typed`, if any."""
    typed = typed.strip()

    def level(word: str) -> int | None:  # 1 = A1; None: not in the learner list
        return dictionary.level_number(word) if dictionary.levelled(word) else None

    found = dictionary.chinese.english(typed, level, teachers_chinese)

    def ease(word: str) -> tuple[int, float]:  # easier, then commoner, first
        return level(word) or UNLISTED, -zipf_frequency(word, "en")

    taught = min(taught_as().get(typed, ()), key=ease, default=None)
    if taught is not None and found not in taught_as()[typed]:  # 家 home, not family
        if found is None or (" " in found and not dictionary.known(found)):
            return taught  # "cow's milk", "pay money": no card of their own
        card = dictionary.card(found, chinese=True)
        keep = (
            # its card says it too, and it is as easy and common: 借 lend (borrow's card says
            # 借 too, and borrow is easier); 勺子 "scoop" (C2) is a spoon; 客厅 a living room
            (
                card is not None
                and typed in (card.chinese or "").split("，")
                and ease(found) <= ease(taught)
            )
            # 本 "root", not Ben; 简 "simple", not Jane (but 加里 Gary, not "potassium")
            or (is_given_name(taught) and (level(found) or UNLISTED) <= 2)
            or (level(taught) or UNLISTED) > (level(found) or UNLISTED) + HARDER
        )
        if not keep:
            return taught
    if found is None and typed.endswith("儿") and len(typed) > 1:
        return english_for(dictionary, typed[:-1])  # 一点儿, 小孩儿: the northern "r" ending
    if found is None:
        return _plain_meaning(dictionary, typed, level)
    verb, *rest = found.split()
    if len(rest) == 1 and rest[0] in PARTICLES and not dictionary.known(found):
        return verb  # 听 "listen to": listen
    return found


def _plain_meaning(
    dictionary: Dictionary, typed: str, level: Callable[[str], int | None]
) -> str | None:
    """The first one-word meaning where the first meaning has no card (步行 "to go on foot; to
    walk"), if easy and its card shares a character with the word typed (walk's: 散步), so it
    is the same thing said again: 能够 "be capable of; can" is no tin (can's card: 罐头)."""
    words = [word for word in dictionary.chinese.meanings(typed) if " " not in word]
    if not words or (level(words[0]) or UNLISTED) > 2:
        return None  # only the first: 工夫 "spare time; skill; labor" is no labour
    card = dictionary.card(words[0], chinese=True)
    return words[0] if card is not None and set(card.chinese or "") & set(typed) else None
