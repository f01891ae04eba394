"""The web adapter: a chat page over a WebSocket, served on 127.0.0.1 by default.

Each browser gets a random learner id in an HttpOnly cookie (no names). Replies are pushed as
JSON. A finished picture counts as delivered only when the page acknowledges it; while the
page is closed it stays undelivered in the database and is sent when the page comes back
(after a restart too), once.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import re
import secrets
import ssl
import time
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any

from aiohttp import WSMsgType, web

from bot.adapters.base import NotDelivered
from bot.adapters.web.config import WebSettings
from bot.adapters.web.dashboard import Dashboard
from bot.adapters.web.event import MAX_FRAME, PLATFORM, incoming_from, locale_from
from bot.adapters.web.message import render_reply
from bot.adapters.web.visitors import LearnerCookies, allowed_hosts, cookie_key
from bot.conversation.dialogue import Dialogue
from bot.conversation.messages import Address, Reply
from bot.conversation.services import Services

log = logging.getLogger(__name__)
HERE = Path(__file__).parent
USER_COOKIE = "pl_learner"
_SHA_PNG = re.compile(r"^[0-9a-f]{64}\.png$")
# Private files (exports, data, audio) may be fetched for this long after they were shared.
SHARE_SECONDS = 3600
# Seconds a page has to confirm a picture before it counts as not delivered (sent again later).
ACK_SECONDS = 10.0


class WebAdapter:
    platform = PLATFORM

    def __init__(self, dialogue: Dialogue, services: Services, settings: WebSettings) -> None:
        self.dialogue = dialogue
        self.services = services
        self.settings = settings
        self.url = ""
        self._runner: web.AppRunner | None = None
        self._sockets: dict[str, set[web.WebSocketResponse]] = {}
        self._acks: dict[str, asyncio.Future[None]] = {}
        self._redeliver: Callable[[str], Coroutine[Any, Any, None]] | None = None
        self._background: set[asyncio.Task[None]] = set()
        self._shared: dict[str, tuple[Path, float]] = {}
        self.cookies = LearnerCookies(
            cookie_key(services.settings.data.dir), settings.new_learners_per_hour
        )
        self.hosts: set[str] = set()  # known once the port is bound
        self.dashboard = Dashboard(services, settings)

    # ---- lifecycle ---------------------------------------------------------------------
    def application(self) -> web.Application:
        app = web.Application(client_max_size=64 * 1024)
        app.router.add_get("/", self.chat_page)
        app.router.add_get("/ws", self.websocket)
        app.router.add_get("/images/{name}", self.image)
        app.router.add_get("/files/{token}/{name}", self.shared_file)
        app.router.add_static("/static/", HERE / "static", show_index=False)
        self.dashboard.register(app)
        app.middlewares.append(security_headers)
        app.middlewares.append(self.behind_proxy)
        app.middlewares.append(self.known_host)
        return app

    async def __aenter__(self) -> WebAdapter:
        self._runner = web.AppRunner(self.application(), access_log=None)
        await self._runner.setup()
        tls = None
        if self.settings.tls_cert:
            tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            tls.load_cert_chain(self.settings.tls_cert, self.settings.tls_key)
        site = web.TCPSite(self._runner, self.settings.host, self.settings.port, ssl_context=tls)
        await site.start()
        server: Any = site._server  # aiohttp does not expose the bound port otherwise
        sockets = server.sockets if server is not None else []
        port = sockets[0].getsockname()[1] if sockets else self.settings.port
        host = self.settings.host if ":" not in self.settings.host else f"[{self.settings.host}]"
        self.url = f"{'https' if tls else 'http'}://{host}:{port}/"
        self.hosts = allowed_hosts(host, port, self.settings.public_url)
        log.info("web chat at %s", self.url)
        return self

    async def __aexit__(self, *exc: object) -> None:
        for sockets in list(self._sockets.values()):
            for socket in list(sockets):
                with contextlib.suppress(Exception):
                    await socket.close()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    @web.middleware
    async def behind_proxy(self, request: web.Request, handler: Any) -> web.StreamResponse:
        """Behind the configured reverse proxy only: the visitor's address and scheme from its
        X-Forwarded-* headers (anyone else could forge them)."""
        proxy = self.settings.trusted_proxy
        if proxy and request.remote == proxy:
            forwarded = request.headers.get("X-Forwarded-For", "").split(",")[-1].strip()
            scheme = request.headers.get("X-Forwarded-Proto", request.scheme).strip().lower()
            request = request.clone(
                remote=forwarded or request.remote,
                scheme=scheme if scheme in ("http", "https") else request.scheme,
                host=request.headers.get("X-Forwarded-Host", request.host),
            )
        response: web.StreamResponse = await handler(request)
        return response

    @web.middleware
    async def known_host(self, request: web.Request, handler: Any) -> web.StreamResponse:
        """Answer only to this server's own names: a page on another site that points its DNS
        name at this computer (DNS rebinding) gets nothing."""
        if request.host.lower() not in self.hosts:
            raise web.HTTPMisdirectedRequest(text="Unknown host name.")
        response: web.StreamResponse = await handler(request)
        return response

    # ---- sending -----------------------------------------------------------------------
    def share(self, path: Path) -> str:
        """A short-lived, unguessable URL for a private file (audio, exports)."""
        token = secrets.token_urlsafe(16)
        self._shared[token] = (path, time.monotonic() + SHARE_SECONDS)
        return f"/files/{token}/{path.name}"

    def on_reconnect(self, redeliver: Callable[[str], Coroutine[Any, Any, None]]) -> None:
        self._redeliver = redeliver

    async def send(self, address: Address, reply: Reply) -> None:
        """Show `reply` (a finished picture, a challenge) on the learner's open pages and wait
        for a page to confirm it; NotDelivered when no page showed it."""
        await self._push(address, reply, confirm=True)

    async def _push(self, address: Address, reply: Reply, *, confirm: bool) -> None:
        payload = render_reply(reply, self.share)
        hint = reply.pending or reply.progress is not None  # a status the picture replaces
        token = secrets.token_urlsafe(9) if confirm and not hint else ""
        if token:
            payload["ack"] = token
            payload["key"] = reply.clears or token  # the page shows a picture once per job
        sockets = self._sockets.get(address.chat_id, set())
        if not sockets:
            if not token:
                return
            raise NotDelivered("the learner's page is closed")
        acknowledged: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        if token:
            self._acks[token] = acknowledged
        try:
            reached = 0
            for socket in list(sockets):
                try:
                    await socket.send_json(payload)
                    reached += 1
                except (ConnectionError, RuntimeError):
                    sockets.discard(socket)
            if token and not reached:  # every page had gone: no need to wait for a confirmation
                raise NotDelivered("the learner's page is closed")
            if token:
                await asyncio.wait_for(acknowledged, ACK_SECONDS)
        except TimeoutError:
            raise NotDelivered("the page did not confirm the message") from None
        finally:
            self._acks.pop(token, None)

    # ---- pages -------------------------------------------------------------------------
    async def chat_page(self, request: web.Request) -> web.StreamResponse:
        if self.cookies.learner(request.cookies.get(USER_COOKIE)) is not None:
            return web.FileResponse(HERE / "static" / "chat.html")
        cookie = self.cookies.issue(request.remote or "?")
        if cookie is None:
            raise web.HTTPTooManyRequests(
                text="Too many new chats from this computer. Please try again in an hour."
            )
        response = web.FileResponse(HERE / "static" / "chat.html")
        response.set_cookie(
            USER_COOKIE,
            cookie,
            max_age=365 * 86400,
            httponly=True,
            samesite="Strict",
            secure=request.secure,
        )
        return response

    async def image(self, request: web.Request) -> web.StreamResponse:
        if self.cookies.learner(request.cookies.get(USER_COOKIE)) is None:
            raise web.HTTPForbidden(text="Open the chat page first.")
        name = request.match_info["name"]
        if not _SHA_PNG.match(name):
            raise web.HTTPNotFound()
        path = self.services.images.path_for(name[:-4])
        if not path.exists():
            raise web.HTTPNotFound()
        return web.FileResponse(path, headers={"Cache-Control": "private, max-age=86400"})

    async def shared_file(self, request: web.Request) -> web.StreamResponse:
        path, expires = self._shared.get(request.match_info["token"], (None, 0.0))
        if path is None or time.monotonic() > expires:
            self._shared.pop(request.match_info["token"], None)
            raise web.HTTPNotFound()
        if path.name != request.match_info["name"] or not path.exists():  # gone after /forget
            raise web.HTTPNotFound()
        return web.FileResponse(
            path,
            headers={
                "Content-Disposition": f'attachment; filename="{path.name}"'
                if path.suffix in (".csv", ".apkg", ".json")
                else "inline"
            },
        )

    async def websocket(self, request: web.Request) -> web.StreamResponse:
        user = self.cookies.learner(request.cookies.get(USER_COOKIE))
        if user is None or not _same_origin(request):
            raise web.HTTPForbidden(text="Open the chat page first.")
        socket = web.WebSocketResponse(heartbeat=30, max_msg_size=MAX_FRAME)
        await socket.prepare(request)
        self._sockets.setdefault(user, set()).add(socket)
        locale = locale_from(request.headers.get("Accept-Language", "en"))
        if self._redeliver is not None:  # pictures finished while the page was closed
            task = asyncio.create_task(self._redeliver(user))
            self._background.add(task)
            task.add_done_callback(self._background.discard)
        try:
            async for message in socket:
                if message.type != WSMsgType.TEXT:
                    continue
                try:
                    frame = json.loads(message.data)
                except (ValueError, RecursionError):
                    continue
                if isinstance(frame, dict) and isinstance(frame.get("ack"), str):
                    shown = self._acks.get(frame["ack"])
                    if shown is not None and not shown.done():
                        shown.set_result(None)
                    continue
                incoming = incoming_from(frame, user, locale=locale)
                if incoming is not None:
                    await self._answer(incoming)  # in order: one message at a time per tab
        finally:
            self._sockets.get(user, set()).discard(socket)
        return socket

    async def _answer(self, incoming: Any) -> None:
        replies = await self.dialogue.handle(incoming)
        address = Address(PLATFORM, incoming.chat_id, "private")
        for reply in replies:  # the answer to what this page just sent: no confirmation needed
            await self._push(address, reply, confirm=False)


def _same_origin(request: web.Request) -> bool:
    """WebSockets ignore CORS: refuse pages of other sites opening our socket."""
    origin = request.headers.get("Origin")
    return origin is None or origin.split("://", 1)[-1] == request.host


SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; img-src 'self' data:; media-src 'self'; style-src 'self'; "
        "script-src 'self'; connect-src 'self'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}


@web.middleware
async def security_headers(request: web.Request, handler: Any) -> web.StreamResponse:
    """Every answer carries the security headers, errors (raised 4xx/5xx) included."""
    try:
        response: web.StreamResponse = await handler(request)
    except web.HTTPException as error:
        for name, value in SECURITY_HEADERS.items():
            error.headers.setdefault(name, value)
        raise
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    return response
