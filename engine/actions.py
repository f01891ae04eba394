"""Verbs a picture shows: "/word swim" is the person swimming, "/word yawn" a yawning face.

A closed model has no verbs of its own, only pictures of people doing things. A person looked at
each such picture and judged which verb it shows, in which meaning (``engine/data/actions.tsv``);
nothing else is drawn for a verb. Under one of these pictures the quiz's wrong answers are the
other verbs in the table, never one that is true of the picture too (a person in bed "lies").
"""

from __future__ import annotations

import random
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from engine.datafiles import rows
from engine.resolution import Resolution, Resolver
from engine.scene_words import DOING_WITH, FEMALE, GENDERED_ACTIONS, MALE
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


def verb_of(word: str) -> str | None:
    """The table's verb that `word` is ("swims", "swam", "swimming" → swim), if any."""
    from lemminflect import getAllLemmas

    key = " ".join(word.lower().split())
    if key in actions():
        return key
    lemmas = getAllLemmas(key, upos="VERB").get("VERB", ())
    return next((lemma for lemma in lemmas if lemma in actions()), None)


def acted(
    word: str,
    drawable: Collection[str],
    judged_wrong: Collection[tuple[str, str]] = (),
) -> Resolution | None:
    """The picture of the verb `word`, when the loaded model draws it and no one judged it
    wrong for the word."""
    verb = verb_of(word)
    action = actions()[verb] if verb else None
    if action is None or action.concept not in drawable:
        return None
    if (word.lower(), action.concept) in judged_wrong:
        return None
    return Resolution(action.concept, action.concept, "action", sense=action.sense)


@cache
def acted_subjects() -> Mapping[str, Action]:
    """Picture → the verb it shows (one verb a picture; "man dancing" too, for "He dances.")."""
    found = {action.concept: action for action in actions().values()}
    for verb, pictures in GENDERED_ACTIONS.items():
        found.update((picture, actions()[verb]) for picture in pictures if verb in actions())
    return found


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


def both_true(picture: str, other: str) -> bool:
    """Are two pictures of doing both true of one verb ("face with tears of joy" and "loudly
    crying face": the laughing face cries too)? Not for any other picture."""
    one, two = acted_subjects().get(picture), acted_subjects().get(other)
    if one is None or two is None:
        return False
    return two.verb not in wrong_actions(one.verb)


def wrong_answers(word: str, subject: str, rng: random.Random, count: int = 3) -> list[str] | None:
    """Wrong answers under the picture of the verb `word`, in its form ("swam": ran, danced);
    None when `subject` is not the picture of that verb."""
    verb = verb_of(word)
    if verb is None or actions()[verb].concept != subject:
        return None
    others = wrong_actions(verb)
    chosen = rng.sample(others, min(count, len(others)))
    tag = _tag(verb, word.lower())
    return [_inflected(other, tag) for other in chosen] if tag else chosen


def _tag(verb: str, word: str) -> str | None:
    """The form `word` is of `verb` (VBD: "swam"); None for the verb itself ("run", though it
    is its own past participle too)."""
    from lemminflect import getInflection

    if word == verb:
        return None
    return next((t for t in _VERB_TAGS if word in getInflection(verb, t)), None)


def _inflected(verb: str, tag: str) -> str:
    from lemminflect import getInflection

    return next(iter(getInflection(verb, tag)), verb)


_VERB_TAGS = ("VBZ", "VBG", "VBD", "VBN")


# Words after a verb that takes no object, saying where or when ("The boy runs in the park."):
# another verb there reads as English ("The boy sleeps in the park."); before an object it
# would not ("swims a tree"), nor before a way to go ("runs to school": "sleeps to school").
_FOLLOWERS = frozenset(
    {"in", "on", "at", "with", "near", "under", "behind", "beside", "next", "now", "today",
     "here", "there", "every", "again", "and", "but"}
)  # fmt: skip


def doing_swapped(
    sentence: str, doing: str, alone: Callable[[str], bool], rng: random.Random, count: int = 3
) -> list[str]:
    """Wrong sentences under a picture of someone doing `doing` ("running"): the sentence's verb
    changed to other verbs whose pictures are not that one, in its form ("The boy runs." → "The
    boy sleeps."), only where the verb takes no object and `alone(verb)` says a person does
    the new one without one ("pours" needs something poured)."""
    verb = verb_of(doing)
    tokens = sentence.split(" ")
    at = next(
        (i for i, t in enumerate(tokens) if verb and verb_of(t.rstrip(".,!?;:")) == verb), None
    )
    if verb is None or at is None:
        return []
    token = tokens[at]
    bare = token.rstrip(".,!?;:")
    after = tokens[at + 1].lower().rstrip(".,!?;:") if at + 1 < len(tokens) else ""
    if bare == token and after and after not in _FOLLOWERS:
        return []  # "The boy climbs a tree.": "swims a tree" is no English
    tag = _tag(verb, bare.lower())
    others = [o for o in wrong_actions(verb) if alone(o)]
    swapped = []
    for other in rng.sample(others, min(count, len(others))):
        said = _inflected(other, tag) if tag else other
        said = said.capitalize() if bare[:1].isupper() else said
        swapped.append(" ".join([*tokens[:at], said + token[len(bare) :], *tokens[at + 1 :]]))
    return swapped


def done_alone(wordnet: WordNet, verb: str) -> bool:
    """Does a person do the table's verb without an object, in its meaning ("Somebody ----s",
    WordNet's frame 2: "The boy swims.", not "The boy pours.")?"""
    sense = actions()[verb].sense
    return 2 in wordnet.synset(int(sense[1:]), "v", verb).frames


def draws_exactly(resolver: Resolver, name: str) -> bool:
    """Does the model have a picture of exactly this name ("person running")?"""
    drawing = resolver.resolve(name)
    return drawing is not None and drawing.how in ("name", "open") and drawing.subject == name


def doing_picture(
    verb: str, resolver: Resolver, wordnet: WordNet, who: str = ""
) -> tuple[str, str] | None:
    """("running", "person running") when the model has a picture of someone doing it, for a
    sentence's person `who` ("The boy runs."; "The girl dances.": the woman dancing)."""
    from lemminflect import getInflection

    forms = wordnet.base_forms(verb, "v")
    lemma = forms[0][0] if forms else verb
    doing = (getInflection(lemma, "VBG") or (lemma + "ing",))[0]
    female, male = GENDERED_ACTIONS.get(lemma, ("", ""))
    gendered = female if who in FEMALE else male if who in MALE else ""
    for picture in (gendered, _whole_doer(lemma), f"person {doing}"):
        if picture and draws_exactly(resolver, picture):
            return doing, picture
    return None


def doing_with(
    verb: str, thing: str, resolver: Resolver, wordnet: WordNet
) -> tuple[str, str] | None:
    """("riding a horse", "horse riding"): a person's verb and its thing as one picture."""
    lemma = next((form for form, _ in wordnet.base_forms(verb, "v")), verb)
    found = DOING_WITH.get((lemma, thing))
    return found if found is not None and draws_exactly(resolver, found[1]) else None


def _whole_doer(verb: str) -> str:
    """The table's picture of the verb when it shows the whole person doing it ("person in bed"
    for sleep, "person biking" for cycle), to stand for a sentence's person; not a face or hands
    (a crying face is no baby), nor a picture that brings its own thing along (rowing: the
    boat, which "The boy rows a boat." would draw twice)."""
    action = actions().get(verb)
    if action is None or not action.concept.startswith("person "):
        return ""
    return "" if any(verb == done for done, _ in DOING_WITH) else action.concept
