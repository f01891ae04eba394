from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.adapters.terminal import TerminalAdapter
from bot.app import App
from bot.conversation.messages import Reply
from bot.handlers.sentence import drawn_and_not
from engine.resolver import ConceptResolver, resolver_for
from engine.scene import MANY, Scene, SceneObject
from engine.starter.dataset import load
from storage.images import StoredImage
from tests.helpers import shown


async def test_sentence_is_drawn(chat: TerminalAdapter) -> None:
    ack = await chat.say("/sentence The cat sleeps on the sofa.")
    assert "Drawing" in ack[0].text
    await chat.settle()
    assert chat.transcript.replies[-1].images
    shown = "\n".join(chat.transcript.lines[-4:])
    assert "The cat sleeps on the sofa." in shown and "I drew the cat on the sofa." in shown


async def test_bad_sentences_are_refused_kindly(chat: TerminalAdapter) -> None:
    cases = {
        "/sentence": "for example",
        "/sentence " + "word " * 80: "too long",
        "/sentence 我喜欢猫": "in English",
        "/sentence I love 🐱 cats": "no emoji",
        "/sentence مرحبا بالعالم": "in English",
        "/sentence !!!": "in English",
        "/sentence <b>bold</b> tag": "no emoji or symbols",
    }
    for text, expected in cases.items():
        replies = await chat.say(text)
        assert len(replies) == 1 and expected in replies[0].text, (text, replies)


async def test_sql_looking_sentence_is_just_text(chat: TerminalAdapter) -> None:
    await chat.say("/sentence Robert'); DROP TABLE requests;-- is a boy.")
    await chat.settle()
    history = await chat.say("/history")
    assert "DROP TABLE requests" in history[0].text


async def test_a_wrong_sentence_answer_quotes_the_sentence_once(chat: TerminalAdapter) -> None:
    sentence = "The cat sleeps on the sofa."
    await chat.say(f"/sentence {sentence}")
    await chat.settle()
    question = (await chat.press("Quiz me"))[0]
    options = shown(question).splitlines()[1:]
    wrong = next(str(n) for n, line in enumerate(options, start=1) if sentence not in line)
    feedback = (await chat.say(str(next(k for k, v in chat.button_labels.items() if v == wrong))))[
        0
    ]
    assert shown(feedback) == f"❌ Not quite. The picture shows: {sentence}"


async def test_a_beginners_mistake_is_corrected_before_it_is_drawn(
    chat: TerminalAdapter,
) -> None:
    from bot.conversation.markup import BOLD

    replies = await chat.say("/sentence i has two dog")
    fix = replies[0]
    assert shown(fix) == "✏️ Did you mean: I have two dogs."
    for word in ("I", "have", "dogs"):
        assert f"{BOLD}{word}{BOLD}" in fix.text  # the changed words stand out
    assert f"{BOLD}two{BOLD}" not in fix.text
    assert "Drawing I have two dogs." in shown(replies[1])
    await chat.settle()
    assert "I have two dogs." in shown(chat.transcript.replies[-1])
    history = shown((await chat.say("/history"))[0])
    assert "I have two dogs." in history and "i has two dog" not in history


async def test_a_right_sentence_is_left_alone(chat: TerminalAdapter) -> None:
    replies = await chat.say("/sentence The sheep eat grass.")
    assert len(replies) == 1 and "Drawing The sheep eat grass." in shown(replies[0])


@pytest.fixture
def starter_words(app: App) -> None:
    """The app's illustrator resolves to the starter model's concepts (its closed vocabulary)."""
    _, concepts = load()
    app.services.illustrator.resolver = ConceptResolver(concepts, app.services.dictionary.wordnet)


@pytest.mark.usefixtures("starter_words")
async def test_a_closed_model_draws_the_scene_and_says_what_it_left_out(
    chat: TerminalAdapter,
) -> None:
    await chat.say("/sentence The cat sleeps on the bed.")
    await chat.settle()
    shown_text = shown(chat.transcript.replies[-1])
    assert (
        "I drew the cat on the bed." in shown_text
        and "A verb like sleep is drawn on its own" in shown_text
    )
    # a second place is left out with its things: "under" can be drawn, one place a picture
    await chat.say("/sentence The cat is on the bed and the dog is under the bed.")
    await chat.settle()
    two = shown(chat.transcript.replies[-1])
    assert "I drew the cat on the bed. I left out dog and bed: one picture shows one" in two
    assert "can't draw under" not in two
    nothing = await chat.say("/sentence I love my family.")
    assert "can't draw" in shown(nothing[-1]) and not nothing[-1].images
    # a thing of two words with no picture is named, not "any of its words" (it has "apple")
    tree = await chat.say("/sentence The apple tree is big.")
    assert "I don't know how to draw apple tree" in shown(tree[-1]) and not tree[-1].images
    two = await chat.say("/sentence I love my family and my uncle.")
    assert "I can't draw this sentence yet: I don't know how to draw love, family and uncle." in (
        shown(two[-1])
    )


async def _sentence_drawn(chat: TerminalAdapter, sentence: str) -> tuple[Reply, str]:
    """/sentence's finished reply (once its picture is drawn) and its text as shown."""
    await chat.say(f"/sentence {sentence}")
    await chat.settle()
    reply = chat.transcript.replies[-1]
    return reply, shown(reply)


async def test_a_part_of_the_body_in_a_sentence_points_to_its_ringed_picture(
    chat: TerminalAdapter, app: App
) -> None:
    """A part is drawn alone, ringed on its whole (a cheek on a face), never among other
    things: the sentence says where to see it instead of "I don't know how to draw cheek"."""
    app.services.illustrator.resolver = resolver_for("starter", app.services.dictionary.wordnet)
    alone = shown((await chat.say("/sentence My cheek is red."))[-1])
    assert "cheek" not in alone.split("Parts like")[0].split("yet")[1]
    assert "Parts like the cheek are drawn alone, with a red circle: try /word cheek." in alone
    drawn, said = await _sentence_drawn(chat, "The cat has a long tail.")
    assert drawn.images and "I drew the cat." in said and "can't draw long tail" not in said
    assert "Parts like the tail are drawn alone, with a red circle: try /word tail." in said
    both = shown((await chat.say("/sentence My toes and my uncle are cold."))[-1])
    assert "I don't know how to draw uncle" in both and "Parts like the toes" in both


async def test_a_verb_in_a_sentence_points_to_its_own_picture(
    chat: TerminalAdapter, app: App
) -> None:
    """ "/word laugh" draws a laughing face, but "The teacher laughs." said "I can't draw laughs
    yet": a verb with its own picture is said as one (a scene draws a doer only where a picture
    shows that doer: "The girl dances." is the woman dancing)."""
    app.services.illustrator.resolver = resolver_for("starter", app.services.dictionary.wordnet)
    drawn, said = await _sentence_drawn(chat, "The teacher laughs.")
    assert drawn.images and "I drew the teacher." in said and "can't draw" not in said
    assert "A verb like laugh is drawn on its own: try /word laugh." in said
    _, both = await _sentence_drawn(chat, "Two children hug and laugh.")
    assert "Verbs like hug and laugh are drawn on their own: try /word hug." in both
    _, dancing = await _sentence_drawn(chat, "The girl dances.")
    assert "I drew the girl dancing." in dancing and "try /word" not in dancing
    _, grandma = await _sentence_drawn(chat, "The grandma dances.")  # the dancer is young
    assert "I drew the grandma. A verb like dance is drawn on its own" in grandma
    # the picture shows only the grandma, so no sentence differs from it in what it shows:
    # asked how it is written (this once answered "I could not make a quiz")
    question = shown((await chat.press("Quiz me"))[0])
    assert "Which sentence is written correctly?" in question
    assert "The grandma dance." in question


async def test_a_thing_in_the_water_is_said_to_be_in_it(chat: TerminalAdapter, app: App) -> None:
    """ "The fish swims in the water." drew the fish above the waves and said "by the sea"."""
    app.services.illustrator.resolver = resolver_for("starter", app.services.dictionary.wordnet)
    drawn, said = await _sentence_drawn(chat, "The fish swims in the water.")
    assert drawn.images and "I drew the fish in the water." in said
    _, boat = await _sentence_drawn(chat, "The boat is on the sea.")
    assert "I drew the boat on the sea." in boat and "can't draw" not in boat
    _, beach = await _sentence_drawn(chat, "The dog is on the beach.")
    assert "I drew the dog by the sea." in beach
    _, over = await _sentence_drawn(chat, "The sun is over the sea.")  # the waves are below
    assert "I drew the sun above the sea." in over and "can't draw" not in over
    # a second setting can be drawn, only not in the same picture: never "I can't draw night"
    _, night = await _sentence_drawn(chat, "A turtle is in the sea at night.")
    assert "One picture shows one setting, so at night is in words only." in night
    assert "can't draw" not in night


async def test_a_place_in_a_sentence_points_to_its_picture_of_things_found_there(
    chat: TerminalAdapter, app: App
) -> None:
    """ "/word kitchen" draws things found in a kitchen, but a sentence said "I can't draw in
    the kitchen yet": it now says where to see the place."""
    app.services.illustrator.resolver = resolver_for("starter", app.services.dictionary.wordnet)
    drawn, said = await _sentence_drawn(chat, "We eat pizza at the restaurant.")
    assert drawn.images and "I drew the pizza." in said and "draw at the" not in said
    assert "I can't draw eat yet." in said
    hint = "Places like the restaurant are drawn on their own, as things found there"
    assert f"{hint}: try /word restaurant." in said
    alone = shown((await chat.say("/sentence I am in the kitchen."))[-1])
    assert "Places like the kitchen are drawn on their own" in alone
    assert "I don't know how to draw" not in alone  # nothing else in it to name


@pytest.mark.usefixtures("starter_words")
async def test_a_sentence_with_nothing_to_draw_gets_a_text_only_quiz(
    chat: TerminalAdapter,
) -> None:
    """No picture, so no "which sentence matches the picture": which of the sentences is
    written correctly, the others each with one beginner's mistake."""
    await chat.say("/sentence I love my family.")
    question = (await chat.press("Quiz me"))[0]
    text = shown(question)
    assert "Which sentence is written correctly?" in text and not question.images
    options = [
        line.split(". ", 1)[1] for line in text.splitlines() if line[:2] in ("1.", "2.", "3.", "4.")
    ]
    assert "I love my family." in options and len(options) >= 2
    assert {"i love my family.", "I loves my family."} & set(options)
    feedback = (await chat.press(str(options.index("I love my family.") + 1)))[0]
    assert "Right" in shown(feedback)


@pytest.mark.usefixtures("starter_words")
async def test_what_a_sentence_says_is_not_so_is_never_drawn(
    chat: TerminalAdapter, app: App
) -> None:
    """ "I don't have a dog." was drawn as a dog, "The boy doesn't like apples." with apples."""
    app.services.illustrator.resolver = resolver_for("starter", app.services.dictionary.wordnet)
    nothing = (await chat.say("/sentence I don't have a dog."))[-1]
    said = shown(nothing)
    assert 'A picture can\'t show "not"' in said and "I won't draw it" in said
    assert not nothing.images and not chat.transcript.replies[-1].images
    drawn, said = await _sentence_drawn(chat, "The boy doesn't like apples.")
    assert drawn.images and "I drew the boy." in said
    assert "so doesn't like apples is in words only" in said
    # no sentence differs from it only in what the picture shows: asked how it is written
    question = (await chat.press("Quiz me"))[0]
    assert "Which sentence is written correctly?" in shown(question)


def _said(scene: Scene) -> str:
    image = StoredImage(1, "0" * 64, Path("x.png"), 256, 256, 1, {"scene": scene.to_json()})
    return re.sub(r"</?b>|\x02", "", drawn_and_not(image))


def test_the_reply_says_what_was_drawn_doing_what_where_and_what_was_left_out() -> None:
    boy = Scene((SceneObject("boy", "person running", action="running"),), setting="rain")
    assert _said(boy).strip() == "I drew the boy running in the rain."
    they = Scene((SceneObject("person", "person climbing", 2, action="climbing"),))
    assert "I drew 2 people climbing." in _said(they)
    apples = Scene((SceneObject("apple", "red apple", MANY, many=True),))
    assert "I drew many apples." in _said(apples) and "too many to draw" in _said(apples)
    fish = Scene((SceneObject("fish", "blue fish", 4, colour="blue"),))
    assert "I drew 4 blue fish." in _said(fish)  # was "4 blue fishes" (the contact sheet)
    full = Scene((SceneObject("cat", "cat"),), left_out=("duck",), missing=("sleeps",))
    said = _said(full)
    assert "I left out duck" in said and "try /word sleep." in said
    two = Scene((SceneObject("apple", "red apple"),), missing=("like", "fruit"))
    assert "I can't draw like and fruit yet." in _said(two)  # not "like, fruit"
    three = Scene((SceneObject("cat", "cat"),), left_out=("duck", "goose", "swan"))
    assert "I left out duck, goose and swan to keep" in _said(three)
    dog = Scene((SceneObject("dog", "dog"),), missing=("brown and white",))
    assert _said(dog).strip() == (
        "I drew the dog. A thing is drawn in one colour or its own, so brown and white is in "
        "words only."
    )  # not "I can't draw brown and white yet": it can, one at a time
    drawn = Scene(tuple(SceneObject(w, w) for w in ("monkey", "banana", "tree")))
    assert _said(drawn).strip() == "I drew the monkey, the banana and the tree."  # not "and … and"
    milk = Scene((SceneObject("glass of milk", "glass of milk", 2),))
    assert _said(milk).strip() == "I drew 2 glasses of milk."  # not "2 glass of milks"


@pytest.mark.usefixtures("starter_words")
async def test_draw_again_is_offered_for_a_scene_only_if_it_can_look_different(
    chat: TerminalAdapter, app: App
) -> None:
    """On the starter a scene is its things' pictures in fixed places: with a thing drawn in
    one look only, "Draw again" would bring the very same picture."""
    from tests.bot.handlers.test_word import _with_built_in_styles, labels

    one_look: set[str] = set()
    _with_built_in_styles(app, lambda s: ("noto",) if s in one_look else ("noto", "twemoji"))
    await chat.say("/sentence The cat is on the bed.")
    await chat.settle()
    drawn = chat.transcript.replies[-1]
    assert drawn.images and "🎨 Draw again" in labels(drawn)
    one_look.add("bed")
    await chat.say("/sentence The dog is on the bed.")
    await chat.settle()
    drawn = chat.transcript.replies[-1]
    assert drawn.images and "🎨 Draw again" not in labels(drawn)
    assert "❓ Quiz me" in labels(drawn)
