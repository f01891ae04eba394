"""`pictolingo train-lora`: a LoRA on the UNet attention projections (peft), from captioned images.

A folder of pictures with captions (``cat.png`` + ``cat.txt``, or the file name as caption)
becomes a style: a class's own drawings, a school mascot. The DreamBooth-style option teaches a
rare token ("sks") for one subject and keeps the model's idea of its class with prior
preservation images drawn by the base model first. Works unchanged on the starter model on CPU
and on hub models on a GPU; progress bar, checkpoints, a loss plot and a sample grid at the end.
"""

from __future__ import annotations

import logging
import math
import random
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tqdm import tqdm

log = logging.getLogger(__name__)
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".webp"}
TARGETS = ("to_q", "to_k", "to_v", "to_out.0")


class LoraDataError(Exception):
    """The training folder cannot be used (one line saying why)."""


@dataclass(frozen=True)
class LoraRecipe:
    steps: int = 400
    rank: int = 8
    learning_rate: float = 1e-4
    batch: int = 4
    seed: int = 0
    checkpoint_every: int = 100
    # DreamBooth-style: captions become "a picture of <token> <class_word>".
    instance_token: str = ""
    class_word: str = ""
    prior_images: int = 0
    prior_weight: float = 1.0
    prior_batch: int = 4  # prior pictures drawn this many at a time
    # GPU memory: recompute activations (None: on CUDA), bitsandbytes' 8-bit AdamW
    gradient_checkpointing: bool | None = None
    adam8bit: bool = False
    targets: tuple[str, ...] = TARGETS  # the UNet layers the LoRA adapts


@dataclass
class LoraResult:
    out: Path
    losses: list[float] = field(default_factory=list)
    plot: Path | None = None
    grid: Path | None = None

    def summary(self) -> str:
        return loss_summary(self.losses)

    def falling(self) -> bool:
        """Did the loss fall (mean of the last tenth below the first tenth)?"""
        first, last = tenths(self.losses)
        return last < first


def tenths(losses: list[float]) -> tuple[float, float]:
    """The mean loss of the first and of the last tenth of the steps."""
    tenth = max(1, len(losses) // 10)
    return sum(losses[:tenth]) / tenth, sum(losses[-tenth:]) / tenth


def loss_summary(losses: list[float]) -> str:
    first, last = tenths(losses)
    return f"{first:.4f} → {last:.4f}"


def examples(folder: Path) -> list[tuple[Path, str]]:
    """(image, caption) pairs: the caption is the .txt beside the image, else its file name."""
    if not folder.is_dir():
        raise LoraDataError(f"{folder} is not a folder of pictures")
    found = []
    for path in sorted(folder.iterdir()):
        if path.suffix.lower() not in IMAGE_SUFFIXES:
            continue
        text_file = path.with_suffix(".txt")
        caption = (
            text_file.read_text(encoding="utf-8").strip()
            if text_file.exists()
            else path.stem.replace("_", " ").replace("-", " ")
        )
        found.append((path, caption[:200]))
    if not found:
        raise LoraDataError(f"{folder} has no .png/.jpg/.webp pictures")
    return found


def _pixels(paths: list[Path], size: int) -> Any:
    import numpy as np
    import torch
    from PIL import Image

    arrays = []
    for path in paths:
        with Image.open(path) as image:
            picture = image.convert("RGB").resize((size, size), Image.Resampling.BICUBIC)
        arrays.append(np.asarray(picture, dtype=np.float32) / 127.5 - 1.0)
    return torch.from_numpy(np.stack(arrays)).permute(0, 3, 1, 2)


def _size(pipeline: Any) -> int:
    return int(pipeline.unet.config.sample_size * pipeline.vae_scale_factor)


@dataclass
class Conditioning:
    """What the UNet is conditioned on: text embeddings, plus SDXL's pooled text and sizes."""

    embeds: Any
    added: dict[str, Any] | None = None

    def __getitem__(self, pick: Any) -> Conditioning:
        if self.added is None:
            return Conditioning(self.embeds[pick])
        return Conditioning(self.embeds[pick], {k: v[pick] for k, v in self.added.items()})

    @staticmethod
    def joined(parts: list[Conditioning]) -> Conditioning:
        """One batch of several (to go through the UNet in one pass)."""
        import torch

        embeds = torch.cat([part.embeds for part in parts])
        added = [part.added for part in parts if part.added is not None]
        if not added:
            return Conditioning(embeds)
        return Conditioning(embeds, {k: torch.cat([a[k] for a in added]) for k in added[0]})


def encode_text(pipeline: Any, captions: list[str], size: int) -> Conditioning:
    """The captions as the UNet reads them (SDXL: two encoders, pooled text, time ids)."""
    import torch

    with torch.no_grad():
        if getattr(pipeline, "text_encoder_2", None) is None:
            embeds, _ = pipeline.encode_prompt(captions, pipeline.device, 1, False)
            return Conditioning(embeds)
        embeds, _, pooled, _ = pipeline.encode_prompt(
            prompt=captions, device=pipeline.device, num_images_per_prompt=1,
            do_classifier_free_guidance=False,
        )  # fmt: skip
        time_ids = pipeline._get_add_time_ids(
            (size, size), (0, 0), (size, size), dtype=embeds.dtype,
            text_encoder_projection_dim=pipeline.text_encoder_2.config.projection_dim,
        ).to(pipeline.device)  # fmt: skip
        added = {"text_embeds": pooled, "time_ids": time_ids.repeat(len(captions), 1)}
        return Conditioning(embeds, added)


def _optimizer(parameters: list[Any], recipe: LoraRecipe) -> Any:
    """AdamW, or bitsandbytes' 8-bit AdamW (a quarter of the optimizer's memory) when asked."""
    import torch

    if not recipe.adam8bit:
        return torch.optim.AdamW(parameters, lr=recipe.learning_rate)
    try:
        import bitsandbytes
    except ImportError:
        raise LoraDataError(
            "8-bit Adam needs bitsandbytes (pip install bitsandbytes, on a CUDA machine)"
        ) from None
    return bitsandbytes.optim.AdamW8bit(parameters, lr=recipe.learning_rate)


def _prior_pictures(pipeline: Any, recipe: LoraRecipe, size: int) -> tuple[Any, str]:
    """The base model's pictures of the class, a few at a time (all at once can run out of
    memory on a GPU)."""
    import torch

    prompt = f"a picture of {recipe.class_word}"
    generator = torch.Generator("cpu").manual_seed(recipe.seed)
    chunks = []
    for start in range(0, recipe.prior_images, recipe.prior_batch):
        count = min(recipe.prior_batch, recipe.prior_images - start)
        images = pipeline(
            [prompt] * count, num_inference_steps=20, generator=generator, output_type="pt",
            height=size, width=size,
        ).images  # fmt: skip
        chunks.append(images * 2 - 1)
    return torch.cat(chunks), prompt


def train_lora(
    pipeline: Any,
    data: list[tuple[Path, str]],
    recipe: LoraRecipe,
    out: Path,
    *,
    show_progress: bool = True,
    previews: bool = True,
) -> LoraResult:
    """Train, save `out` (a .safetensors LoRA), and write `out`.loss.png and `out`.samples.png
    (`previews` False: a caller such as `teach-word` draws its own, for the whole teaching)."""
    import torch
    from diffusers import DDPMScheduler
    from peft import LoraConfig
    from peft.utils import get_peft_model_state_dict

    torch.manual_seed(recipe.seed)
    rng = random.Random(recipe.seed)
    size = _size(pipeline)
    captions = [c for _, c in data]
    if recipe.instance_token:
        subject = f"{recipe.instance_token} {recipe.class_word}".strip()
        captions = [f"a picture of {subject}" for _ in data]
    pipeline.set_progress_bar_config(disable=True)
    prior: list[tuple[Any, Conditioning]] = []
    if recipe.prior_images and recipe.class_word:
        images, prompt = _prior_pictures(pipeline, recipe, size)
        prior = [(images, encode_text(pipeline, [prompt] * len(images), size))]
    vae, unet = pipeline.vae, pipeline.unet
    for module in (vae, unet, pipeline.text_encoder, getattr(pipeline, "text_encoder_2", None)):
        if module is not None:
            module.requires_grad_(False)
    device, weights = pipeline.device, unet.dtype

    def encoded(pixels: Any) -> Any:
        with torch.no_grad():
            moments = vae.encode(pixels.to(device, vae.dtype)).latent_dist.mean
        return moments * vae.config.scaling_factor

    latents = encoded(_pixels([p for p, _ in data], size))
    prior_latents = [(encoded(px), condition) for px, condition in prior]
    text = encode_text(pipeline, captions, size)
    noise_schedule: Any = DDPMScheduler.from_config(pipeline.scheduler.config)
    unet.add_adapter(
        LoraConfig(
            r=recipe.rank, lora_alpha=recipe.rank, init_lora_weights="gaussian",
            target_modules=list(recipe.targets),
        )
    )  # fmt: skip
    trainable = [p for p in unet.parameters() if p.requires_grad]
    for parameter in trainable:  # the LoRA learns in fp32 even when the model is fp16/bf16
        parameter.data = parameter.data.float()
    optimizer = _optimizer(trainable, recipe)
    checkpointing = recipe.gradient_checkpointing
    if checkpointing or (checkpointing is None and device.type == "cuda"):
        unet.enable_gradient_checkpointing()  # activations recomputed: less VRAM, ~20 % slower
    mixed = weights in (torch.float16, torch.bfloat16)
    scaler = torch.amp.GradScaler(device.type, enabled=weights == torch.float16)
    result = LoraResult(out=out)
    checkpoints = out.with_suffix(".checkpoints")

    def loss_on(clean: Any, condition: Conditioning, share: Any) -> Any:
        with torch.autocast(device.type, dtype=weights, enabled=mixed):
            return denoising_loss(
                unet, noise_schedule, clean, condition.embeds, condition.added, share
            )

    unet.train()
    with tqdm(total=recipe.steps, desc="lora", unit="step", disable=not show_progress) as bar:
        for step in range(recipe.steps):
            pick = [rng.randrange(len(data)) for _ in range(min(recipe.batch, max(1, len(data))))]
            # the pictures' mean loss plus prior_weight × one prior picture's, in one UNet pass
            cleans, conditions = [latents[pick]], [text[pick]]
            share = [1 / len(pick)] * len(pick)
            for clean, condition in prior_latents:
                chosen = rng.randrange(clean.shape[0])
                cleans.append(clean[chosen : chosen + 1])
                conditions.append(condition[chosen : chosen + 1])
                share.append(recipe.prior_weight)
            loss = loss_on(
                torch.cat(cleans),
                Conditioning.joined(conditions),
                torch.tensor(share, device=device),
            )
            optimizer.zero_grad(set_to_none=True)
            scaler.scale(loss).backward()
            scaler.step(optimizer)
            scaler.update()
            result.losses.append(float(loss.item()))
            bar.set_postfix(loss=f"{sum(result.losses[-20:]) / len(result.losses[-20:]):.4f}")
            bar.update()
            if recipe.checkpoint_every and (step + 1) % recipe.checkpoint_every == 0:
                _save(
                    pipeline,
                    get_peft_model_state_dict(unet),
                    checkpoints / f"step-{step + 1}.safetensors",
                )
    unet.eval()
    if unet.is_gradient_checkpointing:
        unet.disable_gradient_checkpointing()
    _save(pipeline, get_peft_model_state_dict(unet), out)
    if previews:
        result.plot = _plot(result.losses, out.with_suffix(".loss.png"))
        result.grid = _grid(pipeline, sorted(set(captions))[:4], out.with_suffix(".samples.png"))
    unet.delete_adapters(unet.active_adapters())
    return result


def denoising_loss(
    unet: Any,
    noise_schedule: Any,
    clean: Any,
    condition: Any,
    added: dict[str, Any] | None = None,
    share: Any = None,
) -> Any:
    """The diffusion training loss on clean latents: noise them at random steps and ask the
    UNet for the noise (or the velocity, for v-prediction models such as the starter). With
    `share`, each picture's own loss counts that much (sum of share × loss); else the mean."""
    import torch

    steps = torch.randint(
        0, noise_schedule.config.num_train_timesteps, (clean.shape[0],), device=clean.device
    )
    noise = torch.randn_like(clean)
    noisy = noise_schedule.add_noise(clean, noise, steps)
    if noise_schedule.config.get("prediction_type", "epsilon") == "epsilon":
        target = noise
    else:
        target = noise_schedule.get_velocity(clean, noise, steps)
    predicted = unet(noisy, steps, condition, added_cond_kwargs=added).sample
    if share is None:
        return torch.nn.functional.mse_loss(predicted.float(), target.float())
    each = (predicted.float() - target.float()).pow(2).flatten(1).mean(1)
    return (each * share).sum()


def _save(pipeline: Any, state: dict[str, Any], path: Path) -> None:
    """Attention-only LoRAs in diffusers' format (what other tools read); others in peft's own:
    diffusers converts only the attention keys, and a file of both formats loads without
    them."""
    from diffusers.utils import convert_state_dict_to_diffusers

    path.parent.mkdir(parents=True, exist_ok=True)
    attention_only = all(any(f".{t}." in key for t in TARGETS) for key in state)
    type(pipeline).save_lora_weights(
        str(path.parent),
        unet_lora_layers=convert_state_dict_to_diffusers(state) if attention_only else state,
        weight_name=path.name,
        safe_serialization=True,
    )


def _plot(losses: list[float], path: Path) -> Path:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    window = max(1, len(losses) // 20)
    smooth = [
        sum(losses[max(0, i - window + 1) : i + 1]) / len(losses[max(0, i - window + 1) : i + 1])
        for i in range(len(losses))
    ]
    figure, axis = plt.subplots(figsize=(6, 3.5), dpi=100)
    axis.plot(losses, color="#ccc", linewidth=0.8, label="loss")
    axis.plot(smooth, color="#e07a00", linewidth=2, label=f"mean of {window}")
    axis.set_xlabel("step")
    axis.set_ylabel("training loss")
    axis.legend()
    figure.tight_layout()
    figure.savefig(path)
    plt.close(figure)
    return path


def _grid(pipeline: Any, prompts: list[str], path: Path) -> Path:
    import torch
    from PIL import Image

    generator = torch.Generator("cpu").manual_seed(0)
    images = pipeline(prompts, num_inference_steps=20, generator=generator).images
    side = images[0].width
    columns = min(4, len(images))
    rows = math.ceil(len(images) / columns)
    sheet = Image.new("RGB", (columns * side, rows * side), "white")
    for index, image in enumerate(images):
        sheet.paste(image, ((index % columns) * side, (index // columns) * side))
    sheet.save(path)
    return path
