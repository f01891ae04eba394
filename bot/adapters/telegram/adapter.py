"""The Telegram adapter's lifecycle: python-telegram-bot's Application inside our event loop.

`async with application` plus the updater started by hand (never `run_polling`), so it runs
beside the other adapters. AIORateLimiter keeps within Telegram's limits and retries 429s;
a file lock per token stops a second process from fighting over getUpdates.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
import tempfile
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from telegram import BotCommand, BotCommandScopeDefault, Update
from telegram.error import Conflict, InvalidToken, TelegramError
from telegram.ext import Application, ContextTypes, TypeHandler
from telegram.request import HTTPXRequest

from bot.adapters.base import (
    AdapterStartError,
    AlreadyLocked,
    ChatUnavailable,
    FileLock,
    NotDelivered,
)
from bot.adapters.telegram.config import TelegramSettings
from bot.adapters.telegram.event import PLATFORM, incoming_from
from bot.adapters.telegram.message import TelegramSender
from bot.adapters.telegram.pacing import SentMessageLimiter
from bot.conversation.dialogue import Dialogue
from bot.conversation.messages import Address, Incoming, Reply
from bot.conversation.router import COMMANDS
from bot.conversation.services import Services
from bot.conversation.texts import say

log = logging.getLogger(__name__)
ADMIN_STATUSES = {"creator", "administrator"}
TEACHER_CACHE_SECONDS = 300


class TelegramStartError(AdapterStartError):
    """Telegram cannot be started (bad token, another instance): one clear line for the operator."""


def token_lock(token: str) -> FileLock:
    """One process per bot token on this machine; two would steal each other's updates."""
    digest = hashlib.sha256(token.encode()).hexdigest()[:16]
    return FileLock(
        Path(tempfile.gettempdir()) / f"pictolingo-telegram-{digest}.lock",
        "another Pictolingo is already running with this Telegram bot token; "
        "stop it first (two processes would take turns losing messages)",
    )


class TelegramAdapter:
    platform = PLATFORM
    url = ""  # learners find the bot by its @username

    def __init__(
        self,
        dialogue: Dialogue,
        services: Services,
        settings: TelegramSettings,
        *,
        request_timeout: float = 15.0,
        rate_limiter: bool = True,
    ) -> None:
        self.dialogue = dialogue
        self.services = services
        self.settings = settings
        token = settings.token.get_secret_value()
        self.lock = token_lock(token)
        self._requests = (
            HTTPXRequest(
                # broadcasts send many messages at once; the rate limiter paces them
                connection_pool_size=64,
                pool_timeout=30,
                connect_timeout=5,
                read_timeout=request_timeout,
                write_timeout=request_timeout,
                media_write_timeout=60,
            ),
            HTTPXRequest(read_timeout=settings.poll_timeout + 10, connect_timeout=5),
        )
        builder: Any = (
            Application.builder()
            .token(token)
            .base_url(settings.base_url)
            .base_file_url(settings.base_url.replace("/bot", "/file/bot"))
            .request(self._requests[0])
            .get_updates_request(self._requests[1])
            .concurrent_updates(True)
        )
        self.limiter: SentMessageLimiter | None = None
        if rate_limiter:  # off only to measure the naive way in `pictolingo bench`
            self.limiter = SentMessageLimiter()
            builder = builder.rate_limiter(self.limiter)
        self.application: Application[Any, Any, Any, Any, Any, Any] = builder.build()
        self.application.add_handler(TypeHandler(Update, self._on_update))
        self.application.add_error_handler(self._on_error)
        self.sender: TelegramSender | None = None
        self._teachers: dict[tuple[int, int], tuple[bool, float]] = {}
        self.stopped = asyncio.Event()
        self._stopping: asyncio.Task[None] | None = None

    async def __aenter__(self) -> TelegramAdapter:
        try:
            self.lock.acquire()
        except AlreadyLocked as busy:
            raise TelegramStartError(str(busy)) from None
        try:
            await self.application.initialize()
        except TelegramError as error:
            # initialize() opened the HTTP clients before getMe failed; close them again.
            for request in self._requests:
                await request.shutdown()
            self.lock.release()
            if isinstance(error, InvalidToken):
                raise TelegramStartError(
                    "Telegram refused the bot token (telegram.token); check it with @BotFather"
                ) from None
            raise TelegramStartError(f"cannot reach Telegram: {error.message}") from None
        self.sender = TelegramSender(
            self.application.bot, self.services.images, self.services.buttons, self.services.users
        )
        try:
            await self._connect()
        except BaseException as error:
            await self.__aexit__(None, None, None)  # close the HTTP clients and free the token
            if isinstance(error, TelegramError):
                raise TelegramStartError(f"Telegram refused to start: {error.message}") from None
            raise
        log.info("Telegram connected as @%s", self.application.bot.username)
        return self

    async def _connect(self) -> None:
        await self.register_commands()
        updater = self.application.updater
        assert updater is not None
        if self.settings.mode == "webhook":
            await updater.start_webhook(
                listen=self.settings.webhook_listen,
                port=self.settings.webhook_port,
                url_path=urlsplit(self.settings.webhook_url).path.lstrip("/"),
                webhook_url=self.settings.webhook_url,
                secret_token=self.settings.webhook_secret.get_secret_value(),
                allowed_updates=["message", "callback_query"],
            )
        else:
            await updater.start_polling(
                timeout=self.settings.poll_timeout,
                allowed_updates=["message", "callback_query"],
                error_callback=self._polling_error,
            )
        await self.application.start()

    async def __aexit__(self, *exc: object) -> None:
        try:
            if self.application.updater is not None and self.application.updater.running:
                await self.application.updater.stop()
            if self.application.running:
                await self.application.stop()
            await self.application.shutdown()
        finally:
            self.lock.release()
            if self._stopping is not None:
                self._stopping.cancel()

    async def register_commands(self) -> None:
        """The command menu, in English and (for zh users) with Chinese descriptions."""
        visible = sorted(
            (c for c in COMMANDS.values() if not c.hidden and not c.teacher_only),
            key=lambda c: c.name,
        )
        bot = self.application.bot
        await bot.set_my_commands(
            [BotCommand(c.name, c.summary[:256]) for c in visible], scope=BotCommandScopeDefault()
        )
        await bot.set_my_commands(
            [BotCommand(c.name, (c.summary_zh or c.summary)[:256]) for c in visible],
            scope=BotCommandScopeDefault(),
            language_code="zh",
        )

    def _polling_error(self, error: TelegramError) -> None:
        if isinstance(error, Conflict):
            if not self.stopped.is_set():
                log.error(
                    "another program is polling Telegram with this token; Telegram stops here "
                    "(stop the other one, then restart this one)"
                )
                self.stopped.set()
                # PTB would retry forever and the two hosts would steal each other's updates.
                self._stopping = asyncio.get_running_loop().create_task(self._stop_polling())
            return
        log.warning("Telegram polling problem (%s); retrying", type(error).__name__)

    async def _stop_polling(self) -> None:
        updater = self.application.updater
        if updater is not None and updater.running:
            await updater.stop()

    async def _on_error(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        log.error("error while handling a Telegram update: %s", type(context.error).__name__)

    async def _is_teacher(self, chat_id: int, user_id: int, chat_type: str) -> bool:
        if chat_type == "private":
            return False
        cached = self._teachers.get((chat_id, user_id))
        if cached and time.monotonic() - cached[1] < TEACHER_CACHE_SECONDS:
            return cached[0]
        try:
            member = await self.application.bot.get_chat_member(chat_id, user_id)
            teacher = member.status in ADMIN_STATUSES
        except TelegramError:
            teacher = False
        self._teachers[(chat_id, user_id)] = (teacher, time.monotonic())
        return teacher

    async def _on_update(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        chat = update.effective_chat
        user = update.effective_user
        moved = update.message.migrate_to_chat_id if update.message else None
        if chat is not None and moved:
            # "The group was upgraded to a supergroup": the class keeps everything it had.
            await self.services.users.move_chat(PLATFORM, str(chat.id), str(moved))
            return
        if chat is None or user is None:
            return
        data = None
        if query is not None:
            data = await self.services.buttons.expand(query.data or "")
            if data is None:
                with contextlib.suppress(TelegramError):
                    await query.answer("This button is too old. Please send the command again.")
                return
            try:
                await query.answer()  # stops the button's spinner; the press counts either way
            except TelegramError as error:
                log.info("could not answer a button press (%s); handling it anyway", error)
        message = update.effective_message
        anonymous_admin = bool(
            message is not None and message.sender_chat and message.sender_chat.id == chat.id
        )  # an admin posting "as the group": only admins can
        is_teacher = anonymous_admin or await self._is_teacher(chat.id, user.id, chat.type)
        incoming = incoming_from(
            update, self.application.bot.username, is_teacher=is_teacher, callback_data=data
        )
        if incoming is None:
            return
        replies = await self.dialogue.handle(incoming)
        address = Address(PLATFORM, incoming.chat_id, incoming.chat_kind, incoming.message_id)
        private = [r for r in replies if r.private and incoming.chat_kind == "group"]
        for reply in replies:
            if reply not in private:
                await self.send(address, reply)
        if private:
            await self._send_privately(incoming, address, private)

    async def _send_privately(
        self, incoming: Incoming, group: Address, replies: list[Reply]
    ) -> None:
        """Telegram has no ephemeral messages: private answers go to the learner's own chat."""
        own_chat = Address(PLATFORM, incoming.user_id, "private")
        try:
            for reply in replies:
                await self.send(own_chat, reply)
        except ChatUnavailable:
            # Bots may not write first: the learner must open a chat with the bot once.
            link = f"https://t.me/{self.application.bot.username}?start=private"
            note = say(
                incoming,
                f"That answer is only for you. Open {link} , press Start, then send the "
                "command there.",
                "这个回答只给你看。请打开上面的链接，按“开始”，再在那里发送命令。",
            )
            await self.send(group, Reply(note, reply_to=incoming.message_id))
            return
        note = say(incoming, "I've sent it to you in a private chat.", "我已经私信发给你了。")
        await self.send(group, Reply(note, reply_to=incoming.message_id))

    async def send(self, address: Address, reply: Reply) -> None:
        if self.sender is None:
            raise NotDelivered("Telegram is not connected")
        await self.sender.send(address, reply)
