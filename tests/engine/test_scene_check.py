"""The layout-blind checker finds things in a finished picture without reading the plan, and
fails a picture with a thing missing, a wrong count, a swapped relation or a wrong colour."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PIL import Image

from engine.scene import Scene, SceneObject
from engine.scene_check import SceneChecker
from engine.scene_layout import composite, layout
from engine.starter.dataset import load


@pytest.fixture(scope="module")
def checker() -> SceneChecker:
    return SceneChecker.for_starter()


@pytest.fixture(scope="module")
def pictures() -> dict[str, Image.Image]:
    images, concepts = load()
    return {c.name: Image.fromarray(images[c.index]) for c in concepts}


def drawn(scene: Scene, pictures: dict[str, Image.Image]) -> Image.Image:
    """The picture of a plan (the checker is never shown the plan itself)."""
    picture = composite(layout(scene, 256), pictures, 256)
    assert isinstance(picture, Image.Image)
    return picture


def thing(concept: str, count: int = 1, colour: str | None = None) -> SceneObject:
    return SceneObject(concept, concept, count, colour)


def test_a_picture_of_the_scene_shows_it(
    checker: SceneChecker, pictures: dict[str, Image.Image]
) -> None:
    scenes = [
        Scene((thing("cat", 3),)),
        Scene((thing("banana", 4, "yellow"),)),
        Scene((thing("bus", 1, "green"), thing("sailboat", 1, "white"))),
        Scene((thing("cat"), thing("bed")), "on"),
        Scene((thing("mouse"), thing("bed")), "under"),
        Scene((thing("bird"), thing("house")), "above"),
        Scene((thing("pig"), thing("palm tree")), "next to"),
        Scene((thing("elephant"), thing("palm tree")), "behind"),
    ]
    for scene in scenes:
        verdict = checker.check(drawn(scene, pictures), scene)
        assert verdict.shows and verdict.objects, (scene, verdict)


def test_a_missing_thing_a_wrong_count_or_colour_fails(
    checker: SceneChecker, pictures: dict[str, Image.Image]
) -> None:
    two = Scene((thing("bus"), thing("sailboat")))
    assert not checker.check(drawn(Scene(two.objects[:1]), pictures), two).objects
    three = Scene((thing("cat", 3),))
    for wrong in (2, 4):
        assert not checker.check(drawn(Scene((thing("cat", wrong),)), pictures), three).shows
    red = Scene((thing("automobile", 2, "red"),))
    blue = drawn(Scene((thing("automobile", 2, "blue"),)), pictures)
    verdict = checker.check(blue, red)
    assert verdict.objects and verdict.colours is False


def test_a_swapped_relation_fails(checker: SceneChecker, pictures: dict[str, Image.Image]) -> None:
    swaps = {"on": "under", "under": "on", "above": "under", "next to": "above"}
    for relation, other in swaps.items():
        scene = Scene((thing("cat"), thing("bed")), relation)
        verdict = checker.check(drawn(replace(scene, relation=other), pictures), scene)
        assert verdict.relation is False, (relation, other)
    scene = Scene((thing("elephant"), thing("palm tree")), "behind")
    in_front = drawn(replace(scene, relation="in front of"), pictures)
    assert checker.check(in_front, scene).relation is False


def test_between_is_judged_from_where_the_three_things_are(
    checker: SceneChecker, pictures: dict[str, Image.Image]
) -> None:
    between = Scene((thing("cat"), thing("dog"), thing("palm tree")), "between")
    assert checker.check(drawn(between, pictures), between).shows
    beside = replace(between, relation=None)  # the cat drawn first, not in the middle
    assert checker.check(drawn(beside, pictures), between).relation is False
    chairs = Scene((thing("soccer ball"), thing("chair", 2)), "between")
    assert checker.check(drawn(chairs, pictures), chairs).shows


def test_a_clock_hung_on_a_wall_is_judged_on_it() -> None:
    """Hung over the wall's middle it is "on" the wall; a cup there is not on a table."""
    from engine.scene_check import Found, related

    clock, wall = Found("alarm clock", 96, 96, 64, 1.0), Found("wall", 58, 58, 140, 1.0)
    assert related("on", clock, wall, None, None, hung=True)
    assert not related("on", clock, wall, None, None)  # resting on a top, it would be higher
    high = Found("alarm clock", 96, 10, 64, 1.0)
    assert not related("on", high, wall, None, None, hung=True)  # above the wall, not on it
