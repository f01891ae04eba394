"""The day's word: picturable, levelled, safe, shared by the pool, not repeated for 30 days."""

from __future__ import annotations

from datetime import date, timedelta

from bot.app import App
from bot.challenges.words import WordPicker, level_pool


async def test_level_pools_are_concrete_safe_words(app: App) -> None:
    picker = WordPicker(app.services.dictionary, app.services.prompt_filter)
    a1 = picker.level_words("A1")
    assert {"apple", "cat", "dog", "banana"} <= set(a1) and len(a1) >= 40
    assert not any(app.services.prompt_filter.check(word).blocked for word in a1)
    assert len(picker.level_words("B1")) > len(a1)


async def test_a_days_word_always_has_a_meaning_on_its_card(app: App) -> None:
    """ "zzz" and "tada" are drawn, yet no dictionary explains them: a day's word came with an
    empty card. Santa has the project's own meaning."""
    picker = WordPicker(app.services.dictionary, app.services.prompt_filter)
    every = set(picker.level_words("C2"))
    assert "santa" in every and not {"zzz", "tada", "vhs"} & every
    for word in sorted(every)[::25]:
        card = app.services.dictionary.card(word)
        assert card is not None and (card.meanings or card.plain), word


async def test_a_short_class_list_repeats_only_when_it_must(app: App) -> None:
    picker = WordPicker(app.services.dictionary, app.services.prompt_filter)
    store = app.services.challenges
    words = ["apple", "cat", "sun"]
    picked = [
        await picker.word_for(store, "list:x:1", date(2026, 3, 1) + timedelta(days=n), words)
        for n in range(3)
    ]
    assert sorted(picked) == sorted(words)  # type: ignore[type-var]
    again = await picker.word_for(store, "list:x:1", date(2026, 3, 1), words)
    assert again == picked[0]


async def test_every_chat_on_a_pool_gets_the_same_word(app: App) -> None:
    picker = WordPicker(app.services.dictionary, app.services.prompt_filter)
    day = date(2026, 5, 4)
    first = await picker.word_for(app.services.challenges, level_pool("A1"), day)
    assert first == await picker.word_for(app.services.challenges, level_pool("a1"), day)
