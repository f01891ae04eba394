from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace

import numpy as np
from PIL import Image

from bot.adapters.terminal import TerminalAdapter
from bot.app import App
from bot.conversation.messages import Reply
from bot.learning.countability import SAME_IN_PLURAL
from bot.learning.forms import counted_singular
from bot.pictures.illustrator import Variety
from engine.groups import colour_words, place_words, places_alike, ringed
from engine.resolver import ConceptResolver, resolver_for
from engine.scene import Scene
from engine.starter import additions
from engine.starter.dataset import load
from storage.learning import Item
from tests.helpers import shown, with_groups


async def test_word_is_acknowledged_then_drawn_as_a_real_png(
    chat: TerminalAdapter, app: App
) -> None:
    first = await chat.say("/word apple")
    assert len(first) == 1
    assert "Drawing apple" in shown(first[0]) and "next" in shown(first[0])
    assert first[0].pending and first[0].handle
    await chat.settle()
    picture = chat.transcript.replies[-1]
    assert picture.clears == first[0].handle
    assert len(picture.images) == 1
    with Image.open(picture.images[0].path) as image:
        assert image.format == "PNG"
        assert image.size == (128, 128)  # the tiny model's 32 px, upscaled for chat
        assert "parameters" not in image.info  # no prompt in the file a learner gets
    stored = await app.services.images.get(picture.images[0].image_id or 0)
    assert stored is not None and "seed" in stored.params  # it is kept beside the file


async def test_same_word_again_is_served_from_the_cache_at_once(chat: TerminalAdapter) -> None:
    await chat.say("/word apple")
    await chat.settle()
    drawn = chat.transcript.replies[-1].images[0]
    again = await chat.say("/word Apple")
    assert len(again) == 1 and again[0].images, "a cached word needs no waiting"
    assert again[0].images[0].path == drawn.path


async def test_word_input_problems_get_a_clear_example(chat: TerminalAdapter) -> None:
    cases = {
        "/word": "for example: /word apple",
        "/word 丂丂丂": "English letters",
        "/word " + "a" * 41: "too long",
        "/word a1b2": "only have letters",
        "/word '; DROP TABLE users; --": "only have letters",
        "/word one two three four five": "/sentence",
        "/word 🍎": "English letters",
        "/word \u202eelppa": "only have letters",
    }
    for text, expected in cases.items():
        replies = await chat.say(text)
        assert len(replies) == 1, text
        assert expected in shown(replies[0]), (text, replies[0].text)
        assert not replies[0].images


async def test_draw_again_makes_a_new_picture(chat: TerminalAdapter, app: App) -> None:
    await chat.say("/word cat")
    await chat.settle()
    first = chat.transcript.replies[-1]
    await chat.press("Draw again")
    await chat.settle()
    second = chat.transcript.replies[-1]
    assert second.images and second.images[0].path != first.images[0].path
    page = await app.services.history.page(1)
    assert [e.text for e in page.entries] == ["cat", "cat"]


def _with_built_in_styles(app: App, styles_for: Callable[[str], tuple[str, ...]]) -> None:
    """The app as it runs on the starter with its styles: noto, twemoji, fluent."""
    illustrator = app.services.illustrator
    names = ("noto", "twemoji", "fluent")
    styles = {n: (f"{{}}, {n} style", ()) for n in names}
    illustrator.defaults = replace(illustrator.defaults, styles=styles)
    illustrator.variety = Variety(styles_for, additions.style_of)


async def _draw_again_styles(chat: TerminalAdapter, app: App, word: str) -> list[str | None]:
    await chat.say(f"/word {word}")
    await chat.settle()
    styles = []
    for press in range(4):
        if press:
            await chat.press("Draw again")
            await chat.settle()
        image = chat.transcript.replies[-1].images[0]
        stored = await app.services.images.get(image.image_id or 0)
        assert stored is not None
        styles.append(additions.style_of(stored.params["prompt"]))
    return styles


async def test_draw_again_brings_another_style_the_word_is_drawn_truly_in(
    chat: TerminalAdapter, app: App
) -> None:
    _with_built_in_styles(app, lambda subject: ("noto", "twemoji", "fluent"))
    styles = await _draw_again_styles(chat, app, "cat")
    assert styles[0] is None  # the first picture in the chat's (plain) look
    assert styles[1:] == ["twemoji", "fluent", "noto"]  # the presses go round every look


async def _drawn(chat: TerminalAdapter, word: str) -> tuple[Reply, str]:
    """/word's finished reply (it must have a picture) and its text as shown."""
    await chat.say(f"/word {word}")
    await chat.settle()
    reply = chat.transcript.replies[-1]
    assert reply.images, shown(reply)
    return reply, shown(reply)


async def _ask_as_drawn(app: App, item: Item, **changes: str) -> None:
    """As if another model had drawn the item's picture (its kept parameters)."""
    stored = await app.services.images.get(item.image_id or 0)
    assert stored is not None
    params = json.dumps(stored.params | changes)
    await app.services.db.execute("UPDATE images SET params = ? WHERE id = ?", (params, stored.id))


def labels(reply: Reply) -> list[str]:
    return [button.label for row in reply.buttons for button in row]


async def test_a_word_drawn_truly_in_one_style_only_offers_no_draw_again(
    chat: TerminalAdapter, app: App
) -> None:
    """The starter has one picture of it: "Draw again" would show the same one."""
    looks = {"cat": ("noto", "twemoji"), "dog": ("noto",)}
    _with_built_in_styles(app, lambda subject: looks[subject])
    await chat.say("/word dog")
    await chat.settle()
    card = chat.transcript.replies[-1]
    assert card.images and "🎨 Draw again" not in labels(card)
    assert "❓ Quiz me" in labels(card)
    await chat.say("/word cat")
    await chat.settle()
    assert "🎨 Draw again" in labels(chat.transcript.replies[-1])
    looks["cat"] = ("noto",)  # a button sent before the model changed
    await chat.press("Draw again")
    await chat.settle()
    said = chat.transcript.replies[-1]
    assert not said.images and "This is the only picture of cat I can draw so far." in shown(said)
    page = await app.services.history.page(1)
    assert [e.text for e in page.entries] == ["cat", "dog"]  # nothing drawn again


async def test_a_word_for_many_kinds_shows_four_and_names_each(
    chat: TerminalAdapter, app: App
) -> None:
    """ "fruit" is no one picture: four fruits side by side, the card says which is which,
    and a button under each kind draws it on its own."""
    with_groups(app)
    await chat.say("/word fruit")
    await chat.settle()
    reply = chat.transcript.replies[-1]
    assert reply.images, shown(reply)
    assert "The picture shows kinds of fruit: apple, banana, grapes, strawberry." in shown(reply)
    stored = await app.services.images.get(reply.images[0].image_id or 0)
    assert stored is not None and stored.params["subject"] == "kinds of fruit"
    labels = list(chat.button_labels.values())
    assert [label for label in labels if label.startswith("🖼")] == [
        "🖼 apple", "🖼 banana", "🖼 grapes", "🖼 strawberry",
    ]  # fmt: skip
    await chat.press("🖼 banana")
    await chat.settle()
    banana = chat.transcript.replies[-1]
    assert banana.images and shown(banana).startswith("banana")
    assert "kinds of" not in shown(banana)  # one thing: no list under it
    await chat.say("/word fruit")
    question = (await chat.press("Quiz me"))[0]
    assert "What one word names all of these?" in shown(question)  # not "which fruit is it"


async def test_a_room_is_shown_as_things_found_there_and_asked_as_a_place(
    chat: TerminalAdapter, app: App
) -> None:
    """A room no one picture shows is four things found in it, as a picture dictionary shows
    it; the card says so, and the quiz asks where they are, never offering one of them."""
    with_groups(app)
    await chat.say("/word bathtub")  # a word of the learner's that the bathroom picture shows
    await chat.settle()
    reply, text = await _drawn(chat, "bathroom")
    assert "The picture shows things in a bathroom: bathtub, toilet, shower, toothbrush." in text
    assert "Example: These things are in a bathroom." in text  # not "This is a bathroom."
    stored = await app.services.images.get(reply.images[0].image_id or 0)
    assert stored is not None and stored.params["subject"] == "things in a bathroom"
    question = (await chat.press("Quiz me"))[0]
    assert "Where do you find all of these?" in shown(question)
    choices = [label for label in labels(question) if label.replace(" ", "").isalpha()]
    assert "bathroom" in choices and len(choices) == 4, labels(question)
    assert set(choices) <= set(place_words())  # the other choices are places too
    assert not {"bathtub", "toilet", "shower", "toothbrush"} & set(choices)


async def test_a_place_is_never_asked_with_a_place_its_things_are_found_in_too(
    chat: TerminalAdapter, app: App
) -> None:
    """Coffee, a croissant and tea are in a cafe, but "a bakery" or "a kitchen" would be as
    right an answer: the quiz never offers a place whose things are found there too."""
    with_groups(app)
    offered: set[str] = set()
    for place in ("cafe", "bakery", "supermarket"):
        _, text = await _drawn(chat, place)
        assert f"The picture shows things in a {place}:" in text
        question = (await chat.press("Quiz me"))[0]
        assert "Where do you find all of these?" in shown(question)
        choices = {label for label in labels(question) if label.replace(" ", "").isalpha()}
        assert place in choices and len(choices) == 4, labels(question)
        assert not choices & places_alike(place), (place, choices)
        offered |= choices - {place}
    assert len(offered) >= 5  # other places were offered
    assert not offered & {"cafe", "bakery", "restaurant", "supermarket", "kitchen"}


async def test_a_colour_is_things_painted_in_it_and_asked_as_a_colour(
    chat: TerminalAdapter, app: App
) -> None:
    """ "blue" is four blue things; the card's example says what the picture shows, and the
    quiz asks for the colour among colours, never offering a thing the picture shows."""
    with_groups(app)
    reply, text = await _drawn(chat, "blue")
    assert "The picture shows blue things: ball, car, balloon, T-shirt." in text
    assert "Example: These things are blue." in text
    with Image.open(reply.images[0].path) as image:
        rgb = np.asarray(image.convert("RGB")).reshape(-1, 3).astype(int)
    drawn = rgb[rgb.min(axis=1) < 200]  # not the white page
    r, g, b = drawn.T
    assert len(drawn) and ((b > r + 40) & (b > g + 40)).mean() > 0.8
    assert "🖼 ball" in labels(reply)  # each thing can be learned on its own
    question = (await chat.press("Quiz me"))[0]
    assert "What colour are all of these?" in shown(question)
    choices = [label for label in labels(question) if label.isalpha()]
    assert "blue" in choices and len(choices) == 4, labels(question)
    assert set(choices) <= set(colour_words())
    assert not {"ball", "car", "balloon", "T-shirt"} & set(choices)


async def test_a_picture_of_several_is_told_in_the_plural(chat: TerminalAdapter, app: App) -> None:
    """Gloves are drawn as a pair and noodles as a bowl of them: "This is a glove." and "This is
    a noodle." under them were wrong; a meal (its foods together) stays "This is a meal."."""
    app.services.illustrator.resolver = resolver_for("starter", app.services.dictionary.wordnet)
    for word, example, subject in (
        ("glove", "These are gloves.", "gloves"),
        ("slippers", "These are slippers.", "slippers"),
        ("noodles", "These are noodles.", "steaming bowl"),
        ("meals", "This is a meal.", "a meal"),
        # a two-word plural was made plural again: "These are shopping bagses."
        ("shopping bags", "These are shopping bags.", "shopping bags"),
        ("french fries", "These are french fries.", "french fries"),
    ):
        reply, text = await _drawn(chat, word)
        assert f"Example: {example}" in text
        stored = await app.services.images.get(reply.images[0].image_id or 0)
        assert stored is not None and stored.params["subject"] == subject


async def test_a_plural_nothing_draws_keeps_its_number_on_the_card(
    chat: TerminalAdapter, app: App
) -> None:
    """No picture of mittens: the honest answer's card says "These are mittens.", not "This is
    a mitten." under the word the learner asked for."""
    app.services.illustrator.resolver = resolver_for("starter", app.services.dictionary.wordnet)
    await chat.say("/word mittens")
    await chat.settle()
    text = shown(chat.transcript.replies[-1])
    assert "I can't draw mittens yet" in text
    assert "Example: These are mittens." in text and "This is a mitten." not in text
    # a name is said as a name is written, however it was typed
    await chat.say("/word english")
    await chat.settle()
    text = shown(chat.transcript.replies[-1])
    assert "I can't draw English yet" in text and "I speak English." in text
    # 画画 is draw: not "I can't draw draw yet"
    await chat.say("/word 画画")
    await chat.settle()
    text = shown(chat.transcript.replies[-1])
    assert "I can't make a picture of draw yet" in text and "draw draw" not in text


async def test_a_word_whose_every_meaning_is_for_adults_is_not_taught(
    chat: TerminalAdapter, app: App
) -> None:
    """ "fornicate" (no filter blocks the word) was answered "I know fornicate, but I have no
    meaning of it to teach you yet (it may be a name)": not a name, and no card."""
    app.services.illustrator.resolver = resolver_for("starter", app.services.dictionary.wordnet)
    await chat.say("/word fornicate")
    await chat.settle()
    reply = chat.transcript.replies[-1]
    assert (
        shown(reply) == "I don't teach fornicate here. Let's pick another word, like /word rainbow."
    )
    assert not reply.buttons and not reply.images


async def test_a_misspelling_a_level_list_knows_is_corrected_not_called_a_name(
    chat: TerminalAdapter, app: App
) -> None:
    """ "fone" is in a level list but has no meaning anywhere: it was answered "I know fone,
    but I have no meaning of it to teach you yet (it may be a name)"."""
    app.services.illustrator.resolver = resolver_for("starter", app.services.dictionary.wordnet)
    reply = (await chat.say("/word fone"))[-1]
    assert shown(reply).startswith("I don't know fone. Did you mean")
    assert labels(reply)[0].endswith("phone")


async def test_a_listed_word_with_no_meaning_to_teach_is_said_kindly_not_an_empty_card(
    chat: TerminalAdapter, app: App
) -> None:
    """The word list holds names ("david", "jesus") whose every WordNet meaning is one person:
    the answer was a heading and a Practise button with nothing to practise. A Londoner is a
    name's meaning a card may teach."""
    app.services.illustrator.resolver = resolver_for("starter", app.services.dictionary.wordnet)
    await chat.say("/word jesus")
    await chat.settle()
    reply = chat.transcript.replies[-1]
    assert "I know jesus, but I have no meaning of it to teach you yet" in shown(reply)
    assert not reply.buttons and not reply.images
    await chat.say("/word londoner")
    await chat.settle()
    text = shown(chat.transcript.replies[-1])
    assert "a native or resident of London" in text and "She is a Londoner." in text


async def test_a_plural_is_drawn_as_three_of_the_thing_and_asked_as_plurals(
    chat: TerminalAdapter, app: App
) -> None:
    """One apple under "These are apples." would teach the wrong number: the starter draws a
    plural as three of its singular's picture; "glasses" is a word of its own, drawn once."""
    _, concepts = load()
    app.services.illustrator.resolver = ConceptResolver(concepts, app.services.dictionary.wordnet)
    _with_built_in_styles(
        app, lambda subject: ("noto",) if subject == "red apple" else ("noto", "twemoji")
    )
    await chat.say("/word apples")
    await chat.settle()
    reply = chat.transcript.replies[-1]
    assert reply.images, shown(reply)
    assert "🎨 Draw again" not in labels(reply)  # three of the apple's one picture, again
    assert "Example: These are apples." in shown(reply)
    assert "The picture shows" not in shown(reply)  # no list of kinds under three apples
    stored = await app.services.images.get(reply.images[0].image_id or 0)
    assert stored is not None and stored.params["subject"] == "red apple"
    scene = Scene.from_json(str(stored.params["scene"]))
    assert [(o.word, o.concept, o.count) for o in scene.objects] == [("apple", "red apple", 3)]
    question = (await chat.press("Quiz me"))[0]
    assert "What are these?" in shown(question)
    choices = [label for label in labels(question) if label.isalpha()]
    assert "apples" in choices and len(choices) == 4, choices
    wordnet = app.services.dictionary.wordnet
    plurals = [c for c in choices if counted_singular(wordnet, c) or c in SAME_IN_PLURAL]
    assert plurals == choices  # "apples" among "pears", never alone among singulars
    await chat.say("/word glasses")
    await chat.settle()
    glasses = chat.transcript.replies[-1]
    stored = await app.services.images.get(glasses.images[0].image_id or 0)
    assert stored is not None and not stored.params.get("scene")
    assert "🎨 Draw again" in labels(glasses)  # it has another look


async def test_a_part_of_the_body_is_ringed_on_its_whole_and_asked_by_its_circle(
    chat: TerminalAdapter, app: App
) -> None:
    """The starter draws a shoulder as a man with a red circle round his shoulder: the reply
    says what the circle shows and the quiz asks it (his head and shirt are in the picture
    too); "toes" is the foot with one toe ringed, not three feet."""
    app.services.illustrator.resolver = resolver_for("starter", app.services.dictionary.wordnet)
    reply, text = await _drawn(chat, "shoulder")
    assert "The red circle shows the shoulder." in text
    stored = await app.services.images.get(reply.images[0].image_id or 0)
    assert stored is not None and stored.params["subject"] == "shoulder"
    item = next(i for i in await app.services.learning.items(1) if i.text == "shoulder")
    await _ask_as_drawn(app, item, model="starter")  # the tiny test model drew no circle
    question = (await chat.press("Quiz me"))[0]
    assert "What does the red circle show?" in shown(question)
    assert "What is this?" not in shown(question)
    choices = [label for label in labels(question) if label.isalpha()]
    # other parts a circle could be round, never the man or the arm the shoulder is on
    assert len(set(choices)) == 4 and "shoulder" in choices and set(choices) <= ringed()
    assert not {"neck", "collar"} & set(choices)  # the shoulder's circle may hold them
    reply, text = await _drawn(chat, "toes")
    assert "The red circle shows one of the toes." in text and "These are toes." in text
    stored = await app.services.images.get(reply.images[0].image_id or 0)
    assert stored is not None and stored.params["subject"] == "toe"
    assert not stored.params.get("scene")  # one foot, not three
    _, text = await _drawn(chat, "apple")
    assert "red circle" not in text
    # a part a person judged unclear when drawn (a red blob like a beard) is not drawn at all
    await chat.say("/word neck")
    await chat.settle()
    assert "I can't draw neck yet" in shown(chat.transcript.replies[-1])


async def test_a_given_name_is_taught_as_a_name_not_as_a_river(chat: TerminalAdapter) -> None:
    """A learner types their English name: WordNet's James is a river in Virginia, its Timothy a
    grass. The card says it is a name (with the capital and the usual Chinese), and practice
    never offers another name beside it (John would be right too)."""
    await chat.say("/settings chinese on")
    await chat.say("/word john")
    reply = (await chat.say("/word james"))[-1]
    text = shown(reply)
    assert "James is a name, so there is no picture" in text and not reply.images
    assert "A name for a boy or a man." in text and "James is my friend." in text
    assert "詹姆斯" in text and "river" not in text
    assert "James · /" in text and "· noun\n" in text  # no CEFR level: cefrpy's is the word's
    question = (await chat.press("Practise"))[0]
    assert "Which word means: a name for a boy or a man?" in shown(question)
    choices = labels(question)
    assert "james" in choices and "john" not in choices and len(choices) == 4, choices
    grass = shown((await chat.say("/word timothy"))[-1])
    assert "A name for a boy or a man." in grass and "grass" not in grass
    rose = shown((await chat.say("/word rose"))[-1])
    assert "is a name" not in rose  # a flower first: a name that is an everyday word keeps it


async def test_a_grammar_word_says_why_it_has_no_picture(chat: TerminalAdapter, app: App) -> None:
    """ "I can't draw the yet" promised a picture one day: a determiner or a preposition is
    said to be a grammar word and still taught (its meaning and Practise)."""
    app.services.illustrator.resolver = resolver_for("starter", app.services.dictionary.wordnet)
    reply = (await chat.say("/word the"))[-1]
    text = shown(reply)
    assert "the is a small grammar word (a determiner), so there is no picture" in text
    assert "I can't draw" not in text and not reply.images
    assert "✍️ Practise" in labels(reply)
    idea = shown((await chat.say("/word idea"))[-1])
    assert "I can't draw idea yet" in idea  # a noun: a picture may come one day
    # nor will one come for a helper verb or a "not" ("I can't draw will yet")
    will = shown((await chat.say("/word will"))[-1])
    assert "will is a helper verb (it goes with another verb: I will go)" in will
    never = shown((await chat.say("/word never"))[-1])
    assert "never says that something is not so" in never and "I can't draw" not in never
    does = shown((await chat.say("/word does"))[-1])
    assert "helper verb" not in does  # a verb of its own too: never "I does go"


async def test_practise_asks_with_the_meaning_the_card_gave(
    chat: TerminalAdapter, app: App
) -> None:
    """The card said "A thought or a plan in your head." and Practise asked "Which word means:
    the content of cognition?" among "justification" and "reactivity": a beginner's word is
    asked with its plain meaning, among other beginners' words."""
    from bot.learning.plain import learner_definitions

    app.services.illustrator.resolver = resolver_for("starter", app.services.dictionary.wordnet)
    card = shown((await chat.say("/word idea"))[-1])
    assert "A thought or a plan in your head." in card
    question = (await chat.press("Practise"))[0]
    assert "Which word means: a thought or a plan in your head?" in shown(question)
    assert "cognition" not in shown(question)
    choices = labels(question)
    assert "idea" in choices and all(c in learner_definitions() for c in choices), choices


async def test_an_emoji_after_word_is_its_english_word(chat: TerminalAdapter, app: App) -> None:
    """A child types "/word 🍎": the apple's card and picture, as "/word 苹果" gives; an emoji
    with no such word is asked for in English letters, as before."""
    app.services.illustrator.resolver = resolver_for("starter", app.services.dictionary.wordnet)
    await chat.say("/word 🍎")
    await chat.settle()
    card = chat.transcript.replies[-1]
    assert "apple · /" in shown(card) and card.images
    refused = shown((await chat.say("/word 🍺"))[-1])
    assert "in English letters" in refused
