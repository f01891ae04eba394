"""`pictolingo teach-word`: a teacher teaches the model a new word from 5–20 pictures.

Textual inversion: the word gets a new token (``<zebu>``) whose embedding in the text encoder
is learned from the pictures while everything else stays frozen. With ``lora=True``, pivotal
tuning: the token first, then a small LoRA on the UNet's attention on top of it, with prior
preservation (pictures of the word's class drawn by the model itself keep its idea of that
class). Works on the starter on CPU in minutes and on Stable Diffusion 1.5 on a GPU; the files
are diffusers' own formats (``load_textual_inversion``, ``load_lora_weights``).

A taught word is a folder under the configured ``[engine] taught_words`` folder::

    zebu/embedding.safetensors   the token's embedding ({"<zebu>": tensor})
    zebu/lora.safetensors        pivotal tuning only
    zebu/pictures/*.png          the teacher's pictures, framed: the picture check's references
    zebu/word.json               word, token, method, steps, loss, base model, date
    zebu/loss.png, samples.png   the loss curve and what the model now draws
"""

from __future__ import annotations

import json
import logging
import random
import re
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from tqdm import tqdm

from engine.lora_training import (
    IMAGE_SUFFIXES,
    LoraRecipe,
    _grid,
    _plot,
    denoising_loss,
    loss_summary,
)
from engine.styles import StyleError

log = logging.getLogger(__name__)
MIN_PICTURES, MAX_PICTURES = 5, 20
TEMPLATES = ("{}", "a {}", "a picture of a {}")


class TeachingError(StyleError):
    """The word or its pictures cannot be taught or loaded (one line saying why)."""


@dataclass(frozen=True)
class TeachRecipe:
    steps: int = 300
    learning_rate: float = 5e-2
    batch: int = 4
    seed: int = 0
    lora: bool = False  # pivotal tuning: a LoRA after the token
    lora_steps: int = 150
    lora_rank: int = 4
    lora_learning_rate: float = 5e-4
    class_word: str = "thing"  # what kind of thing it is: the embedding starts there
    prior_images: int = 4


@dataclass
class TaughtWord:
    word: str
    token: str
    folder: Path
    method: str = "textual inversion"
    base: str = "starter"
    steps: int = 0
    loss: str = ""
    pictures: int = 0
    taught_at: str = ""
    losses: list[float] = field(default_factory=list, repr=False)

    @property
    def lora(self) -> Path | None:
        path = self.folder / "lora.safetensors"
        return path if path.exists() else None

    @property
    def adapter(self) -> str:
        return f"word-{self.folder.name}"

    def reference_images(self) -> list[Any]:
        from PIL import Image

        found = []
        for path in sorted((self.folder / "pictures").glob("*.png")):
            with Image.open(path) as image:
                found.append(image.convert("RGB"))
        return found


def token_for(word: str) -> str:
    return "<" + re.sub(r"[^a-z0-9]+", "-", word.lower()).strip("-") + ">"


def clean_word(word: str) -> str:
    text = " ".join(word.strip().lower().split())
    if not re.fullmatch(r"[a-z][a-z' -]{0,39}", text):
        raise TeachingError(
            f"{word!r} is not a word to teach (English letters, up to 40; e.g. zebu, "
            "tuk-tuk, fire drill)"
        )
    return text


def picture_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        raise TeachingError(f"{folder} is not a folder of pictures")
    found = sorted(p for p in folder.iterdir() if p.suffix.lower() in IMAGE_SUFFIXES)
    if not MIN_PICTURES <= len(found) <= MAX_PICTURES:
        raise TeachingError(
            f"{folder} has {len(found)} pictures; teaching a word takes "
            f"{MIN_PICTURES} to {MAX_PICTURES} (.png, .jpg, .webp)"
        )
    return found


def framed_pictures(paths: list[Path], size: int) -> list[Any]:
    """Each picture squared on white and scaled, as the model's own pictures are."""
    from PIL import Image

    from engine.starter.artwork import framed

    found = []
    for path in paths:
        try:
            with Image.open(path) as image:
                found.append(Image.fromarray(framed(image.convert("RGBA"), size)))
        except (OSError, ValueError) as error:
            raise TeachingError(f"{path.name} is not a picture I can read ({error})") from None
    return found


def _pixels(pictures: list[Any]) -> Any:
    import numpy as np
    import torch

    arrays = np.stack([np.asarray(p, dtype=np.float32) / 127.5 - 1.0 for p in pictures])
    return torch.from_numpy(arrays).permute(0, 3, 1, 2)


def _ids(pipeline: Any, texts: list[str]) -> Any:
    return pipeline.tokenizer(
        texts,
        padding="max_length",
        max_length=pipeline.tokenizer.model_max_length,
        truncation=True,
        return_tensors="pt",
    ).input_ids


def learn_token(
    pipeline: Any,
    token: str,
    latents: Any,
    recipe: TeachRecipe,
    *,
    show_progress: bool = True,
) -> list[float]:
    """Textual inversion: only the new token's embedding learns. It is a parameter of its own
    that a hook on the embedding layer puts where the token is (a gradient and an optimizer
    step for the whole table made each step 1.7 times slower); at the end it is written into
    the table."""
    import torch
    from diffusers import DDPMScheduler

    tokenizer, encoder = pipeline.tokenizer, pipeline.text_encoder
    if tokenizer.add_tokens([token]) == 0:
        raise TeachingError(f"{token} is already a word of this model")
    encoder.resize_token_embeddings(len(tokenizer))
    new_id = tokenizer.convert_tokens_to_ids(token)
    table = encoder.get_input_embeddings().weight
    start_ids = tokenizer(recipe.class_word, add_special_tokens=False).input_ids or [new_id]
    with torch.no_grad():
        table[new_id] = table[start_ids].mean(0)
    encoder.requires_grad_(False)
    pipeline.unet.requires_grad_(False)
    pipeline.vae.requires_grad_(False)
    vector = torch.nn.Parameter(table[new_id].detach().clone())

    def put_vector(_module: Any, inputs: tuple[Any, ...], output: Any) -> Any:
        here = (inputs[0] == new_id).unsqueeze(-1)
        return torch.where(here, vector.to(output.dtype), output)

    optimizer = torch.optim.AdamW([vector], lr=recipe.learning_rate, weight_decay=0.0)
    noise_schedule: Any = DDPMScheduler.from_config(pipeline.scheduler.config)
    rng = random.Random(recipe.seed)
    losses: list[float] = []
    hook = encoder.get_input_embeddings().register_forward_hook(put_vector)
    try:
        with tqdm(
            total=recipe.steps, desc=f"teaching {token}", unit="step", disable=not show_progress
        ) as bar:
            for _ in range(recipe.steps):
                pick = [rng.randrange(len(latents)) for _ in range(recipe.batch)]
                texts = [rng.choice(TEMPLATES).format(token) for _ in pick]
                clean = latents[pick]
                if rng.random() < 0.5:
                    clean = clean.flip(-1)  # a mirrored picture is the same word
                condition = encoder(_ids(pipeline, texts).to(encoder.device))[0]
                loss = denoising_loss(pipeline.unet, noise_schedule, clean, condition)
                optimizer.zero_grad(set_to_none=True)
                loss.backward()
                optimizer.step()
                losses.append(float(loss.item()))
                bar.set_postfix(loss=f"{sum(losses[-20:]) / len(losses[-20:]):.4f}")
                bar.update()
    finally:
        hook.remove()
    with torch.no_grad():
        table[new_id] = vector.detach().to(table.dtype)
    return losses


def teach_word(
    pipeline: Any,
    word: str,
    pictures: list[Path],
    recipe: TeachRecipe,
    folder: Path,
    *,
    base: str = "starter",
    show_progress: bool = True,
) -> TaughtWord:
    """Teach `word` from `pictures` and write it under `folder`/<word>."""
    import torch
    from safetensors.torch import save_file

    word = clean_word(word)
    token = token_for(word)
    target = folder / token.strip("<>")
    torch.manual_seed(recipe.seed)
    pipeline.set_progress_bar_config(disable=True)
    size = int(pipeline.unet.config.sample_size * pipeline.vae_scale_factor)
    framed = framed_pictures(pictures, size)
    with torch.no_grad():
        pixels = _pixels(framed).to(pipeline.device, pipeline.vae.dtype)
        encoded = pipeline.vae.encode(pixels).latent_dist.mean
        latents = encoded * pipeline.vae.config.scaling_factor
    losses = learn_token(pipeline, token, latents, recipe, show_progress=show_progress)
    (target / "pictures").mkdir(parents=True, exist_ok=True)
    for index, picture in enumerate(framed):
        picture.save(target / "pictures" / f"{index:02d}.png")
    table = pipeline.text_encoder.get_input_embeddings().weight
    row = table[pipeline.tokenizer.convert_tokens_to_ids(token)].detach().clone()
    save_file({token: row[None].contiguous()}, str(target / "embedding.safetensors"))
    method = "textual inversion"
    if recipe.lora:
        from engine.lora_training import train_lora

        method = "pivotal tuning (textual inversion, then a LoRA with prior preservation)"
        data = [(p, f"a picture of a {token}") for p in sorted((target / "pictures").glob("*"))]
        lora = train_lora(
            pipeline,
            data,
            LoraRecipe(
                steps=recipe.lora_steps,
                rank=recipe.lora_rank,
                learning_rate=recipe.lora_learning_rate,
                batch=recipe.batch,
                seed=recipe.seed,
                checkpoint_every=0,
                class_word=recipe.class_word,
                prior_images=recipe.prior_images,
            ),
            target / "lora.safetensors",
            show_progress=show_progress,
            previews=False,  # one loss plot and one sample grid below, for the whole teaching
        )
        losses = losses + lora.losses
    taught = TaughtWord(
        word=word,
        token=token,
        folder=target,
        method=method,
        base=base,
        steps=len(losses),
        loss=loss_summary(losses),
        pictures=len(framed),
        taught_at=time.strftime("%Y-%m-%d %H:%M"),
        losses=losses,
    )
    _plot(losses, target / "loss.png")
    if taught.lora is not None:  # train_lora took its adapter off; it draws this word again
        pipeline.load_lora_weights(
            str(target), weight_name=taught.lora.name, adapter_name=taught.adapter
        )
        pipeline.set_adapters([taught.adapter])
    _grid(pipeline, [f"a {token}"] * 4, target / "samples.png")
    meta = {k: v for k, v in asdict(taught).items() if k not in ("folder", "losses")}
    (target / "word.json").write_text(json.dumps(meta, indent=1))
    write_card(folder)
    return taught


def write_card(folder: Path) -> Path:
    """The model card of the words taught here (`MODEL_CARD.md` in the taught-words folder)."""
    lines = [
        "# Words taught to this model",
        "",
        "Added with `pictolingo teach-word`; loaded at start from this folder. Each word draws "
        "with its own token and passes the picture check against its teacher's pictures.",
        "",
        "| word | token | method | pictures | steps | loss (first → last tenth) | base | taught |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for w in taught_words(folder):
        lines.append(
            f"| {w.word} | `{w.token}` | {w.method} | {w.pictures} | {w.steps} | {w.loss} "
            f"| {w.base} | {w.taught_at} |"
        )
    card = folder / "MODEL_CARD.md"
    card.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return card


def taught_words(folder: Path) -> list[TaughtWord]:
    """The words taught on this machine (folders with an embedding and a word.json)."""
    found: list[TaughtWord] = []
    if not folder.is_dir():
        return found
    for meta in sorted(folder.glob("*/word.json")):
        if not (meta.parent / "embedding.safetensors").exists():
            continue
        try:
            data = json.loads(meta.read_text(encoding="utf-8"))
            found.append(TaughtWord(folder=meta.parent, **data))
        except (ValueError, TypeError) as error:
            log.warning("taught word in %s skipped: %s", meta.parent, error)
    return found


def load_taught(pipeline: Any, words: list[TaughtWord]) -> None:
    """Each word's token into the text encoder, and its LoRA (if any) as a switchable adapter."""
    for taught in words:
        try:
            pipeline.load_textual_inversion(
                str(taught.folder / "embedding.safetensors"), token=taught.token
            )
            if taught.lora is not None:
                pipeline.load_lora_weights(
                    str(taught.folder), weight_name=taught.lora.name, adapter_name=taught.adapter
                )
        except (ValueError, OSError, KeyError, RuntimeError) as error:
            first = str(error).splitlines()[0] if str(error) else type(error).__name__
            raise TeachingError(
                f"engine.taught_words: {taught.folder} is not a word taught to this model "
                f"({first}); teach it again or move it away"
            ) from None
        log.info("taught word %s (%s) loaded", taught.word, taught.method)
    if any(t.lora for t in words):
        pipeline.disable_lora()
