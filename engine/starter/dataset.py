"""The starter model's training set: Noto Color Emoji artwork with English names and captions.

Built once at development time (``python -m engine.starter.dataset``) from Debian's
``fonts-noto-color-emoji`` (SIL Open Font License 1.1), Unicode's ``emoji-test.txt``
(Unicode License v3, Debian's ``unicode-data``) and the ``emoji`` package's aliases (BSD).
The result is committed next to the model so evaluation works on a fresh clone.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np

DATA_DIR = Path(__file__).parent / "data"
IMAGES_FILE = DATA_DIR / "emoji64.npz"
CONCEPTS_FILE = DATA_DIR / "concepts.json"

EMOJI_FONT = Path("/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf")
EMOJI_TEST = Path("/usr/share/unicode/emoji/emoji-test.txt")
SIZE = 64

# Concrete, teachable subgroups (animals, food, objects, places, weather, actions, feelings).
KEEP_SUBGROUPS = {
    "cat-face",
    "body-parts",
    "person-activity",
    "person-sport",
    "person-resting",
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
    "place-other",
    "transport-ground",
    "transport-water",
    "transport-air",
    "hotel",
    "sky & weather",
    "event",
    "sport",
    "game",
    "arts & crafts",
    "clothing",
    "sound",
    "music",
    "musical-instrument",
    "phone",
    "computer",
    "light & video",
    "book-paper",
    "mail",
    "writing",
    "office",
    "lock",
    "tool",
    "science",
    "medical",
    "household",
    "other-object",
}
# A few everyday feelings from the face subgroups, so "happy" and "sad" can be drawn.
KEEP_FACES = {
    "grinning face",
    "smiling face with smiling eyes",
    "crying face",
    "angry face",
    "sleeping face",
    "face with open mouth",
    "thinking face",
    "face screaming in fear",
    "loudly crying face",
    "smiling face with sunglasses",
    "hot face",
    "cold face",
    "sneezing face",
    "yawning face",
    "winking face",
    "red heart",
}
# Not for a children's vocabulary bot: weapons, alcohol, tobacco, death, gambling, adult themes.
EXCLUDE = {
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
}
# Feelings are adjectives: these captions are used as written, without an article.
FEELING_ALIASES = {
    "grinning face": ["happy", "a happy face"],
    "crying face": ["sad", "a sad face"],
    "angry face": ["angry", "an angry face"],
    "red heart": ["love", "heart"],
    "sleeping face": ["asleep"],
    "face with open mouth": ["surprised", "a surprised face"],
    "face screaming in fear": ["scared", "afraid"],
    "hot face": ["hot"],
    "cold face": ["cold"],
    "yawning face": ["tired"],
}
_LINE = re.compile(r"^([0-9A-F ]+?)\s*; fully-qualified\s*# \S+ E[\d.]+ (.+)$")


@dataclass(frozen=True)
class Concept:
    """One picture of the training set with the captions that should draw it."""

    index: int
    emoji: str
    name: str
    group: str
    captions: tuple[str, ...]


def article(noun: str) -> str:
    """'an apple', 'a cat': the indefinite article a learner would use."""
    return ("an " if noun[:1] in "aeiou" else "a ") + noun


def read_emoji_test(path: Path = EMOJI_TEST) -> list[tuple[str, str, str]]:
    """(emoji, name, subgroup) for every single-person, untoned, fully-qualified emoji we keep."""
    rows: list[tuple[str, str, str]] = []
    subgroup = ""
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# subgroup:"):
            subgroup = line.split(":", 1)[1].strip()
            continue
        match = _LINE.match(line)
        if not match:
            continue
        codes = [int(c, 16) for c in match.group(1).split()]
        name = match.group(2).strip().lower()
        if 0x200D in codes or any(0x1F3FB <= c <= 0x1F3FF for c in codes):
            continue  # gendered/toned variants: same picture, different name
        if name.replace(":", "") in EXCLUDE:
            continue
        if subgroup in KEEP_SUBGROUPS or name in KEEP_FACES:
            rows.append(("".join(chr(c) for c in codes), name.replace(":", ""), subgroup))
    return rows


def captions_for(emoji: str, name: str) -> list[str]:
    """Several phrasings of one name, plus the emoji package's word-only aliases."""
    import emoji as emoji_pkg

    names = [name]
    data = emoji_pkg.EMOJI_DATA.get(emoji) or emoji_pkg.EMOJI_DATA.get(emoji.replace("\ufe0f", ""))
    if data:
        for alias in data.get("alias", []):
            text = alias.strip(":").replace("_", " ").lower()
            if text.isascii() and not any(ch.isdigit() for ch in text) and text not in names:
                names.append(text)
    captions: list[str] = []
    for text in names:
        for caption in (text, article(text), f"a picture of {article(text)}"):
            if caption not in captions:
                captions.append(caption)
    captions.extend(c for c in FEELING_ALIASES.get(name, []) if c not in captions)
    return captions


def render(emoji: str, font_path: Path = EMOJI_FONT, size: int = SIZE) -> np.ndarray:
    """The emoji drawn on white, centred and scaled to ``size`` pixels."""
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(str(font_path), 109)
    canvas = Image.new("RGBA", (160, 160), (255, 255, 255, 0))
    ImageDraw.Draw(canvas).text((8, 8), emoji, font=font, embedded_color=True)
    box = canvas.getbbox()
    if box is None:
        raise ValueError(f"the font has no picture for {emoji!r}")
    art = canvas.crop(box)
    side = max(art.size)
    square = Image.new("RGBA", (side, side), (255, 255, 255, 0))
    square.paste(art, ((side - art.size[0]) // 2, (side - art.size[1]) // 2))
    square = square.resize((size - 4, size - 4), Image.Resampling.LANCZOS)
    white = Image.new("RGBA", (size, size), (255, 255, 255, 255))
    white.alpha_composite(square, (2, 2))
    return np.asarray(white.convert("RGB"), dtype=np.uint8)


def build(out_dir: Path = DATA_DIR) -> list[Concept]:
    """Render every kept emoji and write ``emoji64.npz`` and ``concepts.json``."""
    rows = read_emoji_test()
    taken: dict[str, int] = {}
    concepts: list[Concept] = []
    images: list[np.ndarray] = []
    # A caption that would name two pictures belongs to the one whose own name it is.
    own_names = {name for _, name, _ in rows}
    for emoji, name, subgroup in rows:
        try:
            pixels = render(emoji)
        except ValueError:
            continue
        captions = []
        for caption in captions_for(emoji, name):
            bare = caption.removeprefix("a picture of ").removeprefix("an ").removeprefix("a ")
            if caption in taken or (bare in own_names and bare != name):
                continue
            taken[caption] = len(concepts)
            captions.append(caption)
        concepts.append(Concept(len(concepts), emoji, name, subgroup, tuple(captions)))
        images.append(pixels)
    out_dir.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(out_dir / IMAGES_FILE.name, images=np.stack(images))
    payload = [c.__dict__ | {"captions": list(c.captions)} for c in concepts]
    (out_dir / CONCEPTS_FILE.name).write_text(json.dumps(payload, ensure_ascii=False, indent=1))
    return concepts


def load(data_dir: Path = DATA_DIR) -> tuple[np.ndarray, list[Concept]]:
    """The committed training set: uint8 images (N, 64, 64, 3) and their concepts."""
    images = np.load(data_dir / IMAGES_FILE.name)["images"]
    raw = json.loads((data_dir / CONCEPTS_FILE.name).read_text(encoding="utf-8"))
    concepts = [
        Concept(r["index"], r["emoji"], r["name"], r["group"], tuple(r["captions"])) for r in raw
    ]
    return images, concepts


if __name__ == "__main__":
    built = build()
    print(f"{len(built)} concepts, {sum(len(c.captions) for c in built)} captions -> {DATA_DIR}")
