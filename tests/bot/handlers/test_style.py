"""/style as learners and teachers use it; each style gets its own cached pictures."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.adapters.terminal import TerminalAdapter
from bot.app import App, open_app
from bot.config import StyleSettings
from bot.learning.dictionary import Dictionary
from engine.pipeline import PictureEngine
from tests.helpers import FakeClock, Person, make_settings, shown


@pytest.fixture
async def styled_app(
    tmp_path: Path, tiny_engine: PictureEngine, clock: FakeClock, dictionary: Dictionary
) -> AsyncIterator[App]:
    styles = {"watercolor": StyleSettings(prompt="a watercolor painting of {}", description="soft")}
    settings = make_settings(tmp_path / "data", styles=styles)
    async with open_app(settings, engine=tiny_engine, clock=clock, dictionary=dictionary) as app:
        yield app


async def test_choosing_a_style_changes_new_pictures(styled_app: App) -> None:
    chat = TerminalAdapter(styled_app.dialogue, settle_timeout=60)
    await styled_app.courier.attach(chat)
    menu = (await chat.say("/style"))[0]
    assert "Picture style here: plain" in shown(menu) and "watercolor: soft" in shown(menu)
    assert "watercolor style" in shown((await chat.press("watercolor"))[0])
    await chat.say("/word apple")
    await chat.settle()
    painted = chat.transcript.replies[-1].images[0]
    assert "plain style" in shown((await chat.say("/style plain"))[0])
    await chat.say("/word apple")
    await chat.settle()
    plain = chat.transcript.replies[-1].images[0]
    assert painted.image_id != plain.image_id
    image = await styled_app.services.images.get(painted.image_id or 0)
    assert image is not None and image.params["prompt"].startswith("a watercolor painting of")


async def test_style_mistakes_and_class_chats(styled_app: App) -> None:
    kid = Person(styled_app, "kid", "5A")
    assert "I don't know the style" in shown((await kid.say("/style <b>oil</b>"))[0])
    assert "the teacher chooses" in shown((await kid.say("/style watercolor"))[0])
    teacher = Person(styled_app, "t", "5A", teacher=True)
    assert "watercolor style" in shown((await teacher.say("/style watercolor"))[0])
    assert "Picture style here: watercolor" in shown((await kid.say("/style"))[0])


async def test_without_styles_the_menu_says_so(app: App) -> None:
    reply = (await Person(app, "kid", "kid").say("/style"))[0]
    assert "one style" in shown(reply) and not reply.buttons
