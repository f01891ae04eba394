"""A teacher's Chinese for one meaning, and 更/最 for comparatives and superlatives."""

from __future__ import annotations

from bot.learning.dictionary import Dictionary


def test_every_teachers_chinese_names_a_meaning_of_its_word(dictionary: Dictionary) -> None:
    from bot.learning.chinese_written import MEANINGS
    from engine.datafiles import rows

    table = [row for row in rows(MEANINGS)]
    assert len(table) >= 50
    for word, sense_id, chinese in table:
        card = dictionary.card(word)
        meanings = {m.sense_id for m in dictionary.noun_senses(word)}
        meanings |= {m.sense_id for m in card.meanings} if card else set()  # a verb it leads with
        assert sense_id in meanings, (word, sense_id)
        assert chinese and all("\u4e00" <= c <= "\u9fff" for c in chinese), (word, chinese)


def test_a_comparative_says_more_and_a_superlative_most(dictionary: Dictionary) -> None:
    """ "bigger" and "happier" were glossed 大 and 快乐, the words for big and happy."""
    from bot.learning.chinese_written import graded

    for word, chinese in [("bigger", "更大"), ("biggest", "最大"), ("happier", "更快乐"),
                          ("better", "更好"), ("best", "最好"), ("worse", "更坏"),
                          ("older", "更老"), ("littler", "更小")]:  # fmt: skip
        card = dictionary.card(word, chinese=True)
        assert card is not None and card.chinese == chinese, word
    assert graded("大，巨大", ("comparative of", "big")) == "更大，更巨大"
    assert graded("更多", ("comparative of", "much")) == "更多"  # said already
    assert graded("大", ("plural of", "big")) == "大" and graded(None, None) is None
