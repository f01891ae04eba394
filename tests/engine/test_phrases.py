"""What a concept's name and a WordNet definition say: head nouns, kinds, the genus."""

from __future__ import annotations

from engine.phrases import genus_of, heads_of, kinds_for, parse_sense, phrase_of


def test_phrase_heads_and_definition_genus() -> None:
    assert heads_of("palm tree") == ["tree"]
    assert heads_of("glass of milk") == ["glass", "milk"]
    assert heads_of("house with garden") == ["house"]
    assert heads_of("snowman without snow") == ["snowman"]
    assert genus_of("young domestic cat") == "cat"
    assert genus_of("a domestic fowl bred for flesh or eggs") == "fowl"


def test_captions_lose_their_articles_and_groups_name_their_kinds() -> None:
    assert phrase_of("A picture of a red apple") == "red apple"
    assert kinds_for("animal-mammal") == ("noun.animal",)
    assert "noun.food" in kinds_for("food-fruit")
    assert kinds_for("no-such-group") == ("noun.artifact", "noun.object")
    assert kinds_for("artifact") == ("noun.artifact",)  # a globe icon is not the planet


def test_sense_ids_parse_or_are_refused() -> None:
    assert parse_sense("n02121808") == ("n", 2121808)
    assert parse_sense("x123") is None
    assert parse_sense("nabc") is None
    assert parse_sense(None) is None
