"""Slash commands through the real discord.py client: defer first, then the card and picture."""

from __future__ import annotations

import pytest

from bench.fakes.discord_api import GUILD_ID, FakeDiscord
from bot.adapters.discord.adapter import DiscordAdapter
from bot.adapters.discord.config import DiscordSettings
from bot.app import App
from bot.conversation.messages import Address, Reply
from tests.bot.adapters.discord.conftest import deliver
from tests.helpers import eventually


async def test_commands_are_registered_in_the_class_server(
    discord_bot: DiscordAdapter, fake: FakeDiscord
) -> None:
    synced = {c["name"]: c for c in fake.commands[str(GUILD_ID)]}
    assert {"word", "sentence", "history", "help", "quiz", "daily", "challenge"} <= set(synced)
    word = synced["word"]
    assert word["description"] and word["options"][0]["name"] == "text"
    assert word["options"][0]["required"] and word["options"][0]["autocomplete"]
    assert not synced["history"]["options"][0]["required"]
    assert "status" not in synced  # operators' commands stay off Discord
    # in Chinese for pupils whose Discord is in Chinese, as in Telegram's command menu
    assert word["description_localizations"]["zh-CN"] == "画一个单词"
    assert synced["history"]["description_localizations"]["zh-TW"]


async def test_word_is_deferred_then_answered_with_a_card_and_picture(
    discord_bot: DiscordAdapter, fake: FakeDiscord
) -> None:
    deliver(discord_bot, fake.slash("word", "apple"))
    pictures = await eventually(lambda: [c for c in fake.calls if "picture.png" in c.files])
    first = fake.replies()[0]
    assert "/interactions/" in first.path and first.body["type"] == 5  # thinking…, within 3 s
    assert not (first.body.get("data") or {}).get("flags")  # a picture is for the class
    picture = pictures[0].body
    assert picture["embeds"][0]["image"]["url"] == "attachment://picture.png"
    labels = [b["label"] for row in picture["components"] for b in row["components"]]
    assert any("Quiz" in label for label in labels)
    assert all(len(c.body.get("content") or "") <= 2000 for c in fake.replies())
    # the "Drawing…" status is cleaned up (right after the picture, so wait for it)
    assert await eventually(lambda: fake.made("DELETE", "/messages/@original"))


async def test_private_things_are_ephemeral(discord_bot: DiscordAdapter, fake: FakeDiscord) -> None:
    deliver(discord_bot, fake.slash("history"))
    await eventually(lambda: fake.made("PATCH", "@original"))
    assert fake.replies()[0].body == {"type": 5, "data": {"flags": 64}}


async def test_a_mistake_about_your_own_input_is_only_shown_to_you(
    discord_bot: DiscordAdapter, fake: FakeDiscord
) -> None:
    deliver(discord_bot, fake.slash("word", "asdfgqwerty"))
    await eventually(lambda: len(fake.replies()) >= 3)
    kinds = [(c.method, c.path.rsplit("/", 1)[-1]) for c in fake.replies()[:3]]
    note = fake.replies()[2].body
    assert kinds[1] == ("DELETE", "@original") and note.get("flags") == 64, kinds


async def test_class_commands_are_for_teachers(
    discord_bot: DiscordAdapter, fake: FakeDiscord
) -> None:
    deliver(discord_bot, fake.slash("wordlist", "add cat"))
    refusal = await eventually(lambda: [c for c in fake.replies() if c.body.get("content")])
    assert "is for teachers" in refusal[0].body["content"]
    deliver(discord_bot, fake.slash("wordlist", "add cat", user_id=200, manage=True))
    added = await eventually(
        lambda: [c for c in fake.replies() if "Added 1" in (c.body.get("content") or "")]
    )
    assert added


async def test_autocomplete_suggests_words(discord_bot: DiscordAdapter) -> None:
    choices = await discord_bot._suggest_words(None, "appl")  # type: ignore[arg-type]
    assert "apple" in [c.value for c in choices]
    assert await discord_bot._suggest_words(None, "   ") == []  # type: ignore[arg-type]
    typed = {text: await discord_bot._suggest_words(None, text) for text in ("gu", "corps")}  # type: ignore[arg-type]
    offered = {c.value for choices in typed.values() for c in choices}
    assert {"gum", "gull"} <= offered and not {"gun", "corpse"} & offered  # never a blocked word


async def test_commands_are_synced_once_and_a_refused_sync_does_not_stop_the_bot(
    app: App, fake: FakeDiscord, caplog: pytest.LogCaptureFixture
) -> None:
    settings = DiscordSettings(token=fake.token, guild_ids=[GUILD_ID], api_base=fake.base)  # type: ignore[arg-type]
    for _ in range(2):  # two starts, same commands: one sync
        async with DiscordAdapter(app.dialogue, app.services, settings, connect=False):
            pass
    assert len(fake.made("PUT", "/commands")) == 1
    (app.settings.data.dir / "discord-commands.sha256").unlink()
    fake.inject("/commands", 403, {"message": "Missing Access", "code": 50001})
    async with DiscordAdapter(app.dialogue, app.services, settings, connect=False) as adapter:
        await adapter.send(Address("discord", "777", "group"), Reply("still here"))
    assert "refused the slash commands" in caplog.text
    assert fake.made("POST", "/channels/777/messages"), "the bot runs on without its commands"


async def test_teacher_commands_are_for_server_managers_by_default(
    discord_bot: DiscordAdapter, fake: FakeDiscord
) -> None:
    synced = {c["name"]: c for c in fake.commands[str(GUILD_ID)]}
    assert int(synced["challenge"]["default_member_permissions"]) == 1 << 5  # Manage Server
    assert synced["word"].get("default_member_permissions") is None
