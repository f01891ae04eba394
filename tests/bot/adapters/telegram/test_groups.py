"""A Telegram class group as it really behaves: private answers stay private, and a whole class
asking at once is served within the group's real limit (20 messages a minute)."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator

import pytest

from bench.fakes.telegram_api import FakeTelegram
from bench.fakes.telegram_limits import FloodLimits
from bot.adapters.telegram.adapter import TelegramAdapter
from bot.app import App
from tests.bot.adapters.telegram.conftest import settings_for
from tests.helpers import eventually

ALICE, BOB, CLASS = 111, 222, -100500


def group_texts(fake: FakeTelegram) -> str:
    return "\n".join(fake.texts(CLASS))


async def test_a_link_code_asked_in_a_group_goes_to_the_learners_private_chat(
    telegram: TelegramAdapter, fake: FakeTelegram
) -> None:
    fake.push_message(ALICE, ALICE, "/start")  # Alice has talked to the bot before
    await eventually(lambda: fake.texts(ALICE))
    fake.push_message(CLASS, ALICE, "/link", chat_type="supergroup")
    await eventually(lambda: "private chat" in group_texts(fake))
    private = "\n".join(fake.texts(ALICE))
    assert "code" in private.lower()
    assert "code" not in group_texts(fake).lower(), "nothing of the code reaches the class"


async def test_a_learner_who_never_opened_the_bot_gets_a_start_link_not_their_data(
    telegram: TelegramAdapter, fake: FakeTelegram
) -> None:
    fake.push_message(CLASS, BOB, "/mydata", chat_type="supergroup")
    await eventually(lambda: "t.me/PictolingoBot?start=private" in group_texts(fake))
    assert not fake.sent("sendDocument", CLASS), "the data file never goes to the group"
    assert not fake.sent("sendDocument", BOB)  # Telegram refused: Bob never started the bot


@pytest.fixture
async def strict_fake() -> AsyncIterator[FakeTelegram]:
    async with FakeTelegram(limits=FloodLimits()) as server:
        yield server


@pytest.mark.slow
async def test_eight_pupils_asking_at_once_all_get_their_picture_quickly(
    app: App, strict_fake: FakeTelegram
) -> None:
    fake = strict_fake
    adapter = TelegramAdapter(app.dialogue, app.services, settings_for(fake), request_timeout=5)
    async with adapter:
        await app.courier.attach(adapter)
        started = time.monotonic()
        words = ["apple", "cat", "dog", "car", "sun", "tree", "bus", "book"]
        for pupil, word in enumerate(words, start=1000):
            fake.push_message(CLASS, pupil, f"/word {word}", chat_type="supergroup")
        await eventually(lambda: len(fake.sent("sendPhoto", CLASS)) == len(words), timeout=120)
        seconds = time.monotonic() - started
    assert fake.limits is not None and fake.limits.rejected == 0, "never a 429 from Telegram"
    # a status costs no message in a group: only the 8 pictures count toward 20 a minute
    assert len(fake.sent("sendMessage", CLASS)) == 0
    assert seconds < 30, f"the last picture came after {seconds:.1f} s"


async def test_a_group_upgraded_to_a_supergroup_is_followed(
    telegram: TelegramAdapter, fake: FakeTelegram, app: App
) -> None:
    from bot.conversation.messages import Address, Reply

    old, new = -4001, -1004001
    await app.services.users.remember_chat("telegram", str(old), "group")
    await app.services.challenges.add_words("telegram", str(old), ["apple", "cat"])
    fake.migrated[old] = new
    await telegram.send(Address("telegram", str(old), "group"), Reply("Today's challenge"))
    assert "Today's challenge" in "\n".join(fake.texts(new)), "sent again to the new id"
    assert await app.services.challenges.words("telegram", str(new)) == ["apple", "cat"]
    assert await app.services.challenges.words("telegram", str(old)) == []


async def test_an_anonymous_group_admin_is_a_teacher(
    telegram: TelegramAdapter, fake: FakeTelegram
) -> None:
    fake.push_message(CLASS, 0, "/wordlist add apple", chat_type="supergroup", as_group=True)
    await eventually(lambda: fake.texts(CLASS))
    assert "for teachers" not in group_texts(fake)
    assert "Added 1 word(s) to the class list" in group_texts(fake)
