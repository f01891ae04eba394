"""Which meaning of a word to teach, and what the loaded model will draw for it.

A beginner's `/word` is not asked which meaning they mean (except for the classic homographs):
the everyday meaning is taught, or, when the model cannot draw that one, the most everyday
meaning it can draw ("kite" the toy, not the hawk). When no meaning can be drawn, the everyday
meaning is taught without a picture.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.learning.dictionary import Dictionary
from bot.learning.forms import plural_noun
from bot.learning.plain import shows_nothing
from bot.learning.typed_chinese import (
    as_thing,
    as_verb,
    card_lead,
    noun_said,
    said_as_thing,
    verb_sense,
)
from engine.phrases import parse_sense
from engine.resolver import Resolution, Resolver

# The kinds of noun meaning a picture shows as a thing (not an act, an event or a time).
THINGS = frozenset(
    {
        "noun.animal",
        "noun.artifact",
        "noun.body",
        "noun.food",
        "noun.object",
        "noun.person",
        "noun.plant",
        "noun.possession",
        "noun.substance",
    }
)


@dataclass(frozen=True)
class Understanding:
    word: str
    sense_id: str | None  # the meaning the card leads with
    drawing: Resolution | None  # None: the model cannot draw this word (yet)


def understand(
    dictionary: Dictionary, resolver: Resolver, word: str, sense_id: str | None = None
) -> Understanding:
    """`sense_id` is a meaning the learner chose; without it the everyday one is picked."""
    if shows_nothing(word):  # "James", "the", "don't": no picture shows them (any model)
        return Understanding(word, None, None)
    if sense_id is not None:
        drawing = resolver.resolve(word, [sense_id])
        if drawing is not None and _named_for_another(dictionary, resolver, word, drawing):
            # "📖 Other meanings": no father feeding a baby for a crime boss; but the meaning
            # the card leads with is drawn as the card drew it ("Draw again" of an egg)
            usual = understand(dictionary, resolver, word)
            drawing = usual.drawing if usual.sense_id == sense_id else None
        acting = resolver.act(word) if drawing is None else None
        if acting is not None and acting.sense == sense_id:  # "Draw again" of a verb
            drawing = acting
        return Understanding(word, sense_id, drawing)
    meanings = dictionary.everyday_senses(word)
    everyday = meanings[0].sense_id if meanings else None
    drawing = resolver.resolve(word, [m.sense_id for m in meanings])
    if drawing is not None and drawing.sense is None and not meanings:
        # The word is mostly a verb ("watch", "saw") and a picture has its name: when that
        # picture is one of its noun meanings, the card leads with that meaning, not the verb.
        # (A smiling face for "smile" shows the verb: that card stays.)
        # A rare noun meaning counts too: the pickaxe is "pick", but not the "choose" card's.
        # (A thing only: the person running is no "score in baseball" for "runs".)
        nouns = _thing_senses(dictionary, word)
        for as_noun in (resolver.resolve(word, ids) for ids in (nouns, *([n] for n in nouns))):
            if as_noun is not None and as_noun.sense and as_noun.subject == drawing.subject:
                drawing = as_noun
                break
    pinned = word.lower() in resolver.pinned_words  # a person judged it
    if drawing is None and not meanings and (pinned or plural_noun(dictionary.wordnet, word)):
        # A plural that is also a verb's form ("presents", "flies") has no everyday meanings:
        # its common noun meanings may have a picture ("gifts" drew, "presents" did not). Not
        # any word mostly another part of speech: "permit" drew a fish, "primary" a feather.
        nouns = _thing_senses(dictionary, word)
        drawing = resolver.resolve(word, nouns) if nouns else None
    if drawing is None or drawing.sense is None:
        # a verb no noun meaning draws ("swim"; "sneeze": not the symptom), or one drawn from
        # its letters alone ("cry"): the picture a person judged to show it, in its meaning
        drawing = resolver.act(word) or drawing
    chosen = drawing.sense if drawing is not None and drawing.sense else everyday
    return Understanding(word, chosen, drawing)


def _thing_senses(dictionary: Dictionary, word: str) -> list[str]:
    """The word's noun meanings that are things a picture shows."""
    return [m.sense_id for m in dictionary.noun_senses(word) if m.category in THINGS]


def _named_for_another(
    dictionary: Dictionary, resolver: Resolver, word: str, drawing: Resolution
) -> bool:
    """Do the picture's names stand for another meaning of the word? Its captions match every
    meaning of the same kind of thing: "father" as "the head of an organized crime family"
    drew the father feeding a baby, "shoe" a horse's shoe, "bed" a river bed. A picture a
    person judged, or one drawn as four kinds, is not second-guessed."""
    anchors, named = getattr(resolver, "anchors", None), getattr(resolver, "named", None)
    parsed = parse_sense(drawing.sense or "")
    if not anchors or named is None or parsed is None or drawing.how in ("shown", "group"):
        return False
    wordnet = dictionary.wordnet
    forms = {word.lower(), *(form for form, _ in wordnet.base_forms(word.lower(), "n"))}
    nouns = {o for f in forms for o in wordnet.index.get(f.replace(" ", "_"), {}).get("n", ())}
    own = anchors.get(named.get(drawing.subject, -1), set()) & nouns
    return bool(own) and parsed[1] not in own


# Kinds of noun meaning that name the doing itself (a dance, a smile, love): a picture of the
# verb shows them too, so a Chinese noun for one keeps the verb's picture (舞蹈: the dancer).
DOINGS = frozenset({"noun.act", "noun.event", "noun.feeling", "noun.communication"})


def meant_in_chinese(
    dictionary: Dictionary, resolver: Resolver, typed: str, english: str
) -> str | None:
    """The meaning a Chinese word typed after /word picks, where it is not the one the card
    would teach: the verb's, for a word CC-CEDICT says only as a verb (`verb_sense`; the
    picture decides what would be taught: "lift" draws the elevator, but 举 is "to lift"); the
    thing's, for a word it says only as a thing where the card would teach a verb (零钱 "small
    change" is no "to become different", 支票 no "to examine"); and a homograph's that a kind
    of thing has as its Chinese (`noun_said`: 春天 is spring the season, 蝙蝠 the animal)."""
    verb, thing = as_verb(dictionary, typed, english), as_thing(dictionary, typed, english)
    if verb or thing:  # what would be taught: the picture's part of speech, else the card's
        understood = understand(dictionary, resolver, english)
        taught = understood.sense_id
        lead = ("verb" if taught.startswith("v") else "noun") if taught else None
        if verb:
            return verb_sense(dictionary, typed, english, lead)
        if (lead or card_lead(dictionary, english)) == "verb":
            noun = said_as_thing(dictionary, typed, english)
            sense = dictionary.synset(noun) if noun else None
            if sense is not None and (understood.drawing is None or sense.lexname not in DOINGS):
                return noun
    return noun_said(dictionary, typed, english) if dictionary.picture_senses(english) else None
