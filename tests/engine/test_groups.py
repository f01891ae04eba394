"""Words for a kind of thing with many kinds ("fruit"), drawn as four of their kinds."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.learning.dictionary import Dictionary
from bot.pictures.understand import understand
from engine.groups import (
    GROUPS,
    SHOWN,
    colour_of,
    colour_words,
    kinds_line,
    pick,
    places_alike,
    read_groups,
)
from engine.resolver import Resolver, resolver_for
from engine.scene import parse
from engine.starter.additions import drawable_concepts


@pytest.fixture(scope="module")
def starter(dictionary: Dictionary) -> Resolver:
    return resolver_for("starter", dictionary.wordnet)


def test_only_kinds_the_model_draws_are_kept_and_a_group_needs_three(tmp_path: Path) -> None:
    table = tmp_path / "groups.tsv"
    table.write_text(
        "# word, sense, kinds\n"
        "fruit\tn13134947\tred apple=apple|banana|grapes|dragon fruit\n"
        "toy\tn03964744\tkite|yo-yo|rocking horse|spinning top\n",
        encoding="utf-8",
    )
    groups = read_groups({"red apple", "banana", "grapes", "kite", "yo-yo"}, table)
    fruit = groups["fruit", 13134947]
    assert fruit.kinds == (("red apple", "apple"), ("banana", "banana"), ("grapes", "grapes"))
    assert fruit.subject == "kinds of fruit"
    assert ("toy", 3964744) not in groups  # two drawable kinds are no picture of "toy"


def test_the_first_picture_shows_the_everyday_kinds_and_draw_again_others() -> None:
    kinds = tuple((f"thing {n}", f"word {n}") for n in range(10))
    assert pick(kinds) == kinds[:SHOWN]
    again = {pick(kinds, seed) for seed in range(20)}
    assert all(len(set(chosen)) == SHOWN and set(chosen) <= set(kinds) for chosen in again)
    assert len(again) > 10  # another four each time, near enough
    assert pick(kinds, 7) == pick(kinds, 7)  # a seed picks the same four (the picture's cache)


def test_every_kind_is_drawn_and_its_own_word_draws_that_very_picture(
    dictionary: Dictionary, starter: Resolver
) -> None:
    """The card names each kind and offers a button to learn it: tapping "🖼 tea" must draw
    the cup that was in the picture, not say "I can't draw tea"."""
    names = {concept.name for concept in drawable_concepts()}
    groups = read_groups(names)
    assert len(groups) >= 15
    for group in groups.values():
        assert len(group.kinds) >= SHOWN, group.word
        for concept, word in group.kinds:
            assert concept in names, concept
            if group.together:
                continue  # a family's "mother" is drawn feeding a baby: that word gets no button
            drawing = understand(dictionary, starter, word).drawing
            assert drawing is not None and drawing.subject == concept, (group.word, word)
    assert sum(1 for line in GROUPS.read_text().splitlines() if line[:1] not in "#") == len(groups)


@pytest.mark.parametrize(
    ("word", "kinds", "meaning"),
    [
        ("fruit", ["red apple", "banana", "grapes", "strawberry"], "seed plant"),
        ("fruits", ["red apple", "banana", "grapes", "strawberry"], "seed plant"),
        ("furniture", ["bed", "chair", "armchair", "couch and lamp"], "furnishings"),
        ("weather", ["sun", "cloud", "cloud with rain", "snowflake"], "atmospheric"),
        ("building", ["house", "castle", "lighthouse", "hospital"], "roof and walls"),
    ],
)
def test_a_word_for_many_kinds_resolves_to_its_kinds_in_its_meaning(
    dictionary: Dictionary, starter: Resolver, word: str, kinds: list[str], meaning: str
) -> None:
    understood = understand(dictionary, starter, word)
    drawing = understood.drawing
    assert drawing is not None and drawing.how == "group"
    assert [concept for concept, _ in pick(drawing.kinds)] == kinds
    sense = dictionary.sense(understood.sense_id or "")
    assert sense is not None and meaning in sense.definition  # the card is the group's meaning


def test_in_a_sentence_a_word_for_many_kinds_is_said_not_drawn(
    dictionary: Dictionary, starter: Resolver
) -> None:
    scene = parse("The fruit is on the table.", starter, dictionary.wordnet)
    assert "fruit" in scene.missing
    assert all(not thing.concept.startswith("kinds of") for thing in scene.objects)


def test_a_family_is_its_members_side_by_side(dictionary: Dictionary, starter: Resolver) -> None:
    drawing = understand(dictionary, starter, "family").drawing
    assert drawing is not None and drawing.subject == "a family"
    words = [word for _, word in pick(drawing.kinds)]
    assert words == ["mother", "father", "boy", "baby"]
    line = kinds_line(drawing.subject, words)
    assert line == "The picture shows a family: mother, father, boy, baby."


@pytest.mark.parametrize(
    ("word", "subject", "words"),
    [
        ("kitchen", "things in a kitchen", ["stove", "refrigerator", "sink", "kettle"]),
        ("farm", "things on a farm", ["tractor", "cow", "pig", "chicken"]),
        (
            "airport",
            "things at an airport",
            ["airplane", "luggage", "passport control", "airplane departure"],
        ),
        ("breakfast", "a breakfast", ["fried egg", "bread", "milk", "pancakes"]),
        ("lunch", "a lunch", ["sandwich", "apple", "juice", "banana"]),
        ("dinner", "a dinner", ["spaghetti", "salad", "meat", "rice"]),
        ("meal", "a meal", ["meat", "rice", "salad", "milk"]),
        ("sky", "things in the sky", ["sun", "cloud", "moon", "star"]),
        ("zoo", "things at a zoo", ["lion", "elephant", "giraffe", "zebra"]),
        ("street", "things on a street", ["car", "bus", "traffic light", "bicycle"]),
        ("restaurant", "things in a restaurant", ["chef", "knife and fork", "spaghetti", "pizza"]),
        ("library", "things in a library", ["books", "bookshelf", "book", "bookmark"]),
        ("cinema", "things in a cinema", ["popcorn", "clapper board", "ticket", "projector"]),
    ],
)
def test_a_room_or_place_is_things_found_there(
    dictionary: Dictionary, starter: Resolver, word: str, subject: str, words: list[str]
) -> None:
    drawing = understand(dictionary, starter, word).drawing
    assert drawing is not None and drawing.subject == subject
    assert [w for _, w in pick(drawing.kinds)] == words
    assert kinds_line(subject, words) == f"The picture shows {subject}: {', '.join(words)}."
    scene = parse(f"The {word} is big.", starter, dictionary.wordnet)
    assert word in scene.missing  # in a sentence it is said, not drawn as four things


@pytest.mark.parametrize(
    ("word", "words"),
    [
        ("blue", ["ball", "car", "balloon", "T-shirt"]),
        ("gray", ["ball", "car", "balloon", "T-shirt"]),
        ("white", ["ball", "T-shirt", "shoe", "cap"]),  # no white car on the white page
    ],
)
def test_a_colour_is_everyday_things_painted_in_it(
    dictionary: Dictionary, starter: Resolver, word: str, words: list[str]
) -> None:
    drawing = understand(dictionary, starter, word).drawing
    assert drawing is not None and drawing.subject == f"{word} things"
    assert drawing.colour == word
    assert [w for _, w in pick(drawing.kinds)] == words
    assert colour_of(drawing.subject) == word
    scene = parse(f"The ball is {word}.", starter, dictionary.wordnet)
    assert [(o.word, o.colour) for o in scene.objects] == [("ball", word)]  # a sentence's colour


def test_orange_is_the_fruit_unless_the_colour_is_chosen(
    dictionary: Dictionary, starter: Resolver
) -> None:
    fruit = understand(dictionary, starter, "orange").drawing
    assert fruit is not None and fruit.colour == "" and not fruit.kinds
    colour = understand(dictionary, starter, "orange", "n04965179").drawing  # "Other meanings"
    assert colour is not None and colour.subject == "orange things" and colour.colour == "orange"
    blues = understand(dictionary, starter, "blues").drawing
    assert blues is None or blues.colour == ""  # music or clothing, not blue things


def test_only_colour_pictures_name_a_colour() -> None:
    assert colour_of("red things") == "red"
    assert colour_of("things in a kitchen") == "" and colour_of("kinds of fruit") == ""
    assert {"red", "blue", "green", "yellow", "grey", "gray"} <= set(colour_words())


def test_places_whose_things_are_found_in_each_other_are_alike_both_ways() -> None:
    """A croissant is in a cafe and in a bakery: neither is a wrong answer for the other."""
    assert {"bakery", "restaurant", "kitchen", "supermarket"} <= places_alike("cafe")
    assert "cafe" in places_alike("kitchen")  # named on the cafe's row only
    assert "pharmacy" in places_alike("drugstore") and "drugstore" in places_alike("pharmacy")
    assert places_alike("playground") == {"garden", "street"}  # a swing in a garden
    assert places_alike("cinema") == frozenset()  # nowhere else has popcorn and film
