"""A local fake of the Discord HTTP API routes the adapter uses, strict where Discord is strict.

The real discord.py client talks to it over loopback (Route.BASE points here), so the library
itself formats every request. It checks Discord's limits (2000-character content, 100-character
custom ids, 5 buttons per row), records every call and can answer 429 and 10062.
"""

from __future__ import annotations

import itertools
import json
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web
from aiohttp.web_request import FileField

APP_ID = 900000000000000001
BOT_ID = 900000000000000002
GUILD_ID = 700000000000000001
CHANNEL_ID = 700000000000000002


_IDS = itertools.count(800000000000000001)


def json_response(
    data: Any, status: int = 200, headers: dict[str, str] | None = None
) -> web.Response:
    """discord.py parses a body only when the content type is exactly application/json."""
    return web.Response(
        body=json.dumps(data).encode(),
        status=status,
        headers={"Content-Type": "application/json", **(headers or {})},
    )


def user(user_id: int, name: str, *, bot: bool = False) -> dict[str, Any]:
    return {
        "id": str(user_id),
        "username": name,
        "discriminator": "0",
        "global_name": name,
        "avatar": None,
        "bot": bot,
    }


@dataclass
class Call:
    method: str
    path: str
    body: dict[str, Any]
    files: list[str]


@dataclass
class FakeDiscord:
    token: str = "FAKE.DISCORD.TOKEN"
    calls: list[Call] = field(default_factory=list)
    messages: dict[int, dict[str, Any]] = field(default_factory=dict)
    commands: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    faults: dict[str, list[tuple[int, dict[str, Any]]]] = field(default_factory=dict)
    # What this server accepts per upload (Discord sends it with every interaction).
    upload_limit: int = 10 * 1024 * 1024

    def __post_init__(self) -> None:
        self._ids = _IDS  # unique across fakes: discord.py keeps per-webhook state by id
        self._runner: web.AppRunner | None = None
        self.base = ""
        self.originals: dict[str, int] = {}
        self._last_upload_sizes: list[int] = []

    async def __aenter__(self) -> FakeDiscord:
        app = web.Application(client_max_size=30 * 1024 * 1024)
        app.router.add_route("*", "/api/v10/{tail:.*}", self._handle)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        self.base = f"http://127.0.0.1:{port}/api/v10"
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    def inject(self, route: str, status: int, body: dict[str, Any]) -> None:
        """The next call whose path contains `route` gets this error answer."""
        self.faults.setdefault(route, []).append((status, body))

    def replies(self) -> list[Call]:
        """Calls that answer or post (not the log-in and command registration)."""
        return [
            c for c in self.calls if c.path.startswith(("/interactions", "/webhooks", "/channels"))
        ]

    def made(self, method: str, contains: str) -> list[Call]:
        return [c for c in self.calls if c.method == method and contains in c.path]

    # ---- the server ------------------------------------------------------------------------
    async def _handle(self, request: web.Request) -> web.StreamResponse:
        path = "/" + request.match_info["tail"]
        body, files = await self._body(request)
        authorized = request.headers.get("Authorization") == f"Bot {self.token}"
        if not path.startswith(("/interactions/", "/webhooks/")) and not authorized:
            return json_response({"message": "401: Unauthorized", "code": 0}, status=401)
        for route, queue in self.faults.items():
            if route in path and queue:
                status, error = queue.pop(0)
                headers = {}
                if status == 429:  # discord.py trusts a 429 only when it came through a proxy
                    headers = {
                        "Retry-After": str(error.get("retry_after", 0.1)),
                        "X-RateLimit-Scope": "user",
                        "Via": "1.1 google",
                    }
                return json_response(error, status=status, headers=headers)
        sizes, self._last_upload_sizes = self._last_upload_sizes, []
        if any(size > self.upload_limit for size in sizes):
            return json_response({"message": "Request entity too large", "code": 40005}, status=413)
        self.calls.append(Call(request.method, path, body, files))
        self._validate(body)
        return await self._route(request.method, path, body, files)

    async def _body(self, request: web.Request) -> tuple[dict[str, Any], list[str]]:
        if request.content_type == "application/json":
            return await request.json(), []
        if request.content_type == "multipart/form-data":
            form = await request.post()
            payload = json.loads(str(form.get("payload_json", "{}")))
            uploads = [
                v for k, v in form.items() if k.startswith("files[") and isinstance(v, FileField)
            ]
            self._last_upload_sizes = [len(v.file.read()) for v in uploads]
            return payload, [v.filename for v in uploads]
        return {}, []

    def _validate(self, body: Any) -> None:
        if not isinstance(body, dict):
            return
        data = body.get("data") or body
        content = data.get("content") or ""
        if len(content) > 2000:
            raise web.HTTPBadRequest(
                text=json.dumps({"code": 50035, "message": "content too long"})
            )
        for row in data.get("components") or []:
            buttons = row.get("components", [])
            if len(buttons) > 5:
                raise web.HTTPBadRequest(text='{"code": 50035, "message": "too many buttons"}')
            for button in buttons:
                if len(button.get("custom_id", "")) > 100:
                    raise web.HTTPBadRequest(text='{"code": 50035, "message": "custom_id"}')

    def _message(
        self, body: dict[str, Any], files: list[str], channel: int = CHANNEL_ID
    ) -> dict[str, Any]:
        message_id = next(self._ids)
        message = {
            "id": str(message_id),
            "channel_id": str(channel),
            "type": 0,
            "content": body.get("content") or "",
            "author": user(BOT_ID, "Pictolingo", bot=True),
            "attachments": [
                {
                    "id": str(next(self._ids)),
                    "filename": name,
                    "size": 1,
                    "url": f"https://cdn/{name}",
                    "proxy_url": f"https://cdn/{name}",
                }
                for name in files
            ],
            "embeds": body.get("embeds") or [],
            "components": body.get("components") or [],
            "timestamp": "2026-03-02T09:00:00+00:00",
            "edited_timestamp": None,
            "tts": False,
            "mention_everyone": False,
            "mentions": [],
            "mention_roles": [],
            "pinned": False,
            "flags": body.get("flags") or 0,
        }
        self.messages[message_id] = message
        return message

    async def _route(
        self, method: str, path: str, body: dict[str, Any], files: list[str]
    ) -> web.StreamResponse:
        parts = path.strip("/").split("/")
        if path == "/users/@me":
            return json_response(user(BOT_ID, "Pictolingo", bot=True))
        if path == "/oauth2/applications/@me":
            return json_response(
                {
                    "id": str(APP_ID),
                    "name": "Pictolingo",
                    "icon": None,
                    "description": "",
                    "bot_public": True,
                    "bot_require_code_grant": False,
                    "owner": user(1, "owner"),
                    "verify_key": "00",
                    "flags": 0,
                    "bot": user(BOT_ID, "Pictolingo", bot=True),
                }
            )
        if parts[0] == "applications" and parts[-1] == "commands" and method == "PUT":
            scope = parts[3] if len(parts) > 3 else "global"
            listed: list[dict[str, Any]] = body if isinstance(body, list) else []
            self.commands[scope] = [
                {**c, "id": str(next(self._ids)), "application_id": str(APP_ID), "version": "1"}
                for c in listed
            ]
            return json_response(self.commands[scope])
        if parts[0] == "interactions":
            kind = body.get("type")
            data = body.get("data") or {}
            message = self._message(data, files) if kind in (4, 5) else None
            if message is not None:
                self.originals[parts[2]] = int(message["id"])
            return json_response(
                {
                    "interaction": {
                        "id": parts[1],
                        "type": 2,
                        "response_message_id": message["id"] if message else None,
                        "response_message_loading": kind == 5,
                        "response_message_ephemeral": bool((data.get("flags") or 0) & 64),
                    },
                    "resource": {"type": kind, "message": message} if message else None,
                }
            )
        if parts[0] == "webhooks":
            token = parts[2]
            if len(parts) == 3 and method == "POST":
                return json_response(self._message(body, files))
            target = self.originals.get(token) if parts[4] == "@original" else int(parts[4])
            if target is None or target not in self.messages:
                return json_response({"message": "Unknown Message", "code": 10008}, status=404)
            if method == "DELETE":
                del self.messages[target]
                return web.Response(status=204)
            if method == "PATCH":
                self.messages[target].update(
                    {k: v for k, v in body.items() if k in ("content", "embeds", "components")}
                )
                if files:
                    self.messages[target]["attachments"] = self._message({}, files)["attachments"]
            return json_response(self.messages[target])
        if parts[0] == "channels" and len(parts) == 2:
            return json_response(
                {
                    "id": parts[1],
                    "type": 0,
                    "guild_id": str(GUILD_ID),
                    "name": "class-5a",
                    "position": 0,
                    "permission_overwrites": [],
                    "nsfw": False,
                }
            )
        if parts[0] == "channels" and parts[2] == "messages":
            if len(parts) == 3:
                return json_response(self._message(body, files, int(parts[1])))
            target = int(parts[3])
            if method == "DELETE":
                self.messages.pop(target, None)
                return web.Response(status=204)
            self.messages[target].update(body)
            return json_response(self.messages[target])
        return json_response({"message": "404: Not Found", "code": 0}, status=404)

    # ---- interactions ---------------------------------------------------------------------
    def slash(
        self,
        name: str,
        text: str | None = None,
        *,
        user_id: int = 100,
        manage: bool = False,
        roles: list[str] | None = None,
        locale: str = "en-US",
    ) -> dict[str, Any]:
        """A slash-command interaction as the gateway would deliver it."""
        options = [] if text is None else [{"name": "text", "type": 3, "value": text}]
        return self._interaction(
            2,
            {"id": str(next(self._ids)), "name": name, "type": 1, "options": options},
            user_id,
            manage,
            roles or [],
            locale,
        )

    def press(self, message: dict[str, Any], label: str, *, user_id: int = 100) -> dict[str, Any]:
        button = next(
            b for row in message["components"] for b in row["components"] if b.get("label") == label
        )
        data = {"custom_id": button["custom_id"], "component_type": 2}
        payload = self._interaction(3, data, user_id, False, [], "en-US")
        payload["message"] = message
        return payload

    def _interaction(
        self,
        kind: int,
        data: dict[str, Any],
        user_id: int,
        manage: bool,
        roles: list[str],
        locale: str,
    ) -> dict[str, Any]:
        interaction_id = next(self._ids)
        return {
            "id": str(interaction_id),
            "application_id": str(APP_ID),
            "type": kind,
            "data": data,
            "guild_id": str(GUILD_ID),
            "channel_id": str(CHANNEL_ID),
            "channel": {
                "id": str(CHANNEL_ID),
                "type": 0,
                "guild_id": str(GUILD_ID),
                "name": "class-5a",
                "position": 0,
                "permission_overwrites": [],
                "nsfw": False,
            },
            "member": {
                "user": user(user_id, f"kid{user_id}"),
                "roles": roles,
                "joined_at": "2026-01-01T00:00:00+00:00",
                "deaf": False,
                "mute": False,
                "flags": 0,
                "permissions": str(1 << 5 if manage else 0),
            },
            "token": f"tok{interaction_id}",
            "version": 1,
            "locale": locale,
            "guild_locale": "en-US",
            "app_permissions": str((1 << 11) | (1 << 15)),
            "entitlements": [],
            "attachment_size_limit": self.upload_limit,
            "authorizing_integration_owners": {"0": str(GUILD_ID)},
            "context": 0,
        }
