"""The learning loop as a learner lives it: picture → card → quiz → review → stats."""

from __future__ import annotations

from datetime import timedelta

from bot.adapters.terminal import TerminalAdapter
from bot.app import App
from bot.conversation.messages import Incoming
from tests.helpers import FakeClock, shown


async def draw(chat: TerminalAdapter, text: str) -> None:
    await chat.say(text)
    await chat.settle()


async def test_word_to_quiz_to_review_to_stats(
    chat: TerminalAdapter, app: App, clock: FakeClock
) -> None:
    await draw(chat, "/word apple")
    card = chat.transcript.replies[-1]
    assert card.images and "/ˈæpəl/ · noun · A1" in shown(card) and "fruit" in shown(card)
    assert [b.label for row in card.buttons for b in row] == [
        "❓ Quiz me",
        "🔊 Hear it",
        "🎨 Draw again",
        "📖 Other meanings",
    ]
    question = (await chat.press("Quiz me"))[0]
    assert shown(question) == "What is this?" and question.images
    options = [b.label for row in question.buttons for b in row]
    assert len(options) == 4 and "apple" in options
    feedback, summary = await chat.press("apple")
    assert shown(feedback) == "✅ Right! apple"
    assert "XP: 10" in shown(summary) and "1-day streak 🔥" in shown(summary)
    assert "Nothing to review right now" in shown((await chat.say("/review"))[0])
    clock.advance(hours=1)
    review = (await chat.say("/review"))[0]
    assert "Type the word" in shown(review) and review.images
    right = await chat.say("apples")
    assert shown(right[0]) == "✅ Right! apple"
    stats = (await chat.say("/stats"))[0]
    # right twice within an hour of seeing it: not learned yet, only after a night's sleep
    assert stats.images and "learned: 0" in shown(stats) and "100% of 2" in shown(stats)
    next_due = await app.services.learning.next_due(1)
    assert next_due is not None and next_due[1] > clock.now()
    clock.moment = next_due[1] + timedelta(hours=1)
    assert "Type the word" in shown((await chat.say("/review"))[0])
    assert shown((await chat.say("apple"))[0]) == "✅ Right! apple"
    assert "learned: 1" in shown((await chat.say("/stats"))[0])


async def test_wrong_answers_show_the_right_one_with_its_picture(chat: TerminalAdapter) -> None:
    await draw(chat, "/word apple")
    question = (await chat.press("Quiz me"))[0]
    wrong = next(b.label for row in question.buttons for b in row if b.label != "apple")
    feedback = (await chat.press(wrong))[0]
    assert shown(feedback) == "❌ Not quite. The answer is apple." and feedback.images
    double = await chat.dialogue.handle(
        Incoming(
            platform="terminal",
            chat_id="local",
            user_id="local",
            callback=question.buttons[0][0].data,
        )
    )
    assert "already answered" in shown(double[0]), "a double tap changes nothing"


async def test_typed_answers_get_one_hint(chat: TerminalAdapter, clock: FakeClock) -> None:
    await draw(chat, "/word apple")
    await chat.press("Quiz me")
    await chat.press("apple")
    clock.advance(hours=1)
    await chat.say("/review")
    hint = await chat.say("ap")
    assert "Close! It starts with “ap” and has 5 letters" in shown(hint[0])
    done = await chat.say("aple")
    assert "Yes! It is spelled apple." in shown(done[0])


async def test_a_round_of_five_mixes_question_kinds(chat: TerminalAdapter, app: App) -> None:
    for word in ("cat", "dog", "horse", "pear", "banana"):
        await draw(chat, f"/word {word}")
    first = (await chat.say("/quiz"))[0]
    assert shown(first).startswith("Question 1 of 5")
    kinds = []
    for _ in range(5):
        quiz = await app.services.db.fetchall(
            "SELECT kind FROM questions WHERE answered_at IS NULL ORDER BY position LIMIT 1"
        )
        kinds.append(quiz[0]["kind"])
        if kinds[-1] == "type_word":
            replies = await chat.say("zzz")
        else:
            replies = await chat.say("1")
        assert replies
    assert {"pick_word", "type_word", "pick_picture"} <= set(kinds)
    assert "Quiz done:" in shown(chat.transcript.replies[-1])


async def test_sentence_quiz_offers_four_numbered_sentences(chat: TerminalAdapter) -> None:
    await draw(chat, "/sentence The cat sleeps on the sofa.")
    question = (await chat.press("Quiz me"))[0]
    text = shown(question)
    assert text.startswith("Which sentence matches the picture?")
    assert "The cat sleeps on the sofa." in text
    assert [b.label for row in question.buttons for b in row] == ["1", "2", "3", "4"]


async def test_no_words_yet(chat: TerminalAdapter) -> None:
    assert "Learn some words first" in shown((await chat.say("/quiz"))[0])
    assert "Nothing to review yet" in shown((await chat.say("/review"))[0])


async def test_nobody_can_answer_someone_elses_quiz(chat: TerminalAdapter, app: App) -> None:
    await draw(chat, "/word apple")
    question = (await chat.press("Quiz me"))[0]
    intruder = TerminalAdapter(app.dialogue, user_id="intruder")
    press = Incoming(
        platform="terminal",
        chat_id="local",
        user_id="intruder",
        callback=question.buttons[0][0].data,
    )
    assert "belongs to someone else" in shown((await intruder.dialogue.handle(press))[0])


async def test_in_a_class_chat_only_a_reply_to_the_question_is_graded(
    app: App, clock: FakeClock
) -> None:
    from dataclasses import replace

    from tests.helpers import Person, RecordingSender, eventually

    platform = RecordingSender()
    await app.courier.attach(platform)
    pupil = Person(app, "7", "-500")
    await pupil.say("/word apple")
    picture = await eventually(lambda: [r for r in platform.to("-500") if r.images])
    question = (await pupil.press(picture[0], "❓ Quiz me"))[0]
    await pupil.press(question, "apple")
    clock.advance(hours=1)
    question = (await pupil.say("/review"))[0]
    assert "Reply to this message with the word" in shown(question)
    chatter = pupil._incoming(text="apple pie for lunch?")
    assert await app.dialogue.handle(chatter) == [], "chatter in the class is never graded"
    answer = replace(pupil._incoming(text="apple"), replies_to_bot=True)
    graded = await app.dialogue.handle(answer)
    assert graded and shown(graded[0]) == "✅ Right! apple"
