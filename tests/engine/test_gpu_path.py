"""The GPU path, exercised on CPU with simulated CUDA facts (`pytest -m gpu_path`)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
import torch

from bot.app import open_app
from bot.learning.dictionary import Dictionary
from bot.pictures.illustrator import DrawingDefaults, Illustrator
from engine.lora_training import LoraRecipe, examples, train_lora
from engine.options import EngineOptions
from engine.pipeline import PictureEngine, pick_dtype
from engine.tiny import build_tiny_pipeline
from engine.tuning import EngineOptionError, apply_options
from tests.engine.test_lora_training import drawings
from tests.engine.test_lora_training import request as tiny_request
from tests.helpers import make_settings

pytestmark = pytest.mark.gpu_path


@pytest.mark.parametrize(
    ("capability", "expected"),
    [
        ((7, 5), torch.float16),
        ((7, 0), torch.float16),
        ((8, 0), torch.bfloat16),
        ((8, 9), torch.bfloat16),
    ],
)
def test_bf16_only_where_the_gpu_runs_it_natively(
    monkeypatch: pytest.MonkeyPatch, capability: tuple[int, int], expected: torch.dtype
) -> None:
    # T4 (7.5) and V100 (7.0) say bf16 is "supported" (emulated): fp16 is their fast path
    monkeypatch.setattr(torch.cuda, "is_bf16_supported", lambda *a, **k: True)
    asked: list[int] = []

    def capability_of(index: int = 0) -> tuple[int, int]:
        asked.append(index)
        return capability

    monkeypatch.setattr(torch.cuda, "get_device_capability", capability_of)
    assert pick_dtype("cuda") == expected
    assert pick_dtype("cuda:1") == expected and asked[-1] == 1  # the card asked about
    assert pick_dtype("cuda", "float32") == torch.float32  # the operator's choice stands


@pytest.mark.parametrize("allowed", [False, True])
async def test_a_model_nothing_checks_is_refused_at_start_not_picture_by_picture(
    tmp_path: Path, dictionary: Dictionary, allowed: bool
) -> None:
    """SDXL and the turbo models ship no safety checker: fail closed would refuse every picture
    after the GPU drew it, so the start says so in one line naming the key."""
    engine = PictureEngine(EngineOptions(model="tiny"))
    engine.load()
    engine.preset = replace(engine.preset, closed_vocabulary=False)  # an open model, no checker
    assert getattr(engine.pipeline, "safety_checker", None) is None
    settings = make_settings(tmp_path / "data")
    settings = settings.model_copy(
        update={"safety": settings.safety.model_copy(update={"allow_unchecked_images": allowed})}
    )
    if not allowed:
        with pytest.raises(EngineOptionError, match=r"^safety\.image_checker: .*every picture"):
            async with open_app(settings, engine=engine, dictionary=dictionary):
                pass
        return
    async with open_app(settings, engine=engine, dictionary=dictionary) as app:
        assert app.engine is engine  # the operator said so: it starts (with a warning)


@pytest.mark.parametrize(
    ("preset", "guidance", "reads_negatives"),
    [("sd-turbo", 0.0, False), ("lcm-lora-sd15", 1.0, False), ("sd15", 7.0, True)],
)
def test_no_text_and_child_safe_reach_every_model(
    preset: str, guidance: float, reads_negatives: bool
) -> None:
    """diffusers reads a negative prompt only with guidance above 1: turbo and LCM models are
    asked for a wordless, child-friendly picture in the prompt itself."""
    defaults = DrawingDefaults(
        model=preset, steps=4, guidance=guidance, width=512, height=512,
        scheduler="euler", prompt_style="illustration",
    )  # fmt: skip
    illustrator = Illustrator(defaults)
    for request in (illustrator.for_word("apple"), illustrator.for_sentence("A cat sleeps.")):
        if reads_negatives:
            assert "text" in request.negative_prompt and "nudity" in request.negative_prompt
            assert "wordless" not in request.prompt
        else:
            assert request.negative_prompt == ""  # it would be ignored: not pretended
            assert "wordless" in request.prompt and "young children" in request.prompt


def quick_lora(tmp_path: Path, name: str) -> Path:
    """A LoRA for the tiny pipeline, trained a few steps: enough to change its pictures."""
    out = tmp_path / f"{name}.safetensors"
    train_lora(
        build_tiny_pipeline(),
        examples(drawings(tmp_path / "pictures")),
        LoraRecipe(steps=4, rank=4, learning_rate=3e-2, batch=2, checkpoint_every=100),
        out,
        show_progress=False,
    )
    return out


def test_the_lcm_preset_draws_with_its_lora(tmp_path: Path) -> None:
    """`lcm-lora-sd15` used to run LCM's 4 steps without LCM's weights (Preset.lora was read
    nowhere): now the preset's LoRA is fused at load, or the start says it did not load."""
    out = quick_lora(tmp_path, "lcm")
    plain = PictureEngine(EngineOptions(model="tiny"))
    plain.load()
    lcm = PictureEngine(EngineOptions(model="tiny"))
    lcm.preset = replace(lcm.preset, name="lcm-lora-sd15", lora=str(out))
    lcm.load()
    assert lcm.draw([tiny_request()])[0].png != plain.draw([tiny_request()])[0].png
    assert not lcm.pipeline.get_list_adapters()  # fused into the weights, not a switchable style
    missing = PictureEngine(EngineOptions(model="tiny"))
    missing.preset = replace(missing.preset, name="lcm-lora-sd15", lora=str(tmp_path / "no"))
    with pytest.raises(EngineOptionError, match=r"^engine\.preset: lcm-lora-sd15 draws with"):
        missing.load()


@pytest.mark.slow
def test_compile_keeps_styles_switching(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`compile = true` used to wrap the UNet before the styles loaded: the style stayed on for
    plain pictures and every styled request failed. Compiled (in place, after the LoRAs, with
    torch's eager backend standing in for the GPU compiler) it switches as without."""
    out = quick_lora(tmp_path, "style")
    compiled: list[dict[str, object]] = []
    real = torch.nn.Module.compile

    def eager(module: torch.nn.Module, *args: object, **kwargs: object) -> None:
        compiled.append(kwargs)
        real(module, backend="eager")

    monkeypatch.setattr(torch.nn.Module, "compile", eager)
    styles = (("class", str(out)),)
    plain = PictureEngine(EngineOptions(model="tiny", loras=styles))
    plain.load()
    fast = PictureEngine(EngineOptions(model="tiny", loras=styles, compile=True))
    fast.load()
    assert compiled == [{"mode": "reduce-overhead", "fullgraph": False}]
    styled = (("class", 1.0),)
    assert fast.draw([tiny_request()])[0].png == plain.draw([tiny_request()])[0].png
    assert fast.draw([tiny_request(styled)])[0].png == plain.draw([tiny_request(styled)])[0].png
    assert fast.draw([tiny_request(styled)])[0].png != fast.draw([tiny_request()])[0].png


def test_cpu_offload_uses_the_card_asked_for(monkeypatch: pytest.MonkeyPatch) -> None:
    """`device = "cuda:1"` with `cpu_offload` used to offload to card 0, and TAESD went to
    card 1 besides: one model on two GPUs."""
    import diffusers

    class Pipeline:
        def __init__(self) -> None:
            self.offloaded_to: int | None = None
            self.vae: object = None

        def enable_model_cpu_offload(self, gpu_id: int = 0) -> None:
            self.offloaded_to = gpu_id

    class TinyVae:
        moved_to: str | None = None

        @classmethod
        def from_pretrained(cls, name: str, dtype: object) -> TinyVae:
            return cls()

        def to(self, device: str) -> TinyVae:
            self.moved_to = device
            return self

    monkeypatch.setattr(diffusers, "AutoencoderTiny", TinyVae)
    pipeline = Pipeline()
    options = EngineOptions(model="sd", cpu_offload=True, tiny_autoencoder="madebyollin/taesd")
    apply_options(pipeline, options, "cuda:1", torch.float16)
    assert pipeline.offloaded_to == 1
    assert isinstance(pipeline.vae, TinyVae) and pipeline.vae.moved_to is None  # offload moves it
