"""A local fake of the Telegram Bot API, strict where Telegram is strict, with injectable faults.

Implements the methods the adapter uses, checks what Telegram checks (lengths, callback data
size, HTML markup, required fields, unknown file ids) and can answer 429 retry_after, 403,
slow responses (client timeouts) and duplicated updates; with `limits` it also enforces
Telegram's flood limits. Used by the test suite and by `pictolingo bench` (no network).
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import itertools
import json
import re
import time
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from bench.fakes.telegram_limits import FloodLimits
from bench.fakes.telegram_rules import ApiError, Fault, visible_text


@dataclass
class FakeTelegram:
    token: str = "123456:TEST-TOKEN"
    bot_username: str = "PictolingoBot"
    calls: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    ok_calls: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    messages: dict[tuple[int, int], dict[str, Any]] = field(default_factory=dict)
    commands: dict[str, list[dict[str, str]]] = field(default_factory=dict)
    faults: dict[str, list[Fault]] = field(default_factory=dict)
    blocked: set[int] = field(default_factory=set)
    admins: set[tuple[int, int]] = field(default_factory=set)
    files: dict[str, bytes] = field(default_factory=dict)
    poll_seconds: float = 0.5
    limits: FloodLimits | None = None  # None: no flood limits (most tests)
    # Users who opened a private chat with the bot; a bot may not write first to anyone else.
    started: set[int] = field(default_factory=set)
    require_start: bool = True
    # Groups upgraded to supergroups: old id → new id (Telegram answers 400 with the new id).
    migrated: dict[int, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._updates: list[dict[str, Any]] = []
        self._update_ids = itertools.count(1000)
        self._message_ids = itertools.count(1)
        self._file_ids = itertools.count(1)
        self._new_update = asyncio.Event()
        self._runner: web.AppRunner | None = None
        self.base_url = ""
        self.rate: list[float] = []

    # ---- server -------------------------------------------------------------------------
    async def __aenter__(self) -> FakeTelegram:
        app = web.Application(client_max_size=20 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        server: Any = site._server
        port = server.sockets[0].getsockname()[1]
        self.base_url = f"http://127.0.0.1:{port}/bot"
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    async def _handle(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return web.json_response(
                {"ok": False, "error_code": 401, "description": "Unauthorized"}, status=401
            )
        method = request.match_info["method"]
        params = await self._params(request)
        self.calls.append((method, params))
        try:
            fault = self._fault(method)
            if fault is not None:
                if fault.kind == "timeout":
                    await asyncio.sleep(fault.seconds)
                elif fault.kind == "429":
                    raise ApiError(
                        429,
                        f"Too Many Requests: retry after {fault.retry_after}",
                        fault.retry_after,
                    )
                elif fault.kind == "403":
                    raise ApiError(403, "Forbidden: bot was blocked by the user")
                elif fault.kind == "500":
                    raise ApiError(500, "Internal Server Error")
                elif fault.kind == "409":  # another process polls with the same token
                    raise ApiError(
                        409,
                        "Conflict: terminated by other getUpdates request; make sure that only "
                        "one bot instance is running",
                    )
                elif fault.kind == "400":
                    raise ApiError(
                        400,
                        "Bad Request: query is too old and response timeout "
                        "expired or query ID is invalid",
                    )
            # Telegram's flood limits count messages, not chat actions or look-ups.
            counted = method.startswith("send") and method != "sendChatAction"
            if self.limits is not None and counted and "chat_id" in params:
                wait = self.limits.retry_after(int(params["chat_id"]))
                if wait is not None:
                    raise ApiError(429, f"Too Many Requests: retry after {wait}", wait)
            result = await getattr(self, f"api_{method}")(params)
        except ApiError as error:
            body: dict[str, Any] = {
                "ok": False,
                "error_code": error.code,
                "description": error.description,
            }
            if error.retry_after is not None:
                body["parameters"] = {"retry_after": error.retry_after}
            if error.migrate_to is not None:
                body["parameters"] = {"migrate_to_chat_id": error.migrate_to}
            return web.json_response(body, status=error.code)
        except AttributeError:
            return web.json_response(
                {"ok": False, "error_code": 404, "description": "Not Found"}, status=404
            )
        if method.startswith("send"):
            self.rate.append(time.monotonic())
        self.ok_calls.append((method, params))
        return web.json_response({"ok": True, "result": result})

    async def _params(self, request: web.Request) -> dict[str, Any]:
        params: dict[str, Any] = dict(request.query)
        if request.content_type == "application/json":
            params.update(await request.json())
        elif request.content_type in ("multipart/form-data", "application/x-www-form-urlencoded"):
            form = await request.post()
            for key, value in form.items():
                if isinstance(value, web.FileField):
                    params[key] = {"upload": value.file.read(), "filename": value.filename}
                else:
                    params[key] = value
        for key in ("reply_markup", "commands", "reply_parameters"):
            if isinstance(params.get(key), str):
                params[key] = json.loads(params[key])
        return params

    def _fault(self, method: str) -> Fault | None:
        queue = self.faults.get(method)
        return queue.pop(0) if queue else None

    def inject(self, method: str, *faults: Fault) -> None:
        self.faults.setdefault(method, []).extend(faults)

    # ---- updates ---------------------------------------------------------------------------
    def _chat(self, chat_id: int, chat_type: str) -> dict[str, Any]:
        chat = {"id": chat_id, "type": chat_type}
        if chat_type != "private":
            chat["title"] = "Class 4B"
        return chat

    def push_message(
        self,
        chat_id: int,
        user_id: int,
        text: str,
        *,
        chat_type: str = "private",
        language: str = "en",
        duplicate: bool = False,
        as_group: bool = False,
    ) -> dict[str, Any]:
        if chat_type == "private":
            self.started.add(user_id)
        message_id = next(self._message_ids)
        message = {
            "message_id": message_id,
            "date": int(time.time()),
            "text": text,
            "chat": self._chat(chat_id, chat_type),
            "from": {
                "id": user_id,
                "is_bot": False,
                "first_name": "Student",
                "language_code": language,
            },
        }
        if as_group:  # an anonymous admin: Telegram shows the group as the sender
            message["sender_chat"] = self._chat(chat_id, chat_type)
            message["from"] = {"id": 1087968824, "is_bot": True, "first_name": "Group"}
        if text.startswith("/"):
            length = len(text.split()[0])
            message["entities"] = [{"type": "bot_command", "offset": 0, "length": length}]
        self.messages[(chat_id, message_id)] = message
        update = {"update_id": next(self._update_ids), "message": message}
        self._updates.append(update)
        if duplicate:
            self._updates.append(dict(update))
        self._new_update.set()
        return update

    def push_callback(
        self, chat_id: int, user_id: int, message_id: int, data: str, *, chat_type: str = "private"
    ) -> dict[str, Any]:
        message = self.messages[(chat_id, message_id)]
        update = {
            "update_id": next(self._update_ids),
            "callback_query": {
                "id": str(next(self._message_ids)),
                "chat_instance": "1",
                "data": data,
                "from": {
                    "id": user_id,
                    "is_bot": False,
                    "first_name": "Student",
                    "language_code": "en",
                },
                "message": message,
            },
        }
        self._updates.append(update)
        self._new_update.set()
        return update

    async def api_getUpdates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        offset = int(params.get("offset", 0) or 0)
        deadline = time.monotonic() + min(float(params.get("timeout", 0) or 0), self.poll_seconds)
        while True:
            pending = [u for u in self._updates if u["update_id"] >= offset]
            if pending or time.monotonic() >= deadline:
                self._updates = [u for u in self._updates if u["update_id"] >= offset]
                return pending[:100]
            self._new_update.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._new_update.wait(), deadline - time.monotonic())

    # ---- methods ------------------------------------------------------------------------------
    async def api_getMe(self, params: dict[str, Any]) -> dict[str, Any]:
        return {
            "id": 999,
            "is_bot": True,
            "first_name": "Pictolingo",
            "username": self.bot_username,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
        }

    async def api_deleteWebhook(self, params: dict[str, Any]) -> bool:
        return True

    async def api_setMyCommands(self, params: dict[str, Any]) -> bool:
        for command in params["commands"]:
            if not re.fullmatch(r"[a-z0-9_]{1,32}", command["command"]):
                raise ApiError(400, "Bad Request: BOT_COMMAND_INVALID")
            if not 1 <= len(command["description"]) <= 256:
                raise ApiError(400, "Bad Request: command description is invalid")
        self.commands[params.get("language_code", "")] = params["commands"]
        return True

    async def api_getChatMember(self, params: dict[str, Any]) -> dict[str, Any]:
        chat, user = int(params["chat_id"]), int(params["user_id"])
        status = "administrator" if (chat, user) in self.admins else "member"
        member: dict[str, Any] = {
            "status": status,
            "user": {"id": user, "is_bot": False, "first_name": "Student"},
        }
        if status == "administrator":
            member.update(
                can_be_edited=False,
                is_anonymous=False,
                can_manage_chat=True,
                can_delete_messages=True,
                can_manage_video_chats=True,
                can_restrict_members=True,
                can_promote_members=False,
                can_change_info=True,
                can_invite_users=True,
                can_post_stories=False,
                can_edit_stories=False,
                can_delete_stories=False,
            )
        return member

    async def api_sendChatAction(self, params: dict[str, Any]) -> bool:
        self._chat_ok(params)
        return True

    async def api_answerCallbackQuery(self, params: dict[str, Any]) -> bool:
        if len(params.get("text", "") or "") > 200:
            raise ApiError(400, "Bad Request: MESSAGE_TOO_LONG")
        return True

    def _chat_ok(self, params: dict[str, Any]) -> int:
        if "chat_id" not in params:
            raise ApiError(400, "Bad Request: chat_id is empty")
        chat = int(params["chat_id"])
        if chat in self.migrated:
            raise ApiError(
                400,
                "Bad Request: group chat was upgraded to a supergroup chat",
                migrate_to=self.migrated[chat],
            )
        if chat in self.blocked:
            raise ApiError(403, "Forbidden: bot was blocked by the user")
        if chat > 0 and self.require_start and chat not in self.started:
            raise ApiError(403, "Forbidden: bot can't initiate conversation with a user")
        return chat

    def _keyboard_ok(self, params: dict[str, Any]) -> None:
        markup = params.get("reply_markup")
        for row in (markup or {}).get("inline_keyboard", []):
            for button in row:
                data = button.get("callback_data", "")
                if not 1 <= len(data.encode()) <= 64:
                    raise ApiError(400, "Bad Request: BUTTON_DATA_INVALID")
                if not button.get("text"):
                    raise ApiError(400, "Bad Request: text buttons are unallowed")

    def _store(self, chat: int, fields: dict[str, Any], params: dict[str, Any]) -> dict[str, Any]:
        message_id = next(self._message_ids)
        message = {
            "message_id": message_id,
            "date": int(time.time()),
            "chat": self._chat(chat, "private" if chat > 0 else "supergroup"),
            "from": {"id": 999, "is_bot": True, "first_name": "Pictolingo"},
            **fields,
        }
        if params.get("reply_markup"):
            message["reply_markup"] = params["reply_markup"]
        self.messages[(chat, message_id)] = message
        return message

    async def api_sendMessage(self, params: dict[str, Any]) -> dict[str, Any]:
        chat = self._chat_ok(params)
        if not params.get("text"):
            raise ApiError(400, "Bad Request: message text is empty")
        text = visible_text(params["text"], params.get("parse_mode"))
        if len(text) > 4096:
            raise ApiError(400, "Bad Request: message is too long")
        self._keyboard_ok(params)
        return self._store(chat, {"text": text}, params)

    def _photo(self, params: dict[str, Any]) -> str:
        photo = params.get("photo")
        if isinstance(photo, dict):
            file_id = f"AgACfile{next(self._file_ids)}"
            self.files[file_id] = photo["upload"]
            return file_id
        if isinstance(photo, str) and photo in self.files:
            return photo
        raise ApiError(400, "Bad Request: wrong file identifier/HTTP URL specified")

    async def api_sendPhoto(self, params: dict[str, Any]) -> dict[str, Any]:
        chat = self._chat_ok(params)
        file_id = self._photo(params)
        caption = visible_text(params.get("caption", "") or "", params.get("parse_mode"))
        if len(caption) > 1024:
            raise ApiError(400, "Bad Request: message caption is too long")
        self._keyboard_ok(params)
        sizes = [{"file_id": file_id, "file_unique_id": f"u{file_id}", "width": 256, "height": 256}]
        return self._store(chat, {"photo": sizes, "caption": caption}, params)

    async def _document(self, params: dict[str, Any], field_name: str) -> dict[str, Any]:
        chat = self._chat_ok(params)
        upload = params.get(field_name)
        if not isinstance(upload, dict):
            raise ApiError(400, f"Bad Request: there is no {field_name} in the request")
        file_id = f"BQACfile{next(self._file_ids)}"
        self.files[file_id] = upload["upload"]
        caption = visible_text(params.get("caption", "") or "", params.get("parse_mode"))
        if len(caption) > 1024:
            raise ApiError(400, "Bad Request: message caption is too long")
        body = {
            "file_id": file_id,
            "file_unique_id": f"u{file_id}",
            "file_name": upload["filename"],
        }
        if field_name == "voice":
            body = {"file_id": file_id, "file_unique_id": f"u{file_id}", "duration": 1}
        return self._store(chat, {field_name: body, "caption": caption}, params)

    async def api_sendDocument(self, params: dict[str, Any]) -> dict[str, Any]:
        return await self._document(params, "document")

    async def api_sendVoice(self, params: dict[str, Any]) -> dict[str, Any]:
        return await self._document(params, "voice")

    async def api_sendAudio(self, params: dict[str, Any]) -> dict[str, Any]:
        return await self._document(params, "audio")

    async def api_editMessageText(self, params: dict[str, Any]) -> dict[str, Any]:
        chat = self._chat_ok(params)
        message = self.messages.get((chat, int(params["message_id"])))
        if message is None:
            raise ApiError(400, "Bad Request: message to edit not found")
        text = visible_text(params["text"], params.get("parse_mode"))
        if len(text) > 4096:
            raise ApiError(400, "Bad Request: message is too long")
        self._keyboard_ok(params)
        if message.get("text") == text and message.get("reply_markup") == params.get(
            "reply_markup"
        ):
            raise ApiError(400, "Bad Request: message is not modified")
        message["text"] = text
        message["reply_markup"] = params.get("reply_markup")
        message["edit_date"] = int(time.time())
        return message

    async def api_deleteMessage(self, params: dict[str, Any]) -> bool:
        chat = self._chat_ok(params)
        if self.messages.pop((chat, int(params["message_id"])), None) is None:
            raise ApiError(400, "Bad Request: message to delete not found")
        return True

    # ---- helpers for tests ---------------------------------------------------------------
    def sent(self, method: str, chat_id: int | None = None) -> list[dict[str, Any]]:
        return [
            p
            for m, p in self.ok_calls
            if m == method and (chat_id is None or int(p.get("chat_id", 0)) == chat_id)
        ]

    def texts(self, chat_id: int) -> list[str]:
        """Everything the chat saw as text or caption, in order, visible text only."""
        seen = []
        for method, params in self.ok_calls:
            if int(params.get("chat_id", 0) or 0) != chat_id:
                continue
            if method in ("sendMessage", "editMessageText"):
                seen.append(html.unescape(re.sub(r"<[^>]+>", "", params["text"])))
            elif method in ("sendPhoto", "sendDocument", "sendVoice") and params.get("caption"):
                seen.append(html.unescape(re.sub(r"<[^>]+>", "", params["caption"])))
        return seen
