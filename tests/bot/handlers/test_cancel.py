from __future__ import annotations

import asyncio

from bot.adapters.terminal import TerminalAdapter
from bot.app import App
from tests.helpers import FakeDrawer, shown


async def test_cancel_button_takes_a_waiting_picture_out_of_line(
    app: App, chat: TerminalAdapter, tiny_engine: object
) -> None:
    drawer = FakeDrawer()
    drawer.gate.clear()  # the first picture blocks the engine
    app.services.queue.drawer = drawer  # type: ignore[attr-defined]
    await chat.say("/word cat")
    assert await asyncio.to_thread(drawer.started.wait, 5)
    ack = (await chat.say("/word dog"))[0]
    assert "#" in ack.text or "next" in ack.text
    cancelled = await chat.say("1")  # the Cancel button of the latest message
    assert "Cancelled" in cancelled[0].text and cancelled[0].edit_of == ack.handle
    drawer.gate.set()
    await chat.settle()
    assert drawer.batches == [["a cat"]]
    assert "Nothing is waiting" in (await chat.say("/cancel"))[0].text


async def test_too_late_to_cancel(app: App, chat: TerminalAdapter) -> None:
    await chat.say("/word cat")
    await chat.settle()
    job = await app.services.jobs.get(1)
    assert job is not None and job.state == "done"
    from bot.conversation.messages import Incoming

    press = Incoming(platform="terminal", chat_id="local", user_id="local", callback="cancel:1")
    assert "Too late" in (await chat.dialogue.handle(press))[0].text


async def test_made_up_ids_in_buttons_get_no_error(chat: TerminalAdapter) -> None:
    from bot.conversation.messages import Incoming

    for data in ("cancel:99999999999999999999", "again:99999999999999999999", "quiz:9" * 30):
        press = Incoming(platform="terminal", chat_id="local", user_id="local", callback=data)
        for reply in await chat.dialogue.handle(press):
            assert "something went wrong" not in shown(reply), data
