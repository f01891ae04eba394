"""The web chat and the teacher dashboard in a real browser (Debian's chromium, Playwright)."""

from __future__ import annotations

import asyncio
import re
from typing import Any

import pytest

from bot.adapters.web.adapter import WebAdapter
from bot.app import App
from bot.challenges.rounds import pseudonym
from tests.bot.adapters.web.conftest import PASSWORD, screenshot_path
from tests.helpers import Person, queue_idle

pytestmark = pytest.mark.slow


async def open_chat(browser: Any, web: WebAdapter, width: int = 1000) -> Any:
    page = await browser.new_page(viewport={"width": width, "height": 900})
    await page.goto(web.url)
    await page.wait_for_function("document.querySelector('#status').textContent === ''")
    return page


async def send(page: Any, text: str) -> None:
    await page.fill("#text", text)
    await page.press("#text", "Enter")


async def test_word_apple_shows_a_picture_then_a_quiz_answered_by_clicking(
    browser: Any, web: WebAdapter
) -> None:
    page = await open_chat(browser, web)
    await send(page, "/word apple")
    picture = page.locator("img.picture").first
    await picture.wait_for(timeout=60_000)
    assert await picture.evaluate("img => img.complete && img.naturalWidth > 0")
    assert await picture.get_attribute("alt") == "apple"
    assert "/ˈæpəl/" in await page.locator(".message.bot").last.inner_text()
    assert await page.locator(".message.pending").count() == 0, "the status message is gone"
    await page.screenshot(path=screenshot_path("chat-word-apple"), full_page=True)
    await page.get_by_role("button", name="❓ Quiz me").click()
    await page.get_by_text("What is this?").wait_for()
    await page.locator(".message.bot").last.get_by_role("button", name="apple", exact=True).click()
    await page.get_by_text("✅ Right! apple").wait_for()
    await page.screenshot(path=screenshot_path("chat-quiz-right"), full_page=True)
    cookies = {c["name"]: c for c in await page.context.cookies()}
    assert cookies["pl_learner"]["httpOnly"] and cookies["pl_learner"]["sameSite"] == "Strict"


# The page's WebSocket opens two seconds late, as on a slow school network.
SLOW_SOCKET = """
(() => {
  const Real = window.WebSocket;
  class Slow extends EventTarget {
    constructor(url) {
      super();
      this.readyState = 0;
      setTimeout(() => {
        const real = new Real(url);
        this.real = real;
        real.onopen = (event) => { this.readyState = 1; if (this.onopen) this.onopen(event); };
        real.onmessage = (event) => { if (this.onmessage) this.onmessage(event); };
        real.onclose = (event) => { this.readyState = 3; if (this.onclose) this.onclose(event); };
      }, 2000);
    }
    send(data) { this.real.send(data); }
  }
  Slow.OPEN = 1;
  window.WebSocket = Slow;
})();
"""


async def test_what_is_typed_before_the_chat_is_connected_is_sent_not_lost(
    browser: Any, web: WebAdapter
) -> None:
    """Typed before the connection opened, "/word apple" was wiped from the box and never sent
    ("Not connected yet. Please try again")."""
    page = await browser.new_page(viewport={"width": 1000, "height": 900})
    await page.add_init_script(SLOW_SOCKET)
    await page.goto(web.url)
    await send(page, "/word apple")
    assert await page.locator(".message.me").last.inner_text() == "/word apple"
    assert "Connecting" in await page.locator("#status").inner_text()
    picture = page.locator("img.picture").first
    await picture.wait_for(timeout=60_000)
    assert await picture.get_attribute("alt") == "apple"
    assert await page.locator("#status").inner_text() == ""


async def test_the_page_fits_a_phone(browser: Any, web: WebAdapter) -> None:
    page = await open_chat(browser, web, width=375)
    await send(page, "/help")
    await page.get_by_text("Here is what I can do").wait_for()
    width = await page.evaluate("document.scrollingElement.scrollWidth")
    assert width <= 375, "no sideways scrolling on a phone"
    await page.screenshot(path=screenshot_path("chat-phone"), full_page=True)


async def test_the_newest_picture_and_its_buttons_are_not_hidden_under_the_dock(
    browser: Any, web: WebAdapter
) -> None:
    """On a phone the composer and the chips stick to the bottom: the newest card's picture
    and buttons were scrolled under them."""
    page = await browser.new_page(viewport={"width": 390, "height": 700})
    await page.goto(web.url)
    await page.wait_for_function("document.querySelector('#status').textContent === ''")
    for count, word in enumerate(("apple", "cat", "dog"), start=1):
        await send(page, f"/word {word}")
        await page.locator("img.picture").nth(count - 1).wait_for(timeout=60_000)
    await page.wait_for_timeout(300)
    last, dock = await page.evaluate(
        """() => [document.querySelector('#messages').lastElementChild.getBoundingClientRect()
                  .bottom, document.querySelector('.dock').getBoundingClientRect().top]"""
    )
    assert last <= dock + 1, (last, dock)
    await page.screenshot(path=screenshot_path("chat-phone-newest"))


async def test_teacher_sees_the_quiz_result_after_signing_in(browser: Any, web: WebAdapter) -> None:
    page = await open_chat(browser, web)
    await send(page, "/word apple")
    await page.locator("img.picture").first.wait_for(timeout=60_000)
    await page.get_by_role("button", name="❓ Quiz me").click()
    await page.locator(".message.bot").last.get_by_role("button", name="apple", exact=True).click()
    await page.get_by_text("✅ Right! apple").wait_for()

    teacher = await browser.new_page()
    await teacher.goto(web.url + "teacher")
    assert await teacher.locator("table").count() == 0, "no student data before signing in"
    await teacher.fill("#password", "not the password")
    await teacher.click("button[type=submit]")
    await teacher.get_by_role("alert").wait_for()
    assert await teacher.get_by_role("alert").inner_text() == "Wrong password."
    await teacher.fill("#password", PASSWORD)
    await teacher.click("button[type=submit]")
    await teacher.get_by_role("heading", name="Your learners").wait_for()
    row = teacher.locator("tbody tr").first
    cells = [c.strip() for c in await row.locator("td").all_inner_texts()]
    assert (
        cells[0] == f"Learner 1 {pseudonym(1)}"
        and cells[2] == "1"
        and cells[3] == "1"
        and cells[4] == "100%"
    )
    assert re.fullmatch(r"\d\d [A-Z][a-z]{2} \d\d:\d\d", cells[-1]), cells[-1]  # "02 Mar 09:00"
    await teacher.screenshot(path=screenshot_path("dashboard"), full_page=True)
    await teacher.click("text=Learner 1")
    chart = teacher.locator("img.chart")
    await chart.wait_for()
    for _ in range(100):  # the strict CSP forbids eval-based waits, so poll the element
        if await chart.evaluate("img => img.complete && img.naturalWidth > 300"):
            break
        await asyncio.sleep(0.1)
    else:
        pytest.fail("the progress chart did not load")
    await teacher.screenshot(path=screenshot_path("dashboard-learner"), full_page=True)


async def test_teacher_sees_classes_challenges_and_flags(
    browser: Any, web: WebAdapter, app: App
) -> None:
    teacher = Person(app, "t", "5A", teacher=True)
    kid = Person(app, "kid", "5A")
    await teacher.say("/wordlist add apple, cat")
    await teacher.say("/challenge on 08:30 reveal 15:00 Europe/London list")
    await teacher.say("/challenge now")
    await queue_idle(app.services.queue)
    game = await app.services.challenges.latest_round("class", "5A")
    assert game is not None
    await kid.say(f"/answer {game.word}")
    await teacher.say("/challenge reveal")
    await kid.say("/word s e x")

    page = await browser.new_page(viewport={"width": 1000, "height": 900})
    await page.goto(web.url + "teacher")
    await page.fill("#password", PASSWORD)
    await page.click("button[type=submit]")
    await page.get_by_role("heading", name="Classes").wait_for()
    classes = await page.locator("article.class").inner_text()
    assert "class · 5A" in classes and "08:30 (Europe/London)" in classes
    assert "Word list (2): apple, cat" in classes
    assert f"{game.word} on" in classes and "1 of 1 right (answer shown)" in classes
    board = page.locator("table.board tbody tr").first
    cells = [c.strip() for c in await board.locator("td").all_inner_texts()]
    learner = await app.services.users.learner_for("class", "kid")
    assert cells == ["1", pseudonym(learner), "10"]
    flags = page.locator("section[aria-labelledby=flags-title]")
    assert "s e x" in await flags.inner_text()
    await page.screenshot(path=screenshot_path("dashboard-classes"), full_page=True)
