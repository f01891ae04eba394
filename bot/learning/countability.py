"""Is a noun countable? "This is an apple." but "This is milk." and "I drink milk."

A curated list of the uncountable nouns beginners meet (food, drink, materials, weather,
school words), written for Pictolingo from the usual classroom lists, plus one rule for the
rest: WordNet files substances (gold, sand, oil) under noun.substance, and those are
uncountable; every other noun is countable.
"""

from __future__ import annotations

UNCOUNTABLE = frozenset(
    [
        "advice",
        "air",
        "art",
        "bacon",
        "baggage",
        "beef",
        "bread",
        "broccoli",
        "butter",
        "cake_mix",
        "candy_floss",
        "cash",
        "cereal",
        "cheese",
        "chewing_gum",
        "chocolate",
        "cloth",
        "coal",
        "coffee",
        "corn",
        "cotton",
        "cream",
        "dirt",
        "dust",
        "electricity",
        "equipment",
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
        "milk",
        "money",
        "mud",
        "music",
        "news",
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
DRINKS = frozenset(
    ["coffee", "juice", "lemonade", "milk", "tea", "water", "cocoa", "soda", "cola", "wine", "beer"]
)
# Nouns a learner counts although WordNet files them as substances.
COUNTABLE = frozenset(
    ["egg", "apple", "orange", "lemon", "potato", "tomato", "onion", "carrot", "banana", "stone"]
)


def countable(word: str, lexname: str | None = None) -> bool:
    key = word.lower().replace(" ", "_")
    if key in COUNTABLE:
        return True
    if key in UNCOUNTABLE:
        return False
    return lexname != "noun.substance"


def noun_example(word: str, lexname: str | None = None) -> str:
    """A beginner's sentence for a noun that respects countability."""
    if countable(word, lexname):
        return f"This is {'an' if word[:1].lower() in 'aeiou' else 'a'} {word}."
    if word.lower() in DRINKS:
        return f"I drink {word}."
    if lexname in ("noun.food", "noun.plant"):
        return f"I like {word}."
    return f"This is {word}."
