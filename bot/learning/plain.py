"""Plain meanings for beginners, written by the project (``data/learner_definitions.tsv``)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from bot.learning.forms import counted_singular, form_of, plural_noun
from engine.datafiles import rows
from engine.wordnet import WordNet

LEARNER_DEFINITIONS = Path(__file__).parent / "data" / "learner_definitions.tsv"
# The file's parts of speech that WordNet has, as WordNet's letters ("s": adjective satellite).
WORDNET_POS = {"noun": "n", "verb": "v", "adjective": "as", "adverb": "r"}


GIVEN_NAME = "a name for "  # how the file's given names begin ("a name for a girl or a woman")


@dataclass(frozen=True)
class Plain:
    kinds: frozenset[str]  # kinds of thing it is about ("animal", "food"; "other")
    part_of_speech: str  # noun, verb, adjective, adverb, pronoun, preposition, number …
    meaning: str
    chinese: str | None  # a teacher's Chinese word, None when Chinese has none
    sense_id: str | None  # the WordNet sense the meaning describes ("n02084071")
    # every Chinese word the teacher wrote, also one the card leaves out as said already
    # within another (milk: 牛奶，奶 shows 牛奶; /word 奶 finds milk)
    typed: tuple[str, ...] = ()

    @property
    def given_name(self) -> bool:
        """A person's name ("James"): nothing to draw, and written with a capital."""
        return self.meaning.startswith(GIVEN_NAME)


@lru_cache(maxsize=1)
def learner_definitions() -> dict[str, Plain]:
    """word → its plain meaning."""
    return {
        word: Plain(
            frozenset(kinds.split("|")),
            pos,
            meaning,
            _shown(chinese),
            None if sense in ("-", "?") else sense,
            () if chinese == "-" else tuple(chinese.split("，")),
        )
        for word, kinds, pos, meaning, chinese, sense in rows(LEARNER_DEFINITIONS)
    }


def _shown(chinese: str) -> str | None:
    """The Chinese a card shows: each word the teacher wrote but one within an earlier one."""
    if chinese == "-":
        return None
    shown: list[str] = []
    for word in chinese.split("，"):
        if not any(word in earlier for earlier in shown):
            shown.append(word)
    return "，".join(shown)


def teachers_chinese(word: str) -> str | None:
    """The Chinese word a teacher gives for the word's plain meaning, if the project wrote one."""
    plain = learner_definitions().get(word.lower())
    return plain.chinese if plain else None


# "I" and its short forms are always written with a capital ("i" read as a typo on a card).
CAPITAL_I = frozenset({"i", "i'm", "i'll"})


def written(word: str) -> str:
    """The word as it is written in a sentence: "I'm" for "i'm", any other as it is."""
    return word.capitalize() if word in CAPITAL_I else word


def is_given_name(word: str) -> bool:
    """Is the word one of the file's given names ("james", "lucy")?"""
    plain = learner_definitions().get(word.lower())
    return plain is not None and plain.given_name


# Words of grammar: no picture shows "the", "of", "you" or "don't", whatever the model; nor
# one of "five" (an open model's card led with a playing card of five pips): a sentence can.
GRAMMAR_PARTS = frozenset(
    {"determiner", "preposition", "pronoun", "conjunction", "short form", "number"}
)


def shows_nothing(word: str) -> bool:
    """A name or a word of grammar: the file's meaning says no picture can show it."""
    plain = learner_definitions().get(word.lower())
    return plain is not None and (plain.given_name or plain.part_of_speech in GRAMMAR_PARTS)


def own_example(plain: Plain, word: str) -> str | None:
    """The example the project wrote after the meaning's colon ("…: I was born in May"), as a
    sentence, when it is one: three words or more, no list (commas), using the word."""
    from lemminflect import getAllInflections

    _, colon, after = plain.meaning.partition(": ")
    words = after.lower().rstrip("?!").split()
    forms = {word.lower()} | {f.lower() for fs in getAllInflections(word).values() for f in fs}
    # "at home, at six o'clock" is a list; "Luckily, nobody was hurt" a sentence (a capital)
    listed = "," in after and after[-1] not in "?!." and not after[:1].isupper()
    if not colon or listed or len(words) < 3 or not forms & {w.strip(",") for w in words}:
        return None  # "became" is the word "become" (an example may use any of its forms)
    ending = "" if after[-1] in "?!." else "."
    return after[0].upper() + after[1:] + ending


def learner_form(wordnet: WordNet, word: str) -> tuple[str, str] | None:
    """`form_of`, and the plural of a noun the project wrote a plain meaning for even where
    WordNet lists the plural as a word of its own: "years" is year's plural (not "a late time of
    life" first, "These are years."), "colours" colour's (not a flag), "things" thing's."""
    found = form_of(wordnet, word)
    if found is not None or word.lower() in learner_definitions() or not wordnet.available():
        return found
    single = counted_singular(wordnet, word)
    plain = learner_definitions().get(single) if single else None
    return ("plural of", single) if single and plain and plain.part_of_speech == "noun" else None


def plural_plain(wordnet: WordNet, word: str) -> Plain | None:
    """A plural's plain meaning is its singular's noun one ("plates": the dish, not home plate
    in baseball, WordNet's commonest plate)."""
    inflected = learner_form(wordnet, word) if wordnet.available() else None
    # "numbers" is also "he numbers": a plural all the same (the card says so too)
    plural = inflected and inflected[0] == "he/she/it form of" and plural_noun(wordnet, word)
    if inflected is None or (inflected[0] != "plural of" and not plural):
        return None
    plain = learner_definitions().get(inflected[1].lower())
    if plain is None or plain.part_of_speech != "noun":
        return None
    sense = wordnet.synset(int(plain.sense_id[1:]), "n") if plain.sense_id else None
    return None if sense and sense.lemmas[0][:1].isupper() else plain  # marches: not months


def plain_plural(word: str) -> tuple[str, Plain] | None:
    """The plural of a noun only the project's plain meanings know ("apps", "dvds",
    "baristas": WordNet 3.0 lists none of them), with its singular."""
    from lemminflect import getLemma

    lower = word.lower()
    if lower in learner_definitions() or not lower.endswith("s"):
        return None
    for single in getLemma(lower, "NOUN", lemmatize_oov=True):
        plain = learner_definitions().get(single)
        if single != lower and plain and plain.part_of_speech == "noun" and not plain.sense_id:
            return single, plain
    return None
