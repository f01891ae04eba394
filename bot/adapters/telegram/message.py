"""Reply → Telegram: escaped HTML, 4096/1024 limits, photos by file_id, inline keyboards, edits.

In private chats progress edits are throttled (two a second) and the status message is deleted
when the picture arrives; in groups, which may get only 20 messages a minute, the status is the
free "sending a photo…" chat action and there are no progress edits. Errors are sorted into
what the courier needs: the chat is gone (Forbidden), nothing was sent (network down), or
maybe sent (timeout).
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import logging
import shutil
import time
from collections import OrderedDict
from dataclasses import replace
from pathlib import Path

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, Message, ReplyParameters
from telegram.constants import ChatAction, ParseMode
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Forbidden,
    NetworkError,
    RetryAfter,
    TimedOut,
)

from bot.adapters.base import ChatUnavailable, NotDelivered
from bot.conversation.markup import render, split_text
from bot.conversation.messages import Address, Button, Picture, Reply
from storage.buttons import ButtonStore
from storage.images import ImageStore
from storage.users import UserStore

log = logging.getLogger(__name__)
PLATFORM = "telegram"
TEXT_LIMIT = 4096
CAPTION_LIMIT = 1024
FILE_LIMIT = 50 * 1024 * 1024  # what a bot may upload through the Bot API
EDIT_INTERVAL = {"private": 0.5, "group": 3.0}


def to_html(text: str) -> str:
    return render(text, lambda piece: html.escape(piece, quote=False), "<b>", "</b>")


def html_parts(text: str, limit: int = TEXT_LIMIT) -> list[str]:
    """Split on lines/words so every rendered part fits `limit` characters."""
    size = limit
    while size > 64:
        parts = [to_html(p) for p in split_text(text, size)]
        if all(len(p) <= limit for p in parts):
            return [p for p in parts if p.strip()]
        size = int(size * 0.8)  # escaping made some part longer: split smaller
    return [to_html(text)[:limit]]


def _status_only(reply: Reply) -> bool:
    """A "Drawing… you are #2" acknowledgement that the picture will replace."""
    return reply.pending and reply.handle is not None and not (reply.images or reply.files)


class TelegramSender:
    def __init__(
        self, bot: Bot, images: ImageStore, buttons: ButtonStore, users: UserStore
    ) -> None:
        self.bot = bot
        self.images = images
        self.users = users
        self.buttons = buttons
        self._handles: OrderedDict[tuple[int, str], int] = OrderedDict()
        self._last_edit: dict[int, float] = {}
        self.ffmpeg = shutil.which("ffmpeg")

    async def send(self, address: Address, reply: Reply) -> None:
        chat = int(address.chat_id)
        try:
            try:
                await self._send(chat, address, reply)
            except ChatMigrated as moved:
                # The group became a supergroup with a new id: the class follows it.
                new_id = str(moved.new_chat_id)
                log.info("a Telegram group moved to a new id; following it")
                await self.users.move_chat(PLATFORM, address.chat_id, new_id)
                await self._send(int(new_id), replace(address, chat_id=new_id), reply)
        except Forbidden as error:
            raise ChatUnavailable(str(error)) from error
        except TimedOut:
            # The request may have reached Telegram: sending again could duplicate it.
            log.warning("Telegram timed out while sending; not retried to avoid a duplicate")
        except RetryAfter as error:
            raise NotDelivered(f"rate limited for {error.retry_after}") from error
        except NetworkError as error:
            if isinstance(error, BadRequest):
                log.error("Telegram refused a message: %s", error.message)
                return
            raise NotDelivered(str(error)) from error

    async def _send(self, chat: int, address: Address, reply: Reply) -> None:
        if address.chat_kind == "group" and (reply.progress is not None or _status_only(reply)):
            # A class may send only 20 messages a minute: in groups the "drawing…" status is
            # the chat's "sending a photo" action (free), and progress is not shown.
            if reply.progress is None:
                await self.bot.send_chat_action(chat, ChatAction.UPLOAD_PHOTO)
            return
        if reply.edit_of is not None:
            message_id = self._handles.get((chat, reply.edit_of))
            if message_id is not None:
                await self._edit(chat, message_id, address.chat_kind, reply)
                if not reply.pending:
                    self._handles.pop((chat, reply.edit_of), None)
                return
            if reply.progress is not None:
                return  # progress for a message we no longer know: drop the hint
        if reply.pending:
            await self.bot.send_chat_action(chat, ChatAction.UPLOAD_PHOTO)
        last = await self._send_new(chat, reply, address.reply_to)
        if reply.handle and last is not None:
            self._handles[(chat, reply.handle)] = last.message_id
            while len(self._handles) > 5000:
                self._handles.popitem(last=False)
        if reply.clears:
            status = self._handles.pop((chat, reply.clears), None)
            if status is not None:
                with contextlib.suppress(BadRequest):  # already gone
                    await self.bot.delete_message(chat, status)

    async def _keyboard(self, rows: tuple[tuple[Button, ...], ...]) -> InlineKeyboardMarkup | None:
        if not rows:
            return None
        # callback data is at most 64 bytes: longer data travels as a stored token
        return InlineKeyboardMarkup(
            [
                [
                    InlineKeyboardButton(
                        b.label[:64], callback_data=await self.buttons.shorten(b.data, 64)
                    )
                    for b in row
                ]
                for row in rows
            ]
        )

    async def _edit(self, chat: int, message_id: int, kind: str, reply: Reply) -> None:
        now = time.monotonic()
        if reply.progress is not None:
            interval = EDIT_INTERVAL.get(kind, 3.0)
            if now - self._last_edit.get(chat, 0.0) < interval:
                return  # a hint: the next one (or the picture) will show progress
        self._last_edit[chat] = now
        try:
            await self.bot.edit_message_text(
                html_parts(reply.text)[0],
                chat,
                message_id,
                parse_mode=ParseMode.HTML,
                reply_markup=await self._keyboard(reply.buttons),
            )
        except BadRequest as error:
            if "not modified" not in error.message:
                raise

    async def _send_new(self, chat: int, reply: Reply, reply_to: str | None) -> Message | None:
        parameters = (
            ReplyParameters(int(reply_to), allow_sending_without_reply=True)
            if reply_to and reply_to.isascii() and reply_to.isdecimal()
            else None
        )
        keyboard = await self._keyboard(reply.buttons)
        texts = html_parts(reply.text) if reply.text else []
        last: Message | None = None
        caption_used = False
        for index, picture in enumerate(reply.images):
            caption = ""
            if index == 0 and len(texts) == 1 and len(texts[0]) <= CAPTION_LIMIT:
                caption, caption_used = texts[0], True
            elif picture.caption:
                caption = html.escape(picture.caption[:CAPTION_LIMIT], quote=False)
            markup = keyboard if caption_used and not (reply.audio or reply.files) else None
            last = await self._photo(chat, picture, caption, parameters, markup)
            parameters = None
        if not caption_used:
            for number, part in enumerate(texts):
                is_last = number == len(texts) - 1 and not (reply.audio or reply.files)
                last = await self.bot.send_message(
                    chat,
                    part,
                    parse_mode=ParseMode.HTML,
                    reply_parameters=parameters,
                    reply_markup=keyboard if is_last else None,
                )
                parameters = None
        if reply.audio is not None:
            last = await self._audio(chat, reply.audio, keyboard if not reply.files else None)
        too_big = [f.filename for f in reply.files if f.path.stat().st_size > FILE_LIMIT]
        if too_big:
            last = await self.bot.send_message(
                chat,
                html.escape(
                    f"{', '.join(too_big)} is too big for Telegram (50 MB at most). "
                    "Use /export on the web page, or ask your teacher.",
                    quote=False,
                ),
                parse_mode=ParseMode.HTML,
            )
        sendable = [f for f in reply.files if f.filename not in too_big]
        for number, attachment in enumerate(sendable):
            with attachment.path.open("rb") as handle:
                last = await self.bot.send_document(
                    chat,
                    handle,
                    filename=attachment.filename,
                    reply_markup=keyboard if number == len(sendable) - 1 else None,
                )
        return last

    async def _photo(
        self,
        chat: int,
        picture: Picture,
        caption: str,
        parameters: ReplyParameters | None,
        markup: InlineKeyboardMarkup | None,
    ) -> Message:
        file_id = None
        if picture.image_id is not None:
            file_id = await self.images.platform_file_id(picture.image_id, PLATFORM)
        if file_id is not None:
            try:
                return await self.bot.send_photo(
                    chat,
                    file_id,
                    caption=caption,
                    parse_mode=ParseMode.HTML,
                    reply_parameters=parameters,
                    reply_markup=markup,
                )
            except BadRequest as error:
                log.info("stored file id refused (%s); uploading again", error.message)
        data = await asyncio.to_thread(picture.path.read_bytes)
        sent = await self.bot.send_photo(
            chat,
            data,
            caption=caption,
            parse_mode=ParseMode.HTML,
            reply_parameters=parameters,
            reply_markup=markup,
        )
        if picture.image_id is not None and sent.photo:
            await self.images.set_platform_file_id(
                picture.image_id, PLATFORM, sent.photo[-1].file_id
            )
        return sent

    async def _audio(self, chat: int, audio: Path, markup: InlineKeyboardMarkup | None) -> Message:
        voice = await self._as_voice(audio)
        if voice is not None:
            return await self.bot.send_voice(chat, voice, reply_markup=markup)
        # Telegram plays WAV documents in every client; voice notes need OGG/Opus (ffmpeg).
        data = await asyncio.to_thread(audio.read_bytes)
        return await self.bot.send_document(chat, data, filename=audio.name, reply_markup=markup)

    async def _as_voice(self, audio: Path) -> bytes | None:
        if self.ffmpeg is None:
            return None
        process = await asyncio.create_subprocess_exec(
            self.ffmpeg,
            "-loglevel",
            "error",
            "-i",
            str(audio),
            "-c:a",
            "libopus",
            "-f",
            "ogg",
            "-",
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.DEVNULL,
        )
        output, _ = await process.communicate()
        return output if process.returncode == 0 and output else None
