"""A picture reaches a learner only if a safety check looked at it and passed it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from PIL import Image

from engine.options import EngineOptions
from engine.pipeline import PictureEngine
from engine.request import GenerationRequest


@dataclass
class Output:
    images: list[Any]
    nsfw_content_detected: list[bool | None] | None


class FakePipeline:
    """A pipeline at the edge we cannot reach (a GPU model), answering with chosen flags."""

    def __init__(self, flags: list[bool | None] | None) -> None:
        self.flags = flags
        self.scheduler = type("EulerDiscreteScheduler", (), {"config": {}})()

    def to(self, *args: Any, **kwargs: Any) -> FakePipeline:
        return self

    def set_progress_bar_config(self, **kwargs: Any) -> None:
        pass

    def __call__(self, prompt: list[str], **kwargs: Any) -> Output:
        return Output([Image.new("RGB", (64, 64), "white") for _ in prompt], self.flags)


def draw(flags: list[bool | None] | None, model: str = "my/sd15") -> Any:
    engine = PictureEngine(EngineOptions(model=model, preset="sd15"), pipeline=FakePipeline(flags))
    engine.load()
    request = GenerationRequest(
        model=model,
        prompt="a cat",
        negative_prompt="",
        width=64,
        height=64,
        steps=2,
        guidance=1.0,
        seed=1,
        scheduler="euler",
    )
    return engine.draw([request])[0]


@pytest.mark.parametrize(
    ("flags", "safe"), [([True], False), ([False], True), ([None], None), (None, None)]
)
def test_flags_become_verdicts(flags: list[bool | None] | None, safe: bool | None) -> None:
    assert draw(flags).safe is safe


def test_the_closed_vocabulary_starter_needs_no_checker() -> None:
    picture = PictureEngine(EngineOptions(model="tiny"), pipeline=FakePipeline(None))
    picture.load()
    request = GenerationRequest(
        model="tiny",
        prompt="a cat",
        negative_prompt="",
        width=32,
        height=32,
        steps=2,
        guidance=1.0,
        seed=1,
        scheduler="euler",
    )
    assert picture.draw([request])[0].check == "closed-vocabulary"
