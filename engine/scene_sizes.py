"""How big things are in the world, for a scene's layout (the nearest kind in WordNet decides),
the WordNet kind a noun is ("apple" is a fruit, "girl" a person), and the sizes a sentence
says ("a big mouse")."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import replace
from typing import TYPE_CHECKING

from engine.scene_words import SIZE_SCALES
from engine.wordnet import WordNet

if TYPE_CHECKING:
    from engine.scene_types import SceneObject

# How big things are in the world, as a share of the biggest.
REAL_SIZES = {
    1.0: "building house tree bus train ship truck airplane aircraft elephant whale giraffe "
    "dinosaur mountain castle tower bridge rocket hippopotamus hill river museum temple",
    0.85: "person car horse cow camel bear lion tiger bed sofa table piano deer zebra gorilla "
    "kangaroo boat motorcycle crocodile shark dolphin tent refrigerator bookcase wardrobe roof "
    "path",
    0.7: "dog sheep pig goat chair child monkey penguin wolf fox desk television computer "
    "guitar bicycle snowman cupboard fireplace sink stove bench fence gate",
    0.5: "cat rabbit chicken duck owl bag box bucket lamp plant baby blanket flag treasure",
    0.4: "bird fruit vegetable ball cup shoe book hat bottle fish frog toy dish clock flower "
    "cake bread sandwich hand telephone vase wallet kettle grass globe portrait rope flour head "
    "knee skirt suit belt",
    0.3: "mouse rat insect key coin ring pencil pen egg candy spoon fork butterfly snail spider "
    "button nut berry leaf toothbrush sugar",
}  # fmt: skip
_SIZE_OF = {word: size for size, words in REAL_SIZES.items() for word in words.split()}
DEFAULT_SIZE = 0.55


def kind_of(noun: str, senses: list[str], wordnet: WordNet, kinds: Collection[str]) -> str | None:
    """The nearest of `kinds` the noun is (itself, or a kind of it in WordNet), for its first
    sense ("apple" → fruit; "girl" → person)."""
    if noun in kinds:
        return noun
    offsets = [int(s[1:]) for s in senses if s.startswith("n")]
    if not offsets:
        offsets = list(wordnet.index.get(noun.replace(" ", "_"), {}).get("n", ()))[:1]
    level, seen = offsets[:1], set()
    for _ in range(12):
        found = [wordnet.synset(o, "n") for o in level if o not in seen]
        seen.update(level)
        for sense in found:
            match = next((lemma for lemma in sense.lemmas if lemma.lower() in kinds), None)
            if match is not None:
                return match.lower()
        level = [h for sense in found for h in sense.hypernyms]
        if not level:
            break
    return None


def real_size(noun: str, senses: list[str], wordnet: WordNet) -> float:
    kind = kind_of(noun, senses, wordnet, _SIZE_OF)
    return _SIZE_OF[kind] if kind else DEFAULT_SIZE


def sized_as_said(objects: list[SceneObject]) -> list[SceneObject]:
    """A big thing drawn bigger than every other thing, a small one smaller ("a small elephant
    and a big mouse" shows what the sentence says, not the world)."""
    plain = [o.size for o in objects if not o.sized] or [o.size for o in objects]
    if not plain:
        return objects
    biggest, smallest = max(plain), min(plain)
    sized = []
    for thing in objects:
        scale = SIZE_SCALES.get(thing.sized or "")
        if scale is not None:
            thing = replace(thing, size=(biggest if scale > 1 else smallest) * scale)
        sized.append(thing)
    return sized


def same_kind(
    subject: str, subject_senses: list[str], word: str, senses: list[str], wordnet: WordNet
) -> bool:
    """Is the word after "is a" of the subject's kind (a person, an animal), so the same one
    ("My mother is a doctor.", "The dog is a puppy.") and not a second?"""
    return any(
        kind_of(subject, subject_senses, wordnet, kind) and kind_of(word, senses, wordnet, kind)
        for kind in ({"person"}, {"animal"})
    )
