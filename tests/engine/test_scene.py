"""Sentences as scenes: parsed into the objects the model can draw, laid out, drawn, composited."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image

from bot.learning.dictionary import Dictionary
from engine.pipeline import PictureEngine
from engine.request import GenerationRequest
from engine.resolver import ConceptResolver, resolver_for
from engine.scene import COLOURS, Scene, SceneObject, composite, layout, named_colour, parse
from engine.starter.dataset import load


@pytest.fixture(scope="module")
def resolver(dictionary: Dictionary) -> ConceptResolver:
    _, concepts = load()
    return ConceptResolver(concepts, dictionary.wordnet)


def test_objects_counts_and_a_relation_are_parsed(
    resolver: ConceptResolver, dictionary: Dictionary
) -> None:
    wordnet = dictionary.wordnet
    scene = parse("The cat is on the bed.", resolver, wordnet)
    assert [o.concept for o in scene.objects] == ["cat", "bed"] and scene.relation == "on"
    scene = parse("Two cats and a dog.", resolver, wordnet)
    assert [(o.word, o.count) for o in scene.objects] == [("cat", 2), ("dog", 1)]
    scene = parse("The dog is under the chair.", resolver, wordnet)
    assert scene.relation == "under" and not scene.missing
    # what it cannot draw is kept to be said, never drawn as something else
    scene = parse("The cat sleeps on the sofa.", resolver, wordnet)  # the README's example
    assert [o.concept for o in scene.objects] == ["cat", "couch and lamp"]
    assert scene.relation == "on" and scene.missing == ("sleeps",)
    scene = parse("The ball is in the box.", resolver, wordnet)
    assert [o.word for o in scene.objects] == ["ball"] and "box" in scene.missing
    assert parse("I love my family.", resolver, wordnet).objects == ()
    assert Scene.from_json(scene.to_json()) == scene


def test_an_irregular_plural_is_the_thing_not_another_word(dictionary: Dictionary) -> None:
    wordnet = dictionary.wordnet
    resolver = resolver_for("starter", wordnet)  # the bot's own: captions read by meaning

    def meanings(word: str) -> list[str]:
        return [m.sense_id for m in dictionary.everyday_senses(word)]

    scene = parse("Three leaves.", resolver, wordnet, meanings)  # leaf, not the noun "leave"
    assert [(o.word, o.count) for o in scene.objects] == [("leaf", 3)]
    scene = parse("Four wolves and two mice.", resolver, wordnet, meanings)
    assert [(o.word, o.count) for o in scene.objects] == [("wolf", 4), ("mouse", 2)]


def _boxes(relation: str) -> tuple[object, object]:
    scene = Scene((SceneObject("cat", "cat"), SceneObject("bed", "bed")), relation)
    boxes = {b.concept: b for b in layout(scene)}
    return boxes["cat"], boxes["bed"]


def test_each_relation_has_its_layout() -> None:
    cat, bed = _boxes("on")
    assert cat.y < bed.y < cat.y + cat.size  # resting on its top: above, and overlapping
    cat, bed = _boxes("under")
    assert bed.y < cat.y and cat.y < bed.y + bed.size
    cat, bed = _boxes("above")
    assert cat.y + cat.size <= bed.y
    cat, bed = _boxes("next to")
    assert cat.y == bed.y and cat.x + cat.size <= bed.x
    cat, bed = _boxes("in")
    assert bed.x < cat.x and cat.x + cat.size < bed.x + bed.size and cat.size < bed.size
    many = layout(Scene((SceneObject("apple", "red apple", 4),)))
    assert len(many) == 4 and len({(b.x, b.y) for b in many}) == 4  # each one visible
    # as many as asked, with a relation too ("two trees next to the house", "shoes under a bed")
    trees = Scene((SceneObject("tree", "palm tree", 2), SceneObject("house", "house")), "next to")
    assert [b.concept for b in layout(trees)].count("palm tree") == 2
    shoes = Scene((SceneObject("shoe", "man’s shoe", 2), SceneObject("bed", "bed")), "under")
    boxes = layout(shoes)
    two = [b for b in boxes if b.concept == "man’s shoe"]
    bed = next(b for b in boxes if b.concept == "bed")
    assert len(two) == 2 and two[0].x + two[0].size <= two[1].x  # side by side
    assert all(b.y > bed.y for b in two)  # both under the bed


def test_a_scene_is_drawn_as_one_picture_of_its_objects(tiny_engine: PictureEngine) -> None:
    scene = Scene((SceneObject("cat", "cat", 2), SceneObject("dog", "dog")))
    values = tiny_engine.defaults()
    request = GenerationRequest(
        model="tiny", prompt="two cats and a dog", negative_prompt="", seed=3,
        scene=scene.to_json(), **values,
    )  # type: ignore[arg-type]  # fmt: skip
    picture = tiny_engine.draw([request])[0]
    with Image.open(io.BytesIO(picture.png)) as image:
        assert image.size == (128, 128)  # the tiny model's display size
    assert picture.params["scene"] == scene.to_json()  # the scene travels with the picture


def test_colours_belong_to_their_object(resolver: ConceptResolver, dictionary: Dictionary) -> None:
    wordnet = dictionary.wordnet
    scene = parse("A green bus and a white boat.", resolver, wordnet)
    assert [(o.word, o.colour) for o in scene.objects] == [("bus", "green"), ("boat", "white")]
    scene = parse("Four yellow bananas.", resolver, wordnet)
    assert [(o.word, o.count, o.colour) for o in scene.objects] == [("banana", 4, "yellow")]
    scene = parse("The ball is red.", resolver, wordnet)  # a colour after "is"
    assert [(o.word, o.colour) for o in scene.objects] == [("ball", "red")]
    scene = parse("The dog is next to the chair.", resolver, wordnet)
    assert all(o.colour is None for o in scene.objects)  # no colour made up
    assert Scene.from_json(scene.to_json()) == scene


def test_a_describing_word_the_model_cannot_draw_is_said_not_taken_for_the_subject(
    resolver: ConceptResolver, dictionary: Dictionary
) -> None:
    """The word "old" is also a noun and "cat" also a verb: the scene was once empty
    ("I don't know how to draw any of its words")."""
    wordnet = dictionary.wordnet
    scene = parse("The old cat.", resolver, wordnet)
    assert [o.word for o in scene.objects] == ["cat"] and scene.missing == ("old",)
    scene = parse("The new car is under the tree.", resolver, wordnet)
    assert [o.word for o in scene.objects] == ["car", "tree"] and scene.relation == "under"
    assert scene.missing == ("new",)


def test_a_coloured_object_is_drawn_in_its_colour() -> None:
    """Read back from the finished picture, without the plan: each box's pixels are named the
    colour asked for, for every colour, on the starter's own pictures of different things."""
    images, concepts = load()
    names = ["cat", "bus", "banana", "soccer ball", "house", "dog"]
    pictures = {c.name: Image.fromarray(images[c.index]) for c in concepts if c.name in names}
    assert len(pictures) == len(names)
    for colour in [c for c in COLOURS if c != "gray"]:
        objects = tuple(SceneObject(n, n, 1, colour) for n in names[:2])
        boxes = layout(Scene(objects))
        assert all(box.colour == colour for box in boxes)
        picture = composite(boxes, pictures)
        assert isinstance(picture, Image.Image)
        for box in boxes:
            region = np.asarray(picture.crop((box.x, box.y, box.x + box.size, box.y + box.size)))
            inside = region[~(region > 245).all(axis=2)]
            assert named_colour(inside) == colour, (colour, box.concept)
