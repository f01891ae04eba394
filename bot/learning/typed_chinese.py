"""The English word a learner means by a Chinese word typed after /word (苹果 → apple).

CC-CEDICT's first meaning, made easier by `ChineseGloss.english`, and then the project's own
cards: where the teacher's Chinese written for exactly one English word is the very word typed,
and the card CC-CEDICT led to shows other Chinese, the teacher's word is the one meant. 云 "to
say" (literary; say's card: 说) is a cloud, 页 "head" a page, 胖 "healthy" fat, 例子 "case"
(a box, 盒子) an example, 季节 "time" a season, 能 "can" (a tin, 罐头) could, and 牛奶 "cow's
milk" (no card) milk. A verb's phrase no card has is its verb (拍手 "clap one's hands": clap).

Then the meaning: a word CC-CEDICT says only as a verb ("to fly") is that word's verb meaning,
not the insect its card leads with (`verb_sense`); one it says only as a thing is the thing
(零钱 "small change", `said_as_thing`); a homograph's Chinese names its meaning (春天 spring the
season, `noun_said`). `bot/pictures/understand.py` weighs these against what would be drawn."""

from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

from wordfreq import zipf_frequency

from bot.learning.chinese import PARTICLES
from bot.learning.chinese_written import meaning_gloss
from bot.learning.meanings import sense_id_of
from bot.learning.plain import is_given_name, learner_definitions, teachers_chinese

if TYPE_CHECKING:
    from collections.abc import Callable

    from bot.learning.dictionary import Dictionary, Meaning
    from engine.wordnet import Sense

UNLISTED = 7  # a word the learner list lacks counts as harder than C2
# A teacher's word at most this many levels harder than CC-CEDICT's: 圈 stays a circle (hoop
# is C2), 而 "and" (not whereas), 魔法师 a magician (not a mage).
HARDER = 1
# How common (wordfreq's zipf) a Chinese word must be to name a verb's meaning on a card.
COMMON_CHINESE = 2.5
# Words of CC-CEDICT's English that say nothing of which meaning is meant ("to deal with sth").
SMALL = frozenset(
    {"to", "a", "an", "the", "of", "on", "in", "at", "for", "with", "by", "from", "into", "up"}
    | {"out", "off", "as", "and", "or", "be", "sth", "sb", "one", "one's", "oneself"}
    | {"something", "somebody", "person", "thing", "make", "take", "put", "get", "give"}
    | {"have", "do", "go", "come", "place", "back"}
)


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
        return _plain_meaning(dictionary, typed, level) or _phrase_head(dictionary, typed, level)
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


# Verbs that say little before "a" thing: "take a walk" is about the walk; nor is a phrase
# with one of them about it ("keep up with", "put in order", "get rid of", "hold a reception").
LIGHT_VERBS = frozenset({"take", "have", "make", "give", "do", "go", "pay", "get", "put"})
LIGHT_VERBS |= {"be", "keep", "turn", "bring", "cause", "set", "come", "form", "draw", "hold"}
LIGHT_VERBS |= {"become", "used"}  # "used for 師傅": a variant's note
# What follows a verb's word in a phrase about that verb: "clap one's hands", "bring sth to sb",
# "hang or suspend" (not "and": "right and wrong", "left and right" are no right).
AFTER_VERB = frozenset({"one's", "sb's", "a", "an", "sth", "sb", "or", "into", "for"})
HEAD_LEVEL = 4  # the hardest word a phrase is taught as: B2 (拍手 "clap one's hands": clap)


def _phrase_head(
    dictionary: Dictionary, typed: str, level: Callable[[str], int | None]
) -> str | None:
    """The easy word a first meaning that is a verb's phrase no card has is about: 拍手 "clap
    one's hands" is clap, 洗手 "wash one's hands" wash (drawn as hands washed), 钓 "fish with a
    hook and bait" fish, 散步 "take a walk" a walk, 打电话 "make a telephone call" a call. Not
    "head of a department", "a period of time" nor "keep up with"."""
    words = dictionary.chinese.first_meaning(typed).split()
    if len(words) < 2:
        return None
    if words[0] in LIGHT_VERBS:  # the thing, or a hard compound's last word ("telephone call")
        thing = " ".join(words[2:])
        heads = [thing, words[-1]] if dictionary.known(thing) else [thing]
        # not a person: 娶 "take a wife" is to marry
        heads = heads if words[1] in ("a", "an") and dictionary.category(thing) != "person" else []
    else:
        verb = words[0] not in SMALL and (words[1] in AFTER_VERB or words[1:3] == ["with", "a"])
        verb = verb and any(sense.pos == "v" for sense in dictionary.senses(words[0]))
        heads = [words[0]] if verb else []
    easy = [h for h in heads if (level(h) or UNLISTED) <= HEAD_LEVEL and dictionary.known(h)]
    return easy[0] if easy else None


def verb_sense(dictionary: Dictionary, typed: str, english: str, lead: str | None) -> str | None:
    """The verb meaning of `english` that `typed` means, where CC-CEDICT says the word only as a
    verb and the card would lead with another part of speech (`lead`: the part of speech of
    the meaning taught; None: the card's own): 飞 "to fly" is flying, not the insect; 喝 "to
    drink" drinking, not a drink; 忍 "to bear; to endure" is "put up with" (bear's card leads
    with the animal, 熊); 举 "to lift" no elevator."""
    if not as_verb(dictionary, typed, english):
        return None
    lead = lead or card_lead(dictionary, english)
    return None if lead in ("verb", None) else said_as_verb(dictionary, typed, english)


def card_lead(dictionary: Dictionary, english: str) -> str | None:
    """The part of speech of the meaning a word's card leads with ("noun", "verb" …)."""
    card = dictionary.card(english)
    if card is None or not card.meanings:
        return None
    return card.plain.part_of_speech if card.plain else card.meanings[0].part_of_speech


def noun_said(dictionary: Dictionary, typed: str, english: str) -> str | None:
    """The noun meaning of `english` a Chinese word names, when one meaning has it as its
    Chinese: 春天 is spring the season (the teacher's word; the question "Which spring?"
    offered only the coil and two springs of water), 蝙蝠 the bat that flies, 指甲 a nail of
    the finger. None when several meanings share it (鹤 and 起重机 are both "crane" by kind; 球棒
    is the gloss of three bats, and one of them is a squash racket)."""
    plain = learner_definitions().get(english.lower())
    if plain is not None and typed in plain.typed and plain.sense_id:
        return plain.sense_id
    found = [
        meaning
        for meaning in dictionary.noun_senses(english)
        if typed in (chinese_of(dictionary, english, meaning) or "").split("，")
    ]
    return found[0].sense_id if len(found) == 1 else None


def chinese_of(dictionary: Dictionary, english: str, meaning: Meaning) -> str | None:
    """The Chinese of one meaning of a word: a teacher's for that meaning, else the commonest
    gloss of its kind (a cricket bat is 球棒, not 蝙蝠), a verb's as `verb_in_chinese` says."""
    written = meaning_gloss(english, meaning.sense_id)
    if written or not dictionary.chinese.available():
        return written
    if meaning.part_of_speech == "verb":
        return verb_in_chinese(dictionary, english, meaning)
    return dictionary.chinese.gloss(english, 1, kind=meaning.category)


def as_verb(
    dictionary: Dictionary, chinese: str, english: str, *, only: bool = True
) -> tuple[str, ...]:
    """A Chinese word's meanings when it says `english` as a verb, `only` as one (解雇 "to fire;
    to sack; …", never "fire" the thing); else ()."""
    said, verb, thing = dictionary.chinese.said_as(chinese, english)
    return said if verb and not (only and thing) else ()


def as_thing(dictionary: Dictionary, chinese: str, english: str) -> tuple[str, ...]:
    """A Chinese word's meanings when it says `english` only as a thing (零钱 "change; small
    change; pocket money", never "to change"); else (). A word that is an adjective too is
    no thing said bare: 冷静 "calm", 酸 "sour", 密切 "close"."""
    said, verb, thing = dictionary.chinese.said_as(chinese, english)
    bare = english in said and not {f"a {english}", f"an {english}"} & set(said)
    if bare and any(sense.pos in "asr" for sense in dictionary.senses(english)):
        return ()
    return said if thing and not verb else ()


def said_as_verb(
    dictionary: Dictionary, chinese: str, english: str, *, only: bool = True, sure: bool = False
) -> str | None:
    """The verb meaning of `english` a Chinese word says, when it says the word only as a verb.
    Of the verb's meanings, the one that fits the Chinese word's other meanings best, WordNet's
    commonest first: 解雇 "to fire; to sack; to dismiss" is "terminate the employment of" (not
    firing a gun), 疲倦 "to tire; tired" is "get tired through overuse" (not "become bored").
    `only`: a word that says `english` as a thing too counts; `sure`: None unless another verb
    meaning of the Chinese word fits it."""
    fit = _fitting(dictionary, as_verb(dictionary, chinese, english, only=only), english, "v")
    return None if fit is None or (sure and not fit.told) else fit.sense_id


def said_as_thing(dictionary: Dictionary, chinese: str, english: str) -> str | None:
    """The noun meaning of `english` a Chinese word says, when it says the word only as a
    thing, chosen as `said_as_verb` chooses, where its other meanings tell (or it has but one):
    零钱 "change; small change; pocket money" is the money, 支票 "check; cheque" the cheque, 点
    "point; dot" a dot; 回报 "return; payback" is no tax return."""
    fit = _fitting(dictionary, as_thing(dictionary, chinese, english), english, "n")
    return fit.sense_id if fit is not None and (fit.told or fit.alone) else None


class Fit(NamedTuple):
    sense_id: str
    told: bool  # another meaning of the Chinese word named it or shared a word with it
    alone: bool  # the only meaning of its part of speech


def _fitting(dictionary: Dictionary, said: tuple[str, ...], english: str, pos: str) -> Fit | None:
    """The meaning of `english` as the part of speech `pos` that fits `said` best."""
    senses = [sense for sense in dictionary.senses(english) if sense.pos == pos] if said else []
    if not senses:
        return None
    senses.sort(key=lambda sense: -sense.count)  # the commonest, not the likeliest picture
    plain = {re.sub(r"^(to|an?|the) ", "", m): m.startswith("to ") == (pos == "v") for m in said}
    own = {m for m, mine in plain.items() if mine} - {english}
    own_words = _words(" ".join(own)) - {english}
    # another part of speech counts by a form of the word (疲倦 "tired") or a phrase of it (健身
    # "physical exercise"), not any word: 举 "move" (in a game) is not lift's "move upwards"
    stem = english[: max(3, len(english) - 1)]
    things = [m for m, mine in plain.items() if not mine]
    other_words = {w for w in _words(" ".join(things)) if w.startswith(stem)} - {english}
    phrases = [m for m in things if " " in m]
    top = max(sense.count for sense in senses)

    def fit(pair: tuple[int, Sense]) -> tuple[int, int, int, bool, int]:
        # another meaning is one of its names (解雇 "to sack"), shares a word with its names or
        # definition, a form of it is in the definition ("tired"), its rank
        position, sense = pair
        names = {lemma.replace("_", " ").lower() for lemma in sense.lemmas}
        defined = _words(sense.definition)
        phrased = sum(phrase in sense.definition for phrase in phrases)
        return (
            len(own & names),
            len(own_words & (defined | _words(" ".join(names)))),
            len(other_words & defined) + phrased,
            # the thing's own verb, where it is nearly as common: 钓 fish "catch … fish" (1 in
            # SemCor), not "seek indirectly" (2); not 喝 "drink excessive amounts of alcohol"
            english in defined and 2 * sense.count >= top,
            -position,
        )

    best = max(enumerate(senses), key=fit)
    return Fit(sense_id_of(best[1]), any(fit(best)[:2]), len(senses) == 1)


def verb_in_chinese(dictionary: Dictionary, english: str, meaning: Meaning) -> str | None:
    """The Chinese a card gives a verb meaning: the word's usual Chinese for its kind of
    meaning, unless that says no verb of it or a verb of another kind (排 a row of seats, for
    row "propel with oars"; 发射 "to fire" a gun, for fire "terminate the employment of"). Then
    a common Chinese word that says this very meaning (`said_as_verb`): first one whose first
    meaning is the word (划 "to row; to paddle"), then one whose other meanings show it (解雇 "to
    fire; to sack"); 练 "to practice; …; to perfect" is no word for perfect "make perfect"."""
    chinese = dictionary.chinese
    usual = chinese.gloss(english, 1, kind=meaning.category)
    said_of_usual = as_verb(dictionary, usual, english, only=False) if usual else ()
    fit = _fitting(dictionary, said_of_usual, english, "v")
    said = fit.sense_id if fit is not None else None
    sense = dictionary.synset(fit.sense_id) if fit is not None and fit.told else None
    if said is not None and (sense is None or sense.lexname == meaning.category):
        return usual  # tell "express in words": 告诉; dry: 干 "dry; to dry"
    found = [
        word
        for word in (chinese.gloss(english, 8, kind="verb.") or "").split("，")
        if word and zipf_frequency(word, "zh") >= COMMON_CHINESE  # not 煻 "to toast"
    ]
    firsts = [c for c in found if as_verb(dictionary, c, english)[:1] == (f"to {english}",)]
    for word in firsts:  # 解雇 for 发射; where another kind is said, only a sure one
        if said_as_verb(dictionary, word, english, sure=said is not None) == meaning.sense_id:
            return word
    for word in found if said is None else ():  # 停止 "to stop" is not left for 卡 "to block"
        if said_as_verb(dictionary, word, english, sure=True) == meaning.sense_id:
            return word
    return usual


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z']+", text.lower())) - SMALL
