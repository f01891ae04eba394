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

from engine.datafiles import rows

if TYPE_CHECKING:
    from engine.wordnet import Sense

EVERYDAY_THIN = Path(__file__).parent / "data" / "everyday_thin.tsv"
# Glosses a school dictionary would not print, whatever the word.
_NOT_FOR_CHILDREN = re.compile(
    r"street names? for|\bslang\b|\bsexual(ly)?\b(?! reproducti)|prostitut|ethnic slur"
    r"|offensive (term|name)"
    r"|disparaging|derogatory|obscen|vulgar|erotic|genital|intercourse|masturbat|\bpenis\b|vagina"
    r"|informal terms for a \(young\) woman",  # chick, doll, bird: a school book says "girl"
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


def adjectives_lead(senses: list[Sense]) -> list[Sense]:
    """With no corpus count for any meaning, a word with more adjective meanings than noun
    meanings is an adjective first: "crazy" (four) before "someone deranged" (one), "entire"
    before WordNet's uncastrated horse. (Verbs do not lead so: "visa" is no "approve
    officially" first.) Counted senses stay as ranked."""
    if any(sense.count for sense in senses):
        return senses
    sizes = Counter("a" if sense.pos == "s" else sense.pos for sense in senses)
    if sizes["a"] <= sizes["n"]:
        return senses
    return sorted(senses, key=lambda sense: sense.pos not in ("a", "s"))
