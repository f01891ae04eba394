"""A challenge's question as the learners see it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.app import App
from bot.challenges.rounds import choices_for, question
from bot.conversation.messages import Incoming
from engine.groups import place_words, places_alike, ringed
from storage.challenges import Round
from storage.images import StoredImage
from tests.helpers import with_groups

NOW = datetime(2026, 12, 6, 8, 0, tzinfo=UTC)


def _round(word: str, *, reveal: bool = False) -> Round:
    return Round(
        1, None, "terminal", "c", "2026-12-06", word, [word, "ear", "nose", "hand"], 7, NOW,
        NOW + timedelta(hours=2) if reveal else None, "open",
    )  # fmt: skip


def _picture(subject: str, model: str = "starter") -> StoredImage:
    params = {"subject": subject, "model": model}
    return StoredImage(7, "0" * 64, Path("x.png"), 256, 256, 1, params)


def test_a_challenge_asks_what_the_picture_shows_or_what_its_circle_shows() -> None:
    english, chinese = Incoming("terminal", "c", "u"), Incoming("terminal", "c", "u", locale="zh")
    plain = question(english, _round("cat"), _picture("cat"))
    assert plain.text.startswith("☀️ Daily challenge! What is this?")
    assert [row[0].label for row in plain.buttons] == ["cat", "ear", "nose", "hand"]
    # the neck is a man with a circle round it: "What is this?" would be answered "a man"
    ringed = question(english, _round("neck"), _picture("neck"))
    assert "What does the red circle show?" in ringed.text and "What is this?" not in ringed.text
    assert "红圈里是什么？" in question(chinese, _round("neck"), _picture("neck")).text
    in_class = question(english, _round("neck", reveal=True), _picture("neck")).text
    assert in_class.startswith("🏆 Class challenge! What does the red circle show? Answer")
    drawn_whole = question(english, _round("neck"), _picture("neck", "runwayml/sd-v1-5")).text
    assert "What is this?" in drawn_whole  # any other model draws the neck itself


def test_a_part_of_the_body_is_offered_among_other_parts(app: App) -> None:
    """A class list's "elbow" is drawn with a circle on an arm: its choices are other parts
    (never "arm", which the circle is on too), the same for every learner that day."""
    choices = choices_for(app.services, "elbow", "elbow:2026-12-06")
    assert "elbow" in choices and len(set(choices)) == 4 and set(choices) <= ringed()
    assert choices == choices_for(app.services, "elbow", "elbow:2026-12-06")
    assert "cat" in choices_for(app.services, "cat", "cat:2026-12-06")


def test_a_verb_is_asked_among_other_things_people_do(app: App) -> None:
    """The starter's captions put "climbing" in a level's pool: drawn as a person climbing, it
    is asked which word goes with the picture, among other verbs' pictures in its form (not
    "moving", which would be true of it)."""
    english, chinese = Incoming("terminal", "c", "u"), Incoming("terminal", "c", "u", locale="zh")
    asked = question(english, _round("climbing"), _picture("person climbing")).text
    assert "Which word goes with the picture?" in asked and "What is this?" not in asked
    assert (
        "哪个词和这张图相配？"
        in question(chinese, _round("climbing"), _picture("person climbing")).text
    )
    choices = choices_for(app.services, "climbing", "climbing:2026-12-06")
    assert "climbing" in choices and len(set(choices)) == 4
    assert all(c.endswith("ing") for c in choices) and "moving" not in choices


def test_a_class_lists_group_word_is_asked_as_the_quiz_asks_it(app: App) -> None:
    """A teacher's list has "cafe" and "fruit", drawn as four things: the challenge asks
    where they are found, or what one word names them, never "What is this?"; a cafe's wrong
    answers are places its things are not found in, and fruit's are none of the fruit shown."""
    with_groups(app)
    english, chinese = Incoming("terminal", "c", "u"), Incoming("terminal", "c", "u", locale="zh")

    def drawn(word: str) -> StoredImage:
        params = app.services.illustrator.for_word(word).to_dict()
        return StoredImage(7, "0" * 64, Path("x.png"), 256, 256, 1, params)

    cafe = question(english, _round("cafe"), drawn("cafe")).text
    assert cafe.startswith("☀️ Daily challenge! Where do you find all of these?"), cafe
    assert "在哪里能找到这些东西？" in question(chinese, _round("cafe"), drawn("cafe")).text
    fruit = question(english, _round("fruit", reveal=True), drawn("fruit")).text
    assert fruit.startswith("🏆 Class challenge! What one word names all of these? Answer")
    for day in range(1, 8):  # the same places are never offered, whatever the day
        choices = choices_for(app.services, "cafe", f"cafe:2026-12-0{day}")
        assert "cafe" in choices and len(set(choices)) == 4 and set(choices) <= set(place_words())
        assert not set(choices) & places_alike("cafe"), choices
        shown = {"apple", "banana", "grapes", "strawberry", "pear", "cherries", "lemon"}
        fruits = choices_for(app.services, "fruit", f"fruit:2026-12-0{day}")
        assert "fruit" in fruits and not set(fruits) & shown, fruits
