"""The web chat's defences as an attacker or a crowd would probe them (loopback only)."""

from __future__ import annotations

import asyncio
import shutil
import subprocess
import time
from pathlib import Path

import aiohttp
import pytest
from yarl import URL

from bot.adapters.web import adapter as web_adapter
from bot.adapters.web.adapter import WebAdapter
from bot.adapters.web.auth import LoginLimiter, PasswordChecker, hash_password
from bot.adapters.web.config import WebSettings
from bot.adapters.web.visitors import LearnerCookies
from bot.app import App
from bot.config import ConfigError, load_settings
from tests.bot.adapters.web.conftest import PASSWORD
from tests.bot.adapters.web.test_adapter import replies_until, session_with_cookie


def jar() -> aiohttp.CookieJar:
    return aiohttp.CookieJar(unsafe=True)


async def test_a_made_up_learner_cookie_is_nobody(web: WebAdapter) -> None:
    made_up = {"Cookie": "pl_learner=" + "ab" * 16}
    with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
        async with aiohttp.ClientSession() as session:
            await session.ws_connect(web.url + "ws", headers=made_up)
    assert refused.value.status == 403


def test_cookies_are_signed_and_new_learners_limited_per_address() -> None:
    cookies = LearnerCookies(b"k" * 32, new_per_hour=3)
    issued = [cookies.issue("10.0.0.7") for _ in range(4)]
    assert all(issued[:3]) and issued[3] is None, "the fourth new learner from one address"
    assert cookies.issue("10.0.0.8") is not None, "another address is not held back"
    learner = cookies.learner(issued[0])
    assert learner is not None and len(learner) == 32
    assert cookies.learner(f"{learner}.{'0' * 32}") is None
    assert cookies.learner("ab" * 16) is None


async def test_new_chat_pages_from_one_address_are_limited(web: WebAdapter) -> None:
    statuses = []
    for _ in range(web.settings.new_learners_per_hour + 1):
        async with aiohttp.ClientSession() as session, session.get(web.url) as page:
            statuses.append(page.status)
    assert statuses[-1] == 429 and set(statuses[:-1]) == {200}


def test_the_login_limit_holds_across_many_addresses() -> None:
    limiter = LoginLimiter(per_address=5, overall=20)
    for number in range(20):
        assert limiter.allowed(f"10.0.0.{number}")
        limiter.failed(f"10.0.0.{number}")
    assert not limiter.allowed("10.0.0.99"), "a fresh address still meets the overall limit"


async def test_passwords_are_checked_off_the_event_loop() -> None:
    checker = PasswordChecker(hash_password("correct horse"))
    ticks = 0

    async def heartbeat() -> None:
        nonlocal ticks
        while True:
            await asyncio.sleep(0.01)
            ticks += 1

    beating = asyncio.create_task(heartbeat())
    started = time.monotonic()
    results = await asyncio.gather(*(checker.check("guess") for _ in range(4)))
    took = time.monotonic() - started
    beating.cancel()
    assert results == [False] * 4 and await checker.check("correct horse")
    # blocked, the loop would tick about never; a busy machine (two cores, a suite running)
    # slows it to a quarter of its ticks, which is still running
    assert ticks >= max(2, took / 0.01 * 0.25), "the loop kept running while scrypt worked"
    assert not await PasswordChecker("x").check("x"), "a broken setting lets nobody in"


def test_the_password_setting_must_be_a_real_hash(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[web]\nhost = "0.0.0.0"\nteacher_password_hash = "x"\n')
    with pytest.raises(ConfigError, match="not a password hash"):
        load_settings(config)


async def test_other_host_names_are_refused(web: WebAdapter) -> None:
    port = URL(web.url).port
    evil = {"Host": f"evil.example:{port}", "Origin": f"http://evil.example:{port}"}
    async with aiohttp.ClientSession() as session:
        async with session.get(web.url + "teacher", headers=evil) as page:
            assert page.status == 421
            assert "Content-Security-Policy" in page.headers, "errors carry the headers too"
        with pytest.raises(aiohttp.WSServerHandshakeError):
            await session.ws_connect(web.url + "ws", headers=evil)


async def test_pictures_need_the_chat_cookie(web: WebAdapter) -> None:
    async with (
        await session_with_cookie(web) as session,
        session.ws_connect(web.url + "ws") as socket,
    ):
        await socket.send_json({"text": "/word apple"})
        url = (await replies_until(socket, lambda m: m["images"]))[-1]["images"][0]["url"]
        async with session.get(web.url + url.lstrip("/")) as mine:
            assert mine.status == 200
    async with aiohttp.ClientSession() as stranger, stranger.get(web.url + url.lstrip("/")) as r:
        assert r.status == 403


async def test_shared_files_expire(web: WebAdapter, tmp_path: Path) -> None:
    export = tmp_path / "pictolingo.csv"
    export.write_text("word\napple\n")
    link = web.share(export)
    async with aiohttp.ClientSession() as session:
        async with session.get(web.url + link.lstrip("/")) as fresh:
            assert fresh.status == 200
        token = link.split("/")[2]
        path, _ = web._shared[token]
        web._shared[token] = (path, time.monotonic() - 1)  # an hour later
        async with session.get(web.url + link.lstrip("/")) as stale:
            assert stale.status == 404
    assert web_adapter.SHARE_SECONDS == 3600


async def test_button_presses_count_toward_the_message_limit(web: WebAdapter) -> None:
    async with (
        await session_with_cookie(web) as session,
        session.ws_connect(web.url + "ws") as socket,
    ):
        for number in range(40):
            await socket.send_json({"callback": f"say:madeupword{number}"})
        await socket.send_json({"text": "/help"})
        seen = await replies_until(socket, lambda m: "a lot of messages" in m["html"], limit=60)
        assert seen
    audio = web.services.settings.data.dir / "audio"
    assert not audio.exists() or not list(audio.glob("*.wav")), "made-up words are not spoken"


async def test_deep_json_does_not_drop_the_socket(web: WebAdapter) -> None:
    async with (
        await session_with_cookie(web) as session,
        session.ws_connect(web.url + "ws") as socket,
    ):
        await socket.send_str("[" * 4000 + "]" * 4000)
        await socket.send_json({"text": "/help"})
        assert await replies_until(socket, lambda m: "/word" in m["html"])


async def signed_in(web: WebAdapter) -> aiohttp.ClientSession:
    session = aiohttp.ClientSession(cookie_jar=jar())
    async with session.get(web.url + "teacher") as page:
        token = (await page.text()).split('name="csrf" value="')[1].split('"')[0]
    async with session.post(
        web.url + "teacher/login", data={"password": PASSWORD, "csrf": token}
    ) as response:
        assert response.status == 200 and "Your learners" in await response.text()
    return session


async def test_huge_or_unknown_learner_ids_are_404_and_sign_out_always_ends_the_session(
    web: WebAdapter,
) -> None:
    async with await signed_in(web) as session:
        for path in ("teacher/learners/" + "9" * 23, "teacher/learners/424242/chart.png"):
            async with session.get(web.url + path, allow_redirects=False) as answer:
                assert answer.status == 404, path
                assert "X-Content-Type-Options" in answer.headers
        teacher = session.cookie_jar.filter_cookies(URL(web.url + "teacher"))["pl_teacher"].value
        async with session.post(web.url + "teacher/logout", data={}, allow_redirects=False):
            pass  # no form token at all
    async with aiohttp.ClientSession() as other:
        headers = {"Cookie": f"pl_teacher={teacher}"}
        async with other.get(web.url + "teacher", headers=headers) as page:
            assert "Your learners" not in await page.text(), "the old session is over"


@pytest.fixture
def certificate(tmp_path: Path) -> tuple[Path, Path]:
    if not shutil.which("openssl"):
        pytest.skip("openssl makes the test certificate")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj",
         "/CN=localhost", "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )  # fmt: skip
    return cert, key


async def test_https_with_a_certificate_makes_cookies_secure(
    app: App, certificate: tuple[Path, Path]
) -> None:
    cert, key = certificate
    settings = WebSettings(port=0, tls_cert=str(cert), tls_key=str(key))
    async with WebAdapter(app.dialogue, app.services, settings) as secure:
        assert secure.url.startswith("https://")
        async with aiohttp.ClientSession() as session, session.get(secure.url, ssl=False) as page:
            assert page.status == 200
            assert "Secure" in page.headers["Set-Cookie"]
