from __future__ import annotations

from bot.adapters.terminal import TerminalAdapter
from tests.helpers import shown


async def test_sentence_is_drawn(chat: TerminalAdapter) -> None:
    ack = await chat.say("/sentence The cat sleeps on the sofa.")
    assert "Drawing" in ack[0].text
    await chat.settle()
    assert chat.transcript.replies[-1].images
    assert "The cat sleeps on the sofa." in chat.transcript.lines[-3]


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
