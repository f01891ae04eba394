"""Which emoji the starter model learns, and the words that should draw each one.

The master list is OpenMoji's ``data/openmoji.json`` (every Unicode emoji with its CLDR
keywords, plus OpenMoji's own pictograms). A concept is kept when it shows a concrete,
teachable thing: people and family, jobs, body, clothes, home, school, food, weather, nature,
places, transport, sports, animals, and the coloured shapes. Skin-tone variants are the same
picture under another name and are left out; flags, symbols, brands and anything not for
children are left out too. Development time only (``python -m engine.starter.dataset``).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

# Unicode subgroups (CLDR) whose emoji are concrete things a beginner names.
KEEP_SUBGROUPS = frozenset(
    {
        "cat-face",
        "monkey-face",
        "body-parts",
        "person",
        "person-role",
        "person-activity",
        "person-sport",
        "person-resting",
        "person-fantasy",
        "family",
        "hand-fingers-open",
        "hands",
        "animal-mammal",
        "animal-bird",
        "animal-amphibian",
        "animal-reptile",
        "animal-marine",
        "animal-bug",
        "plant-flower",
        "plant-other",
        "food-fruit",
        "food-vegetable",
        "food-prepared",
        "food-asian",
        "food-marine",
        "food-sweet",
        "drink",
        "dishware",
        "place-map",
        "place-geographic",
        "place-building",
        "place-religious",
        "place-other",
        "transport-ground",
        "transport-water",
        "transport-air",
        "hotel",
        "time",
        "sky-weather",
        "event",
        "award-medal",
        "sport",
        "game",
        "arts-crafts",
        "clothing",
        "sound",
        "music",
        "musical-instrument",
        "phone",
        "computer",
        "light-video",
        "book-paper",
        "money",
        "mail",
        "writing",
        "office",
        "lock",
        "tool",
        "science",
        "medical",
        "household",
        "other-object",
        "geometric",
    }
)
# Faces (feelings), hands (gestures) and people's symbols: whole subgroups, minus EXCLUDE.
KEEP_SUBGROUPS |= {
    "face-smiling",
    "face-affection",
    "face-tongue",
    "face-hand",
    "face-neutral-skeptical",
    "face-sleepy",
    "face-unwell",
    "face-hat",
    "face-glasses",
    "face-concerned",
    "face-negative",
    "face-costume",
    "heart",
    "hand-fingers-partial",
    "hand-single-finger",
    "hand-fingers-closed",
    "hand-prop",
    "person-gesture",
    "person-symbol",
    "math",
    "hair-style",
}
# Single pictures from subgroups that are otherwise symbols: numbers, signs a child meets.
KEEP_NAMES = frozenset(
    {
        *(f"keycap: {n}" for n in range(11)),
        "wheelchair symbol",
        "baby symbol",
        "litter in bin sign",
        "potable water",
        "baggage claim",
        "passport control",
        "children crossing",
        "no entry",
        "no bicycles",
        "no littering",
        "no pedestrians",
        "no mobile phones",
        "warning",
        "recycling symbol",
        "check mark",
        "cross mark",
        "speech balloon",
        "thought balloon",
        "collision",
        "sweat droplets",
        "zzz",
        "dashing away",
        "hole",
        "jar with red content",
        "jar with blue content",
        "jar with orange content",
        "jar with yellow content",
        "jar with green content",
        "jar with purple content",
        "jar with brown content",
        "white square",
        "black rectangle",
        "white rectangle",
        "black star",
        "black pentagon",
        "white pentagon",
        "white hexagon",
        "black hexagon",
        "black octagon",
        "black vertical ellipse",
        "white vertical ellipse",
        "black large circle",
        *(
            f"{side} chess {piece}"
            for side in ("white", "black")
            for piece in ("king", "queen", "rook", "bishop", "knight", "pawn")
        ),
    }
)
# OpenMoji's own pictograms (no Unicode code point) that are everyday things.
KEEP_EXTRAS = frozenset(
    {
        "goldfish",
        "donkey",
        "poppy",
        "doe",
        "narwhal",
        "beluga",
        "pigeon",
        "macaw",
        "pretzel",
        "pomegranate",
        "cake",
        "glass bottle",
        "plastic bottle",
        "milk jug",
        "armchair",
        "picture",
        "washing machine",
        "keyboard",
        "tablet",
        "smartwatch",
        "drone",
        "cable",
        "wheelbarrow",
        "spade",
        "trowel",
        "saw",
        "lawn mower",
        "gardening gloves",
        "iceberg",
        "crutches",
        "wheel chair",
        "stretcher",
        "scales",
        "pills",
        "plaster",
        "clinical thermometer",
        "stairway",
        "elevator",
        "town",
        "space shuttle",
        "female doctor",
        "male doctor",
        "female nurse",
        "male nurse",
        "barista",
        "person with dog",
        "horse riding",
        "windsurfing",
        "motorbike helmet",
        "espresso machine",
        "lighter",
        "outlet",
        "first aid kit",
        "solar cell",
        "wind energy",
        "reusable bag",
        "hot-water bottle",
        "liver",
        "stomach",
        "kidney",
        "forceps",
        "saline drip",
        "headache",
        "earache",
        "backache",
        "knee pain",
        "fracture leg",
        "bandage scissors",
        "bed linen",
        "earthquake",
        "flood",
        "avalanche",
        "tsunami",
        "volcano eruption",
        "signpost",
        "shelter",
        "timer",
        "wild fire",
        "floating ice",
        "oil spill",
        "solar energy",
        "exhaust gases factory",
        "exhaust gases car",
        "switch",
        "motor",
        "wire",
        "circuit",
        "led",
        "virtual reality",
        "cafeteria",
        "black hole",
        "foggy mountain",
        "half orange fruit",
        "latte macchiato",
        "roasted coffee bean",
        "champignon brown",
        "champignon white",
        "boule bread",
        "french press",
        "moka pot",
        "coffee grinder",
        "drip coffee maker",
        "horse jumping hurdle",
        "dj",
        "microbe",
        "spouting-orca",
        "porpoise",
        "gardener man",
        "gardener woman",
        "polar explorer",
        "man barista",
        "woman barista",
        "person with medical mask",
        "woman with medical mask",
        "man with medical mask",
        "person sneezing into elbow",
        "woman sneezing into elbow",
        "man sneezing into elbow",
        "wash hands",
        "medical gloves",
        "sanitizer spray",
        "temperature taking",
        "help others",
        "first aid",
        "electric plug red",
        "polar research station",
        "ice shelf",
        "sea level rise",
        "nuclear power plant",
        "polar explorer man",
        "polar explorer woman",
        "charge plug",
        "autonomous car",
        "parking garage",
        "emergency exit",
        "medication",
        "large intestine",
        "rainbow hexagon",
        "red hexagon",
        "blue hexagon",
        "orange hexagon",
        "yellow hexagon",
        "green hexagon",
        "purple hexagon",
        "brown hexagon",
    }
)
# Not for a children's vocabulary bot: weapons, alcohol, tobacco, death, gambling, romance,
# adult themes, frightening creatures; and pictures that are mostly writing.
EXCLUDE = frozenset(
    {
        "dagger",
        "crossed swords",
        "bomb",
        "pistol",
        "water pistol",
        "cigarette",
        "coffin",
        "headstone",
        "funeral urn",
        "drop of blood",
        "syringe",
        "love hotel",
        "sake",
        "bottle with popping cork",
        "wine glass",
        "cocktail glass",
        "tropical drink",
        "beer mug",
        "clinking beer mugs",
        "clinking glasses",
        "tumbler glass",
        "bikini",
        "briefs",
        "military helmet",
        "slot machine",
        "joker",
        "mahjong red dragon",
        "nazar amulet",
        "hamsa",
        "prayer beads",
        "people with bunny ears",
        "person in suit levitating",
        "people wrestling",
        "boxing glove",
        "mechanical arm",
        "mechanical leg",
        "biting lip",
        "mouth",
        "anatomical heart",
        "lungs",
        "brain",
        "x-ray",
        "placard",
        "identification card",
        "moai",
        "mate",
        "oden",
        "mouse trap",
        "plunger",
        "razor",
        "axe",
        "kitchen knife",
        "shield",
        "chains",
        "vampire",
        "man vampire",
        "woman vampire",
        "zombie",
        "man zombie",
        "woman zombie",
        "troll",
        "kiss",
        "couple with heart",
        "middle finger",
        "pregnant man",
        "pregnant person",
        "lighter",
        "ticket",
        "admission tickets",
        "name badge",
        "input latin letters",
        "newspaper",
        "rolled-up newspaper",
        "page with curl",
        "bookmark tabs",
        "label",
        "receipt",
        "ledger",
        "spiral calendar",
        "calendar",
        "tear-off calendar",
        "card index",
        "card index dividers",
        "spiral notepad",
        "clipboard",
        "pushpin",
        "straight ruler",
        "bar chart",
        "chart increasing",
        "chart decreasing",
        "scroll",
        "yen banknote",
        "euro banknote",
        "pound banknote",
        "heavy dollar sign",
        "chart increasing with yen",
        "currency exchange",
        "ballot box with ballot",
        "japanese post office",
        "japanese castle",
        "tokyo tower",
        "statue of liberty",
        "mount fuji",
        "map of japan",
        "kaaba",
        "shinto shrine",
        "wedding",
        "pile of poo",
        "ogre",
        "goblin",
        "skull",
        "skull and crossbones",
        "smiling face with horns",
        "angry face with horns",
        "face with symbols on mouth",
        "face vomiting",
        "face with crossed-out eyes",
        "exploding head",
        "woozy face",
        "zany face",
        "melting face",
        "dotted line face",
        "face in clouds",
        "distorted face",
        "face with peeking eye",
        "kiss mark",
        "sign of the horns",
        "love-you gesture",
        "hand with index finger and thumb crossed",
        "pinched fingers",
        "heart on fire",
        "mending heart",
        "heart with arrow",
        "heart exclamation",
        "heart decoration",
        "growing heart",
        "beating heart",
        "revolving hearts",
        "two hearts",
        "sparkling heart",
        "heart with ribbon",
        "fingerprint",
        "infinity",
        "root vegetable",
    }
)
# Words a learner uses for a concept that neither Unicode nor CLDR gives it.
EXTRA_NAMES: dict[str, tuple[str, ...]] = {
    "woman feeding baby": ("mother", "mum", "mom"),
    "man feeding baby": ("father", "dad"),
    "family: woman, girl": ("mother and daughter",),
    "family: man, boy": ("father and son",),
    "family: adult, child": ("parent and child",),
    "family": ("family",),
    "raised hand": ("hand",),
    "waving hand": ("wave", "hello"),
    "speaking head": ("head",),
    "dollar banknote": ("money", "banknote"),
    "money bag": ("money",),
    "glass of milk": ("milk",),
    "page facing up": ("paper", "a sheet of paper"),
    "teddy bear": ("toy",),
    "soccer ball": ("ball",),
    "cloud with rain": ("rain",),
    "snowflake": ("snow",),
    "deciduous tree": ("tree",),
    "blossom": ("flower",),
    "older person": ("old person",),
    "person": ("adult",),
}
# Feelings are adjectives: these captions are used as written, without an article.
FEELING_ALIASES = {
    "grinning face": ("happy", "a happy face"),
    "crying face": ("sad", "a sad face"),
    "angry face": ("angry", "an angry face"),
    "red heart": ("love", "heart"),
    "sleeping face": ("asleep",),
    "face with open mouth": ("surprised", "a surprised face"),
    "face screaming in fear": ("scared", "afraid"),
    "hot face": ("hot",),
    "cold face": ("cold",),
    "yawning face": ("tired",),
    "worried face": ("worried",),
    "confused face": ("confused",),
    "nauseated face": ("sick",),
    "partying face": ("party",),
}
# CLDR keywords too general to name one picture.
GENERIC_TAGS = frozenset(
    {
        "face",
        "person",
        "people",
        "man",
        "woman",
        "human",
        "object",
        "symbol",
        "animal",
        "food",
        "thing",
        "place",
        "nature",
        "emotion",
        "other",
        "emoji",
        "gender-neutral",
        "unspecified gender",
        "adult",
        "male",
        "female",
        "boy",
        "girl",
        "hand",
        "body",
        "travel",
        "vehicle",
        "weather",
        "sport",
        "clothing",
        "clothes",
        "building",
        "activity",
        "tool",
        "game",
    }
)
# A keyword shared by more concepts than this is a category ("fruit"), not a name.
SHARED_TAG_LIMIT = 3
_NOT_WORDS = re.compile(r"[^a-z' -]")


@dataclass(frozen=True)
class Entry:
    """One emoji of the master list."""

    emoji: str
    hexcode: str
    name: str
    group: str
    subgroup: str
    tags: tuple[str, ...]
    unicode: bool


def read_openmoji(package_dir: Path) -> list[Entry]:
    raw = json.loads((package_dir / "data" / "openmoji.json").read_text(encoding="utf-8"))
    entries = []
    for row in raw:
        if row["skintone"]:  # the same picture in another skin tone
            continue
        tags = [t.strip().lower() for t in f"{row['tags']},{row['openmoji_tags']}".split(",")]
        entries.append(
            Entry(
                emoji=row["emoji"],
                hexcode=row["hexcode"],
                name=plain_name(row["annotation"]),
                group=row["group"],
                subgroup=row["subgroups"],
                tags=tuple(dict.fromkeys(t for t in tags if t)),
                unicode=not row["group"].startswith("extras"),
            )
        )
    return entries


def plain_name(annotation: str) -> str:
    """'piñata' → 'pinata', 'Man: Beard' → 'man beard'; names are what learners type."""
    text = unicodedata.normalize("NFKD", annotation.replace("’", "'"))
    return " ".join(text.encode("ascii", "ignore").decode().lower().split())


def selected(entries: Iterable[Entry]) -> list[Entry]:
    """The concrete, teachable, child-safe entries, each picture once."""
    kept: list[Entry] = []
    seen: set[str] = set()
    for entry in entries:
        name = entry.name.replace(":", "")
        if entry.name in EXCLUDE or name in EXCLUDE or name in seen:
            continue
        if entry.group.startswith("extras"):
            keep = entry.name in KEEP_EXTRAS or entry.name in KEEP_NAMES
        elif entry.name.startswith(("kiss", "couple with heart")):
            keep = False
        else:
            keep = entry.subgroup in KEEP_SUBGROUPS or entry.name in KEEP_NAMES
        if keep:
            seen.add(name)
            kept.append(entry)
    return kept


def article(noun: str) -> str:
    """'an apple', 'a cat': the indefinite article a learner would use."""
    return ("an " if noun[:1] in "aeiou" else "a ") + noun


def concept_name(entry: Entry) -> str:
    return entry.name.replace(":", "").replace(",", "")


def alias_names(entry: Entry, emoji_aliases: dict[str, list[str]]) -> list[str]:
    """The emoji package's word-only aliases ("automobile" for the car)."""
    names = []
    aliases = emoji_aliases.get(entry.emoji) or emoji_aliases.get(entry.emoji.replace("\ufe0f", ""))
    for alias in aliases or []:
        text = alias.strip(":").replace("_", " ").lower()
        if text.isascii() and not any(ch.isdigit() for ch in text):
            names.append(text)
    return names


def names_for(entry: Entry, emoji_aliases: dict[str, list[str]]) -> list[str]:
    """The concept's name, then the words people use for it: the project's extra names and
    the emoji package's aliases. These are safe to draw the concept for."""
    name = concept_name(entry)
    return list(
        dict.fromkeys([name, *EXTRA_NAMES.get(entry.name, ()), *alias_names(entry, emoji_aliases)])
    )


def keywords_for(entry: Entry, tag_counts: Counter) -> list[str]:
    """CLDR/OpenMoji keywords that name few pictures: looser ("putt" for golfing), so they
    only widen what the model's text side has seen; the resolver never draws from them."""
    return [
        tag
        for tag in entry.tags
        if tag not in GENERIC_TAGS
        and not _NOT_WORDS.search(tag)
        and tag_counts[tag] <= SHARED_TAG_LIMIT
        and len(tag) > 2
    ]


def captions_for(names: list[str], name: str) -> list[str]:
    """Several phrasings of each name: bare, with an article, 'a picture of …'."""
    captions: list[str] = []
    for text in names:
        for caption in (text, article(text), f"a picture of {article(text)}"):
            if caption not in captions:
                captions.append(caption)
    captions.extend(c for c in FEELING_ALIASES.get(name, ()) if c not in captions)
    return captions


def emoji_aliases() -> dict[str, list[str]]:
    import emoji as emoji_pkg

    found: dict[str, list[str]] = {}
    for char, data in emoji_pkg.EMOJI_DATA.items():
        aliases = list(data.get("alias", []))
        found[char] = aliases
        found[char.replace("\ufe0f", "")] = aliases
    return found


def tag_counts(entries: Iterable[Entry]) -> Counter:
    counts: Counter = Counter()
    for entry in entries:
        counts.update(set(entry.tags))
    return counts
