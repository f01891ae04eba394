"""Which WordNet meanings a child is shown, and which comes first where the corpus cannot say.

WordNet 3.0 lists meanings a school dictionary leaves out (drug slang, sexual senses, slurs):
`for_children` keeps them off cards, quizzes and pictures, for any word that is not itself
blocked, by their glosses and by WordNet's own usage domains (slang, obscenity, disparagement,
ethnic slur; given per word: "stiff" is slang for a dead body, "cadaver" is not). Where
SemCor tagged none of a word's noun meanings more than once, WordNet's order often leads
with a rare one ("whale": a very large person; "toaster": someone who proposes a
toast); ``data/everyday_thin.tsv`` (made by ``scripts/everyday_thin.py``, reviewed by a
person) names the meaning to lead with instead.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from bot.learning.countability import ORDINAL
from engine.datafiles import rows

if TYPE_CHECKING:
    from bot.learning.plain import Plain
    from engine.wordnet import Sense

EVERYDAY_THIN = Path(__file__).parent / "data" / "everyday_thin.tsv"
# Glosses a school dictionary would not print, whatever the word.
_NOT_FOR_CHILDREN = re.compile(
    r"street names? for|\bslang\b|\bsexual(ly)?\b(?! reproducti)|prostitut|ethnic slur"
    r"|offensive (term|name)"
    r"|disparaging|derogatory|obscen|vulgar|erotic|genital|intercourse|masturbat|\bpenis\b|vagina"
    r"|informal terms for a \(young\) woman"  # chick, doll, bird: a school book says "girl"
    # drugs and bodies under everyday words: "tornado" (a form of cocaine), "chalk" and "trash"
    # (an amphetamine), "roach", "crabs" (pubic lice), "high", "fix", "moon" (a verb)
    r"|cocaine|amphetamine derivative|marijuana|hallucinogen|\bpubic\b|narcotics addict"
    r"|injection of a narcotic|induced by alcohol or narcotics|influence of narcotics"
    r"|opium pipe|expose one's buttocks|stripteas"
    # a slur WordNet does not mark: the verb "welsh" (to avoid paying a gambling debt)
    r"|avoiding payment of a gambling debt"
    # sex under everyday words: "swing" (promiscuous sex), "take" and "have" (archaic),
    # "ride", "serve" and "tread" ("mate with"), "score" and "make" ("induce to have sex")
    r"|\b(have|had|having) (unlawful )?sex\b|promiscuous|fornicat|copulat|\bcoit(us|al)\b"
    r"|seduc|\blust(s|ful|fully|y)?\b|\bwhores?\b|whoremonger|brothel|sodom|\bsemen\b"
    r"|^mate with"
    # torture and killing under everyday words: "draw" and "quarter" (pull a person apart
    # with four horses), "chair" (electrocution), "hit" and "remove" (murder), "stone", "hang"
    r"|\btortur|so as to execute him|instrument of execution|kill by (smashing|throwing stones"
    r"|hanging)|murder carried out|kill intentionally and with premeditation|\bbehead"
    r"|disembowel|criminals are executed|someone who may be a threat\) by killing"
    r"|cutting the head off",
    re.IGNORECASE,
)


# WordNet 3.0's usage domains a school dictionary leaves out: disparagement, ethnic slur,
# obscenity, slang ("key": a kilogram of a narcotic drug; "kaffir"; "skinful").
_NOT_FOR_CHILDREN_USAGE = frozenset({6717170, 6718862, 7124340, 7157273})


# WordNet's notes on a word's usage, in brackets: "carbonated drink flavored with extract from
# kola nuts (`dope' is a southernism in the United States)" teaches a child a drug's name.
_USAGE_NOTE = re.compile(r"\s*\([^()]*`[^()]*\)")


def without_usage_notes(definition: str) -> str:
    return _USAGE_NOTE.sub("", definition).strip()


def for_children(definition: str, usage: Collection[int] = ()) -> bool:
    """False for a gloss a school dictionary would leave out ("street names for cocaine"), or
    a meaning WordNet files under slang, obscenity or disparagement (`usage`: domain offsets)."""
    if _NOT_FOR_CHILDREN_USAGE.intersection(usage):
        return False
    return _NOT_FOR_CHILDREN.search(definition) is None


@lru_cache(maxsize=1)
def thin_everyday() -> dict[str, str]:
    """word → the sense id to lead with, for words the corpus counts cannot rank."""
    return {word: sense for word, sense, *_ in rows(EVERYDAY_THIN)}


def adjectives_lead(senses: list[Sense], word: str = "") -> list[Sense]:
    """An adjective first where a child means the adjective, though a noun was ranked first.

    With no corpus count for any meaning, a word with more adjective meanings than noun
    meanings: "crazy" (four) before "someone deranged" (one), "entire" before WordNet's
    uncastrated horse. With counts, a word the corpus tagged more often as an adjective of its
    own than as any noun: "blind" before "the blind" as a group, "general" before the officer,
    "active" before a chemical agent (the picture weight had put the noun first). An adjective
    met only through another word ("stranger" is also "strange" compared) does not count, and
    verbs do not lead so ("visa" is no "approve officially" first)."""
    adjective = ("a", "s")

    def owned(sense: Sense) -> bool:
        return sense.pos in adjective and word in (lemma.lower() for lemma in sense.lemmas)

    if any(sense.count for sense in senses):
        own = sum(sense.count for sense in senses if owned(sense))
        nouns = sum(sense.count for sense in senses if sense.pos == "n")
        if senses[0].pos != "n" or own <= nouns:
            return senses
        return sorted(senses, key=lambda sense: not owned(sense))
    sizes = Counter("a" if sense.pos == "s" else sense.pos for sense in senses)
    ordinal = any(owned(s) and any(ORDINAL.fullmatch(n) for n in s.lemmas) for s in senses)
    if sizes["a"] <= sizes["n"] and not ordinal:  # thirteenth: not "position 13 in a series"
        return senses
    return sorted(senses, key=lambda sense: sense.pos not in adjective)


def plain_first(senses: list[Sense], plain: Plain) -> list[Sense]:
    """The senses with the one the plain meaning describes first: "left" the side before the
    past of leave, the kite that flies before the cheque. None where the plain meaning is no
    WordNet meaning ("-"): "at" is no coin of Laos, "till" no glacial soil, "must" no grape
    juice, and a wrong one would be shown as "More"."""
    return leading(senses, plain.sense_id) if plain.sense_id else []


def leading(senses: list[Sense], sense_id: str | None) -> list[Sense]:
    """The senses with the one `sense_id` names first, the rest in their order."""
    return sorted(senses, key=lambda sense: sense_id_of(sense) != sense_id)


def sense_id_of(sense: Sense) -> str:
    return f"{sense.pos}{sense.offset:08d}"


# The names a learner looks up as words: places, languages, months and days, planets, events
# (the Olympics), beliefs (Christianity); not people ("Paul", "Crane" the writer).
NAMED_THINGS = (
    "noun.location", "noun.communication", "noun.time", "noun.object", "noun.event",
    "noun.cognition",
)  # fmt: skip


# Read among the A1–B2 words a name would lead (2026-12-05): the corpus's American texts count
# the regions more than the directions, and Providence the city more than God's care.
COMMON_FIRST = frozenset(
    ["north", "south", "east", "west", "northwest", "northeast", "southwest", "southeast",
     "providence", "reconstruction"]
)  # fmt: skip


# A person named by where they are from ("Londoner": a native or resident of London).
_FROM = re.compile(r"\b(native|inhabitant|resident|citizen)s? (or \w+ )?of\b")


def named_thing(sense: Sense) -> bool:
    """A name's meaning a card may show: France, English, March, Mars, or "French" itself;
    the Olympics, Christianity; a Londoner (not one person: "Paul")."""
    if sense.pos in ("a", "s") or sense.lexname in NAMED_THINGS:
        return True
    return sense.lexname == "noun.person" and bool(_FROM.search(sense.definition))


_COUNTRY = re.compile(r"\b(state|country|kingdom|province|nation|republic|continent)\b")


def a_country(sense: Sense) -> bool:
    """A place a name means first: Jordan the kingdom (not the river), Victoria the state in
    Australia (not the town in Texas), Erie the lake still (not the port city)."""
    return sense.lexname == "noun.location" and bool(_COUNTRY.search(sense.definition))


def named(sense: Sense, word: str) -> str | None:
    """The word as the meaning's name is written ("France" for france), if it is one."""
    key = word.lower().replace(" ", "_")
    if len(key) > 1 and key in sense.lemmas:
        return None  # ("Moon", "moon"): written small too, as a child writes it (a letter: D)
    names = (n for n in sense.lemmas if n[:1].isupper() and n.lower() == key)
    return next((n.replace("_", " ") for n in names), None)


def proper_noun(sense: Sense, asked: set[str], key: str = "") -> bool:
    """'Crane' the writer, 'Bath' the city: a capitalised lemma for the word asked or its base
    form (not the letter words "T-shirt", "X-ray"; "G-string" stays unknown). A meaning WordNet
    also writes in small letters is no name: ("Moon", "moon") is the Earth's moon, ("D", "d")
    the letter (but "ps" is no plural of the letter p: PS)."""
    if any(n in asked and (len(n) > 1 or n == key) for n in sense.lemmas):
        return False
    names = [n for n in sense.lemmas if n[:1].isupper() and n not in ("T-shirt", "X-ray")]
    return any(name.lower() in asked for name in names)


def distinct(senses: list[Sense]) -> list[Sense]:
    seen: set[str] = set()
    out = []
    for sense in senses:
        key = sense.definition
        if key not in seen:
            seen.add(key)
            out.append(sense)
    return out
