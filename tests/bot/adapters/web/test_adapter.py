"""The web adapter's protocol and its defences, without a browser."""

from __future__ import annotations

import asyncio
from typing import Any

import aiohttp
import pytest
from yarl import URL

from bot.adapters.base import NotDelivered
from bot.adapters.web.adapter import WebAdapter
from bot.app import App
from bot.config import ConfigError, load_settings
from bot.conversation.messages import Address, Reply
from tests.helpers import queue_idle


async def session_with_cookie(web: WebAdapter) -> aiohttp.ClientSession:
    # unsafe=True: aiohttp only keeps cookies from IP addresses when asked to.
    session = aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))
    async with session.get(web.url) as page:
        assert page.status == 200
        assert "Content-Security-Policy" in page.headers
    return session


async def replies_until(socket: Any, predicate: Any, limit: int = 20) -> list[dict[str, Any]]:
    seen = []
    for _ in range(limit):
        message = await asyncio.wait_for(socket.receive_json(), 30)
        if message.get("ack"):  # as the page does: confirm what was shown
            await socket.send_json({"ack": message["ack"]})
        seen.append(message)
        if predicate(message):
            return seen
    raise AssertionError(f"no matching reply in {seen}")


async def test_word_over_the_socket_then_the_picture_by_its_hash(web: WebAdapter) -> None:
    async with (
        await session_with_cookie(web) as session,
        session.ws_connect(web.url + "ws") as socket,
    ):
        await socket.send_json({"text": "/word apple"})
        seen = await replies_until(socket, lambda m: m["images"])
        assert seen[0]["pending"] and "Drawing <b>apple</b>" in seen[0]["html"]
        url = seen[-1]["images"][0]["url"]
        assert url.startswith("/images/") and seen[-1]["clears"] == seen[0]["handle"]
        async with session.get(web.url + url.lstrip("/")) as image:
            assert image.status == 200 and image.content_type == "image/png"


async def test_learner_text_cannot_inject_markup(web: WebAdapter) -> None:
    async with (
        await session_with_cookie(web) as session,
        session.ws_connect(web.url + "ws") as socket,
    ):
        await socket.send_json({"text": "/word <img src=x onerror=alert(1)>"})
        reply = await asyncio.wait_for(socket.receive_json(), 10)
        assert "<img" not in reply["html"]
        await socket.send_json({"text": "/history <b>x</b>"})
        reply = await asyncio.wait_for(socket.receive_json(), 10)
        assert "&lt;b&gt;" in reply["html"] or "<b>x</b>" not in reply["html"]
        for junk in ("not json", '{"text": 5}', "[1, 2]", '{"callback": "' + "x" * 100 + '"}'):
            await socket.send_str(junk)
        await socket.send_json({"text": "/start"})
        reply = await asyncio.wait_for(socket.receive_json(), 10)
        assert "Pictolingo" in reply["html"], "junk frames are ignored, the chat goes on"


async def test_sockets_need_the_page_cookie_and_the_same_origin(web: WebAdapter) -> None:
    async with aiohttp.ClientSession() as bare:
        with pytest.raises(aiohttp.WSServerHandshakeError):
            await bare.ws_connect(web.url + "ws")
    async with await session_with_cookie(web) as session:
        with pytest.raises(aiohttp.WSServerHandshakeError):
            await session.ws_connect(web.url + "ws", origin="http://evil.example")


async def test_paths_outside_the_picture_store_are_not_served(web: WebAdapter) -> None:
    async with aiohttp.ClientSession() as session:
        for path in (
            "images/../../pictolingo.db",
            "images/abc.png",
            "files/nope/x.csv",
            "static/../adapter.py",
            "teacher/learners/1",
            "teacher/learners/1/chart.png",
        ):
            async with session.get(web.url + path, allow_redirects=False) as response:
                assert response.status in (303, 403, 404), path


async def test_a_picture_finished_while_the_page_was_closed_arrives_once_it_is_back(
    web: WebAdapter, app: App
) -> None:
    async with await session_with_cookie(web) as session:
        cookie = session.cookie_jar.filter_cookies(URL(web.url))["pl_learner"].value
        learner = cookie.partition(".")[0]  # the id; the rest is the server's signature
        with pytest.raises(NotDelivered):  # nobody to show it to: it stays undelivered
            await web.send(Address("web", learner), Reply("your picture is ready"))
        async with session.ws_connect(web.url + "ws") as socket:
            await socket.send_json({"text": "/word apple"})
            await replies_until(socket, lambda m: m["pending"])
        # the tab is closed while it is drawn
        await queue_idle(app.services.queue)
        await asyncio.sleep(0.5)
        assert len(await app.services.jobs.undelivered()) == 1, "not delivered to a closed page"
        async with session.ws_connect(web.url + "ws") as socket:
            seen = await replies_until(socket, lambda m: m["images"])
            assert "apple" in seen[-1]["html"]
        await asyncio.sleep(0.2)
        assert await app.services.jobs.undelivered() == [], "the page confirmed it"
        async with session.ws_connect(web.url + "ws") as socket:
            with pytest.raises(TimeoutError):  # never a second time
                await asyncio.wait_for(socket.receive_json(), 1.5)


async def test_login_needs_the_form_token_and_is_rate_limited(web: WebAdapter) -> None:
    async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as session:
        async with session.post(web.url + "teacher/login", data={"password": "x"}) as forged:
            assert forged.status == 403
        async with session.get(web.url + "teacher") as page:
            html = await page.text()
        token = html.split('name="csrf" value="')[1].split('"')[0]
        statuses = []
        for _ in range(6):
            async with session.post(
                web.url + "teacher/login", data={"password": "wrong", "csrf": token}
            ) as response:
                statuses.append(response.status)
        assert statuses == [401] * 5 + [429]


def test_listening_beyond_this_computer_requires_a_password(tmp_path: Any) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[web]\nhost = "0.0.0.0"\n')
    with pytest.raises(ConfigError, match=r"web\.teacher_password_hash is required"):
        load_settings(config)
