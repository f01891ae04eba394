"""What /word says to text that is no word it knows as typed: a letter ("b"), words known
apart ("red apple"), a short form without its apostrophe ("dont"), a misspelling ("elefant")."""

from __future__ import annotations

import asyncio
from collections.abc import Collection
from functools import cache

from bot.conversation.context import Context
from bot.conversation.markup import bold
from bot.conversation.messages import Button, Reply
from bot.learning.letters import ordinal, place, words_starting
from bot.learning.plain import learner_definitions, written
from bot.pictures.understand import understand


def _drawable(context: Context, words: list[str]) -> set[str]:
    """The words the model can draw (🖼 on their buttons); reads the dictionary: a thread's."""
    services = context.services
    return {
        word
        for word in words
        if understand(services.dictionary, services.illustrator.resolver, word).drawing
    }


async def a_letter(context: Context, letter: str) -> Reply:
    """A letter is said to be one, with words that start with it that can be drawn."""
    found = await asyncio.to_thread(words_starting, letter, lambda w: bool(_drawable(context, [w])))
    which = ordinal(place(letter))
    english = f"{bold(letter)} is a letter (the {which} letter of the alphabet), not a word, so "
    chinese = f"{letter} 是一个字母（字母表里第 {place(letter)} 个），不是单词，所以没有图片。"
    if not found:
        return context.tell(english + "there is no picture of it.", chinese)
    buttons = (tuple(Button(f"🖼 {word}", f"word:{word}") for word in found),)
    return context.tell(
        english + f"there is no picture of it. Words that start with {letter}:",
        chinese + f"以 {letter} 开头的单词：",
        buttons=buttons,
    )


async def known_words(context: Context, text: str, words: list[str]) -> Reply:
    """ "red apple": two words known apart, not as one ("dapple" was suggested for it)."""
    drawable = await asyncio.to_thread(_drawable, context, words)
    english = f"I know each word of {bold(text)}, but not {bold(text)} as one word."
    chinese = f"{text} 里的每个词我都认识，但它们合起来不是一个词。"
    if len(words) > 1:  # "apple apple" is no sentence to draw
        sentence = text[0].upper() + text[1:] + "."
        english += f" To draw them together, try /sentence {sentence}"
        chinese += f"想把它们画在一起，试试 /sentence {sentence}"
    buttons = (tuple(Button(f"🖼 {w}" if w in drawable else w, f"word:{w}") for w in words),)
    return context.tell(english + " Or one word at a time:", chinese, buttons=buttons)


async def unknown_word(context: Context, text: str) -> Reply:
    words = list(dict.fromkeys(text.split()))
    known = context.services.dictionary.known
    if len(text.split()) > 1 and all([await context.services.remembered(known, w) for w in words]):
        return await known_words(context, text, words)
    found = await asyncio.to_thread(context.services.dictionary.suggestions, text)
    check = context.services.prompt_filter.check
    suggestions = [s for s in found if not check(s).blocked]
    if not suggestions:
        return context.tell(
            f"I don't know the word {bold(text)}. Please check the spelling and try again.",
            "我不认识这个词。请检查拼写。",
            ephemeral=True,
        )
    drawable = await asyncio.to_thread(_drawable, context, suggestions)
    return did_you_mean(context, text, suggestions, drawable)


def did_you_mean(
    context: Context, text: str, suggestions: list[str], drawable: Collection[str] = ()
) -> Reply:
    """ "Did you mean…?" with a button a suggestion (🖼: one the model can draw)."""
    buttons = tuple(
        Button(f"🖼 {written(s)}" if s in drawable else written(s), f"word:{s}") for s in suggestions
    )
    return context.tell(
        f"I don't know {bold(text)}. Did you mean…?",
        "我不认识这个词。你是想说……？",
        buttons=(buttons,),
        ephemeral=True,
    )


# Written without the apostrophe they are other words a beginner rarely means (or none).
_REAL_WORDS = frozenset({"its", "were", "ill", "lets"})


def with_apostrophe(text: str) -> str | None:
    """ "dont" → "don't", "im" → "i'm": a short form typed without its apostrophe."""
    if text in _REAL_WORDS or "'" in text:
        return None
    return _without_apostrophe().get(text)


@cache
def _without_apostrophe() -> dict[str, str]:
    """ "dont" → "don't" for the file's short forms (asked on every /word: built once)."""
    return {
        word.replace("'", ""): word
        for word, plain in learner_definitions().items()
        if plain.part_of_speech == "short form"
    }


def number_word(text: str) -> str | None:
    """ "5" → "five": the number written as the file's number words write it ("the number 5")."""
    if not (text.isascii() and text.isdigit()):  # "⁰⁴⁵" is digits to isdigit(), not to int()
        return None
    return _number_words().get(f"the number {int(text)}")


@cache
def _number_words() -> dict[str, str]:
    """ "the number 5" → "five": the file's number words by their meaning, built once."""
    return {
        plain.meaning: word
        for word, plain in learner_definitions().items()
        if plain.part_of_speech == "number"
    }


def a_number(context: Context, digits: str) -> Reply:
    """/word 5: the word for it, when there is one; otherwise how to ask."""
    word = number_word(digits)
    if word is None:
        return context.tell(
            f"{bold(digits)} is a number. Type it as a word, for example: /word five",
            f"{digits} 是数字。请用英文单词输入，例如：/word five",
        )
    return context.tell(
        f"{bold(digits)} is written {bold(word)} in English.",
        f"{digits} 的英文是 {word}。",
        buttons=((Button(word, f"word:{word}"),),),
    )
