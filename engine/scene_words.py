"""The words a sentence is read with when it is drawn as a scene (engine/scene.py): numbers,
places, settings, colours, sizes, the little words no picture shows, and the ones that say
what is not so; and what WordNet says of a word there (its singular, whether it may be a
verb or describe). Shared with the quiz, the corrector and the scene eval."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from engine.wordnet import WordNet

# Nouns beginners meet that are always plural ("These are scissors.", never "a scissors").
PLURAL_ONLY = frozenset(
    [
        "binoculars",
        "clothes",
        "glasses",
        "goggles",
        "headphones",
        "jeans",
        "pajamas",
        "pants",
        "pyjamas",
        "scissors",
        "shorts",
        "stairs",
        "sunglasses",
        "tights",
        "trousers",
    ]
)

_SMALL_NUMBERS = [
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen", "twenty",
]  # fmt: skip
NUMBERS = {"a": 1, "an": 1} | {word: n for n, word in enumerate(_SMALL_NUMBERS, start=1)}
NUMBERS |= {"thirty": 30, "forty": 40, "fifty": 50, "hundred": 100, "dozen": 12}
MANY_WORDS = {"many", "lots"}
RELATIONS = {
    "next to": "next to", "beside": "next to", "near": "next to", "on": "on",
    "on top of": "on", "under": "under", "below": "under", "beneath": "under",
    "above": "above", "over": "above", "in": "in", "inside": "in", "behind": "behind",
    "in front of": "in front of", "between": "between",
}  # fmt: skip
# Verbs whose place word names what is acted on, not where the doer is: the teacher who
# "writes on the blackboard" is not on it, nor is the girl who "looks under the bed" under it.
_LOOKING = {"look", "search", "peek", "peep"}
ACTED_ON = {
    "on": {"write", "draw", "paint", "print", "type", "knock", "tap", "click", "press", "put",
           "try", "turn", "switch", "depend", "rely", "count", "focus", "spend"} | _LOOKING,
    "in": {"write", "draw", "paint", "print", "type", "colour", "color", "believe"} | _LOOKING,
    "under": _LOOKING, "behind": _LOOKING, "above": _LOOKING, "in front of": _LOOKING,
}  # fmt: skip
# Where a scene happens, and the picture that shows it (in a band above or below the things).
SETTINGS = {
    "at night": "night", "in the night": "night", "night": "night",
    "in the rain": "rain", "raining": "rain", "rainy": "rain", "rain": "rain",
    "in the snow": "snow", "snowing": "snow", "snowy": "snow", "snow": "snow",
    "in the sea": "in sea", "in the water": "in water", "on the sea": "on sea",
    "on the water": "on water", "over the sea": "over sea", "above the sea": "over sea",
    "at the sea": "sea", "by the sea": "sea", "on the beach": "sea",
    "at the beach": "sea", "sea": "sea",
}  # fmt: skip
SETTING_PICTURES = {
    "night": "crescent moon", "rain": "cloud with rain", "snow": "snowflake", "sea": "water wave",
    "in sea": "water wave", "in water": "water wave", "on sea": "water wave",
    "on water": "water wave", "over sea": "water wave",
}  # fmt: skip
# A setting drawn alone, as the whole picture ("It is in the sea."): its word → its picture
SETTING_ALONE = {key.split()[-1]: picture for key, picture in SETTING_PICTURES.items()}
# Settings whose things are drawn in the water: lower, the waves in front of them (a fish above
# the waves is no fish "in the sea")
IN_WATER = frozenset({"in sea", "in water", "on sea", "on water"})
SKIP = {
    "the", "a", "an", "is", "are", "am", "and", "there", "this", "that", "these", "those",
    "my", "your", "his", "her", "its", "our", "their", "of", "to", "with", "every", "each",
    "has", "have", "had",  # a girl with a ball is a girl who has one ("I can't draw has")
    "was", "were",  # "The cat was on the bed." said "I can't draw was yet"
    ",", ";", "but",  # between clauses: no thing, and the end of what a "not" says no to
    "some", "any",  # "She eats some cake." said "I can't draw eats and some yet"
}  # fmt: skip
# Place words no picture here shows: said with their thing ("I can't draw at the zoo yet").
PREPOSITIONS = {
    "at", "from", "into", "onto", "around", "across", "through", "toward", "towards", "along",
    "against", "for", "by", "outside", "past", "off", "without", "among", "during",
}  # fmt: skip
DETERMINERS = {
    "the", "a", "an", "my", "your", "his", "her", "its", "our", "their", "this", "that", "these",
    "those",
}  # fmt: skip
BE = {"is", "are", "am", "was", "were"}
PRONOUNS = {"i", "you", "he", "she", "we", "they", "it"}
PEOPLE_PRONOUNS = {"i": 1, "you": 1, "he": 1, "she": 1, "we": 2, "they": 2}
# A verb whose only pictures are a woman's and a man's ("woman dancing", "man dancing"): drawn
# for a person the sentence says is one or the other ("The girl dances."), else said.
GENDERED_ACTIONS = {"dance": ("woman dancing", "man dancing")}
FEMALE = frozenset(
    {"she", "girl", "woman", "mother", "mum", "mom", "sister", "aunt", "grandmother", "grandma",
     "granny", "daughter", "lady", "queen", "princess", "wife", "niece"}
)  # fmt: skip
MALE = frozenset(
    {"he", "boy", "man", "father", "dad", "brother", "uncle", "grandfather", "grandpa", "son",
     "gentleman", "king", "prince", "husband", "nephew"}
)  # fmt: skip
# Pictures that show how old a person is: a picture of someone doing something shows a grown-up
# of no age, so "The grandma dances." draws the grandma and says the verb (a young woman
# dancing would teach that she is the grandma).
AGED = frozenset({"baby", "old man", "old woman", "older person"})
# What a thing is "on" by hanging in front of it, not by sitting on its top: a clock "on the
# wall" sat on top of the bricks, as a cat on a wall does.
UPRIGHT = frozenset({"wall", "door"})  # the blackboard is drawn on a disc: it would hide
# A person's verb and the thing it is done with, drawn as one picture ("The man rides a horse.":
# a rider on a horse, not a man beside one): (verb, thing) → (what the reply says, picture).
DOING_WITH = {
    ("ride", "horse"): ("riding a horse", "horse riding"),
    ("ride", "pony"): ("riding a pony", "horse riding"),
    ("ride", "bike"): ("riding a bike", "person biking"),
    ("ride", "bicycle"): ("riding a bicycle", "person biking"),
    ("row", "boat"): ("rowing a boat", "person rowing boat"),
}
# A size word scales its thing against the others in the picture ("a big cat and a small
# dog"); alone in a picture, or a shape word (tall, long, short), it is said as not drawn.
SIZE_WORDS = {"small", "little", "tiny", "big", "large", "huge", "tall", "long", "short"}
SIZE_SCALES = {"small": 0.6, "little": 0.6, "tiny": 0.45, "big": 1.4, "large": 1.4, "huge": 1.7}
# The colours a scene can give an object, as drawn (an object's own shading is kept).
COLOURS = {
    "red": (215, 35, 35), "orange": (245, 135, 20), "yellow": (240, 205, 0),
    "green": (35, 150, 55), "blue": (35, 85, 215), "purple": (125, 45, 165),
    "pink": (240, 115, 175), "brown": (125, 75, 35), "black": (35, 35, 35),
    "white": (238, 238, 238), "grey": (128, 128, 128), "gray": (128, 128, 128),
}  # fmt: skip
# Words that help another verb ("Birds can fly.", "Does the dog run?"): no picture shows
# them, and the word after one is that verb ("fly" drew the insect; "does" drew two deer).
MODALS = {"can", "could", "will", "would", "shall", "should", "may", "might", "must"}
HELPERS = MODALS | {"do", "does", "did"}
# Words that say what is not so. A picture shows only what is there: nothing after one is
# drawn ("I don't have a dog." drew a dog, "a cat without a hat" a hat).
NEGATIONS = {
    "not", "no", "never", "nobody", "nothing", "none", "neither", "nor", "cannot", "without",
    "nowhere",
}  # fmt: skip
# "It's", "there's", "what's": "is"; after any other word "'s" is whose ("the cat's ball").
_IS_AFTER = PRONOUNS | {"there", "that", "what", "where", "here", "who", "how"}
_ENDINGS = {"m": "am", "re": "are", "ll": "will", "ve": "have", "d": "would"}
_ANSWER = re.compile(r"^\s*no\s*[,!.;:]+\s*", re.IGNORECASE)  # "No, the cat is on the mat."
_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?|[0-9]+|[,;]", re.IGNORECASE)
# A "not" says no to its own clause only: "It isn't a dog, it's a cat." shows the cat.
CLAUSE_ENDS = {",", ";", "but"}


def is_negation(word: str) -> bool:
    return word in NEGATIONS or word.endswith("n't")


def words_of(sentence: str) -> list[str]:
    """The sentence's words in lower case, a contraction as its two words ("i'm" → i, am;
    "it's" → it, is); a negation ("doesn't") and whose ("the cat's") stay whole; a comma
    between clauses is kept as ","."""
    words: list[str] = []
    for token in _WORD.findall(_unanswered(sentence).lower()):
        head, _, ending = token.partition("'")
        if token == ";":
            words.append(",")
        elif not ending or is_negation(token):
            words.append(token)
        elif token == "let's":
            continue  # "Let's eat an apple.": no one to draw
        elif ending == "s":  # "the cat's ball": whose, said as not drawn
            words += [head, "is"] if head in _IS_AFTER else [token]
        else:
            words += [head, _ENDINGS.get(ending, "")] if ending in _ENDINGS else [head]
    return words


def what_is_so(sentence: str) -> str | None:
    """The sentence without what it says is not so, each "not" to the end of its clause ("The
    boy" of "The boy doesn't like apples.", "It, it's a cat." of "It isn't a dog, it's a
    cat."); None when nothing in it is said not to be so."""
    text = _unanswered(sentence)
    kept, start, saying_no, said_no = [], 0, False, False
    for match in _WORD.finditer(text):
        word = match.group().lower()
        if saying_no and word in CLAUSE_ENDS:
            saying_no, start = False, match.start()
        elif not saying_no and is_negation(word):
            kept.append(text[start : match.start()])
            saying_no = said_no = True
    if not said_no:
        return None
    if not saying_no:
        kept.append(text[start:])
    return ", ".join(part for part in (p.strip(" ,;:-") for p in kept) if part)


def _unanswered(sentence: str) -> str:
    return _ANSWER.sub("", sentence.replace("\u2019", "'"))


def phrase_at(words: list[str], position: int, phrases: Mapping[str, str]) -> str | None:
    """The longest phrase of `phrases` starting at `position` (up to three words)."""
    for length in (3, 2, 1):
        phrase = " ".join(words[position : position + length])
        if len(phrase.split()) == length and phrase in phrases:
            return phrase
    return None


def names_a_thing(word: str) -> bool:
    return bool(word) and word not in SKIP and word not in RELATIONS and word not in SETTINGS


def singular_of(word: str, wordnet: WordNet) -> str:
    """The noun's singular: WordNet's first base form other than the word itself ("leaves" is
    leaf before the noun "leave"; "shorts" is tried as short first). A noun used only in the
    plural is its own: "My glasses are red." is one pair of glasses, never two glasses of
    milk; "My trousers are blue." one pair of trousers."""
    return word if word.lower() in PLURAL_ONLY else base_of(word, wordnet)


def base_of(word: str, wordnet: WordNet) -> str:
    forms = [form.replace("_", " ") for form, _ in wordnet.base_forms(word, "n")]
    return next((form for form in forms if form != word), word)


def verb_follows(words: list[str], position: int, wordnet: WordNet) -> bool:
    """After "the bus", "stops" is its verb when a place word, a "the" or the end follows."""
    after = words[position + 2] if position + 2 < len(words) else ""
    place = after in PREPOSITIONS or any(r.split()[0] == after for r in RELATIONS)
    verb = may_be_its_verb(words[position], words[position + 1], wordnet)
    return verb and (not after or place or after in DETERMINERS)


# What a drink or a dish is served in: "a cup of tea" is drawn as the tea (a teacup), once.
VESSELS = {"cup", "glass", "mug", "bowl", "plate"}
# Verbs whose "to" starts another verb: "likes to read books" (books are the things, "read"
# no noun whose verb "books" is); "goes to school" is a place.
TO_DO = {
    "like", "love", "want", "need", "try", "learn", "start", "begin", "hope", "have", "hate",
    "plan", "decide", "forget", "remember", "prefer", "wish", "promise", "agree",
}  # fmt: skip


def to_do(words: list[str], position: int, wordnet: WordNet) -> bool:
    """Is the "to" at `position` the start of a verb ("I like to read books.")?"""
    if words[position] != "to" or not position or position + 1 == len(words):
        return False  # every "the" and "and" comes here: no look-up for them
    wants = any(base in TO_DO for base, _ in wordnet.base_forms(words[position - 1], "v"))
    return wants and can_be_verb(words[position + 1], wordnet)


def served_in(vessel: str, vessel_picture: str, picture: str, wordnet: WordNet) -> str:
    """The vessel ("glass") when what is in it ("of milk") is drawn served in it: its picture
    is the vessel's ("glass of milk") or names it ("teacup" for "a cup of tea"); else ""."""
    held = base_of(vessel, wordnet)  # "glasses": glass
    named = any(w.endswith(held) for w in picture.split())  # "glass of milk", "teacup"
    return held if held in VESSELS and (picture == vessel_picture or named) else ""


def acted_on(verb: str, relation: str, wordnet: WordNet) -> bool:
    verbs = ACTED_ON.get(relation, set())
    return any(base in verbs for base, _ in wordnet.base_forms(verb, "v"))


def can_be_verb(word: str, wordnet: WordNet) -> bool:
    return any(pos == "v" for _, pos in wordnet.base_forms(word, "v"))


def may_be_its_verb(noun: str, word: str, wordnet: WordNet) -> bool:
    """After "the cat", "sleeps" may be its verb, "tree" may not; after "cats", "sleep" may."""
    bases = [base for base, _ in wordnet.base_forms(word, "v")]
    plural = base_of(noun, wordnet) != noun  # "the scissors cut", as "the cats sleep"
    return bool(bases) and (plural or any(base != word for base in bases))


def can_describe(word: str, wordnet: WordNet) -> bool:
    entry = wordnet.index.get(word.replace(" ", "_"), {})
    return "a" in entry or "s" in entry


def is_noun(word: str, wordnet: WordNet) -> bool:
    return "n" in wordnet.index.get(word.replace(" ", "_"), {})
