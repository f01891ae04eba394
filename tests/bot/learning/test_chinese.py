from __future__ import annotations

from bot.learning.dictionary import Dictionary


def test_function_characters_are_not_glosses_of_things(dictionary: Dictionary) -> None:
    chinese = dictionary.chinese
    # 的 is listed as "a taxi", 于 as "to go", 台 as a table's measure word: none is what a
    # child calls these
    assert chinese.gloss("taxi", 1, kind="noun.artifact") == "出租车"
    assert chinese.gloss("go", 1, kind="verb.motion") != "于"
    assert chinese.gloss("table", 1, kind="noun.artifact") != "台"
    assert chinese.gloss("cup", 1, kind="noun.artifact") == "杯子"


def test_chinese_leads_back_to_english(dictionary: Dictionary) -> None:
    assert dictionary.chinese.english("苹果") == "apple"


def test_a_loanword_is_not_an_unusual_word(dictionary: Dictionary) -> None:
    """CC-CEDICT marks 啤酒 "(loanword)", which cost it like "(archaic)": beer was 麦酒."""
    cards = {w: dictionary.card(w, chinese=True) for w in ("beer", "coffee", "sofa", "guitar")}
    assert {w: c.chinese if c else None for w, c in cards.items()} == {
        "beer": "啤酒",
        "coffee": "咖啡",
        "sofa": "沙发",
        "guitar": "吉他",
    }
