"""The Discord adapter: slash commands and buttons in, neutral replies out (discord.py 2.x).

Every command is deferred at once (Discord allows 3 seconds) and answered by editing that
response; later replies (the finished picture) go as follow-ups while the interaction lives,
then to the channel. Private things are ephemeral. discord.py handles 429s and reconnects.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
import logging
import time
from collections import OrderedDict
from dataclasses import replace
from typing import Any

import discord
from discord import app_commands

from bot.adapters.base import AdapterStartError, ChatUnavailable, NotDelivered
from bot.adapters.discord.config import DiscordSettings
from bot.adapters.discord.event import PLATFORM, incoming_from
from bot.adapters.discord.message import (
    DEFAULT_FILE_LIMIT,
    ChoiceButton,
    card_embed,
    files_for,
    markdown_parts,
    to_markdown,
    view_for,
)
from bot.conversation.dialogue import Dialogue
from bot.conversation.messages import Address, Button, Incoming, Reply
from bot.conversation.router import COMMANDS, Command
from bot.conversation.services import Services

log = logging.getLogger(__name__)
# Answers only the learner should see (their history, stats, data, settings).
UNKNOWN_CHANNEL = 10003  # Discord's JSON error code for a channel that no longer exists
INTERACTION_LIFETIME = 14 * 60  # follow-ups work for 15 minutes; the channel after that
EDIT_INTERVAL = 2.0
REMEMBERED = 2000


class DiscordStartError(AdapterStartError):
    """Discord refused the token or cannot be reached (one line for the operator)."""


class PictolingoClient(discord.Client):
    def __init__(self, adapter: DiscordAdapter) -> None:
        intents = discord.Intents.none()
        intents.guilds = True  # slash commands need no message content
        super().__init__(intents=intents)
        self.pictolingo = adapter
        self.tree = app_commands.CommandTree(self)
        self.tree.on_error = adapter.on_tree_error  # type: ignore[method-assign]

    async def setup_hook(self) -> None:
        self.add_dynamic_items(ChoiceButton)
        await self.tree.set_translator(ChineseDescriptions())


class ChineseDescriptions(app_commands.Translator):
    """Command descriptions in Chinese for Discord users whose app is in Chinese."""

    async def translate(
        self,
        string: app_commands.locale_str,
        locale: discord.Locale,
        context: app_commands.TranslationContextTypes,
    ) -> str | None:
        if locale in (discord.Locale.chinese, discord.Locale.taiwan_chinese):
            chinese = string.extras.get("zh")
            return str(chinese)[:100] if chinese else None
        return None


class DiscordAdapter:
    platform = PLATFORM
    url = ""  # learners find the bot in their class server
    shows_thinking = True  # a deferred interaction already says "thinking…" at once

    def __init__(
        self,
        dialogue: Dialogue,
        services: Services,
        settings: DiscordSettings,
        *,
        connect: bool = True,
    ) -> None:
        self.dialogue = dialogue
        self.services = services
        self.settings = settings
        self.connect = connect
        if settings.api_base:
            discord.http.Route.BASE = settings.api_base.rstrip("/")
        self.client = PictolingoClient(self)
        self._interactions: OrderedDict[str, tuple[discord.Interaction, float, bool]] = (
            OrderedDict()
        )
        self._messages: OrderedDict[str, discord.Message] = OrderedDict()
        self._sent_at: dict[str, float] = {}
        self._last_edit: dict[str, float] = {}
        self._task: asyncio.Task[None] | None = None
        for spec in COMMANDS.values():
            if not spec.hidden and not spec.admin_only:
                self.client.tree.add_command(self._slash(spec))

    # ---- lifecycle ---------------------------------------------------------------------------
    async def __aenter__(self) -> DiscordAdapter:
        try:
            await self.client.login(self.settings.token.get_secret_value())
        except discord.LoginFailure:
            await self.client.close()
            raise DiscordStartError(
                "Discord refused the bot token (discord.token); copy it again from the "
                "developer portal"
            ) from None
        except (discord.HTTPException, OSError) as error:
            await self.client.close()
            raise DiscordStartError(f"cannot reach Discord: {error}") from None
        try:
            await self.sync_commands()
        except discord.HTTPException as error:
            # e.g. Missing Access for a configured server: the rest of the bot still runs
            log.error("Discord refused the slash commands (%s); check discord.guild_ids", error)
        if self.connect:
            self._task = asyncio.create_task(self.client.connect(reconnect=True))
            self._task.add_done_callback(self._connection_ended)
        return self

    def _connection_ended(self, task: asyncio.Task[None]) -> None:
        if task.cancelled():
            return
        error = task.exception()
        if error is not None:  # reconnect=True gave up: say so instead of going quiet
            log.error("Discord disconnected for good (%s); restart to reconnect", error)

    async def __aexit__(self, *exc: object) -> None:
        await self.client.close()
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._task

    def _fingerprint(self) -> str:
        """What the slash commands look like now, so they are synced only when they change
        (discord.py's maintainers ask bots not to sync on every start)."""
        tree = self.client.tree
        shape = {
            "guilds": sorted(self.settings.guild_ids),
            "commands": [c.to_dict(tree) for c in tree.get_commands()],
        }
        return hashlib.sha256(json.dumps(shape, sort_keys=True).encode()).hexdigest()

    async def sync_commands(self) -> None:
        """Register the slash commands (per configured server: instant; else globally), only
        when they changed since the last sync from this data directory."""
        marker = self.services.settings.data.dir / "discord-commands.sha256"
        fingerprint = self._fingerprint()
        if marker.exists() and marker.read_text().strip() == fingerprint:
            log.info("Discord slash commands unchanged; not synced again")
            return
        await self._sync()
        marker.write_text(fingerprint)

    async def _sync(self) -> None:
        tree = self.client.tree
        if self.settings.guild_ids:
            for guild_id in self.settings.guild_ids:
                guild = discord.Object(id=guild_id)
                tree.copy_global_to(guild=guild)
                await tree.sync(guild=guild)
        else:
            await tree.sync()

    # ---- commands ----------------------------------------------------------------------------
    def _slash(self, spec: Command) -> app_commands.Command[Any, Any, None]:
        adapter = self
        hint = spec.usage.removeprefix(f"/{spec.name}").strip() or "what to send"

        if spec.needs_argument:

            async def required(interaction: discord.Interaction, text: str) -> None:
                await adapter.on_command(interaction, spec.name, text)

            callback: Any = required
        else:

            async def optional(interaction: discord.Interaction, text: str | None = None) -> None:
                await adapter.on_command(interaction, spec.name, text or "")

            callback = optional
        callback = app_commands.describe(text=hint[:100])(callback)
        description = app_commands.locale_str(spec.summary[:100] or spec.name, zh=spec.summary_zh)
        command: app_commands.Command[Any, Any, None] = app_commands.Command(
            name=spec.name, description=description, callback=callback
        )
        if spec.teacher_only:  # shown to members who can manage the server (changeable there)
            command.default_permissions = discord.Permissions(manage_guild=True)
        suggest = {"dictionary": self._suggest_words, "history": self._suggest_history}
        if spec.autocomplete in suggest:
            command.autocomplete("text")(suggest[spec.autocomplete])
        return command

    async def _suggest_words(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        current = current.strip().lower()[:40]
        if not current:
            return []
        words = self.services.dictionary.suggestions(current, limit=10)
        if self.services.dictionary.known(current):
            words = [current, *(w for w in words if w != current)]
        blocked = self.services.prompt_filter.check
        words = [w for w in words if not blocked(w).blocked]  # "gu" never offers "gun"
        return [app_commands.Choice(name=w, value=w) for w in words[:10]]

    async def _suggest_history(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        learner = await self.services.users.learner_for(PLATFORM, str(interaction.user.id))
        if not current.strip():
            return []
        found = await self.services.history.page(learner, 1, size=10, search=current[:100])
        entries = found.entries
        return [app_commands.Choice(name=e.text[:100], value=e.text[:100]) for e in entries]

    def _incoming(self, interaction: discord.Interaction, **what: Any) -> Incoming:
        return incoming_from(interaction, self.settings.teacher_role, **what)

    def _remember(self, interaction: discord.Interaction, ephemeral: bool) -> None:
        self._interactions[str(interaction.id)] = (interaction, time.monotonic(), ephemeral)
        while len(self._interactions) > REMEMBERED:
            self._interactions.popitem(last=False)

    async def on_command(self, interaction: discord.Interaction, name: str, text: str) -> None:
        spec = COMMANDS.get(name)
        ephemeral = spec is not None and spec.ephemeral
        if not await self._defer(interaction, thinking=True, ephemeral=ephemeral):
            return
        self._remember(interaction, ephemeral)
        replies = await self.dialogue.handle(self._incoming(interaction, command=name, args=text))
        await self._answer(interaction, replies, first_is_original=True)

    async def on_button(self, interaction: discord.Interaction, data: str) -> None:
        if not await self._defer(interaction, thinking=False, ephemeral=False):
            return
        self._remember(interaction, False)
        expanded = await self.services.buttons.expand(data)
        if expanded is None:
            return
        replies = await self.dialogue.handle(self._incoming(interaction, callback=expanded))
        await self._answer(interaction, replies, first_is_original=False)

    async def _defer(
        self, interaction: discord.Interaction, *, thinking: bool, ephemeral: bool
    ) -> bool:
        try:
            await interaction.response.defer(thinking=thinking, ephemeral=ephemeral)
        except discord.NotFound as error:  # 10062: Discord gave up on this interaction
            log.warning("interaction expired before it was acknowledged (%s)", error.code)
            return False
        except discord.InteractionResponded:
            log.warning("interaction was already answered")
        return True

    async def on_tree_error(
        self, interaction: discord.Interaction, error: app_commands.AppCommandError
    ) -> None:
        log.error("slash command failed: %s", error, exc_info=error)

    # ---- replies -----------------------------------------------------------------------------
    async def _answer(
        self, interaction: discord.Interaction, replies: list[Reply], *, first_is_original: bool
    ) -> None:
        address = Address(
            PLATFORM,
            str(interaction.channel_id),
            "group" if interaction.guild_id else "private",
            str(interaction.id),
        )
        if first_is_original and not replies:
            with contextlib.suppress(discord.HTTPException):
                await interaction.delete_original_response()
            return
        for index, reply in enumerate(replies):
            try:
                await self._send(address, reply, original=first_is_original and index == 0)
            except (ChatUnavailable, NotDelivered) as error:
                log.warning("could not answer on Discord: %s", error)
                return

    async def send(self, address: Address, reply: Reply) -> None:
        await self._send(address, reply, original=False)

    async def _send(self, address: Address, reply: Reply, *, original: bool) -> None:
        try:
            await self._deliver(address, reply, original=original)
        except discord.NotFound as error:
            if error.code == UNKNOWN_CHANNEL:  # the channel was deleted: stop posting there
                raise ChatUnavailable(str(error)) from error
            raise NotDelivered(str(error)) from error
        except discord.Forbidden as error:
            # Missing permissions are usually a role a teacher can fix: the channel stays on.
            log.warning("Discord refused a message (%s); check the bot's role", error.text)
            raise NotDelivered(str(error)) from error
        except (discord.HTTPException, OSError) as error:
            raise NotDelivered(str(error)) from error

    async def _deliver(self, address: Address, reply: Reply, *, original: bool) -> None:
        if reply.edit_of is not None:
            await self._edit(reply)
            return
        known = self._interactions.get(address.reply_to or "")
        interaction = known[0] if known else None
        fresh = known is not None and time.monotonic() - known[1] < INTERACTION_LIFETIME
        private_defer = bool(known and known[2])
        limit = DEFAULT_FILE_LIMIT
        if interaction is not None:  # what this server (boosts included) accepts
            limit = interaction.filesize_limit or limit
        owner = int(interaction.user.id) if interaction is not None else 0
        messages = self._messages_for(await self._short_buttons(reply, owner), owner, limit)
        sent: discord.Message | None = None
        for index, kwargs in enumerate(messages):
            use_original = original and index == 0 and interaction is not None
            if use_original and reply.ephemeral and not private_defer:
                # a public "thinking…" cannot turn private: replace it with an ephemeral note
                with contextlib.suppress(discord.HTTPException):
                    await interaction.delete_original_response()  # type: ignore[union-attr]
                use_original = False
            if use_original:
                assert interaction is not None
                sent = await interaction.edit_original_response(**_edit_kwargs(kwargs))
            elif interaction is not None and fresh:
                sent = await interaction.followup.send(
                    wait=True, ephemeral=reply.ephemeral or private_defer, **kwargs
                )
            else:
                channel = self.client.get_channel(
                    int(address.chat_id)
                ) or await self.client.fetch_channel(int(address.chat_id))
                sent = await channel.send(**kwargs)  # type: ignore[union-attr]
        if reply.handle and sent is not None:
            self._messages[reply.handle] = sent
            self._sent_at[reply.handle] = time.monotonic()
            while len(self._messages) > REMEMBERED:
                forgotten, _ = self._messages.popitem(last=False)
                self._sent_at.pop(forgotten, None)
        if reply.clears:
            old = self._lasting(reply.clears)
            self._messages.pop(reply.clears, None)
            if old is not None and old is not sent:
                with contextlib.suppress(discord.HTTPException):
                    await old.delete()

    def _lasting(self, handle: str) -> Any:
        """The message behind `handle`, edited through the channel once the interaction's
        15-minute token has run out (None for an ephemeral message then: it cannot be)."""
        message = self._messages.get(handle)
        if message is None:
            return None
        expired = time.monotonic() - self._sent_at.get(handle, 0.0) >= INTERACTION_LIFETIME
        through_token = isinstance(message, discord.WebhookMessage | discord.InteractionMessage)
        if not expired or not through_token:
            return message
        if message.flags.ephemeral:
            return None
        channel = self.client.get_partial_messageable(message.channel.id)
        return channel.get_partial_message(message.id)

    async def _edit(self, reply: Reply) -> None:
        assert reply.edit_of is not None
        if reply.edit_of not in self._messages:
            return
        now = time.monotonic()
        if reply.progress is not None and (
            now - self._last_edit.get(reply.edit_of, 0) < EDIT_INTERVAL
            or now - self._sent_at.get(reply.edit_of, 0.0) >= INTERACTION_LIFETIME
        ):
            return  # progress is a hint: ~5 edits per 5 s, and none once the token is old
        message = self._lasting(reply.edit_of)
        if message is None:
            return
        self._last_edit[reply.edit_of] = now
        parts = markdown_parts(reply.text)
        # an edit without buttons removes the old ones (a cancelled request keeps no Cancel)
        view = view_for(reply.buttons, 0) if reply.buttons else None
        with contextlib.suppress(discord.NotFound):
            await message.edit(content=parts[0] if parts else "…", view=view)

    async def _short_buttons(self, reply: Reply, owner: int) -> Reply:
        """Custom ids hold 100 characters: longer button data travels as a stored token."""
        room = 100 - len(f"pl:{owner}:")
        shorten = self.services.buttons.shorten
        rows: list[tuple[Button, ...]] = []
        for row in reply.buttons:
            rows.append(tuple([replace(b, data=await shorten(b.data, room)) for b in row]))
        return replace(reply, buttons=tuple(rows))

    def _messages_for(self, reply: Reply, owner: int, limit: int) -> list[dict[str, Any]]:
        files, too_big = files_for(reply, limit)
        note = f"\n({', '.join(too_big)} too large to send here)" if too_big else ""
        view = view_for(reply.buttons, owner)
        if reply.images and files:
            embed = card_embed(reply, files[0].filename)
            kwargs: dict[str, Any] = {"embed": embed, "files": files}
            if note:
                kwargs["content"] = note.strip()
            if view is not None:
                kwargs["view"] = view
            return [kwargs]
        parts = markdown_parts(reply.text + note) or ([to_markdown(note)] if note else [])
        if not parts:
            parts = ["…"] if not files else [""]
        messages: list[dict[str, Any]] = [{"content": part} for part in parts]
        if files:
            messages[-1]["files"] = files
        if view is not None:
            messages[-1]["view"] = view
        return messages


def _edit_kwargs(kwargs: dict[str, Any]) -> dict[str, Any]:
    """edit_original_response takes `attachments` where send takes `files`."""
    edited = dict(kwargs)
    if "files" in edited:
        edited["attachments"] = edited.pop("files")
    return edited
