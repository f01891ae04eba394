"""Words said alike, for "Did you mean …?"."""

from __future__ import annotations

from bot.learning.spelling import sounds_like


def test_words_spelt_as_they_sound_have_the_same_key() -> None:
    assert sounds_like("phone") == sounds_like("fone")
    assert sounds_like("elephant") == sounds_like("elefant")
    assert sounds_like("cat") != sounds_like("cap")
