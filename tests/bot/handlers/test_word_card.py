"""Word cards, "did you mean", homographs, pronunciation and the Chinese line."""

from __future__ import annotations

import wave

from bot.adapters.terminal import TerminalAdapter
from bot.app import App
from tests.helpers import shown


async def test_misspelled_word_gets_suggestion_buttons_not_a_picture(chat: TerminalAdapter) -> None:
    reply = (await chat.say("/word elefant"))[0]
    assert "Did you mean" in shown(reply) and not reply.images
    assert reply.buttons[0][0].label == "🖼 elephant"  # the model can draw it
    await chat.press("elephant")
    await chat.settle()
    assert "elephant" in shown(chat.transcript.replies[-1]) and chat.transcript.replies[-1].images


async def test_nonsense_word_is_explained(chat: TerminalAdapter) -> None:
    reply = (await chat.say("/word xqzvvq"))[0]
    assert "check the spelling" in shown(reply) and not reply.buttons


async def test_homograph_asks_which_sense_and_the_choice_shapes_the_prompt(
    chat: TerminalAdapter,
) -> None:
    ask = (await chat.say("/word bat"))[0]
    assert "Which bat do you mean?" in shown(ask)
    labels = [b.label for row in ask.buttons for b in row]
    assert any("🐾" in label for label in labels)
    assert any("🔧" in label for label in labels)
    await chat.press("🔧")
    await chat.settle()
    picture = chat.transcript.replies[-1]
    assert picture.images
    assert "racket" in shown(picture) or "club" in shown(picture), "the chosen sense comes first"


async def test_hear_it_sends_speech(chat: TerminalAdapter) -> None:
    await chat.say("/word apple")
    await chat.settle()
    spoken = (await chat.press("Hear it"))[0]
    assert spoken.audio is not None
    with wave.open(str(spoken.audio)) as audio:
        assert audio.getnframes() / audio.getframerate() > 0.2


async def test_chinese_gloss_follows_the_setting(chat: TerminalAdapter) -> None:
    await chat.say("/word cat")
    await chat.settle()
    assert "中文" not in shown(chat.transcript.replies[-1])
    await chat.say("/settings chinese on")
    await chat.say("/word dog")
    await chat.settle()
    assert "中文: 狗" in shown(chat.transcript.replies[-1])


async def test_the_chosen_sense_survives_a_cached_picture(chat: TerminalAdapter, app: App) -> None:
    await chat.say("/word bat")
    await chat.press("🔧")
    await chat.settle()
    drawn = chat.transcript.replies[-1]
    await chat.say("/word bat")
    again = await chat.press("🔧")  # the same picture, now straight from the cache
    assert again and again[-1].images and again[-1].images[0].path == drawn.images[0].path
    card = shown(again[-1])
    assert "racket" in card or "club" in card, "the card still starts with the chosen meaning"
    assert card.index("1.") < card.index("racket" if "racket" in card else "club")
    rows = await app.services.db.fetchall("SELECT sense FROM items WHERE text = 'bat' ORDER BY id")
    assert rows and all(row["sense"] for row in rows), "the item keeps its meaning"


async def test_everyday_meanings_are_drawn_without_a_question(chat: TerminalAdapter) -> None:
    expected = {
        "water": "liquid",
        "table": "furniture",
        "name": "language unit",
        "fish": "aquatic vertebrate",
        "chicken": "domestic fowl",
    }
    for word, meaning in expected.items():
        first = (await chat.say(f"/word {word}"))[0]
        assert "do you mean" not in shown(first), word
        await chat.settle()
        card = shown(chat.transcript.replies[-1])
        lines = card.split("\n")
        # the first meaning listed (after the plain one a child reads, when there is one)
        lead = lines[2] if lines[2].startswith("More:") else lines[1]
        assert meaning in lead, (word, card)
    ask = (await chat.say("/word mouse"))[0]
    assert "Which mouse do you mean?" in shown(ask), "homographs learners confuse still ask"


async def test_chinese_glosses_are_the_common_word_of_the_meaning(
    chat: TerminalAdapter, app: App
) -> None:
    dictionary = app.services.dictionary
    expected = {"milk": "牛奶", "happy": "快乐", "kiwi": "猕猴桃", "bat": "蝙蝠", "water": "水"}
    for word, chinese in expected.items():
        card = dictionary.card(word, chinese=True)
        assert card is not None and card.chinese == chinese, (word, card and card.chinese)


async def test_a_chinese_word_finds_the_english_one(chat: TerminalAdapter) -> None:
    first = (await chat.say("/word 苹果"))[0]
    assert "Drawing apple" in shown(first)
    await chat.settle()
    assert "apple" in shown(chat.transcript.replies[-1]) and chat.transcript.replies[-1].images
    # 听 is "listen to" in CC-CEDICT: the verb's card, not "I know each word of listen to"
    await chat.say("/word 听")
    await chat.settle()
    assert shown(chat.transcript.replies[-1]).startswith("listen")
    # 兔子 is "hare; rabbit" in CC-CEDICT: the rabbit a child means, its card and picture
    await chat.say("/word 兔子")
    await chat.settle()
    rabbit = chat.transcript.replies[-1]
    assert shown(rabbit).startswith("rabbit") and rabbit.images
    # 牛奶 is "cow's milk" in CC-CEDICT, which no card has: it said it knew no such word
    await chat.say("/word 牛奶")
    await chat.settle()
    milk = chat.transcript.replies[-1]
    assert shown(milk).startswith("milk") and milk.images
    # 飞 is "to fly" and 划 "to row": the verb's card, not the insect's or a row of seats'
    for chinese, lead in {"飞": "travel through the air", "划": "propel with oars"}.items():
        await chat.say(f"/word {chinese}")
        await chat.settle()
        card = shown(chat.transcript.replies[-1])
        assert " · verb · " in card and lead in card, card
        assert card.index(lead) < card.index("(noun)"), card  # it leads
    # 春天 is spring the season: not "Which spring do you mean?" among coils and water
    await chat.say("/word 春天")
    await chat.settle()
    season = shown(chat.transcript.replies[-1])
    assert "Which spring" not in season and "after winter" in season, season


async def test_inflected_forms_say_what_they_are_and_made_up_ones_are_misspellings(
    chat: TerminalAdapter,
) -> None:
    await chat.say("/word apples")
    await chat.settle()
    assert "apples — plural of apple" in shown(chat.transcript.replies[-1])
    await chat.say("/word ran")
    await chat.settle()
    assert "ran — past of run" in shown(chat.transcript.replies[-1])
    typo = (await chat.say("/word runing"))[0]
    assert "Did you mean" in shown(typo) and not typo.images
    labels = [b.label for row in typo.buttons for b in row]
    assert labels[0].endswith("running"), labels
    await chat.say("/word bed")
    await chat.settle()
    bed = shown(chat.transcript.replies[-1])
    assert bed.startswith("bed ·") and "plural" not in bed and "past" not in bed


async def test_cards_lead_with_a_plain_meaning_of_the_right_part_of_speech(
    app: App,
) -> None:
    from bot.learning.cards import card_text

    dictionary = app.services.dictionary
    hand = card_text(dictionary.card("hand"))  # type: ignore[arg-type]
    assert "The part at the end of your arm, with five fingers." in hand
    assert "prehensile" in hand.split("More:")[1]  # WordNet's words kept as "more"
    mother = card_text(dictionary.card("mother"))  # type: ignore[arg-type]
    assert "your mum" in mother and "care for like a mother" not in mother
    bat = dictionary.card("bat")
    club = next(m for m in dictionary.everyday_senses("bat") if "club" in m.definition)
    assert bat is not None  # the cricket bat is not described as the animal
    assert "flies at night" not in card_text(bat, meaning=club)
    assert "flies at night" in card_text(bat)


async def test_the_chinese_is_the_drawn_meaning_s(chat: TerminalAdapter) -> None:
    """A cricket bat drawn with 蝙蝠 (the animal) beside it would teach the wrong word."""
    await chat.say("/settings chinese on")
    await chat.say("/word bat")
    await chat.press("🔧")
    await chat.settle()
    card = shown(chat.transcript.replies[-1])
    assert "球棒" in card and "蝙蝠" not in card
    await chat.say("/word bat")
    await chat.press("🐾")
    await chat.settle()
    card = shown(chat.transcript.replies[-1])
    assert "蝙蝠" in card and "球棒" not in card
