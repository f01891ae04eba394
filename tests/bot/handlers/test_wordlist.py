"""/wordlist as a teacher uses it: add, import a CSV, remove, and what is refused."""

from __future__ import annotations

from bot.app import App
from bot.handlers.wordlist import split_words
from tests.helpers import Person, shown


def test_words_come_from_commas_spaces_or_csv_lines() -> None:
    assert split_words("apple, ice cream ,Cat") == ["apple", "ice cream", "cat"]
    assert split_words("apple cat apple") == ["apple", "cat"]
    assert split_words('\nword,meaning\napple,a fruit\n"ice cream",cold\n') == [
        "apple",
        "ice cream",
    ]


async def test_teacher_manages_the_class_list(app: App) -> None:
    teacher = Person(app, "t", "5A", teacher=True)
    assert "empty" in shown((await teacher.say("/wordlist"))[0])
    added = shown((await teacher.say("/wordlist add apple, cat, xqzzy, sex, 🍎, <b>dog</b>"))[0])
    assert "Added 2 word(s)" in added and "Skipped 4" in added
    imported = shown((await teacher.say("/wordlist import\nword\nsun\nbanana\napple"))[0])
    assert "Added 2 word(s)" in imported
    assert "4 words: apple, banana, cat, sun" in shown((await teacher.say("/wordlist show"))[0])
    assert "Removed 1" in shown((await teacher.say("/wordlist remove cat"))[0])
    assert "3 words" in shown((await teacher.say("/wordlist"))[0])


async def test_wordlist_mistakes_are_explained(app: App) -> None:
    teacher = Person(app, "t", "5A", teacher=True)
    assert "Use /wordlist add, remove, show or import" in shown(
        (await teacher.say("/wordlist eat"))[0]
    )
    assert "Please add words after /wordlist add" in shown((await teacher.say("/wordlist add"))[0])
    learner = Person(app, "kid", "5A")
    assert "is for teachers" in shown((await learner.say("/wordlist add cat"))[0])


async def test_a_list_challenge_needs_words(app: App) -> None:
    teacher = Person(app, "t", "5A", teacher=True)
    assert "word list is empty" in shown((await teacher.say("/challenge on 09:00 list"))[0])
