"""The GPU path, exercised on CPU with simulated CUDA facts (`pytest -m gpu_path`)."""

from __future__ import annotations

import logging
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
def test_compile_keeps_styles_switching(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """`compile = true` used to wrap the UNet before the styles loaded: the style stayed on for
    plain pictures and every styled request failed. Compiled (in place, after the LoRAs, with
    torch's eager backend standing in for the GPU compiler) it switches as without; and the
    first (compiling) picture is drawn at start, not on a learner's turn."""
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
    with caplog.at_level(logging.INFO, logger="engine.pipeline"):
        fast.load()
    assert compiled == [{"mode": "reduce-overhead", "fullgraph": False}]
    assert "compiled and warmed up" in caplog.text
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


def tiny_sdxl() -> object:
    """An SDXL pipeline at test size (two text encoders, pooled text and size conditioning)."""
    from diffusers import AutoencoderKL, EulerDiscreteScheduler, StableDiffusionXLPipeline
    from diffusers import UNet2DConditionModel as UNet
    from transformers import AutoTokenizer, CLIPTextConfig, CLIPTextModel
    from transformers import CLIPTextModelWithProjection as Projected

    from engine.starter import text_encoder_dir

    torch.manual_seed(0)
    tokenizer = AutoTokenizer.from_pretrained(text_encoder_dir(), model_max_length=16)
    text = CLIPTextConfig(
        hidden_size=32, intermediate_size=37, num_attention_heads=4, num_hidden_layers=2,
        vocab_size=tokenizer.vocab_size, projection_dim=32, max_position_embeddings=32,
    )  # fmt: skip
    unet = UNet(
        block_out_channels=(32, 64), layers_per_block=1, sample_size=8, in_channels=4,
        out_channels=4, down_block_types=("DownBlock2D", "CrossAttnDownBlock2D"),
        up_block_types=("CrossAttnUpBlock2D", "UpBlock2D"), attention_head_dim=(2, 4),
        use_linear_projection=True, addition_embed_type="text_time", addition_time_embed_dim=8,
        projection_class_embeddings_input_dim=32 + 6 * 8, cross_attention_dim=64,
        norm_num_groups=1,
    )  # fmt: skip
    vae = AutoencoderKL(
        block_out_channels=(32, 32, 32), in_channels=3, out_channels=3, latent_channels=4,
        down_block_types=("DownEncoderBlock2D",) * 3, up_block_types=("UpDecoderBlock2D",) * 3,
        norm_num_groups=32, sample_size=32,
    )  # fmt: skip
    pipe = StableDiffusionXLPipeline(
        vae=vae, text_encoder=CLIPTextModel(text), text_encoder_2=Projected(text),
        tokenizer=tokenizer, tokenizer_2=tokenizer, unet=unet,
        scheduler=EulerDiscreteScheduler(steps_offset=1),
    )  # fmt: skip
    pipe.set_progress_bar_config(disable=True)
    return pipe


def test_train_lora_learns_on_sdxl(tmp_path: Path) -> None:
    """An SDXL base used to crash: its UNet needs the pooled text and the size ids."""
    result = train_lora(
        tiny_sdxl(),
        examples(drawings(tmp_path / "pictures")),
        LoraRecipe(steps=3, rank=4, batch=2, checkpoint_every=0),
        tmp_path / "xl.safetensors",
        show_progress=False,
    )
    assert (tmp_path / "xl.safetensors").exists() and len(result.losses) == 3
    assert all(loss == loss for loss in result.losses), "no NaN"


def test_train_lora_keeps_half_precision_weights_and_learns_in_fp32(tmp_path: Path) -> None:
    """On a GPU the model is loaded in fp16/bf16; train-lora used to force fp32 on the CPU.
    Here bf16 on the CPU stands in: the frozen model stays bf16 under autocast, the LoRA
    learns in fp32 and is saved."""
    pipe = build_tiny_pipeline().to(torch.bfloat16)
    seen: list[torch.dtype] = []
    real_step = torch.optim.AdamW.step

    def step(optimizer: torch.optim.AdamW, *args: object, **kwargs: object) -> object:
        seen.extend(p.dtype for group in optimizer.param_groups for p in group["params"])
        return real_step(optimizer, *args, **kwargs)  # type: ignore[arg-type]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(torch.optim.AdamW, "step", step)
        result = train_lora(
            pipe,
            examples(drawings(tmp_path / "pictures")),
            LoraRecipe(steps=3, rank=4, batch=2, checkpoint_every=0),
            tmp_path / "half.safetensors",
            show_progress=False,
        )
    assert set(seen) == {torch.float32}, "the LoRA's weights learn in fp32"
    assert pipe.unet.conv_in.weight.dtype == torch.bfloat16, "the model itself stays bf16"
    assert len(result.losses) == 3 and (tmp_path / "half.safetensors").exists()


def test_train_lora_saves_gpu_memory_when_asked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """8-bit Adam (bitsandbytes, stood in for here), gradient checkpointing, and the prior
    preservation pictures drawn a few at a time instead of all in one batch."""
    import sys
    import types

    made: list[str] = []

    class AdamW8bit(torch.optim.AdamW):
        def __init__(self, params: object, lr: float) -> None:
            made.append("8bit")
            super().__init__(params, lr=lr)  # type: ignore[arg-type]

    fake = types.ModuleType("bitsandbytes")
    fake.optim = types.SimpleNamespace(AdamW8bit=AdamW8bit)  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "bitsandbytes", fake)
    pipe = build_tiny_pipeline()
    batches: list[int] = []
    checkpointing: list[bool] = []
    real_call = type(pipe).__call__
    real_forward = type(pipe.unet).forward

    def call(self: object, prompt: list[str], *args: object, **kwargs: object) -> object:
        batches.append(len(prompt))
        return real_call(self, prompt, *args, **kwargs)  # type: ignore[arg-type]

    def forward(self: torch.nn.Module, *args: object, **kwargs: object) -> object:
        checkpointing.append(bool(self.is_gradient_checkpointing and self.training))
        return real_forward(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(type(pipe), "__call__", call)
    monkeypatch.setattr(type(pipe.unet), "forward", forward)
    recipe = LoraRecipe(
        steps=2, rank=4, batch=2, checkpoint_every=0, instance_token="sks", class_word="ball",
        prior_images=5, prior_batch=2, adam8bit=True, gradient_checkpointing=True,
    )  # fmt: skip
    train_lora(pipe, examples(drawings(tmp_path / "pictures")), recipe, tmp_path / "m.safetensors")
    assert made == ["8bit"]
    assert batches[:3] == [2, 2, 1], "prior pictures in chunks of prior_batch"
    assert any(checkpointing), "the UNet recomputes activations while it learns"
    assert not pipe.unet.is_gradient_checkpointing, "and draws normally afterwards"


def test_a_single_file_checkpoint_loads_offline_with_turbo_spacing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`from_single_file` used to fetch the model's configs from the hub (fails offline) and
    kept "leading" timestep spacing, which leaves a turbo model's picture unfinished."""
    from diffusers import StableDiffusionPipeline

    from engine.errors import ModelNotAvailable
    from engine.loading import load_pipeline
    from engine.presets import PRESETS

    checkpoint = tmp_path / "sd-turbo.safetensors"
    checkpoint.write_bytes(b"weights")
    configs = tmp_path / "sd-turbo-configs"
    configs.mkdir()
    asked: list[dict[str, object]] = []

    def from_single_file(path: str, **kwargs: object) -> object:
        asked.append(kwargs)
        if "config" not in kwargs:
            raise OSError("We couldn't connect to 'https://huggingface.co' to load the files")
        return build_tiny_pipeline()

    monkeypatch.setattr(StableDiffusionPipeline, "from_single_file", from_single_file)
    pipe = load_pipeline(str(checkpoint), PRESETS["sd-turbo"], torch.float32, str(configs))
    assert asked[-1]["config"] == str(configs) and asked[-1]["local_files_only"] is True
    assert pipe.scheduler.config.timestep_spacing == "trailing"
    with pytest.raises(ModelNotAvailable, match=r"set engine\.single_file_config"):
        load_pipeline(str(checkpoint), PRESETS["sd-turbo"], torch.float32)


def test_fp16_loads_the_fp16_files_when_the_repository_has_them(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Without `variant="fp16"` a GPU host downloaded and read the full fp32 files."""
    from diffusers import AutoPipelineForText2Image

    from engine.loading import load_pipeline
    from engine.presets import PRESETS

    asked: list[object] = []

    def from_pretrained(source: str, **kwargs: object) -> object:
        asked.append(kwargs.get("variant"))
        if source == "no-variants/model" and kwargs.get("variant"):
            raise ValueError("You are trying to load the model files of the `variant=fp16`")
        return build_tiny_pipeline()

    monkeypatch.setattr(AutoPipelineForText2Image, "from_pretrained", from_pretrained)
    load_pipeline("org/model", PRESETS["sd15"], torch.float16)
    assert asked == ["fp16"]
    load_pipeline("no-variants/model", PRESETS["sd15"], torch.float16)
    assert asked[1:] == ["fp16", None], "falls back to the full files"
    load_pipeline("org/model", PRESETS["sd15"], torch.float32)
    assert asked[-1] is None


def test_a_batch_is_decoded_one_picture_at_a_time_on_a_gpu(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """SDXL at batch 8 used to run out of memory in the final decode, after all the denoising."""
    pipe = build_tiny_pipeline()
    monkeypatch.setattr(type(pipe), "to", lambda self, *a, **k: self)  # no card here
    assert not pipe.vae.use_slicing
    apply_options(pipe, EngineOptions(model="tiny"), "cuda", torch.float16)
    assert pipe.vae.use_slicing
    cpu = build_tiny_pipeline()
    apply_options(cpu, EngineOptions(model="tiny"), "cpu", torch.float32)
    assert not cpu.vae.use_slicing, "on the CPU a batch decodes at once (faster)"


def test_the_card_s_batch_limit_is_measured_from_its_memory(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`max_batch = 8` used to ignore VRAM: a 16 GB card where each SDXL picture costs 1.5 GB
    on top of 3 GB of weights fits 7, measured at start from one picture and two."""
    from engine.tuning import measure_batch_limit

    drawn: list[int] = []
    gb = 1024**3
    monkeypatch.setattr(torch.cuda, "reset_peak_memory_stats", lambda index=0: None)
    monkeypatch.setattr(
        torch.cuda, "max_memory_allocated", lambda index=0: int((3 + 1.5 * drawn[-1]) * gb)
    )
    monkeypatch.setattr(torch.cuda, "mem_get_info", lambda index=0: (15 * gb, 16 * gb))
    assert measure_batch_limit(drawn.append, "cuda:1") == 7
    assert drawn == [1, 2]
