"""Is a noun countable? "This is an apple." but "This is milk." and "I drink milk."

A curated list of the uncountable nouns beginners meet (food, drink, materials, weather,
school words), written for Pictolingo from the usual classroom lists, plus one rule for the
rest: WordNet files substances (gold, sand, oil) under noun.substance, and those are
uncountable; every other noun is countable.
"""

from __future__ import annotations

import re
from functools import lru_cache

ORDINAL = re.compile(r"\d+(st|nd|rd|th|d)")  # a lemma of "second": "2nd"
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
    "fishes"); glasses of milk."""
    from lemminflect import getInflection

    head, of, rest = noun.partition(" of ")
    if of:
        return f"{plural(head)}{of}{rest}"
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
