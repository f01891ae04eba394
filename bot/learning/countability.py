"""Is a noun countable? "This is an apple." but "This is milk." and "I drink milk."

A curated list of the uncountable nouns beginners meet (food, drink, materials, weather,
school words), written for Pictolingo from the usual classroom lists, plus one rule for the
rest: WordNet files substances (gold, sand, oil) under noun.substance, and those are
uncountable; every other noun is countable.
"""

from __future__ import annotations

import re
from functools import lru_cache

from engine.prompt_filter import PromptFilter
from engine.wordnet import Sense

# WordNet quotes writers: "October's bright blue weather"- Helen Hunt Jackson
ORDINAL = re.compile(r"\d+(st|nd|rd|th|d)")  # a lemma of "second": "2nd"
QUOTED = re.compile(r"[\"“”`]|\s[-–—]+\s*[A-Z]")  # and `tiddler' is a British term for …
UNCOUNTABLE = frozenset(
    [
        "advice",
        "air",
        "armor",
        "armour",
        "art",
        "bacon",
        "baggage",
        "bedding",
        "beef",
        "bread",
        "broccoli",
        "china",  # the porcelain ("China" the country is a name)
        "butter",
        "cake_mix",
        "candy_floss",
        "cash",
        "cereal",
        "cheese",
        "chewing_gum",
        "chocolate",
        "cloth",
        "clothing",
        "coal",
        "coffee",
        "corn",
        "cotton",
        "cream",
        "dirt",
        "dust",
        "electricity",
        "equipment",
        "fencing",
        "flour",
        "food",
        "fruit",
        "fuel",
        "fun",
        "furniture",
        "garbage",
        "gas",
        "gasoline",
        "glass",
        "gold",
        "grass",
        "gravel",
        "hair",
        "happiness",
        "health",
        "help",
        "homework",
        "honey",
        "hope",
        "ice",
        "information",
        "jam",
        "jelly",
        "jewellery",
        "jewelry",
        "juice",
        "knowledge",
        "laughter",
        "lava",
        "lemonade",
        "lettuce",
        "light",
        "lightning",
        "love",
        "luck",
        "luggage",
        "lunch_meat",
        "mail",
        "meat",
        "metal",
        "midnight",
        "milk",
        "money",
        "mud",
        "music",
        "news",
        "noon",
        "oil",
        "oxygen",
        "paper",
        "pasta",
        "peace",
        "pepper",
        "petrol",
        "plastic",
        "pollution",
        "popcorn",
        "pork",
        "porridge",
        "rain",
        "research",
        "rice",
        "rubbish",
        "salad",
        "salt",
        "sand",
        "sauce",
        "sausage_meat",
        "shampoo",
        "silver",
        "smoke",
        "snow",
        "soap",
        "soup",
        "space",
        "spaghetti",
        "steam",
        "steel",
        "stone",
        "sugar",
        "sunshine",
        "sushi",
        "tea",
        "thunder",
        "time",
        "toast",
        "toothpaste",
        "traffic",
        "trash",
        "travel",
        "water",
        "weather",
        "wheat",
        "wind",
        "wine",
        "wood",
        "wool",
        "work",
        "yoghurt",
        "yogurt",
    ]
)
# Drinks get "I drink …", other food "I like …".
DRINKS = frozenset(["coffee", "juice", "lemonade", "milk", "tea", "water", "cocoa", "soda", "cola"])
# No example on a child's card says someone drinks these, nor what they did to him.
ALCOHOL = frozenset(["alcohol", "beer", "wine", "whisky", "whiskey", "vodka", "champagne"])
# Nouns a learner counts although WordNet files them as substances.
COUNTABLE = frozenset(
    [
        "egg",
        "apple",
        "orange",
        "lemon",
        "potato",
        "tomato",
        "onion",
        "carrot",
        "banana",
        "stone",
        "sponge",  # the bath sponge ("These are sponges.")
        # filed as substances, said with "a": "This is atom." and "This is log." were no English
        "atom",
        "chemical",
        "compound",
        "crystal",
        "diamond",
        "log",
        "mineral",
        "molecule",
        "pad",
        "particle",
        "vitamin",
    ]
)


# Games and sports, in their meaning as the activity (WordNet's noun.act): "I play tennis.",
# never "This is a tennis." (the ball, the insect, the vegetable keep their article).
GAMES = frozenset(
    [
        "badminton", "baseball", "basketball", "billiards", "bowling", "checkers", "chess",
        "cricket", "croquet", "darts", "dominoes", "draughts", "field hockey", "football",
        "golf", "handball", "hide-and-seek", "hockey", "hopscotch", "ice hockey", "lacrosse",
        "mahjong", "marbles", "netball", "ping-pong", "polo", "rugby", "snooker", "soccer",
        "softball", "squash", "table tennis", "tennis", "volleyball", "water polo",
    ]
)  # fmt: skip
ACTIVITIES = frozenset(
    ["aerobics", "archery", "athletics", "gymnastics", "judo", "karate", "kung fu", "taekwondo",
     "yoga"]
)  # fmt: skip
_PLAYED = GAMES | ACTIVITIES  # as activities, never counted ("I play tennis.")
# The day's meals, as a beginner says them: "I have lunch every day.", not "This is a lunch."
MEALS = frozenset(["breakfast", "lunch", "dinner", "supper", "brunch"])

# Materials that are also things you count: "a glass" of water, "an iron" for shirts.
# (Not cloth: WordNet files the material itself, the meaning cards teach, as an artifact.)
COUNTABLE_AS_THINGS = frozenset(["glass", "iron", "paper"])

# Nouns whose plural is the word itself ("four fish", "two sheep"); lemminflect lists "fishes"
# first and also gives "dog" among the plurals of dog, so it cannot tell these apart.
SAME_IN_PLURAL = frozenset(
    ["fish", "sheep", "deer", "moose", "salmon", "trout", "bison", "aircraft", "species"]
)


def plural(noun: str) -> str:
    """The plural a beginner is taught: apples, people, and fish (lemminflect's first is
    "fishes")."""
    from lemminflect import getInflection

    if noun.lower() in SAME_IN_PLURAL:
        return noun
    if noun.lower() == "person":
        return "people"
    return (getInflection(noun, "NNS") or (noun + "s",))[0]


def countable(word: str, lexname: str | None = None) -> bool:
    key = word.lower().replace(" ", "_")
    if key in COUNTABLE:
        return True
    if key in COUNTABLE_AS_THINGS and lexname == "noun.artifact":
        return True
    if key in UNCOUNTABLE:
        return False
    if lexname == "noun.act" and word.lower() in _PLAYED:
        return False
    return lexname != "noun.substance"


# Qualities, states, feelings and ideas: no one points at them ("This is a blackness.", "This
# is a babyhood.", "This is a joy." were on cards). No example is better than a wrong one.
_NOT_POINTED_AT = {
    "noun.attribute", "noun.state", "noun.feeling", "noun.cognition", "noun.process",
    "noun.motive",
}  # fmt: skip


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


def noun_example(word: str, lexname: str | None = None) -> str | None:
    """A beginner's sentence for a noun that respects countability (None for an idea)."""
    if lexname == "noun.act" and word.lower().endswith("ing"):
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
    if countable(word, lexname):
        return f"This is {'an' if takes_an(word) else 'a'} {word}."
    if word.lower() in DRINKS:
        return f"I drink {word}."
    if lexname == "noun.time":
        return f"It is {word}."  # noon, midnight
    if lexname in ("noun.food", "noun.plant"):
        return f"I like {word}."
    return f"This is {word}."


def _graded(adjective: str) -> bool:
    """Does English say "very" before it? Short adjectives with a comparative of their own do
    ("very big"); "It is very electric." and "It is very digital." were on cards, and a
    comparative is no base ("It is very taller.")."""
    from lemminflect import getInflection, getLemma

    base = getLemma(adjective, "ADJ", lemmatize_oov=False)
    return base[:1] == (adjective,) and bool(getInflection(adjective, "JJR", inflect_oov=False))


# Where the first letter misleads and the dictionary has no pronunciation.
AN_EXCEPTIONS = ("hour", "honest", "honour", "honor", "heir")
A_EXCEPTIONS = ("uni", "use", "usu", "euro", "one", "once", "ewe")
_VOWEL_PHONES = (
    "AA",
    "AE",
    "AH",
    "AO",
    "AW",
    "AY",
    "EH",
    "ER",
    "EY",
    "IH",
    "IY",
    "OW",
    "OY",
    "UH",
    "UW",
)


@lru_cache(maxsize=4096)
def takes_an(word: str) -> bool:
    """ "an" before it? By its first sound in the CMU dictionary ("a university", "an hour", "an
    X-ray"; "an university" was on a card), else by its letters and the exceptions above. No
    espeak here: the learner's own words are checked with it, on every sentence."""
    first = word.split("-", 1)[0].split(" ", 1)[0]
    try:
        import eng_to_ipa

        found = eng_to_ipa.get_cmu([first.lower()])
        known = found and found[0] and not found[0][0].startswith("__IGNORE__")
        phones = found[0][0].split() if known else []
    except ImportError:
        phones = []
    if phones:
        return phones[0].rstrip("012").upper() in _VOWEL_PHONES
    low = word.lower()
    return low.startswith(AN_EXCEPTIONS) or (
        low[:1] in "aeiou" and not low.startswith(A_EXCEPTIONS)
    )


def _superlative(adjective: str) -> bool:
    from lemminflect import getInflection, getLemma

    bases = getLemma(adjective, "ADJ", lemmatize_oov=False)
    return any(
        adjective in getInflection(b, "JJS", inflect_oov=False) for b in bases if b != adjective
    )


def simple_example(
    word: str, sense: Sense | None, *, plural: bool = False, alone: bool = False
) -> str | None:
    """WordNet's own example when it is short, uses the word and is fit for a child (WordNet
    writes for adults: "a child born of adultery"); otherwise a plain one."""
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
                and words[-1] not in _DANGLING  # "In contrast to." is half a sentence
                and not (example.endswith("?") and word.lower() in _NOT_ASKED)  # "Do you smoke?"
                and not PromptFilter.default().check(example).blocked
                and not (_UNFIT & set(words)) - {word.lower()}  # "ever": "Did you ever smoke?"
            ):
                ending = "" if example[-1] in ".?!" else "."
                return example[0].upper() + example[1:] + ending
    pos = sense.pos if sense else "n"
    if pos == "n" and word[:1].isupper():
        return _name_example(word, sense)
    if pos == "v":
        return _dare(word, set(sense.frames) if sense else set(), alone)
    if pos in ("a", "s"):
        if sense and any(ORDINAL.fullmatch(lemma) for lemma in sense.lemmas):
            return f"She came {word} in the race."  # "It is second." was on a card
        if sense and any(lemma.isdigit() for lemma in sense.lemmas):
            return None  # "It is ii."
        if _superlative(word):
            return f"It is the {word}."  # "It is greatest." was on a card
        return f"It is very {word}." if _graded(word) else f"It is {word}."
    if pos == "r":
        return f"She did it {word}." if sense and _how(word, sense.definition) else None
    if plural:  # not "These are hours.", "These are colours."
        lexname = sense.lexname if sense else None
        return (
            None if lexname in _NOT_POINTED_AT or lexname == "noun.time" else f"These are {word}."
        )
    return noun_example(word, sense.lexname if sense else None)


def _name_example(name: str, sense: Sense | None) -> str | None:
    """A name takes no article ("This is France."), but a river, an ocean, a sea or a range
    does ("This is Pacific." was on a card); a person from a place is one ("a Londoner"); an
    event or a belief gets none ("This is Olympics.", "This is Christianity.")."""
    if sense is not None and sense.lexname == "noun.person":
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


# Verbs a child's card does not ask "Can you …?" of: "Can you steal?" is no example to set.
_NOT_ASKED = frozenset(
    ["attack", "be", "cheat", "curse", "destroy", "die", "drown", "fire", "have", "hurt", "kill",
     "lie", "murder", "poison", "rob", "shoot", "smoke", "stab", "steal", "swear"]
)  # fmt: skip


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
