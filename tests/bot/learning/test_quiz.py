"""Quiz questions: every one answerable from what the learner sees."""

from __future__ import annotations

import json

from bot.adapters.terminal import TerminalAdapter
from bot.app import App
from engine.scene import Scene, SceneObject
from storage.learning import Item


async def _redrawn(app: App, item: Item, **changes: str) -> None:
    """As if the model had drawn the item's picture otherwise (its kept parameters)."""
    stored = await app.services.images.get(item.image_id or 0)
    assert stored is not None
    params = json.dumps(stored.params | changes)
    await app.services.db.execute("UPDATE images SET params = ? WHERE id = ?", (params, stored.id))


async def test_a_picture_question_never_offers_the_same_picture_as_a_wrong_answer(
    chat: TerminalAdapter, app: App
) -> None:
    """On the starter "sea" and "wave" are both drawn as the wave; they are not related words,
    so "sea" could stand as a wrong answer to "Which picture shows wave?"."""
    for word in ("cat", "dog", "horse", "sea", "wave"):
        await chat.say(f"/word {word}")
        await chat.settle()
    learning = app.services.learning
    items = {item.text: item for item in await learning.items(1)}
    assert set(items) == {"cat", "dog", "horse", "sea", "wave"}
    for word in ("sea", "wave"):  # drawn as the same concept, as the starter draws them
        await _redrawn(app, items[word], subject="water wave")
    quizzes = app.services.quizzes
    quiz = await quizzes.build(1, [items["wave"]], "picture", kinds=["pick_picture"])
    assert quiz is not None
    question = await learning.next_question(quiz)
    assert question is not None
    assert question.kind == "pick_picture"
    assert sorted(question.options) == ["cat", "dog", "horse", "wave"]


async def test_a_word_question_never_offers_a_word_drawn_as_the_same_picture(
    chat: TerminalAdapter, app: App
) -> None:
    words = ("pear", "banana", "cherry", "grape", "apple")
    for word in words:
        await chat.say(f"/word {word}")
        await chat.settle()
    learning = app.services.learning
    items = {item.text: item for item in await learning.items(1)}
    for word in ("pear", "apple"):  # as if the model drew both as the same fruit
        await _redrawn(app, items[word], subject="green apple")
    quiz = await app.services.quizzes.build(1, [items["apple"]], "picture", kinds=["pick_word"])
    assert quiz is not None
    question = await learning.next_question(quiz)
    assert question is not None and question.kind == "pick_word"
    assert "apple" in question.options and "pear" not in question.options
    assert {"banana", "cherry", "grape"} & set(question.options)  # the learner's own words


async def test_a_thing_the_picture_shows_is_never_a_wrong_answer(
    chat: TerminalAdapter, app: App
) -> None:
    """ "machine" is drawn as four kinds of machine, a robot among them; WordNet does not file a
    robot as a machine, so the learner's own "robot" could stand as a wrong answer."""
    for word in ("robot", "cat", "machine"):
        await chat.say(f"/word {word}")
        await chat.settle()
    learning = app.services.learning
    items = {item.text: item for item in await learning.items(1)}
    kinds = Scene(tuple(SceneObject(w, w) for w in ("washing machine", "computer", "robot")))
    await _redrawn(app, items["machine"], subject="kinds of machine", scene=kinds.to_json())
    quiz = await app.services.quizzes.build(1, [items["machine"]], "picture", kinds=["pick_word"])
    assert quiz is not None
    question = await learning.next_question(quiz)
    assert question is not None and question.kind == "pick_word"
    assert "machine" in question.options and "robot" not in question.options


async def test_the_name_of_the_picture_drawn_is_never_a_wrong_answer(
    chat: TerminalAdapter, app: App
) -> None:
    """The starter draws "king" as the crowned man the emoji set calls "prince": under that
    picture "prince" would be a second right answer."""
    for word in ("prince", "doctor", "farmer", "teacher", "king"):
        await chat.say(f"/word {word}")
        await chat.settle()
    learning = app.services.learning
    items = {item.text: item for item in await learning.items(1)}
    for word, subject in (("king", "prince"), ("prince", "person with crown")):
        await _redrawn(app, items[word], subject=subject)
    quiz = await app.services.quizzes.build(1, [items["king"]], "picture", kinds=["pick_word"])
    assert quiz is not None
    question = await learning.next_question(quiz)
    assert question is not None and question.kind == "pick_word"
    assert "king" in question.options and "prince" not in question.options
    assert {"doctor", "farmer", "teacher"} & set(question.options)


async def test_a_verbs_picture_asks_for_the_word_among_other_things_people_do(
    chat: TerminalAdapter, app: App
) -> None:
    """Under a person swimming "What is this?" would ask for a person; the wrong answers are
    other verbs with their own pictures, in the learner's form, never one true of it too."""
    await chat.say("/word swam")
    await chat.settle()
    learning = app.services.learning
    (item,) = await learning.items(1)
    await _redrawn(app, item, subject="person swimming")  # as the starter draws it
    quiz = await app.services.quizzes.build(1, [item], "picture", kinds=["pick_word"])
    assert quiz is not None
    question = await learning.next_question(quiz)
    assert question is not None and question.kind == "pick_word"
    assert "swam" in question.options and len(question.options) == 4
    wrong = [o for o in question.options if o != "swam"]
    assert all(o.endswith("ed") or o in {"ran", "rode", "slept", "sang", "stood", "thought",
                                          "wrote"} for o in wrong), wrong  # fmt: skip
    asked = await app.services.quizzes.ask(question)
    assert "Which word goes with the picture?" in asked.text


async def test_a_person_drawn_doing_something_is_asked_what_they_do(
    chat: TerminalAdapter, app: App
) -> None:
    """ "The boy runs." is drawn as the person running: "The boy sleeps." is plainly not it,
    while "The girl runs." could be (anyone runs in that picture)."""
    await chat.say("/sentence The boy runs.")
    await chat.settle()
    learning = app.services.learning
    (item,) = await learning.items(1)
    doer = Scene((SceneObject("boy", "person running", action="running"),))
    await _redrawn(app, item, subject="person running", scene=doer.to_json())
    quiz = await app.services.quizzes.build(1, [item], "picture")
    assert quiz is not None
    question = await learning.next_question(quiz)
    assert question is not None and question.kind == "pick_sentence"
    assert "The boy runs." in question.options
    doing = [o for o in question.options if o.startswith("The boy ") and o != "The boy runs."]
    assert len(doing) >= 2, question.options
    verbs = {"sleeps", "swims", "dances", "walks", "climbs", "rides", "cries", "laughs", "yawns",
             "sneezes", "thinks", "writes", "hugs", "sings", "shrugs", "meditates",
             "bathes", "washes", "cycles", "surfs", "rows"}  # fmt: skip
    assert all(o.split()[-1].rstrip(".") in verbs for o in doing), doing
    assert not any("girl" in o for o in question.options)  # the picture shows no boy


async def test_which_picture_shows_a_verb_never_offers_a_picture_it_is_true_of(
    chat: TerminalAdapter, app: App
) -> None:
    """The laughing face has tears: under "Which picture shows cry?" it is not wrong."""
    for word in ("cat", "dog", "horse", "laugh", "cry"):
        await chat.say(f"/word {word}")
        await chat.settle()
    learning = app.services.learning
    items = {item.text: item for item in await learning.items(1)}
    await _redrawn(app, items["cry"], subject="loudly crying face")  # as the starter draws them
    await _redrawn(app, items["laugh"], subject="face with tears of joy")
    quiz = await app.services.quizzes.build(1, [items["cry"]], "picture", kinds=["pick_picture"])
    assert quiz is not None
    question = await learning.next_question(quiz)
    assert question is not None and question.kind == "pick_picture"
    assert sorted(question.options) == ["cat", "cry", "dog", "horse"]
