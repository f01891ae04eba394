from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest

from engine.options import EngineOptions
from engine.presets import PRESETS
from engine.tuning import EngineOptionError, apply_options, validate_preset


def test_sdxl_preset_on_an_sd15_model_is_refused(tiny_engine: Any) -> None:
    with pytest.raises(EngineOptionError, match=r"engine.preset = 'sdxl-turbo' is for SDXL"):
        validate_preset(tiny_engine.pipeline, PRESETS["sdxl-turbo"], "my-sd15")
    validate_preset(tiny_engine.pipeline, PRESETS["sd15"], "my-sd15")


def test_sd_preset_on_an_sdxl_model_is_refused() -> None:
    class StableDiffusionXLPipeline:
        text_encoder_2 = object()

    with pytest.raises(EngineOptionError, match="use one of: sdxl-turbo, sdxl"):
        validate_preset(StableDiffusionXLPipeline(), PRESETS["sd15"], "sdxl-model")


def test_cpu_offload_needs_a_gpu(tiny_engine: Any) -> None:
    with pytest.raises(EngineOptionError, match=r"engine\.cpu_offload needs a CUDA GPU"):
        apply_options(tiny_engine.pipeline, EngineOptions(cpu_offload=True), "cpu", None)


def test_memory_options_switch_on_the_pipeline_features() -> None:
    calls: list[str] = []
    vae = SimpleNamespace(enable_tiling=lambda: calls.append("tiling"))
    pipeline = SimpleNamespace(
        vae=vae,
        to=lambda device: calls.append(f"to {device}"),
        enable_attention_slicing=lambda: calls.append("slicing"),
    )
    apply_options(pipeline, EngineOptions(attention_slicing=True, vae_tiling=True), "cpu", None)
    assert calls == ["to cpu", "slicing", "tiling"]
    bare = SimpleNamespace(to=lambda device: None, vae=None)
    with pytest.raises(EngineOptionError, match=r"engine\.attention_slicing"):
        apply_options(bare, EngineOptions(attention_slicing=True), "cpu", None)
    with pytest.raises(EngineOptionError, match=r"engine\.vae_tiling"):
        apply_options(bare, EngineOptions(vae_tiling=True), "cpu", None)


def test_a_tiny_autoencoder_must_fit_the_model_family(tiny_engine: Any) -> None:
    with pytest.raises(EngineOptionError, match="use a taesd autoencoder"):
        apply_options(
            tiny_engine.pipeline, EngineOptions(tiny_autoencoder="madebyollin/taesdxl"), "cpu", None
        )


def test_on_a_cpu_the_weights_are_channels_last_and_the_picture_is_the_same(
    tiny_engine: Any,
) -> None:
    import torch

    from engine.tuning import channels_last
    from tests.engine.test_pipeline import pixels, request

    convolution = tiny_engine.pipeline.unet.conv_in.weight
    assert convolution.is_contiguous(memory_format=torch.channels_last)
    assert tiny_engine.pipeline.vae.decoder.conv_in.weight.is_contiguous(
        memory_format=torch.channels_last
    )
    asked = request(tiny_engine, "a red kite")
    fast = tiny_engine.draw([asked])[0]
    channels_last(tiny_engine.pipeline, on=False)
    try:
        assert not convolution.is_contiguous(memory_format=torch.channels_last)
        plain = tiny_engine.draw([asked])[0]
    finally:
        channels_last(tiny_engine.pipeline)
    assert abs(pixels(fast.png) - pixels(plain.png)).max() <= 2
