"""/word with text that is no word as typed: a letter, words known apart, a short form."""

from __future__ import annotations

from bot.adapters.terminal import TerminalAdapter
from bot.app import App
from bot.handlers.not_a_word import number_word, with_apostrophe
from engine.resolver import resolver_for
from tests.bot.handlers.test_word import labels
from tests.helpers import shown


async def test_a_letter_is_said_to_be_a_letter_with_words_that_start_with_it(
    chat: TerminalAdapter, app: App
) -> None:
    """A child tries the keys: WordNet's "c" was the speed of light and its "x" one more than
    nine, drawn as a cross. "I" and "a" are words with cards of their own."""
    app.services.illustrator.resolver = resolver_for("starter", app.services.dictionary.wordnet)
    reply = (await chat.say("/word c"))[-1]
    assert "C is a letter (the 3rd letter of the alphabet), not a word" in shown(reply)
    assert "light" not in shown(reply) and not reply.images
    choices = labels(reply)
    assert choices and all(c.startswith("🖼 c") for c in choices), choices
    card = (await chat.press(choices[0].removeprefix("🖼 ")))[0]
    assert "drawing" in shown(card).lower() or card.images, shown(card)
    x = shown((await chat.say("/word X"))[-1])
    assert "X is a letter (the 24th letter" in x and "nine" not in x
    me = shown((await chat.say("/word i"))[-1])
    assert "I · /" in me and "pronoun" in me and "Example: I am ten years old." in me
    assert "iodine" not in me and "single unit" not in me
    a = shown((await chat.say("/word a"))[-1])
    assert "small grammar word (a determiner)" in a and "Roman alphabet" not in a


async def test_two_known_words_are_offered_one_at_a_time_and_together(
    chat: TerminalAdapter,
) -> None:
    """ "red apple" got "Did you mean dapple?"; "ice-cream" was unknown (WordNet writes it
    "ice cream")."""
    reply = (await chat.say("/word red apple"))[-1]
    text = shown(reply)
    assert "I know each word of red apple, but not red apple as one word." in text
    assert "try /sentence Red apple." in text and "dapple" not in text
    assert [label.removeprefix("🖼 ") for label in labels(reply)] == ["red", "apple"]
    await chat.say("/word ice-cream")
    await chat.settle()
    assert shown(chat.transcript.replies[-1]).startswith("ice cream · /")
    await chat.say("/word tooth brush")  # one word written as two: "I know each word of…"
    await chat.settle()
    assert shown(chat.transcript.replies[-1]).startswith("toothbrush · /")


async def test_a_short_form_has_its_card_and_is_found_without_its_apostrophe(
    chat: TerminalAdapter,
) -> None:
    """ "don't" was unknown ("Did you mean dot, don, donut?") and "dont" a name, maybe; the
    practice offers other short forms, not "radically"."""
    card = (await chat.say("/word don't"))[-1]
    text = shown(card)
    assert "don't is a short form, so there is no picture" in text
    assert "don't · /doʊnt/ · short form" in text and "Short for do not." in text
    assert "Example: I don't like rain." in text
    question = (await chat.press("Practise"))[0]
    assert "Which word means: short for do not?" in shown(question)
    choices = labels(question)
    assert "don't" in choices and len(choices) == 4
    assert all("'" in choice for choice in choices), choices
    typed = (await chat.say("/word dont"))[-1]
    assert "Did you mean" in shown(typed) and labels(typed) == ["don't"]
    mine = (await chat.say("/word im"))[-1]
    assert labels(mine) == ["I'm"]
    assert "I'm · /" in shown((await chat.press("I'm"))[-1])


def test_only_a_short_form_a_beginner_means_is_offered_for_a_word_without_apostrophe() -> None:
    assert with_apostrophe("dont") == "don't" and with_apostrophe("cant") == "can't"
    assert with_apostrophe("theyre") == "they're" and with_apostrophe("hes") == "he's"
    for word in ("its", "were", "ill", "lets", "apple", "don't"):
        assert with_apostrophe(word) is None, word


async def test_a_number_typed_in_digits_is_given_its_word(chat: TerminalAdapter, app: App) -> None:
    """ "/word 5" was told to use English letters; 5 is "five"."""
    app.services.illustrator.resolver = resolver_for("starter", app.services.dictionary.wordnet)
    five = (await chat.say("/word 5"))[-1]
    assert "5 is written five in English." in shown(five) and labels(five) == ["five"]
    assert "The number 5." in shown((await chat.press("five"))[-1])
    big = shown((await chat.say("/word 1234"))[-1])
    assert "1234 is a number. Type it as a word, for example: /word five" in big


async def test_a_number_word_points_to_a_sentence_that_draws_it(chat: TerminalAdapter) -> None:
    """An open model's card for "five" led with a playing card of five pips, drawn."""
    five = (await chat.say("/word five"))[-1]
    text = shown(five)
    assert "five is a number, so it has no picture of its own: try /sentence Five apples." in text
    assert "The number 5." in text and not five.images and "pips" not in text


def test_only_plain_digits_are_a_number() -> None:
    assert number_word("5") == "five" and number_word("1234") is None
    assert number_word("⁰⁴⁵") is None and number_word("٣") is None  # isdigit(), but no int()
