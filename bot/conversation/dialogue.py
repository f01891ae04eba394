"""The dialogue layer: every platform's messages come here and leave as neutral replies.

It drops re-delivered updates, finds the learner, routes commands, buttons and free text to
handlers, and turns any unexpected failure into a kind message instead of a crash.
"""

from __future__ import annotations

import difflib
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import replace

from bot.conversation.context import Context
from bot.conversation.messages import Address, Incoming, Reply
from bot.conversation.router import CALLBACKS, COMMANDS, TEXT_HANDLERS, with_command
from bot.conversation.services import Services
from bot.conversation.texts import say
from bot.logs import new_request_id

log = logging.getLogger(__name__)

# Anything longer is refused before it touches the database or the queue.
MAX_INCOMING_CHARS = 4096


# Sends a reply to a chat before the answer (the adapter's own send, through the courier).
Meanwhile = Callable[[Address, Reply], Awaitable[None]]


class Dialogue:
    def __init__(self, services: Services, meanwhile: Meanwhile | None = None) -> None:
        self.services = services
        self.meanwhile = meanwhile

    async def handle(self, incoming: Incoming) -> list[Reply]:
        """All replies to send now for one incoming message or button press."""
        request_id = new_request_id()  # follows this message into the queue and the engine
        started = time.perf_counter()
        if len(incoming.text) > MAX_INCOMING_CHARS or len(incoming.args) > MAX_INCOMING_CHARS:
            return [
                Reply(
                    say(
                        incoming,
                        "That message is too long for me. Please send something "
                        "shorter, like /word apple.",
                        "消息太长了。请发短一点的，例如 /word apple。",
                    ),
                    ephemeral=True,
                )
            ]
        incoming = with_command(incoming)
        if incoming.sender in self.services.settings.admin.users and not incoming.is_admin:
            incoming = replace(incoming, is_admin=True)
        if self.services.settings.log.message_text:
            log.info("message text: %r", incoming.text[:200])
        flood = self.services.flood
        if not incoming.is_admin and flood.too_many(incoming.sender):  # presses count too
            return [
                Reply(
                    say(
                        incoming,
                        "That is a lot of messages! Please wait a minute, then try again.",
                        "消息太多了！请等一分钟再试。",
                    ),
                    ephemeral=True,
                )
            ]
        if (
            incoming.callback is None
            and not incoming.is_admin  # the person running the bot is never held back
            and flood.repeated(incoming.sender, incoming.text)
        ):
            return [
                Reply(
                    say(
                        incoming,
                        "You sent that already. Please wait a moment.",
                        "你已经发过了，请稍等。",
                    ),
                    ephemeral=True,
                )
            ]
        users = self.services.users
        if incoming.update_id is not None and not await users.first_delivery(
            incoming.platform, incoming.update_id
        ):
            log.info("duplicate update %s ignored", incoming.update_id)
            return []
        try:
            learner = await users.learner_for(incoming.platform, incoming.user_id)
            if incoming.chat_kind == "group":
                await users.remember_chat(incoming.platform, incoming.chat_id, "group")
            context = Context(incoming, learner, self.services)
            if not await self._loaded(incoming):
                replies = [_could_not_start(incoming)]
            elif incoming.callback is not None:
                replies = await self._button(context)
            elif incoming.command is not None:
                replies = await self._command(context)
            else:
                replies = await self._text(context)
        except Exception:
            log.exception("handler failed (request %s)", request_id)
            replies = [
                Reply(
                    say(
                        incoming,
                        "Sorry, something went wrong on my side. Please try again in a minute.",
                        "抱歉，我这边出错了。请过一分钟再试。",
                    )
                )
            ]
        log.info(
            "handled %s from %s in %.1f ms",
            _kind(incoming),
            incoming.platform,
            (time.perf_counter() - started) * 1000,
        )
        return replies

    async def _loaded(self, incoming: Incoming) -> bool:
        """Wait, if need be, for what is still loading at start (an instant command does not)."""
        loading = self.services.loading
        spec = COMMANDS.get(incoming.command or "")
        if loading is None or (incoming.callback is None and spec is not None and spec.instant):
            return True
        if not loading.ready and self.meanwhile is not None:
            await self._say_getting_ready(incoming)
        return await loading.wait()

    async def _say_getting_ready(self, incoming: Incoming) -> None:
        """A word at once while the dictionary and the model load: the answer follows."""
        assert self.meanwhile is not None
        address = Address(incoming.platform, incoming.chat_id, incoming.chat_kind)
        reply = Reply(
            say(
                incoming,
                "One moment: I am still getting my dictionary and pictures ready. "
                "Your answer comes in a few seconds.",
                "稍等：我还在准备词典和图片，几秒钟后回答你。",
            ),
            ephemeral=True,
        )
        try:
            await self.meanwhile(address, reply)
        except Exception:  # the answer itself still comes; this was only a courtesy
            log.warning("could not say 'getting ready' on %s", incoming.platform, exc_info=True)

    async def _command(self, context: Context) -> list[Reply]:
        incoming = context.incoming
        name = incoming.command or ""
        spec = COMMANDS.get(name)
        if spec is None:
            return [unknown_command(incoming, name)]
        if spec.admin_only and not incoming.is_admin:
            return [
                Reply(
                    say(
                        incoming,
                        f"/{name} is for the people who run this bot.",
                        f"/{name} 只有管理员可以用。",
                    ),
                    ephemeral=True,
                )
            ]
        if spec.teacher_only and not incoming.is_teacher:
            return [
                Reply(
                    say(
                        incoming,
                        f"/{name} is for teachers. Ask your teacher if you need it.",
                        f"/{name} 只有老师可以用。",
                    ),
                    ephemeral=True,
                )
            ]
        if spec.needs_argument and not incoming.args.strip():
            return [
                Reply(
                    say(
                        incoming,
                        f"Please add something after /{name}, for example: {spec.example}",
                        f"请在 /{name} 后面加上内容，例如：{spec.example}",
                    ),
                    ephemeral=True,
                )
            ]
        replies = await spec.handler(context)
        if spec.private:
            replies = [replace(reply, private=True) for reply in replies]
        return replies

    async def _button(self, context: Context) -> list[Reply]:
        data = context.incoming.callback or ""
        prefix, _, rest = data.partition(":")
        handler = CALLBACKS.get(prefix)
        if handler is None:
            return [
                Reply(
                    say(
                        context.incoming,
                        "That button is too old. Please send the command again.",
                        "这个按钮已经过期了，请重新发送命令。",
                    ),
                    ephemeral=True,
                )
            ]
        return await handler(
            Context(replace(context.incoming, args=rest), context.learner, context.services)
        )

    async def _text(self, context: Context) -> list[Reply]:
        for handler in TEXT_HANDLERS:
            replies = await handler(context)
            if replies is not None:
                return replies
        if context.incoming.chat_kind == "group":
            return []  # in a class chat, only commands are for the bot
        if not context.incoming.text.strip():
            return [
                Reply(
                    say(
                        context.incoming,
                        "Send me a word to draw, like /word apple.",
                        "发给我一个单词，比如 /word apple。",
                    )
                )
            ]
        return [
            Reply(
                say(
                    context.incoming,
                    "I understand commands. Try /word apple to see a "
                    "picture, or /help to see everything I can do.",
                    "请用命令，例如 /word apple 看图片，或 /help 查看全部功能。",
                )
            )
        ]


def unknown_command(incoming: Incoming, name: str) -> Reply:
    visible = [c for c in COMMANDS.values() if not c.hidden]
    close = difflib.get_close_matches(name, [c.name for c in visible], n=1, cutoff=0.6)
    hint = f" Did you mean /{close[0]}?" if close else ""
    shown = name[:32] if name.isascii() and name.isprintable() else "that"
    return Reply(
        say(
            incoming,
            f"I don't know /{shown}.{hint} Send /help to see what I can do.",
            "我不认识这个命令。发送 /help 查看我能做什么。",
        ),
        ephemeral=True,
    )


def _kind(incoming: Incoming) -> str:
    if incoming.callback is not None:
        return "button " + incoming.callback.split(":", 1)[0][:16]
    if incoming.command is not None:
        return "/" + incoming.command[:32]
    return "text"


def _could_not_start(incoming: Incoming) -> Reply:
    return Reply(
        say(
            incoming,
            "Sorry, I could not get my dictionary and pictures ready. The people who run me "
            "have been told; /help still works.",
            "抱歉，我的词典和图片没能准备好。已经通知管理员了；/help 还可以用。",
        )
    )
