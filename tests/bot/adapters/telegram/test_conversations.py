"""Whole Telegram conversations through the real library and the fake Bot API."""

from __future__ import annotations

from bench.fakes.telegram_api import FakeTelegram
from bot.adapters.telegram.adapter import TelegramAdapter
from bot.app import App
from tests.helpers import eventually

ALICE, BOB, CLASS = 111, 222, -100500


def last_photo(fake: FakeTelegram, chat: int) -> int:
    return max(m for (c, m), message in fake.messages.items() if c == chat and "photo" in message)


async def test_start_and_the_command_menu_in_two_languages(
    telegram: TelegramAdapter, fake: FakeTelegram
) -> None:
    fake.push_message(ALICE, ALICE, "/start")
    await eventually(lambda: fake.texts(ALICE))
    assert "Hello! I am Pictolingo" in fake.texts(ALICE)[0]
    english = {c["command"]: c["description"] for c in fake.commands[""]}
    chinese = {c["command"]: c["description"] for c in fake.commands["zh"]}
    assert english["word"].startswith("Draw a picture") and chinese["word"] == "画一个单词"


async def test_word_acknowledged_then_one_photo_answering_the_student(
    telegram: TelegramAdapter, fake: FakeTelegram
) -> None:
    asked = fake.push_message(ALICE, ALICE, "/word apple")
    await eventually(lambda: fake.sent("sendPhoto", ALICE))
    actions = fake.sent("sendChatAction", ALICE)
    assert actions and actions[0]["action"] == "upload_photo"
    status = fake.sent("sendMessage", ALICE)[0]
    assert "Drawing <b>apple</b>… you are next." in status["text"]
    assert status["reply_markup"]["inline_keyboard"][0][0]["text"] == "✖ Cancel"
    photo = fake.sent("sendPhoto", ALICE)[0]
    assert isinstance(photo["photo"], dict), "the first time, the picture is uploaded"
    assert "<b>apple</b> · /ˈæpəl/ · noun · A1" in photo["caption"]
    assert photo["reply_parameters"]["message_id"] == asked["message"]["message_id"]
    await eventually(lambda: fake.sent("deleteMessage", ALICE))
    assert len(fake.sent("sendPhoto", ALICE)) == 1
    labels = [b["text"] for row in photo["reply_markup"]["inline_keyboard"] for b in row]
    assert labels[0] == "❓ Quiz me"


async def test_the_same_picture_is_sent_again_by_file_id(
    telegram: TelegramAdapter, fake: FakeTelegram
) -> None:
    fake.push_message(ALICE, ALICE, "/word apple")
    await eventually(lambda: fake.sent("sendPhoto", ALICE))
    fake.push_message(BOB, BOB, "/word apple")
    await eventually(lambda: fake.sent("sendPhoto", BOB))
    first = fake.ok_calls[[m for m, _ in fake.ok_calls].index("sendPhoto")][1]
    again = fake.sent("sendPhoto", BOB)[0]
    assert isinstance(again["photo"], str) and again["photo"] in fake.files
    assert fake.files[again["photo"]] == first["photo"]["upload"]


async def test_quiz_buttons_work(telegram: TelegramAdapter, fake: FakeTelegram) -> None:
    fake.push_message(ALICE, ALICE, "/word apple")
    await eventually(lambda: fake.sent("sendPhoto", ALICE))
    picture = fake.sent("sendPhoto", ALICE)[0]
    message_id = last_photo(fake, ALICE)
    data = picture["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
    fake.push_callback(ALICE, ALICE, message_id, data)
    await eventually(lambda: len(fake.sent("sendPhoto", ALICE)) == 2)
    question = fake.sent("sendPhoto", ALICE)[1]
    assert question["caption"] == "What is this?"
    buttons = [b for row in question["reply_markup"]["inline_keyboard"] for b in row]
    right = next(b for b in buttons if b["text"] == "apple")
    question_message = last_photo(fake, ALICE)
    fake.push_callback(ALICE, ALICE, question_message, right["callback_data"])
    await eventually(lambda: any("Right! apple" in t for t in fake.texts(ALICE)))
    assert fake.sent("answerCallbackQuery"), "every button press is answered"


async def test_history_pages_with_buttons(
    telegram: TelegramAdapter, fake: FakeTelegram, app: App
) -> None:
    fake.push_message(ALICE, ALICE, "/start")
    await eventually(lambda: fake.texts(ALICE))
    learner = await app.services.users.learner_for("telegram", str(ALICE))
    for number in range(12):
        await app.services.history.add(learner, "word", f"word{number}")
    fake.push_message(ALICE, ALICE, "/history")
    await eventually(lambda: any("Your pictures (page 1)" in t for t in fake.texts(ALICE)))
    listing = fake.sent("sendMessage", ALICE)[-1]
    older = listing["reply_markup"]["inline_keyboard"][-1][-1]
    assert older["text"] == "Older ▶"
    message_id = max(m for (chat, m) in fake.messages if chat == ALICE)
    fake.push_callback(ALICE, ALICE, message_id, older["callback_data"])
    await eventually(lambda: any("(page 2)" in t for t in fake.texts(ALICE)))


async def test_groups_only_commands_for_this_bot(
    telegram: TelegramAdapter, fake: FakeTelegram
) -> None:
    fake.push_message(CLASS, ALICE, "hello everyone", chat_type="supergroup")
    fake.push_message(CLASS, ALICE, "/start@OtherBot", chat_type="supergroup")
    fake.push_message(CLASS, ALICE, "/help@PictolingoBot", chat_type="supergroup")
    await eventually(lambda: fake.texts(CLASS))
    texts = fake.texts(CLASS)
    assert len(texts) == 1 and texts[0].startswith("Here is what I can do")


async def test_markup_in_student_text_is_escaped(
    telegram: TelegramAdapter, fake: FakeTelegram
) -> None:
    fake.push_message(ALICE, ALICE, "/history <b>bold</b> & <i>")
    await eventually(lambda: fake.texts(ALICE))
    assert "<b>bold</b> &" in fake.texts(ALICE)[0]
    sent = fake.sent("sendMessage", ALICE)[0]["text"]
    assert "&lt;b&gt;bold&lt;/b&gt; &amp; &lt;i&gt;" in sent


async def test_long_replies_are_split_below_4096(
    telegram: TelegramAdapter, fake: FakeTelegram
) -> None:
    from bot.conversation.messages import Address, Reply

    long_text = "\n".join(f"line {i} " + "&<" * 40 for i in range(120))
    fake.started.add(ALICE)
    await telegram.send(Address("telegram", str(ALICE)), Reply(long_text))
    parts = fake.sent("sendMessage", ALICE)
    assert len(parts) >= 3 and all(len(p["text"]) <= 4096 for p in parts)
    assert "".join(fake.texts(ALICE)).count("line ") == 120
