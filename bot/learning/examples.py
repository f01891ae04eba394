"""A card's example: WordNet's own when it is short and fit for a child, else a plain one
("This is an apple.", "I drink milk.", "Can you swim?", "It is very big."). No example is better
than a wrong one: an idea is not pointed at, nor a thing no picture shows.
"""

from __future__ import annotations

import re

from bot.learning.countability import (
    ACTIVITIES,
    ALCOHOL,
    DRINKS,
    GAMES,
    MEALS,
    ORDINAL,
    countable,
    takes_an,
)
from engine.prompt_filter import PromptFilter
from engine.wordnet import Sense

# WordNet quotes writers: "October's bright blue weather"- Helen Hunt Jackson
QUOTED = re.compile(r"[\"“”`]|\s[-–—]+\s*[A-Z]")  # and `tiddler' is a British term for …

# Qualities, states, feelings and ideas: no one points at them ("This is a blackness.", "This
# is a babyhood.", "This is a joy." were on cards). No example is better than a wrong one.
_NOT_POINTED_AT = {
    "noun.attribute", "noun.state", "noun.feeling", "noun.cognition", "noun.process",
    "noun.motive",
}  # fmt: skip


# Kinds of noun pointed at with no picture. "This is a treaty.", "These are tons.", "This is
# a literature." were on cards with no picture: of nothing. Under a picture, "This is a
# ticket." points at it (`pointed`); a group, when counted ("a team", not "a management").
_THINGS = {
    "noun.artifact", "noun.person", "noun.animal", "noun.plant", "noun.food", "noun.body",
    "noun.object", "noun.location", "noun.substance", "noun.shape", None,
}  # fmt: skip


# A plain meaning about one of these kinds of thing (its own column) is pointed at with no
# picture too: WordNet files a coin as a sum, a ticket and a magazine as messages.
POINTED_KINDS = frozenset({"thing", "animal", "food", "body", "person", "place"})

# Kinds of noun that are things only sometimes: an act, a message, an event, a sum.
_ABSTRACT = {
    "noun.act", "noun.communication", "noun.possession", "noun.event", "noun.phenomenon",
    "noun.relation", "noun.quantity", "noun.Tops",
}  # fmt: skip


def _mass(noun: str) -> bool:
    """Is the noun hardly ever counted? Its plural is written a hundred times less often than
    it is (wordfreq): violence, music, weather, but not crime, song or storm."""
    from lemminflect import getInflection
    from wordfreq import zipf_frequency

    plurals = getInflection(noun, "NNS", inflect_oov=True)
    most = max((zipf_frequency(p, "en") for p in plurals if p != noun), default=0.0)
    return most + 2.0 < zipf_frequency(noun, "en")


def noun_example(word: str, lexname: str | None = None, *, pointed: bool = False) -> str | None:
    """A beginner's sentence for a noun that respects countability (None for an idea).
    `pointed`: said under a picture of it, which may be pointed at ("This is a ticket.")."""
    if lexname == "noun.act" and word.lower().endswith("ing"):
        if _doing(word) & _NOT_ASKED:
            return None  # "I like bullying." and "I like hunting." were on cards
        return f"I like {word}."  # swimming, reading: activities, not things
    if lexname == "noun.act" and word.lower() in GAMES:
        return f"I play {word}."
    if lexname == "noun.act" and word.lower() in ACTIVITIES:
        return f"I like {word}."
    if lexname == "noun.food" and word.lower() in MEALS:
        return f"I have {word} every day."
    if lexname in _NOT_POINTED_AT:
        return None
    if countable(word, lexname) and lexname in _ABSTRACT and _mass(word):
        return None  # "This is a violence.", "This is a poetry." were on cards
    seen = pointed or lexname in _THINGS or (lexname == "noun.group" and not _mass(word))
    if countable(word, lexname):
        return f"This is {'an' if takes_an(word) else 'a'} {word}." if seen else None
    if word.lower() in DRINKS:
        return f"I drink {word}."
    if lexname == "noun.time":
        return f"It is {word}."  # noon, midnight
    if lexname in ("noun.food", "noun.plant"):
        return f"I like {word}."
    return f"This is {word}." if seen else None


def _graded(adjective: str) -> bool:
    """Does English say "very" before it? Short adjectives with a comparative of their own do
    ("very big"); "It is very electric." and "It is very digital." were on cards, and a
    comparative is no base ("It is very taller.")."""
    from lemminflect import getInflection, getLemma

    base = getLemma(adjective, "ADJ", lemmatize_oov=False)
    return base[:1] == (adjective,) and bool(getInflection(adjective, "JJR", inflect_oov=False))


def _superlative(adjective: str) -> bool:
    from lemminflect import getInflection, getLemma

    bases = getLemma(adjective, "ADJ", lemmatize_oov=False)
    return any(
        adjective in getInflection(b, "JJS", inflect_oov=False) for b in bases if b != adjective
    )


_MODALS = frozenset(["can", "could", "may", "might", "must", "shall", "should", "will", "would"])
_AFTER_A_SUBJECT = frozenset(["is", "are", "was", "were", "has", "have", "had"])


def _subjectless(example: str) -> bool:
    """Is it half a sentence, with no one who did it ("Had a great time at the party.", "Was
    declared insane.", "Could be alone in a crowded room.")? WordNet writes many; a question
    ("Did you find your glasses?") and an order ("Put your things here.") are whole."""
    from lemminflect import getInflection, getLemma

    if example.rstrip().endswith("?"):
        return False
    first, *rest = example.lower().split()
    if first in _MODALS:
        return True
    bases = [b for b in getLemma(first, "VERB", lemmatize_oov=False) if b != first]
    past = any(first in getInflection(b, "VBD", inflect_oov=False) for b in bases)
    return past and not _AFTER_A_SUBJECT & set(rest)  # "Iced tea is a cooling drink."


def simple_example(
    word: str,
    sense: Sense | None,
    *,
    plural: bool = False,
    alone: bool = False,
    pointed: bool = False,
) -> str | None:
    """WordNet's own example when it is short, uses the word and is fit for a child (WordNet
    writes for adults: "a child born of adultery"); otherwise a plain one (`pointed`: under a
    picture of it)."""
    if word.lower() in ALCOHOL:
        return None  # "I drink wine.", "Alcohol (or drink) ruined him." were on cards
    if sense is not None:
        for example in sense.examples:
            words = example.lower().rstrip("?!").split()  # "Have I eaten enough?"
            if (
                word.lower() in words
                and 3 <= len(words) <= 10
                and not any(c.isdigit() for c in example)  # "See table 1." teaches nothing
                and not QUOTED.search(example)  # a quotation's stray mark and its author
                and ";" not in example  # "real people; not ghosts"
                and "(" not in example  # "Was sure (or certain) she had seen it."
                and not _subjectless(example)  # "Mailed an indignant letter to the editor."
                and words[-1] not in _DANGLING  # "In contrast to." is half a sentence
                and not (example.endswith("?") and word.lower() in _NOT_ASKED)  # "Do you smoke?"
                and not PromptFilter.default().check(example).blocked
                and not (_UNFIT & set(words)) - {word.lower()}  # "ever": "Did you ever smoke?"
            ):
                ending = "" if example[-1] in ".?!" else "."
                return example[0].upper() + example[1:] + ending
    pos = sense.pos if sense else "n"
    lexname = sense.lexname if sense else None
    if pos == "n" and word[:1].isupper():
        return _name_example(word, sense) if pointed or lexname in _THINGS else None
    if pos == "v":
        return _dare(word, set(sense.frames) if sense else set(), alone)
    if pos in ("a", "s"):
        if sense and any(ORDINAL.fullmatch(lemma) for lemma in sense.lemmas):
            return f"She came {word} in the race."  # "It is second." was on a card
        if sense and any(lemma.isdigit() for lemma in sense.lemmas):
            return None  # "It is ii."
        if sense and _RELATIONAL.match(sense.definition):
            return None  # "It is economic.", "It is presidential." say nothing of a thing
        if _superlative(word):
            return f"It is the {word}."  # "It is greatest." was on a card
        return f"It is very {word}." if _graded(word) else f"It is {word}."
    if pos == "r":
        return f"She did it {word}." if sense and _how(word, sense.definition) else None
    if plural:  # not "These are hours.", "These are colours."
        unseen = lexname in _NOT_POINTED_AT or lexname == "noun.time"
        seen = pointed or lexname in _THINGS or lexname == "noun.group"  # "These are people."
        return None if unseen or not seen else f"These are {word}."
    return noun_example(word, lexname, pointed=pointed)


def _name_example(name: str, sense: Sense | None) -> str | None:
    """A name takes no article ("This is France."), but a river, an ocean, a sea or a range
    does ("This is Pacific." was on a card); a person from a place is one ("a Londoner"); an
    event or a belief gets none ("This is Olympics.", "This is Christianity.")."""
    if sense is not None and sense.lexname == "noun.person":
        if re.search(r"(sh|ch|ese)$", name):
            return None  # "She is a Welsh.": the Welsh, the French, the Chinese are a people
        who = "He" if re.search(r"(?<!wo)man$", name) else "She"  # an Englishman is a man
        return f"{who} is {'an' if takes_an(name) else 'a'} {name}."
    if sense is not None and sense.lexname in _NAMED_IDEAS:
        return None
    if sense is not None and _THE_NAMES.match(sense.definition):
        return f"This is the {name}."
    return f"This is {name}."


_NAMED_IDEAS = ("noun.event", "noun.cognition")
# Names said with "the": rivers, oceans, seas, mountain ranges (WordNet's gloss says which).
_THE_NAMES = re.compile(
    r"(an?|the)( [\w'-]+){0,4}? (river|ocean|sea|mountain (range|system)|tributary|canal|gulf"
    r"|desert)\b"
)

# An adjective glossed "of or relating to …" names what a thing belongs to, not how it is:
# "It is economic.", "It is dental.", "It is federal." were card examples.
_RELATIONAL = re.compile(r"of or |relat(ing|ed) |pertain")

_DANGLING = frozenset(
    ["a", "an", "and", "at", "by", "for", "from", "in", "of", "or", "the", "to", "with"]
)

# WordNet glosses a way of doing something as "in a … manner", "with …", "without …".
_MANNER = re.compile(r"^(in (an?|the) [^;]*\b(manner|way)\b|with(out)? (?!regard|respect|the)\w)")
# Glossed so, yet said about the whole sentence, how much, or when: "She did it interestingly."
_NOT_HOW = frozenset(
    ["affectingly", "annoyingly", "blessedly", "chemically", "chronically", "circularly",
     "complexly", "conically", "contextually", "definitely", "diagrammatically",
     "disconcertingly", "figuratively", "fitly", "gayly", "imminently", "imperatively",
     "importantly", "indigenously", "inherently", "interestingly", "intransitively", "killingly",
     "lastingly", "limitedly", "managerially", "momentously", "needfully", "outright",
     "palmately", "pardonably", "parentally", "penally", "periodically", "portentously",
     "predictably", "pressingly", "publically", "quick", "regionally", "retrospectively",
     "ripely", "sickeningly", "singularly", "soonest", "telegraphically", "thinly",
     "understandably", "unforgettably", "unnoticeably", "unpardonably", "unwarrantably",
     "worryingly"]
)  # fmt: skip


def _how(adverb: str, definition: str) -> bool:
    """Does "She did it X." say how she did it? Only for an adverb of manner: "She did it
    however." and "She did it finally." were on cards."""
    return adverb.lower() not in _NOT_HOW and bool(_MANNER.match(definition))


# Words that keep someone else's dictionary example off a child's card (smoking, drink, insults).
_UNFIT = frozenset(
    ["smoke", "smoked", "smokes", "smoking", "cigarette", "cigarettes", "cigar", "tobacco",
     *ALCOHOL, "drunk", "alcoholic", "idiotic", "stupid", "idiot"]
)  # fmt: skip


# Verbs a child's card does not ask "Can you …?" of, nor says "I like …ing": "Can you steal?"
# and "I like bullying." are no examples to set.
_NOT_ASKED = frozenset(
    ["attack", "be", "cheat", "curse", "destroy", "die", "drown", "fire", "have", "hurt", "kill",
     "lie", "murder", "poison", "rob", "shoot", "smoke", "stab", "steal", "swear",
     "bully", "loot", "hunt", "gamble", "bomb", "poach", "torture", "fight"]
)  # fmt: skip


def _doing(word: str) -> set[str]:
    """The verbs an -ing word is a form of ("bullying": bully)."""
    from lemminflect import getLemma

    return {b.lower() for b in getLemma(word, "VERB", lemmatize_oov=False)}


# Verbs WordNet frames with a thing ("bow one's head") that a child does alone: "Can you bow?",
# not "Can you bow it?" (a card said so under the person bowing).
_ALONE = frozenset({"bow", "nod", "kneel"})


def _dare(verb: str, frames: set[int], alone: bool = False) -> str | None:
    """A verb's question: "Can you swim?" where WordNet says a person does it alone (frame 2,
    in this meaning or, `alone`, in another as common), "Can you open it?" to something (8);
    none for a verb a person does only with other words ("seem", "include", "become"): "Can
    you seem?" teaches nothing."""
    if verb.lower() in _NOT_ASKED:
        return None
    if not frames or 2 in frames or alone or verb.lower() in _ALONE:
        return f"Can you {verb}?"
    return f"Can you {verb} it?" if 8 in frames else None
