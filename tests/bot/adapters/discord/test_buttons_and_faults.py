"""Buttons with per-user checks, long text, and Discord's faults (429, 10062)."""

from __future__ import annotations

import logging
from typing import Any

import pytest

from bench.fakes.discord_api import FakeDiscord
from bot.adapters.discord.adapter import DiscordAdapter
from bot.conversation.messages import Button, Reply
from tests.bot.adapters.discord.conftest import deliver
from tests.helpers import eventually


def with_button(fake: FakeDiscord, label: str) -> dict[str, Any] | None:
    for message in fake.messages.values():
        for row in message["components"]:
            if any(label in b.get("label", "") for b in row["components"]):
                return message
    return None


async def picture_of_apple(adapter: DiscordAdapter, fake: FakeDiscord) -> dict[str, Any]:
    deliver(adapter, fake.slash("word", "apple", user_id=100))
    message = await eventually(lambda: with_button(fake, "Quiz"))
    assert message is not None
    return message


async def test_only_the_learner_can_answer_their_quiz(
    discord_bot: DiscordAdapter, fake: FakeDiscord
) -> None:
    message = await picture_of_apple(discord_bot, fake)
    label = next(
        b["label"]
        for row in message["components"]
        for b in row["components"]
        if "Quiz" in b["label"]
    )
    await eventually(lambda: fake.made("DELETE", "@original"))  # the picture has fully arrived
    before = len(fake.replies())
    deliver(discord_bot, fake.press(message, label, user_id=999))
    refusal = await eventually(lambda: fake.replies()[before:])
    assert refusal[0].body["type"] == 4 and refusal[0].body["data"]["flags"] == 64
    assert "belong to someone else" in refusal[0].body["data"]["content"]
    deliver(discord_bot, fake.press(message, label, user_id=100))
    question = await eventually(
        lambda: [c for c in fake.replies()[before + 1 :] if c.body.get("components")]
    )
    choices = [b["custom_id"] for row in question[0].body["components"] for b in row["components"]]
    assert len(choices) >= 3 and all(c.startswith("pl:100:") for c in choices)


async def test_challenge_answers_are_open_to_the_whole_class(discord_bot: DiscordAdapter) -> None:
    from bot.adapters.discord.message import view_for

    view = view_for(((Button("cat", "chal:7:0"), Button("Quiz me", "quiz:1")),), owner=100)
    assert view is not None
    ids = [item.custom_id for item in view.children]  # type: ignore[attr-defined]
    assert ids == ["pl:0:chal:7:0", "pl:100:quiz:1"]


def test_long_text_is_split_at_2000_without_breaking_bold(discord_bot: DiscordAdapter) -> None:
    text = "\x02bold start\x02 " + " ".join(f"word{i}" for i in range(900))
    messages = discord_bot._messages_for(Reply(text), 0, 10_000_000)
    assert len(messages) >= 3 and all(len(m["content"]) <= 2000 for m in messages)
    assert all(m["content"].count("**") % 2 == 0 for m in messages)


async def test_a_429_is_waited_out_and_the_picture_arrives_once(
    discord_bot: DiscordAdapter, fake: FakeDiscord
) -> None:
    fake.inject(
        "/webhooks/",
        429,
        {"message": "You are being rate limited.", "retry_after": 0.2, "global": False},
    )
    await picture_of_apple(discord_bot, fake)
    await eventually(lambda: fake.made("DELETE", "@original"))
    pictures = [c for c in fake.replies() if "picture.png" in c.files]
    assert len(pictures) == 1


async def test_an_expired_interaction_is_logged_and_the_bot_goes_on(
    discord_bot: DiscordAdapter, fake: FakeDiscord, caplog: pytest.LogCaptureFixture
) -> None:
    fake.inject("/interactions/", 404, {"message": "Unknown interaction", "code": 10062})
    with caplog.at_level(logging.WARNING):
        deliver(discord_bot, fake.slash("help"))
        await eventually(lambda: "expired" in caplog.text)
    assert not fake.replies()
    deliver(discord_bot, fake.slash("help"))
    await eventually(lambda: fake.made("PATCH", "@original"))


async def test_the_servers_upload_limit_is_respected(
    discord_bot: DiscordAdapter, fake: FakeDiscord
) -> None:
    fake.upload_limit = 200  # bytes: smaller than any picture
    deliver(discord_bot, fake.slash("word", "apple", user_id=100))
    named = await eventually(
        lambda: [c for c in fake.replies() if "too large" in str(c.body.get("content", ""))]
    )
    assert named and not any(c.files for c in fake.replies()), "no upload Discord would refuse"


async def test_missing_permissions_do_not_switch_a_channel_off(
    discord_bot: DiscordAdapter, fake: FakeDiscord
) -> None:
    from bot.adapters.base import ChatUnavailable, NotDelivered
    from bot.conversation.messages import Address

    channel = Address("discord", "555", "group")
    fake.inject("/channels/555/messages", 403, {"message": "Missing Permissions", "code": 50013})
    with pytest.raises(NotDelivered):
        await discord_bot.send(channel, Reply("Today's challenge"))
    fake.inject("/channels/555/messages", 404, {"message": "Unknown Channel", "code": 10003})
    with pytest.raises(ChatUnavailable):
        await discord_bot.send(channel, Reply("Today's challenge"))


async def test_long_button_data_is_never_cut(
    discord_bot: DiscordAdapter, fake: FakeDiscord
) -> None:
    from bot.conversation.messages import Address

    long_data = "word:" + "a" * 150  # a teacher raised limits.word_max_chars
    await discord_bot.send(
        Address("discord", "777", "group"), Reply("pick", buttons=((Button("x", long_data),),))
    )
    posted = fake.made("POST", "/channels/777/messages")[-1].body
    custom_id = posted["components"][0]["components"][0]["custom_id"]
    assert len(custom_id) <= 100
    token = custom_id.split(":", 2)[2]
    assert await discord_bot.services.buttons.expand(token) == long_data


async def test_a_cancelled_request_keeps_no_cancel_button(
    discord_bot: DiscordAdapter, fake: FakeDiscord
) -> None:
    from bot.conversation.messages import Address

    channel = Address("discord", "777", "group")
    status = Reply("Drawing apple…", handle="job:9", buttons=((Button("✖ Cancel", "cancel:9"),),))
    await discord_bot.send(channel, status)
    await discord_bot.send(channel, Reply("Cancelled: apple", edit_of="job:9"))
    edit = fake.made("PATCH", "/channels/777/messages/")[-1].body
    assert edit["content"] == "Cancelled: apple"
    assert edit.get("components") == [], "the Cancel button is gone"
