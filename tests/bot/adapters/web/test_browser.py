"""The web chat and the teacher dashboard in a real browser (Debian's chromium, Playwright)."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from bot.adapters.web.adapter import WebAdapter
from tests.bot.adapters.web.conftest import PASSWORD, screenshot_path

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


async def test_the_page_fits_a_phone(browser: Any, web: WebAdapter) -> None:
    page = await open_chat(browser, web, width=375)
    await send(page, "/help")
    await page.get_by_text("Here is what I can do").wait_for()
    width = await page.evaluate("document.scrollingElement.scrollWidth")
    assert width <= 375, "no sideways scrolling on a phone"
    await page.screenshot(path=screenshot_path("chat-phone"), full_page=True)


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
    assert cells[0] == "Learner 1" and cells[2] == "1" and cells[3] == "1" and cells[4] == "100%"
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
