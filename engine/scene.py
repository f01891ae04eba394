"""A sentence as a scene: what to draw (objects, how many), where (one relation), what not.

Like the layout stage of layout-grounded diffusion, but with rules instead of a language
model: the sentence is parsed into objects the loaded model can draw (through its resolver),
counts and one spatial relation; a layout of boxes follows from the relation; each object is
drawn on its own and placed in its box. Whatever could not be drawn is kept, to be said.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, field, replace
from typing import Any

from engine.resolver import Resolver
from engine.wordnet import WordNet

MAX_OBJECTS = 6
NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
}  # fmt: skip
RELATIONS = {
    "next to": "next to", "beside": "next to", "near": "next to", "on": "on",
    "on top of": "on", "under": "under", "below": "under", "beneath": "under",
    "above": "above", "over": "above", "in": "in", "inside": "in", "behind": "behind",
    "in front of": "in front of",
}  # fmt: skip
SKIP = {
    "the", "a", "an", "is", "are", "am", "and", "there", "this", "that", "these", "those",
    "my", "your", "his", "her", "its", "our", "their", "of", "to", "with",
}  # fmt: skip
PRONOUNS = {"i", "you", "he", "she", "we", "they", "it"}
# Sizes are not drawn yet: said as left out, and they never end the noun phrase.
SIZE_WORDS = {"small", "little", "tiny", "big", "large", "huge", "tall", "long", "short"}
# The colours a scene can give an object, as drawn (an object's own shading is kept).
COLOURS = {
    "red": (215, 35, 35), "orange": (245, 135, 20), "yellow": (240, 205, 0),
    "green": (35, 150, 55), "blue": (35, 85, 215), "purple": (125, 45, 165),
    "pink": (240, 115, 175), "brown": (125, 75, 35), "black": (35, 35, 35),
    "white": (238, 238, 238), "grey": (128, 128, 128), "gray": (128, 128, 128),
}  # fmt: skip
_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")


@dataclass(frozen=True)
class SceneObject:
    word: str  # as the learner wrote it (its singular)
    concept: str  # what the model draws
    count: int = 1
    colour: str | None = None  # one of COLOURS, when the sentence gives one


@dataclass(frozen=True)
class Scene:
    objects: tuple[SceneObject, ...]
    relation: str | None = None  # between objects[0] and objects[1]
    missing: tuple[str, ...] = field(default_factory=tuple)  # words not drawn

    def to_json(self) -> str:
        return json.dumps(asdict(self), sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> Scene:
        data = json.loads(text)
        objects = tuple(SceneObject(**o) for o in data["objects"])
        return cls(objects, data.get("relation"), tuple(data.get("missing", ())))


def parse(
    sentence: str,
    resolver: Resolver,
    wordnet: WordNet,
    meanings: Callable[[str], list[str]] | None = None,
) -> Scene:
    """Objects (with counts), the first spatial relation between two of them, the rest.
    `meanings` gives a noun's sense ids, the everyday one first, as `/word` uses them (without
    it, WordNet's order), so a word in a sentence is drawn as the same thing as on its own."""
    words = _WORD.findall(sentence.lower())
    objects: list[SceneObject] = []
    missing: list[str] = []
    relation: str | None = None
    count = 1
    counted = False  # a number word was said ("two cats"), else a plural means a few
    colour: str | None = None
    position = 0
    after_subject = False
    while position < len(words):
        word = words[position]
        previous = words[position - 1] if position else ""
        following = words[position + 1] if position + 1 < len(words) else ""
        if word in COLOURS and previous in ("is", "are") and objects:
            if objects[-1].colour is None:
                objects[-1] = replace(objects[-1], colour=word)  # "the ball is red"
            position += 1
            continue
        if word in COLOURS and following and following not in SKIP and following not in RELATIONS:
            colour = word  # "a red ball"; but "an orange and a balloon" is the fruit
            position += 1
            continue
        three = " ".join(words[position : position + 3])
        two = " ".join(words[position : position + 2])
        phrase = next((p for p in (three, two, word) if p in RELATIONS), None)
        if phrase is not None and len(objects) == 1 and relation is None:
            relation = RELATIONS[phrase]
            after_subject = False
            position += len(phrase.split())
            continue
        if word in NUMBERS or word.isdigit():
            count = NUMBERS.get(word, 0) or min(int(word), MAX_OBJECTS)
            counted = word not in ("a", "an")
            after_subject = False
            position += 1
            continue
        if word in SIZE_WORDS and following and following not in SKIP:
            missing.append(word)  # "three small fish": the fish are drawn, "small" is said
            position += 1
            continue
        if word in SKIP or phrase is not None:
            after_subject = False  # "the dog is …", "two cats and a dog"
            position += 1
            continue
        if word in PRONOUNS:
            after_subject = True
            position += 1
            continue
        singular = _singular(word, wordnet)
        # the word after a subject is its verb ("the cat sleeps", "I love"), not a thing
        verb = after_subject and _can_be_verb(word, wordnet)
        after_subject = False
        drawing = None
        # the singular first ("cats" → cat); a plural that is a word of its own ("shorts") only
        # when its singular cannot be drawn ("arms" stays the body's)
        for name in dict.fromkeys((singular, word)):
            if drawing is None and not verb and _is_noun(name, wordnet):
                senses = meanings(name) if meanings else []
                if not senses:
                    senses = [f"n{o:08d}" for o in wordnet.index[name.replace(" ", "_")]["n"]]
                drawing = resolver.resolve(name, senses)
                singular = name if drawing is not None else singular
        if drawing is not None and len(objects) < 2:
            if not counted and singular != word:
                count = 2  # "the shoes are under the bed": more than one
            objects.append(SceneObject(singular, drawing.subject, max(1, count), colour))
            after_subject = relation is None  # "the cat sleeps": a verb may follow
        else:
            missing.append(word)
            # an undrawn noun may be the subject ("the weather is …"), but not one that also
            # describes ("the old cat": "old" is not the subject, and "cat" is no verb)
            after_subject = (
                not verb
                and _is_noun(singular, wordnet)
                and relation is None
                and not _can_describe(word, wordnet)
            )
        count, counted, colour = 1, False, None
        position += 1
    if len(objects) < 2:
        relation = None
    return Scene(tuple(objects), relation, tuple(missing))


def _singular(word: str, wordnet: WordNet) -> str:
    """The noun's singular: WordNet's first base form other than the word itself ("leaves" is
    leaf before the noun "leave", "glasses" → glass; "shorts" is tried as short first)."""
    forms = [form.replace("_", " ") for form, _ in wordnet.base_forms(word, "n")]
    return next((form for form in forms if form != word), word)


def _can_be_verb(word: str, wordnet: WordNet) -> bool:
    return any(pos == "v" for _, pos in wordnet.base_forms(word, "v"))


def _can_describe(word: str, wordnet: WordNet) -> bool:
    entry = wordnet.index.get(word.replace(" ", "_"), {})
    return "a" in entry or "s" in entry


def _is_noun(word: str, wordnet: WordNet) -> bool:
    return "n" in wordnet.index.get(word.replace(" ", "_"), {})


@dataclass(frozen=True)
class Box:
    concept: str
    x: int
    y: int
    size: int
    colour: str | None = None


def layout(scene: Scene, canvas: int = 256) -> list[Box]:
    """Boxes in drawing order (back to front) for the scene's objects and relation."""
    if not scene.objects:
        return []
    if len(scene.objects) == 1 or scene.relation in (None, "next to"):
        return _row(scene.objects, canvas)  # every copy of every thing side by side
    boxes = []
    for box in _related(scene, canvas):  # each of the two related things, as many as asked
        thing = next(o for o in scene.objects[:2] if o.concept == box.concept)
        boxes += _copies(replace(box, colour=thing.colour), thing.count, canvas)
    return boxes


def _copies(box: Box, count: int, canvas: int) -> list[Box]:
    """`count` copies of a box side by side, centred where the box was ("the shoes are under
    the bed": two shoes under it)."""
    count = min(count, MAX_OBJECTS)
    if count == 1:
        return [box]
    size = min(box.size, (canvas - 8) // count - 4)
    centre_x, centre_y = box.x + box.size // 2, box.y + box.size // 2
    left = max(4, min(canvas - 4 - count * (size + 4), centre_x - count * (size + 4) // 2))
    top = min(max(0, centre_y - size // 2), canvas - size)
    return [replace(box, x=left + n * (size + 4), y=top, size=size) for n in range(count)]


def _related(scene: Scene, canvas: int) -> list[Box]:
    """The two related objects' boxes (a: the first object, b: the one it is related to)."""
    a, b = scene.objects[0], scene.objects[1]
    big, small = int(canvas * 0.55), int(canvas * 0.38)
    centre = (canvas - big) // 2
    if scene.relation == "on":  # b below, a resting on its top half
        top = canvas - big - 8
        return [
            Box(b.concept, centre, top, big),
            Box(a.concept, (canvas - small) // 2, top - small + int(big * 0.25), small),
        ]
    if scene.relation == "under":  # b above, a tucked under its lower part
        return [
            Box(b.concept, centre, 4, big),
            Box(a.concept, (canvas - small) // 2, 4 + big - int(small * 0.3), small),
        ]
    if scene.relation == "above":
        return [
            Box(a.concept, (canvas - small) // 2, 8, small),
            Box(b.concept, centre, canvas - big - 8, big),
        ]
    if scene.relation == "in":
        inner = int(big * 0.5)
        return [
            Box(b.concept, centre, centre, big),
            Box(a.concept, (canvas - inner) // 2, (canvas - inner) // 2 + 10, inner),
        ]
    if scene.relation == "behind":  # b in front, drawn last, covering part of a
        return [
            Box(a.concept, centre - 40, centre - 30, big),
            Box(b.concept, centre + 30, centre + 20, small + 20),
        ]
    if scene.relation == "in front of":
        return [
            Box(b.concept, centre - 40, centre - 30, big),
            Box(a.concept, centre + 30, centre + 20, small + 20),
        ]
    return _row(scene.objects, canvas)  # next to


def _row(objects: tuple[SceneObject, ...], canvas: int) -> list[Box]:
    """Every copy of every object side by side, in up to two rows."""
    copies = [o for o in objects for _ in range(min(o.count, MAX_OBJECTS))][:MAX_OBJECTS]
    per_row = min(3, len(copies)) if len(copies) > 2 else len(copies)
    rows = -(-len(copies) // per_row)
    size = min(canvas // per_row - 8, canvas // rows - 8, int(canvas * 0.7))
    boxes = []
    for n, thing in enumerate(copies):
        row, column = divmod(n, per_row)
        in_row = min(per_row, len(copies) - row * per_row)
        left = (canvas - in_row * (size + 8)) // 2
        top = (canvas - rows * (size + 8)) // 2
        x, y = left + column * (size + 8) + 4, top + row * (size + 8) + 4
        boxes.append(Box(thing.concept, x, y, size, thing.colour))
    return boxes


def composite(boxes: list[Box], pictures: Mapping[str, object], canvas: int = 256) -> object:
    """The scene: each concept's picture (its white background made clear) in its box."""
    import numpy as np
    from PIL import Image

    scene = Image.new("RGB", (canvas, canvas), "white")
    for box in boxes:
        picture = pictures[box.concept]
        assert isinstance(picture, Image.Image)
        tile = picture.convert("RGB").resize((box.size, box.size), Image.Resampling.LANCZOS)
        rgb = np.asarray(tile)
        alpha = np.where((rgb > 235).all(axis=2), 0, 255).astype(np.uint8)
        if box.colour in COLOURS:
            tile = recolour(tile, COLOURS[box.colour])
        scene.paste(tile, (box.x, box.y), Image.fromarray(alpha, "L"))
    return scene


def recolour(tile: Any, colour: tuple[int, int, int]) -> Any:
    """The picture in one colour, its own light and shade kept: the object's middle tone
    becomes the colour, darker parts a darker shade of it, highlights a lighter one (so a
    "red ball" is plainly red and still a ball)."""
    import numpy as np
    from PIL import Image, ImageOps

    assert isinstance(tile, Image.Image)
    grey = tile.convert("L")
    values = np.asarray(grey)
    inside = values[values < 235]  # the object, not its white background
    middle = int(np.median(inside)) if inside.size else 128
    dark = tuple(int(c * 0.45) for c in colour)
    light = tuple(min(255, int(c + (255 - c) * 0.6)) for c in colour)
    return ImageOps.colorize(
        grey, black=dark, white=light, mid=colour, midpoint=min(max(middle, 20), 230)
    )


def named_colour(pixels: object) -> str | None:
    """The colour name (of COLOURS) nearest to the median of an object's pixels (N×3 RGB),
    compared in CIE Lab (Pillow's colour management), where distance follows what eyes see."""
    import numpy as np

    values = np.asarray(pixels, dtype=np.float64).reshape(-1, 3)
    if not len(values):
        return None
    names = [n for n in COLOURS if n != "gray"]
    swatch = np.array([np.median(values, axis=0)] + [COLOURS[n] for n in names], dtype=np.uint8)
    lab = _to_lab(swatch)
    distances = np.linalg.norm(lab[1:] - lab[0], axis=1)
    return names[int(np.argmin(distances))]


def _to_lab(rgb: object) -> Any:
    import numpy as np
    from PIL import Image, ImageCms

    colours = np.asarray(rgb, dtype=np.uint8).reshape(1, -1, 3)
    transform = ImageCms.buildTransformFromOpenProfiles(
        ImageCms.createProfile("sRGB"), ImageCms.createProfile("LAB"), "RGB", "LAB"
    )
    lab = ImageCms.applyTransform(Image.fromarray(colours, "RGB"), transform)
    assert lab is not None
    values = np.asarray(lab, dtype=np.float64).reshape(-1, 3)
    values[:, 0] *= 100 / 255  # L in 0..100; a and b are stored as signed bytes
    values[:, 1:] = (values[:, 1:].astype(np.uint8).view(np.int8)).astype(np.float64)
    return values
