from __future__ import annotations

from bot.adapters.terminal import TerminalAdapter
from bot.app import App
from bot.handlers.history import parse_arguments
from tests.helpers import shown


async def _fill(app: App, learner: int, words: list[str]) -> None:
    for word in words:
        await app.services.history.add(learner, "word", word)


async def test_empty_history_suggests_a_first_word(chat: TerminalAdapter) -> None:
    replies = await chat.say("/history")
    assert "no pictures yet" in shown(replies[0]) and "/word apple" in shown(replies[0])


async def test_history_pages_newest_first_with_buttons(chat: TerminalAdapter, app: App) -> None:
    await chat.say("/start")
    await _fill(app, 1, [f"word{i:02d}" for i in range(25)])
    page1 = (await chat.say("/history"))[0]
    assert "1. word24" in shown(page1) and "10. word15" in shown(page1)
    labels = [b.label for row in page1.buttons for b in row]
    assert labels[-1] == "Older ▶" and "◀ Newer" not in labels
    page2 = (await chat.say(str(len(labels))))[0]  # press "Older ▶"
    assert "(page 2)" in shown(page2) and "11. word14" in shown(page2)
    page3 = (await chat.say("/history 3"))[0]
    assert "21. word04" in shown(page3) and "Older ▶" not in str(page3.buttons)
    past_end = (await chat.say("/history 9"))[0]
    assert "no older pictures" in shown(past_end)


async def test_history_search_uses_words_not_sql(chat: TerminalAdapter, app: App) -> None:
    await chat.say("/start")
    await _fill(app, 1, ["red apple", "apple pie", "cat", "pineapple", 'quote " mark'])
    found = (await chat.say("/history apple"))[0]
    assert "red apple" in shown(found) and "apple pie" in shown(found)
    assert "cat" not in shown(found) and "pineapple" not in shown(found)
    for hostile in ('"', "apple OR cat", "NEAR(", "*", "') OR 1=1 --", "💥"):
        replies = await chat.say(f"/history {hostile}")
        assert len(replies) == 1 and shown(replies[0]), hostile
    assert "quote" in shown((await chat.say('/history "quote'))[0])


async def test_history_is_private_to_each_learner(app: App, chat: TerminalAdapter) -> None:
    await chat.say("/start")
    other = await app.services.users.learner_for("terminal", "someone-else")
    await _fill(app, other, ["secret"])
    assert "secret" not in shown((await chat.say("/history"))[0])
    assert "found nothing" in shown((await chat.say("/history secret"))[0])


async def test_any_entry_can_be_sent_again(chat: TerminalAdapter) -> None:
    await chat.say("/word dog")
    await chat.settle()
    original = chat.transcript.replies[-1].images[0].path
    listing = (await chat.say("/history"))[0]
    assert listing.buttons[0][0].label == "🖼 1"
    again = await chat.say("1")
    assert again[0].images[0].path == original


async def test_a_lost_file_is_redrawn_exactly(chat: TerminalAdapter) -> None:
    await chat.say("/word dog")
    await chat.settle()
    path = chat.transcript.replies[-1].images[0].path
    data = path.read_bytes()
    path.unlink()
    await chat.say("/history")
    await chat.say("1")
    await chat.settle()
    assert path.read_bytes() == data, "same parameters and seed give the same bytes"


def test_arguments_split_into_search_and_page() -> None:
    assert parse_arguments("") == ("", 1)
    assert parse_arguments("apple 3") == ("apple", 3)
    assert parse_arguments("7") == ("", 7)
    assert parse_arguments("0") == ("", 1)
    assert parse_arguments("ice cream") == ("ice cream", 1)
    assert parse_arguments("9" * 50)[1] == 100_000


async def test_a_page_past_the_last_match_says_so(chat: TerminalAdapter) -> None:
    await chat.say("/word apple")
    await chat.settle()
    answer = shown((await chat.say("/history apple 2"))[0])
    assert "no more pictures for apple" in answer and "found nothing" not in answer
