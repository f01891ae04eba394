"""A scene's layout steering open diffusers models: regional prompts and GLIGEN (tiny models)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import torch

from engine.loading import load_pipeline
from engine.options import EngineOptions
from engine.pipeline import PictureEngine
from engine.presets import preset_for
from engine.regions import Region, region_masks, regions_for, steered
from engine.request import GenerationRequest
from engine.scene import Scene, SceneObject
from engine.tiny import build_tiny_pipeline

CAT_ON_SOFA = Scene((SceneObject("cat", "cat"), SceneObject("sofa", "sofa")), "on")


def test_the_regions_follow_the_layout_back_to_front() -> None:
    sofa, cat = regions_for(CAT_ON_SOFA)  # the sofa is drawn first: the cat is on it
    assert (sofa.subject, cat.subject) == ("sofa", "cat")
    (cx0, cy0, cx1, cy1), (sx0, sy0, sx1, sy1) = cat.boxes[0], sofa.boxes[0]
    assert cy0 < sy0 < cy1 < sy1  # the cat sits on the sofa's upper part
    assert sx0 < cx0 < cx1 < sx1
    apples = regions_for(Scene((SceneObject("apple", "apple", 3, "red"),)))
    assert [r.prompt for r in apples] == ["a red apple"] and len(apples[0].boxes) == 3
    assert all(0 <= v <= 1 for box in apples[0].boxes for v in box)


def test_where_boxes_overlap_the_thing_in_front_keeps_the_place() -> None:
    back = Region("a box", "box", ((0.0, 0.0, 1.0, 1.0),))
    front = Region("a ball", "ball", ((0.25, 0.25, 0.75, 0.75),))
    masks = region_masks([back, front], 16, 16)
    assert masks[1, 0, 8, 8] == 1 and masks[0, 0, 8, 8] == 0  # the ball, not the box
    assert masks[0, 0, 0, 0] == 1 and masks[1, 0, 0, 0] == 0
    edge = masks[1, 0, 4, 8].item()
    assert 0 < edge < 1  # soft edges: no seam where the regions meet


def _draw(pipe: Any, prompt: str) -> np.ndarray:
    generator = torch.Generator().manual_seed(3)
    image = pipe(
        prompt=prompt, num_inference_steps=4, height=64, width=64, generator=generator,
        guidance_scale=5.0,
    ).images[0]  # fmt: skip
    return np.asarray(image, dtype=np.float64)


def _tiny_sdxl(folder: Path) -> Any:
    """An SDXL pipeline with random weights and a letters-only CLIP tokenizer written here."""
    import json
    import string

    from diffusers import (
        AutoencoderKL,
        EulerDiscreteScheduler,
        StableDiffusionXLPipeline,
        UNet2DConditionModel,
    )
    from transformers import (
        CLIPTextConfig,
        CLIPTextModel,
        CLIPTextModelWithProjection,
        CLIPTokenizer,
    )

    letters = list(string.ascii_lowercase)
    tokens = ["<|startoftext|>", "<|endoftext|>", *letters, *(c + "</w>" for c in letters)]
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "vocab.json").write_text(json.dumps({t: i for i, t in enumerate(tokens)}))
    (folder / "merges.txt").write_text("#version: 0.2\n")
    tokenizer = CLIPTokenizer(
        str(folder / "vocab.json"), str(folder / "merges.txt"), model_max_length=16
    )
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(0)
        unet = UNet2DConditionModel(
            block_out_channels=(32, 64), layers_per_block=1, sample_size=8, in_channels=4,
            out_channels=4, down_block_types=("DownBlock2D", "CrossAttnDownBlock2D"),
            up_block_types=("CrossAttnUpBlock2D", "UpBlock2D"), attention_head_dim=(2, 4),
            use_linear_projection=True, addition_embed_type="text_time",
            addition_time_embed_dim=8, transformer_layers_per_block=(1, 1),
            projection_class_embeddings_input_dim=80, cross_attention_dim=64,
            norm_num_groups=32,
        )  # fmt: skip
        config = CLIPTextConfig(
            bos_token_id=0, eos_token_id=1, pad_token_id=1, hidden_size=32,
            intermediate_size=37, num_attention_heads=4, num_hidden_layers=2,
            vocab_size=len(tokens), projection_dim=32, max_position_embeddings=16,
        )  # fmt: skip
        vae = AutoencoderKL(
            block_out_channels=(32, 32), down_block_types=("DownEncoderBlock2D",) * 2,
            up_block_types=("UpDecoderBlock2D",) * 2, latent_channels=4, norm_num_groups=32,
        )  # fmt: skip
        pipe = StableDiffusionXLPipeline(
            vae=vae.eval(), text_encoder=CLIPTextModel(config).eval(),
            text_encoder_2=CLIPTextModelWithProjection(config).eval(), tokenizer=tokenizer,
            tokenizer_2=tokenizer, unet=unet.eval(), scheduler=EulerDiscreteScheduler(),
        )  # fmt: skip
    pipe.set_progress_bar_config(disable=True)
    return pipe


@pytest.mark.parametrize("family", ["sd", "sdxl"])
def test_regional_prompts_steer_sd_and_sdxl_pipelines(family: str, tmp_path: Path) -> None:
    """SDXL also reads a pooled embedding of the prompt: the region's own is used in it."""
    pipe = build_tiny_pipeline() if family == "sd" else _tiny_sdxl(tmp_path / "clip")
    cat, dog = _draw(pipe, "a cat"), _draw(pipe, "a dog")
    with steered(pipe, [Region("a dog", "dog", ((0.0, 0.0, 0.5, 1.0),))]):
        steered_picture = _draw(pipe, "a cat")
    left, right = slice(0, 28), slice(36, 64)

    def distance(a: np.ndarray, b: np.ndarray, part: slice) -> float:
        return float(np.abs(a[:, part] - b[:, part]).mean())

    assert distance(steered_picture, dog, left) < distance(steered_picture, cat, left) / 2
    assert distance(steered_picture, cat, right) < distance(steered_picture, dog, right) / 2
    assert np.array_equal(_draw(pipe, "a cat"), cat)  # afterwards the UNet is itself again


def test_the_unet_is_restored_when_drawing_fails() -> None:
    pipe = build_tiny_pipeline()
    with pytest.raises(ValueError), steered(pipe, [Region("a dog", "dog", ((0, 0, 1, 1),))]):
        pipe(prompt="a cat", num_inference_steps=1, height=60, width=64)  # not a multiple of 8
    assert "forward" not in pipe.unet.__dict__


class RecordingCheck:
    """The picture check's verdicts, chosen by the test; it keeps what it was shown."""

    def __init__(self, missing: str = "") -> None:
        self.missing = missing
        self.seen: list[tuple[str, tuple[int, int]]] = []

    def check(self, images: list[Any], subjects: list[str]) -> list[bool]:
        self.seen += [(s, image.size) for s, image in zip(subjects, images, strict=True)]
        return [s != self.missing for s in subjects]


def _open_engine(pipeline: Any = None) -> PictureEngine:
    engine = PictureEngine(EngineOptions(model="tiny"), pipeline=pipeline)
    engine.load()
    engine.preset = replace(engine.preset, closed_vocabulary=False, display_size=None)
    return engine


def _scene_request(scene: Scene) -> GenerationRequest:
    return GenerationRequest(
        model="tiny", prompt="the cat is on the sofa", negative_prompt="", width=64, height=64,
        steps=3, scheduler="euler",
        guidance=5.0, seed=11, scene=scene.to_json(),
    )  # fmt: skip


def test_an_open_model_draws_a_scene_in_one_pass_and_checks_each_thing_in_its_box() -> None:
    engine = _open_engine()
    check = RecordingCheck()
    engine.picture_check = check
    (picture,) = engine.draw([_scene_request(CAT_ON_SOFA)])
    assert picture.shows is True and picture.width == 64
    assert [s for s, _ in check.seen] == ["sofa", "cat"]  # each in its own box
    (sofa_size, cat_size) = [size for _, size in check.seen]
    assert sofa_size[0] > cat_size[0]  # the sofa's box is the bigger one


def test_a_thing_missing_from_its_box_is_drawn_again_then_not_shown_as_right() -> None:
    engine = _open_engine()
    engine.picture_check = RecordingCheck(missing="cat")
    request = _scene_request(CAT_ON_SOFA)
    (picture,) = engine.draw([request])
    assert picture.shows is False  # the bot then says so kindly instead of sending it
    assert picture.seed != request.seed  # it was tried once more with another seed


def _tiny_gligen() -> Any:
    from diffusers import StableDiffusionGLIGENPipeline, UNet2DConditionModel

    base = build_tiny_pipeline()
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(0)
        unet = UNet2DConditionModel(
            sample_size=8, in_channels=4, out_channels=4, block_out_channels=(32, 64),
            layers_per_block=1, down_block_types=("CrossAttnDownBlock2D", "DownBlock2D"),
            up_block_types=("UpBlock2D", "CrossAttnUpBlock2D"), cross_attention_dim=32,
            attention_head_dim=8, norm_num_groups=32, attention_type="gated",
        ).eval()  # fmt: skip
    parts = {k: v for k, v in base.components.items() if k != "image_encoder"}
    pipe = StableDiffusionGLIGENPipeline(**(parts | {"unet": unet}))
    pipe.set_progress_bar_config(disable=True)
    return pipe


def test_a_gligen_model_loads_as_one_and_gets_the_layout_boxes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "gligen"
    _tiny_gligen().save_pretrained(folder)
    loaded = load_pipeline(str(folder), preset_for(str(folder)), torch.float32)
    assert type(loaded).__name__ == "StableDiffusionGLIGENPipeline"
    engine = _open_engine(loaded)
    assert type(engine.pipeline).__name__ == "StableDiffusionPipeline"  # words: plain drawing
    assert engine.layout_pipeline is loaded
    calls: list[dict[str, Any]] = []
    original = type(loaded).__call__

    def recording(pipe: Any, *args: Any, **kwargs: Any) -> Any:
        calls.append(kwargs)
        return original(pipe, *args, **kwargs)

    monkeypatch.setattr(type(loaded), "__call__", recording)
    word = replace(_scene_request(CAT_ON_SOFA), scene="", prompt="a cat")
    (plain,) = engine.draw([word])
    assert calls == [] and plain.width == 64
    (picture,) = engine.draw([_scene_request(CAT_ON_SOFA)])
    assert picture.width == 64
    (call,) = calls
    assert call["gligen_phrases"] == ["a sofa", "a cat"]
    sofa, cat = call["gligen_boxes"]
    assert cat[1] < sofa[1] < cat[3] < sofa[3]  # the cat's box sits on the sofa's


def test_a_gligen_model_from_the_hub_loads_with_gligens_own_pipeline(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from diffusers import AutoPipelineForText2Image, StableDiffusionGLIGENPipeline

    def auto(source: str, **kwargs: object) -> object:
        raise ValueError(f"AutoPipeline can't find a pipeline linked to {GLIGEN} for None")

    GLIGEN = "StableDiffusionGLIGENPipeline"
    tiny = _tiny_gligen()
    monkeypatch.setattr(AutoPipelineForText2Image, "from_pretrained", auto)
    monkeypatch.setattr(StableDiffusionGLIGENPipeline, "from_pretrained", lambda s, **k: tiny)
    model = "masterful/gligen-1-4-generation-text-box"
    assert load_pipeline(model, preset_for(model), torch.float32) is tiny
