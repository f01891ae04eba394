"""Where a scene's things go: relations, counts, real-world sizes, settings; the composite."""

from __future__ import annotations

import itertools

import numpy as np
from PIL import Image

from bot.learning.dictionary import Dictionary
from engine.scene import MAX_COPIES, Scene, SceneObject
from engine.scene_check import SceneChecker
from engine.scene_layout import Box, composite, layout, named_colour, resting
from engine.scene_words import COLOURS
from engine.starter.dataset import load


def _boxes(relation: str) -> tuple[Box, Box]:
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


def test_up_to_ten_copies_are_each_visible() -> None:
    for count in range(1, MAX_COPIES + 1):
        boxes = layout(Scene((SceneObject("apple", "red apple", count),)))
        assert len(boxes) == count
        for n, a in enumerate(boxes):  # no two overlap
            for b in boxes[n + 1 :]:
                apart = a.x + a.size <= b.x or b.x + b.size <= a.x
                assert apart or a.y + a.size <= b.y or b.y + b.size <= a.y, count
        assert all(b.x >= 0 and b.x + b.size <= 256 and b.y + b.size <= 256 for b in boxes)


def test_a_mouse_is_drawn_smaller_than_an_elephant_standing_on_the_same_floor() -> None:
    scene = Scene(
        (SceneObject("mouse", "mouse", size=0.3), SceneObject("elephant", "elephant", size=1.0))
    )
    mouse, elephant = layout(scene)
    assert mouse.size < elephant.size * 0.6
    assert mouse.y + mouse.size == elephant.y + elephant.size


def test_a_setting_gets_a_band_of_its_own() -> None:
    rain = layout(Scene((SceneObject("dog", "dog"),), setting="rain"))
    clouds = [b for b in rain if b.setting]
    (dog,) = [b for b in rain if not b.setting]
    assert len(clouds) == 3 and {b.concept for b in clouds} == {"cloud with rain"}
    assert all(b.y + b.size <= dog.y for b in clouds)  # the rain falls from above
    sea = layout(Scene((SceneObject("fish", "fish"),), setting="sea"))
    waves = [b for b in sea if b.setting]
    (fish,) = [b for b in sea if not b.setting]
    assert all(fish.y + fish.size <= b.y for b in waves)  # the waves are below
    # "in the sea": the fish sinks into a row of waves drawn in front of it, a third of it hidden
    sea = layout(Scene((SceneObject("fish", "fish"),), setting="in sea"))
    *_, last = sea
    assert last.setting  # drawn last: in front
    waves = [b for b in sea if b.setting]
    (fish,) = [b for b in sea if not b.setting]
    top = min(b.y for b in waves)
    assert 0 < fish.y + fish.size - top <= fish.size / 3 + 1
    assert waves[0].x <= fish.x and fish.x + fish.size <= waves[-1].x + waves[-1].size


def test_things_in_the_sea_are_drawn_in_it_and_found_there() -> None:
    """The finished picture, read by the layout-blind checker: the fish are found and counted
    (the waves in front hide a third of each, not so much that one is lost)."""
    images, concepts = load()
    names = ("fish", "water wave")
    pictures = {c.name: Image.fromarray(images[c.index]) for c in concepts if c.name in names}
    checker = SceneChecker.for_starter()
    for setting in ("sea", "in sea"):
        for count in (1, 3):
            scene = Scene((SceneObject("fish", "fish", count),), setting=setting)
            picture = composite(layout(scene), pictures)
            verdict = checker.check(picture, scene)
            assert verdict.shows and len(verdict.found["fish"]) == count, (setting, count)


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


def test_between_puts_the_thing_in_the_middle() -> None:
    scene = Scene((SceneObject("cat", "cat"), SceneObject("chair", "chair", 2)), "between")
    left, cat, right = layout(scene)
    assert cat.concept == "cat" and left.concept == right.concept == "chair"
    assert left.x + left.size <= cat.x and cat.x + cat.size <= right.x


def test_a_thing_on_another_touches_it_and_is_not_above_it() -> None:
    """ "My cat is on my bed." drew the cat floating over the bed, as "above" draws it: a bed
    fills only the lower part of its picture. Read back from the finished picture: right under
    the cat's lowest drawn row there is bed; a cat on a sofa sits on the sofa, not on its lamp."""
    images, concepts = load()
    names = ["cat", "bed", "couch and lamp"]
    pictures = {c.name: Image.fromarray(images[c.index]) for c in concepts if c.name in names}
    assert len(pictures) == len(names)

    def gap(thing: str, support: str, *, rest: bool = True) -> int:
        """Rows from the thing's lowest drawn row down to the support drawn under it."""
        scene = Scene((SceneObject(thing, thing), SceneObject(support, support)), "on")
        boxes = resting(layout(scene), scene, pictures) if rest else layout(scene)
        drawn = {b.concept: np.asarray(composite([b], pictures)).min(axis=2) <= 235 for b in boxes}
        rows = np.flatnonzero(drawn[thing].any(axis=1))
        columns = np.flatnonzero(drawn[thing][rows[-1]])
        below = np.flatnonzero(drawn[support][:, columns].any(axis=1))
        return int(below[0] - rows[-1])

    assert gap("cat", "bed", rest=False) > 12  # the gap a learner saw
    assert gap("cat", "bed") <= 2
    assert gap("cat", "couch and lamp") <= 2


def test_a_thing_on_a_leaf_sits_on_the_leaf_not_on_the_wind_drawn_above_it() -> None:
    """The leaf's picture has its wind drawn above it, apart: a snail "on the leaf" sat on the
    wind, a hand's width over the leaf."""
    images, concepts = load()
    names = ["snail", "leaf fluttering in wind"]
    pictures = {c.name: Image.fromarray(images[c.index]) for c in concepts if c.name in names}
    scene = Scene(tuple(SceneObject(n, n) for n in names), "on")
    boxes = resting(layout(scene), scene, pictures)
    snail, leaf = (next(b for b in boxes if b.concept == n) for n in names)
    snail_rows = np.flatnonzero(
        (np.asarray(composite([snail], pictures)).min(axis=2) <= 235).any(1)
    )
    rgb = np.asarray(composite([leaf], pictures)).astype(int)
    green = (rgb[..., 1] > rgb[..., 2] + 40) & (rgb[..., 1] > rgb[..., 0])  # the leaf, no wind
    leaf_top = int(np.flatnonzero(green.any(axis=1))[0])
    assert snail_rows[-1] >= leaf_top - 2


def grown_pictures(*names: str) -> dict[str, Image.Image]:
    """The first training picture of each concept, icons and grown ones included."""
    from engine.starter.additions import GROWN_DIR, _grown_set

    concepts, drawn = _grown_set(GROWN_DIR)
    at = {c.name: c.index for c in concepts}
    return {
        n: Image.fromarray(drawn.images[np.flatnonzero(drawn.owners == at[n])[0]]) for n in names
    }


def drawn_span(box: Box, picture: Image.Image) -> tuple[float, float]:
    """Where a box's picture is drawn, left to right, in the scene's pixels."""
    columns = np.flatnonzero(np.asarray(picture.convert("L")).min(axis=0) <= 235)
    width = picture.size[0]
    return box.x + columns[0] / width * box.size, box.x + (columns[-1] + 1) / width * box.size


def test_copies_on_a_narrow_support_are_moved_in_over_it() -> None:
    """ "Six candles are on the cake.": the cake's picture is narrower than its box, and two
    candles stood in the air beside it; "Three birds are on the chair.": one flew beside it."""
    for thing, count, support in (("candle", 6, "birthday cake"), ("bird", 3, "chair")):
        pictures = grown_pictures(thing, support)
        scene = Scene((SceneObject(thing, thing, count), SceneObject(support, support)), "on")
        boxes = resting(layout(scene), scene, pictures)
        base = next(b for b in boxes if b.concept == support)
        low, high = drawn_span(base, pictures[support])
        copies = [b for b in boxes if b.concept == thing]
        spans = sorted(drawn_span(b, pictures[thing]) for b in copies)
        assert len(copies) == count and low <= spans[0][0] and spans[-1][1] <= high, thing
        assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans)), thing  # none overlap
        before = [b for b in layout(scene) if b.concept == thing]
        assert not all(low <= drawn_span(b, pictures[thing])[0] for b in before)  # were out


def test_a_thing_on_a_plate_lies_on_its_middle() -> None:
    """A plate is drawn from above: eggs "on the plate" stood on its far rim, half off it."""
    pictures = grown_pictures("egg", "plate")
    scene = Scene((SceneObject("egg", "egg", 2), SceneObject("plate", "plate")), "on")
    boxes = resting(layout(scene), scene, pictures)
    plate = next(b for b in boxes if b.concept == "plate")
    for egg in (b for b in boxes if b.concept == "egg"):
        middle = egg.y + egg.size / 2
        assert plate.y + plate.size * 0.3 < middle < plate.y + plate.size * 0.7


def test_copies_on_a_shelf_stand_in_one_line() -> None:
    """ "Four crowns are on the shelf.": each crown sat on whatever was under it alone (a
    book, the shelf's top, a gap), four crowns at four heights over the bookshelf's front."""
    pictures = grown_pictures("crown", "bookshelf")  # the bookshelf is an icon the model grew
    scene = Scene((SceneObject("crown", "crown", 4), SceneObject("bookshelf", "bookshelf")), "on")
    before = [b for b in layout(scene) if b.concept == "crown"]
    crowns = [b for b in resting(layout(scene), scene, pictures) if b.concept == "crown"]
    assert len(crowns) == 4 and len({b.y for b in crowns}) == 1
    shelf = next(b for b in layout(scene) if b.concept == "bookshelf")
    assert all(b.y >= a.y for a, b in zip(before, crowns, strict=True))  # moved down, never up
    assert shelf.y < crowns[0].y + crowns[0].size <= shelf.y + shelf.size  # on it, not above


def test_every_copy_of_a_thing_on_another_is_on_it() -> None:
    """ "Four lemons are on the plate.": two of them floated in the air beside the plate."""
    scene = Scene((SceneObject("lemon", "lemon", 4), SceneObject("plate", "plate")), "on")
    boxes = layout(scene)
    plate = next(b for b in boxes if b.concept == "plate")
    lemons = [b for b in boxes if b.concept == "lemon"]
    assert len(lemons) == 4
    assert all(plate.x <= b.x and b.x + b.size <= plate.x + plate.size for b in lemons)


def test_many_things_on_a_support_stay_big_enough_to_count() -> None:
    """ "There are five books on the shelf.": five copies on a shelf a little over half the
    canvas wide were specks 24 pixels wide; with more copies the support is drawn wider."""
    for count, smallest in ((3, 48), (5, 36), (6, 30)):
        scene = Scene((SceneObject("book", "book", count), SceneObject("shelf", "shelf")), "on")
        boxes = layout(scene)
        shelf = next(b for b in boxes if b.concept == "shelf")
        books = [b for b in boxes if b.concept == "book"]
        assert len(books) == count and min(b.size for b in books) >= smallest, count
        assert all(shelf.x <= b.x and b.x + b.size <= shelf.x + shelf.size for b in books)
        assert shelf.x >= 0 and shelf.x + shelf.size <= 256 and shelf.y >= 0
    one = Scene((SceneObject("cat", "cat"), SceneObject("bed", "bed")), "on")
    assert next(b for b in layout(one) if b.concept == "bed").size == int(256 * 0.55)


def test_every_copy_of_a_thing_in_another_is_in_it() -> None:
    """ "Six eggs are in the basket.": a row of six ran out past both sides of the basket."""
    for count in range(2, 10):
        scene = Scene((SceneObject("egg", "egg", count), SceneObject("basket", "basket")), "in")
        boxes = layout(scene)
        basket = next(b for b in boxes if b.concept == "basket")
        eggs = [b for b in boxes if b.concept == "egg"]
        assert len(eggs) == count and len({(b.x, b.y) for b in eggs}) == count
        for egg in eggs:
            assert basket.x <= egg.x and egg.x + egg.size <= basket.x + basket.size, count
            assert basket.y <= egg.y and egg.y + egg.size <= basket.y + basket.size, count
            assert egg.size >= 24, count  # still easy to see and count
        if count > 2:  # in two rows, not one long thin one
            assert len({b.y for b in eggs}) == 2


def test_a_thing_on_a_wall_hangs_on_it_unless_it_sits_there(dictionary: Dictionary) -> None:
    """ "The clock is on the wall." drew the clock standing on top of the bricks."""
    from engine.resolver import resolver_for
    from engine.scene import parse

    resolver = resolver_for("starter", dictionary.wordnet)
    for sentence, hung in {
        "The clock is on the wall.": True,
        "Two spiders are on the wall.": True,
        "The picture is on the door.": True,
        "A cat is on the wall.": False,  # a cat sits on top
        "The cat is on the bed.": False,
    }.items():
        scene = parse(sentence, resolver, dictionary.wordnet)
        assert scene.hung is hung, sentence
        boxes = layout(scene)
        thing, support = ([b for b in boxes if b.concept == o.concept] for o in scene.objects[:2])
        for box in thing:
            centre = box.y + box.size / 2
            inside = support[0].y < centre < support[0].y + support[0].size * 0.75
            assert inside is hung, sentence  # over the wall's middle, or on its top
