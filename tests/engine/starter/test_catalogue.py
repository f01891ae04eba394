"""Which emoji the starter learns, and the words that may draw each one."""

from __future__ import annotations

from collections import Counter

from engine.starter.catalogue import Entry, keywords_for, names_for, plain_name, selected


def entry(name: str, subgroup: str, tags: tuple[str, ...] = (), *, emoji: str = "x") -> Entry:
    return Entry(emoji, "0", name, "g", subgroup, tags, unicode=True)


def test_people_jobs_and_animals_are_kept_and_unsafe_or_symbolic_ones_left_out() -> None:
    kept = selected(
        [
            entry("teacher", "person-role"),
            entry("baby", "person"),
            entry("dog", "animal-mammal"),
            entry("pistol", "tool"),
            entry("kiss: woman, man", "family"),
            entry("zombie", "person-fantasy"),
            entry("flag: france", "country-flag"),
            entry("keycap: 3", "keycap"),
            entry("keycap: #", "keycap"),
            entry("dog", "animal-mammal"),  # the same name twice is one concept
        ]
    )
    assert [e.name for e in kept] == ["teacher", "baby", "dog", "keycap: 3"]


def test_a_learners_everyday_word_names_the_picture_that_shows_it() -> None:
    assert names_for(entry("woman feeding baby", "person"), {}) == [
        "woman feeding baby",
        "mother",
        "mum",
        "mom",
    ]
    assert names_for(entry("red apple", "food-fruit", emoji="🍎"), {"🍎": [":apple:"]}) == [
        "red apple",
        "apple",
    ]


def test_loose_keywords_skip_generic_and_widely_shared_ones() -> None:
    golfer = entry("woman golfing", "person-sport", ("golf", "woman", "sport", "club"))
    counts = Counter({"golf": 2, "woman": 300, "sport": 40, "club": 9})
    assert keywords_for(golfer, counts) == ["golf"]


def test_names_are_what_learners_type() -> None:
    assert plain_name("Piñata") == "pinata"
    assert plain_name("man:  beard") == "man: beard"
