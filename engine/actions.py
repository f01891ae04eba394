"""Verbs a picture shows: "/word swim" is the person swimming, "/word clap" two hands clapping.

A closed model has no verbs of its own, only pictures of people doing things. A person looked at
each such picture and judged which verb it shows, in which meaning (``engine/data/actions.tsv``);
nothing else is drawn for a verb. Under one of these pictures the quiz's wrong answers are the
other verbs in the table, never one that is true of the picture too (a person in bed "lies").
"""

from __future__ import annotations

import random
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from engine.datafiles import rows
from engine.resolution import Resolution
from engine.wordnet import WordNet

ACTIONS = Path(__file__).parent / "data" / "actions.tsv"


@dataclass(frozen=True)
class Action:
    verb: str
    sense: str  # the WordNet verb sense the picture shows ("v01960929": travel through water)
    concept: str  # the picture
    shows: str  # what a person saw in it
    also: frozenset[str]  # other verbs true of the picture ("lie" for the person in bed)


@cache
def actions(path: Path = ACTIONS) -> dict[str, Action]:
    """Verb → the picture a person judged to show it."""
    found = {}
    for row in rows(path):
        also = frozenset(row[4].split("|")) if len(row) > 4 and row[4] else frozenset()
        found[row[0]] = Action(row[0], row[1], row[2], row[3], also)
    return found


def verb_of(wordnet: WordNet, word: str) -> str | None:
    """The table's verb that `word` is ("swims", "swam", "swimming" → swim), if any."""
    key = " ".join(word.lower().split())
    table = actions()
    if key in table:
        return key
    return next((base for base, _ in wordnet.base_forms(key, "v") if base in table), None)


def acted(
    wordnet: WordNet,
    word: str,
    drawable: Collection[str],
    judged_wrong: Collection[tuple[str, str]] = (),
) -> Resolution | None:
    """The picture of the verb `word`, when the loaded model draws it and no one judged it
    wrong for the word."""
    verb = verb_of(wordnet, word)
    action = actions()[verb] if verb else None
    if action is None or action.concept not in drawable:
        return None
    if (word.lower(), action.concept) in judged_wrong:
        return None
    return Resolution(action.concept, action.concept, "action", sense=action.sense)


@cache
def acted_subjects() -> Mapping[str, Action]:
    """Picture → the verb it shows (one verb a picture)."""
    return {action.concept: action for action in actions().values()}


def wrong_actions(verb: str) -> list[str]:
    """The table's verbs that are not true of `verb`'s picture, for a quiz's wrong answers."""
    table = actions()
    mine = table[verb]
    return [
        other.verb
        for other in table.values()
        if other.concept != mine.concept
        and other.verb not in mine.also
        and verb not in other.also
        and other.verb != verb
    ]


def wrong_answers(
    wordnet: WordNet, word: str, subject: str, rng: random.Random, count: int = 3
) -> list[str] | None:
    """Wrong answers under the picture of the verb `word`, in its form ("swam": ran, danced);
    None when `subject` is not the picture of that verb."""
    verb = verb_of(wordnet, word)
    if verb is None or actions()[verb].concept != subject:
        return None
    others = wrong_actions(verb)
    chosen = rng.sample(others, min(count, len(others)))
    tag = _tag(verb, word.lower())
    return [_inflected(other, tag) for other in chosen] if tag else chosen


def _tag(verb: str, word: str) -> str | None:
    from lemminflect import getInflection

    return next((t for t in _VERB_TAGS if word in getInflection(verb, t)), None)


def _inflected(verb: str, tag: str) -> str:
    from lemminflect import getInflection

    return next(iter(getInflection(verb, tag)), verb)


_VERB_TAGS = ("VBZ", "VBG", "VBD", "VBN")


def verb_named(word: str) -> str | None:
    """The table's verb a sentence's word is ("dances" → dance), without WordNet."""
    from lemminflect import getAllLemmas

    key = word.lower()
    if key in actions():
        return key
    lemmas = getAllLemmas(key, upos="VERB").get("VERB", ())
    return next((lemma for lemma in lemmas if lemma in actions()), None)
