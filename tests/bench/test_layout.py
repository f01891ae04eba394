"""The layout benchmark: both layouts timed on the same batch, the engine left as loaded."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any, cast

import pytest
import torch

from bench.layout import layout_figures
from engine.pipeline import PictureEngine
from tests.engine.test_pipeline import request


def test_both_layouts_are_timed_and_the_engine_stays_channels_last(
    tiny_engine: PictureEngine,
) -> None:
    asked = [request(tiny_engine, word) for word in ("an apple", "a cat")]
    figures = layout_figures(tiny_engine, asked, rounds=1)
    assert figures["layout_batch"] == 2
    contiguous, fast = figures["contiguous_ms_per_image"], figures["channels_last_ms_per_image"]
    assert contiguous > 0 and fast > 0
    assert figures["channels_last_speedup"] == pytest.approx(contiguous / fast, abs=0.01)
    weight = tiny_engine.pipeline.unet.conv_in.weight
    assert weight.is_contiguous(memory_format=torch.channels_last)


def test_on_a_gpu_it_measures_nothing() -> None:
    on_a_card = cast(Any, SimpleNamespace(device="cuda:0"))
    assert layout_figures(on_a_card, [cast(Any, object())]) == {}
