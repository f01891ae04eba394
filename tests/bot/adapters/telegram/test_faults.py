"""Everything Telegram or a student can throw at the adapter, and what the learner then sees."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path

import pytest

from bench.fakes.telegram_api import FakeTelegram
from bench.fakes.telegram_rules import Fault
from bot.adapters.telegram.adapter import TelegramAdapter, TelegramStartError, token_lock
from bot.app import App
from bot.conversation.messages import Address, Reply
from bot.logs import SecretRedactor
from tests.bot.adapters.telegram.conftest import settings_for
from tests.helpers import eventually, queue_idle

ALICE, BOB = 111, 222


async def test_429_is_retried_and_the_reply_arrives_once(
    telegram: TelegramAdapter, fake: FakeTelegram
) -> None:
    fake.inject("sendMessage", Fault("429", retry_after=1))
    fake.push_message(ALICE, ALICE, "/start")
    await eventually(lambda: fake.texts(ALICE), timeout=15)
    assert len(fake.sent("sendMessage", ALICE)) == 1
    assert len([m for m, p in fake.calls if m == "sendMessage"]) == 2  # refused once, then sent


async def test_a_blocked_chat_is_marked_inactive_and_others_carry_on(
    telegram: TelegramAdapter, fake: FakeTelegram, app: App
) -> None:
    fake.push_message(ALICE, ALICE, "/word apple")
    await eventually(lambda: fake.sent("sendMessage", ALICE))
    fake.blocked.add(ALICE)  # Alice blocks the bot while her picture is drawn
    await queue_idle(app.services.queue)
    await eventually(lambda: any(m == "sendPhoto" for m, _ in fake.calls))
    assert not fake.sent("sendPhoto", ALICE)
    for _ in range(100):
        if not await app.services.users.chat_is_active("telegram", str(ALICE)):
            break
        await asyncio.sleep(0.05)
    assert not await app.services.users.chat_is_active("telegram", str(ALICE))
    fake.push_message(BOB, BOB, "/start")
    await eventually(lambda: fake.texts(BOB))


async def test_a_timed_out_photo_is_not_sent_twice(
    telegram: TelegramAdapter, fake: FakeTelegram, app: App
) -> None:
    fake.inject("sendPhoto", Fault("timeout", seconds=3))  # longer than the 2 s request timeout
    fake.push_message(ALICE, ALICE, "/word apple")
    await eventually(lambda: any(m == "sendPhoto" for m, _ in fake.calls))
    await queue_idle(app.services.queue)
    await eventually(lambda: fake.sent("sendPhoto", ALICE), timeout=10)  # the slow one landed
    await asyncio.sleep(3)  # time enough for a (wrong) second attempt
    assert len([m for m, _ in fake.calls if m == "sendPhoto"]) == 1


async def test_a_duplicated_update_is_processed_once(
    telegram: TelegramAdapter, fake: FakeTelegram
) -> None:
    fake.push_message(ALICE, ALICE, "/start", duplicate=True)
    fake.push_message(ALICE, ALICE, "/help")
    await eventually(lambda: len(fake.texts(ALICE)) >= 2)
    texts = fake.texts(ALICE)
    assert sum("Hello! I am Pictolingo" in t for t in texts) == 1


async def test_network_errors_while_polling_recover_without_a_restart(
    telegram: TelegramAdapter, fake: FakeTelegram
) -> None:
    fake.inject("getUpdates", Fault("500"), Fault("500"))
    fake.push_message(ALICE, ALICE, "/start")
    await eventually(lambda: fake.texts(ALICE), timeout=30)


async def test_sending_while_the_network_is_down_is_retried_later(
    telegram: TelegramAdapter, fake: FakeTelegram
) -> None:
    from bot.adapters.base import NotDelivered

    fake.started.add(ALICE)  # Alice opened a chat with the bot earlier
    fake.inject("sendMessage", Fault("500"))
    with pytest.raises(NotDelivered):
        await telegram.send(Address("telegram", str(ALICE)), Reply("hello"))
    await telegram.send(Address("telegram", str(ALICE)), Reply("hello"))
    assert fake.texts(ALICE) == ["hello"]


async def test_long_button_data_is_shortened_and_still_works(
    telegram: TelegramAdapter, fake: FakeTelegram
) -> None:
    from bot.conversation.messages import Button

    long_data = "hist:page:" + "9" * 80
    fake.started.add(ALICE)
    await telegram.send(
        Address("telegram", str(ALICE)), Reply("pick", buttons=((Button("x", long_data),),))
    )
    sent = fake.sent("sendMessage", ALICE)[0]["reply_markup"]["inline_keyboard"][0][0]
    assert len(sent["callback_data"].encode()) <= 64
    assert await telegram.services.buttons.expand(sent["callback_data"]) == long_data


async def test_a_second_process_with_the_same_token_is_refused(
    app: App, fake: FakeTelegram
) -> None:
    first = token_lock(fake.token)
    first.acquire()
    try:
        adapter = TelegramAdapter(app.dialogue, app.services, settings_for(fake))
        with pytest.raises(TelegramStartError, match="already running with this Telegram"):
            await adapter.__aenter__()
    finally:
        first.release()


async def test_a_wrong_token_is_one_clear_line(app: App, fake: FakeTelegram) -> None:
    settings = settings_for(fake).model_copy(
        update={"token": type(settings_for(fake).token)("999:WRONG")}
    )
    adapter = TelegramAdapter(app.dialogue, app.services, settings)
    with pytest.raises(TelegramStartError, match="refused the bot token"):
        await adapter.__aenter__()


async def test_the_token_never_reaches_the_logs(
    app: App, fake: FakeTelegram, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.handler.addFilter(SecretRedactor([fake.token]))
    with caplog.at_level(logging.DEBUG):
        adapter = TelegramAdapter(app.dialogue, app.services, settings_for(fake))
        async with adapter:
            await app.courier.attach(adapter)
            fake.inject("sendMessage", Fault("403"))
            fake.push_message(ALICE, ALICE, "/start")
            fake.push_message(BOB, BOB, "/word apple")
            await eventually(lambda: fake.sent("sendPhoto", BOB))
    assert caplog.records, "the adapter logs what it does"
    assert fake.token not in caplog.text and "TEST-TOKEN" not in caplog.text


async def test_a_press_counts_even_when_telegram_refuses_to_answer_it(
    telegram: TelegramAdapter, fake: FakeTelegram
) -> None:
    fake.push_message(ALICE, ALICE, "/word apple")
    await eventually(lambda: fake.sent("sendPhoto", ALICE))
    picture = fake.sent("sendPhoto", ALICE)[0]
    message_id = max(m for (c, m), msg in fake.messages.items() if c == ALICE and "photo" in msg)
    quiz_me = picture["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
    fake.inject("answerCallbackQuery", Fault("400"))  # "query is too old" after downtime
    fake.push_callback(ALICE, ALICE, message_id, quiz_me)
    await eventually(lambda: len(fake.sent("sendPhoto", ALICE)) == 2)  # the quiz question


async def test_a_polling_conflict_stops_telegram_here(
    app: App, fake: FakeTelegram, caplog: pytest.LogCaptureFixture
) -> None:
    fake.inject("getUpdates", *[Fault("409") for _ in range(5)])
    adapter = TelegramAdapter(app.dialogue, app.services, settings_for(fake), request_timeout=2)
    async with adapter:
        await eventually(lambda: adapter.stopped.is_set(), timeout=15)
        await eventually(lambda: not adapter.application.updater.running, timeout=15)  # type: ignore[union-attr]
        await asyncio.sleep(3)  # PTB alone would keep retrying, a few times a second
    assert len(fake.faults["getUpdates"]) >= 3, "polling stopped after the first conflicts"
    assert "another program is polling Telegram" in caplog.text


async def test_a_file_over_telegrams_50_mb_is_explained_and_the_rest_still_arrive(
    telegram: TelegramAdapter, fake: FakeTelegram, tmp_path: Path
) -> None:
    from bot.conversation.messages import Attachment

    deck = tmp_path / "pictolingo.apkg"
    with deck.open("wb") as handle:
        handle.truncate(60 * 1024 * 1024)  # sparse: big on paper, nothing on disk
    table = tmp_path / "pictolingo.csv"
    table.write_text("word,meaning\napple,a fruit\n")
    fake.started.add(ALICE)
    files = (Attachment(table, table.name, "text/csv"), Attachment(deck, deck.name))
    await telegram.send(Address("telegram", str(ALICE)), Reply("Your export", files=files))
    sent = [p["document"]["filename"] for p in fake.sent("sendDocument", ALICE)]
    assert sent == ["pictolingo.csv"]
    assert any("too big for Telegram" in t for t in fake.texts(ALICE))
