"""`pictolingo train-starter`: train the starter model's autoencoder, then its UNet; resumable.

Progress bars while training, a checkpoint every few hundred steps (kill it and run the same
command again to resume), and at the end a loss-curve PNG, a sample grid and the fp16 weights
written as a diffusers folder (without the text encoder, which comes from its package).
"""

from __future__ import annotations

import copy
import json
import logging
import os
import time
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import torch
from tqdm import tqdm

from engine.starter import MODEL_DIR, TOKENS, load_text_encoder, styled
from engine.starter.artwork import STYLES
from engine.starter.dataset import DATA_DIR, Concept, load_concepts, load_pictures
from engine.starter.recipe import Recipe, scheduler_config, unet_config, vae_config

log = logging.getLogger(__name__)
CHECKPOINT_EVERY = 250
# A small copy of an unfinished run, committed so another machine can go on with it: the
# finished autoencoder and the UNet's EMA weights in fp16 (the optimizer starts afresh).


@dataclass
class TrainingReport:
    vae_losses: list[float]
    unet_losses: list[float]
    seconds: float
    model_dir: Path
    loss_plot: Path
    samples: Path


def _weights(kind: Any, folder: Path) -> dict[str, torch.Tensor]:
    """A saved diffusers model's weights in fp32, to start training from."""
    model = kind.from_pretrained(folder, torch_dtype=torch.float32)
    return {k: v.float() for k, v in model.state_dict().items()}


@torch.no_grad()
def _latents(vae: Any, images: torch.Tensor) -> torch.Tensor:
    return torch.cat(
        [vae.encode(images[i : i + 64]).latent_dist.mode() for i in range(0, len(images), 64)]
    )


def _scaling(vae: Any, images: torch.Tensor) -> float:
    """Latents scaled to unit variance, as the UNet was trained on them."""
    return float(1.0 / _latents(vae, images).std())


def widen(state: dict[str, Any]) -> dict[str, Any]:
    """A portable checkpoint's fp16 weights back in fp32."""
    for key in ("vae_final", "ema"):
        state[key] = {k: v.float() for k, v in state[key].items()}
    return state


def _atomic_save(state: dict[str, Any], path: Path) -> None:
    temp = path.with_suffix(".tmp")
    torch.save(state, temp)
    os.replace(temp, path)


@dataclass
class TrainingSet:
    images: torch.Tensor  # (M, 3, 64, 64) in [-1, 1]
    owners: torch.Tensor  # (M,) concept of each picture
    styles: list[str]  # (M,) style of each picture
    concepts: list[Concept]


def _training_set(recipe: Recipe) -> TrainingSet:
    folder = Path(recipe.data) if recipe.data else DATA_DIR
    pictures, concepts = load_pictures(folder), load_concepts(folder)
    keep = np.arange(len(pictures.owners))
    if recipe.concepts:
        concepts = concepts[: recipe.concepts]
        keep = keep[pictures.owners < recipe.concepts]
    pixels = np.ascontiguousarray(pictures.images[keep])
    tensor = torch.from_numpy(pixels).permute(0, 3, 1, 2).float() / 127.5 - 1
    return TrainingSet(
        tensor,
        torch.from_numpy(pictures.owners[keep]),
        [STYLES[int(s)] for s in pictures.styles[keep]],
        concepts,
    )


class CaptionSampler:
    """A caption for each picture of a batch, encoded on the fly: one of its concept's names
    (now and then a looser keyword), sometimes naming the picture's style, sometimes empty
    (for classifier-free guidance)."""

    def __init__(self, data: TrainingSet, recipe: Recipe) -> None:
        self.data = data
        self.recipe = recipe
        self.encoder, self.tokenizer = load_text_encoder()

    def text(self, picture: int) -> str:
        r = self.recipe
        concept = self.data.concepts[int(self.data.owners[picture])]
        dropout, keyword, style, choice = torch.rand(4).tolist()
        if dropout < r.caption_dropout:
            return ""
        use_keyword = concept.keywords and keyword < r.keyword_rate
        pool = concept.keywords if use_keyword else concept.captions
        caption = pool[int(choice * len(pool))]
        return styled(caption, self.data.styles[picture] if style < r.style_rate else None)

    @torch.no_grad()
    def encode(self, texts: list[str]) -> torch.Tensor:
        ids = self.tokenizer(
            texts, padding="max_length", max_length=TOKENS, truncation=True, return_tensors="pt"
        ).input_ids
        return self.encoder(ids)[0]


class StarterTrainer:
    def __init__(
        self,
        recipe: Recipe,
        run_dir: Path,
        *,
        model_dir: Path = MODEL_DIR,
        show_progress: bool = True,
    ) -> None:
        self.recipe = recipe
        self.run_dir = run_dir
        self.model_dir = model_dir
        self.show_progress = show_progress
        self.state_path = run_dir / "state.pt"
        # the run's small copy to commit lives with its training set (a new machine goes on
        # from it with the same command)
        self.portable = (Path(recipe.data) if recipe.data else DATA_DIR) / "resume.pt"
        run_dir.mkdir(parents=True, exist_ok=True)

    # ---- state
    def _load_state(self) -> dict[str, Any]:
        if not self.state_path.exists() and self.portable.exists():
            portable: dict[str, Any] = torch.load(self.portable, weights_only=False)
            if portable["recipe"] == self.recipe.to_dict():
                log.info("going on from %s (step %d)", self.portable, portable["step"])
                return widen(portable)
        if not self.state_path.exists():
            return {
                "recipe": self.recipe.to_dict(),
                "stage": "vae",
                "step": 0,
                "vae_losses": [],
                "unet_losses": [],
                "seconds": 0.0,
            }
        state: dict[str, Any] = torch.load(self.state_path, weights_only=False)
        if state["recipe"] != self.recipe.to_dict():
            raise ValueError(
                f"{self.state_path} was made with another recipe; "
                "remove the run folder to start again"
            )
        log.info("resuming %s at step %d", state["stage"], state["step"])
        return state

    def _bar(self, total: int, initial: int, label: str) -> tqdm:
        return tqdm(
            total=total,
            initial=initial,
            desc=label,
            unit="step",
            disable=not self.show_progress,
            dynamic_ncols=True,
        )

    # ---- stage 1: autoencoder ------------------------------------------------------------
    def train_vae(self, state: dict[str, Any], images: torch.Tensor) -> Any:
        from diffusers import AutoencoderKL

        r = self.recipe
        torch.manual_seed(r.seed)
        vae: Any = AutoencoderKL(**vae_config(r))
        if r.init_from:
            vae.load_state_dict(_weights(AutoencoderKL, Path(r.init_from) / "vae"))
        optimizer = torch.optim.AdamW(vae.parameters(), lr=r.vae_lr, weight_decay=0.0)
        schedule = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, r.vae_steps, r.vae_lr / 10)
        if state["stage"] == "vae" and "vae" in state:
            vae.load_state_dict(state["vae"])
            optimizer.load_state_dict(state["vae_optimizer"])
            schedule.load_state_dict(state["vae_schedule"])
            torch.set_rng_state(state["rng"])
        elif state["stage"] != "vae":
            vae.load_state_dict(state["vae_final"])
            return vae.eval()
        factor = 2 ** (len(r.vae_channels) - 1)
        started = time.perf_counter() - state["seconds"]
        with self._bar(r.vae_steps, state["step"], "autoencoder") as bar:
            for step in range(state["step"], r.vae_steps):
                batch = images[torch.randint(0, len(images), (r.vae_batch,))]
                if step < r.vae_steps - r.vae_full_steps and r.vae_crop < r.image_size:
                    i, j = (
                        int(v) * factor
                        for v in torch.randint(0, (r.image_size - r.vae_crop) // factor + 1, (2,))
                    )
                    batch = batch[:, :, i : i + r.vae_crop, j : j + r.vae_crop]
                latents = vae.encode(batch).latent_dist.mode()
                rebuilt = vae.decode(latents).sample
                loss = (rebuilt - batch).abs().mean() + 1e-4 * latents.pow(2).mean()
                optimizer.zero_grad(set_to_none=True)
                loss.backward()
                optimizer.step()
                schedule.step()
                state["vae_losses"].append(loss.item())
                bar.set_postfix(loss=f"{np.mean(state['vae_losses'][-50:]):.4f}")
                bar.update()
                if (step + 1) % CHECKPOINT_EVERY == 0:
                    state.update(
                        step=step + 1,
                        vae=vae.state_dict(),
                        vae_optimizer=optimizer.state_dict(),
                        vae_schedule=schedule.state_dict(),
                        rng=torch.get_rng_state(),
                        seconds=time.perf_counter() - started,
                    )
                    _atomic_save(state, self.state_path)
        state.update(
            stage="latents",
            step=0,
            vae_final=vae.state_dict(),
            seconds=time.perf_counter() - started,
        )
        for key in ("vae", "vae_optimizer", "vae_schedule"):
            state.pop(key, None)
        _atomic_save(state, self.state_path)
        return vae.eval()

    # ---- stage 2: UNet ---------------------------------------------------------------------
    def train_unet(
        self,
        state: dict[str, Any],
        latents: torch.Tensor,
        captions: CaptionSampler,
    ) -> Any:
        from diffusers import DDPMScheduler, UNet2DConditionModel

        r = self.recipe
        noise_schedule: Any = DDPMScheduler(**scheduler_config())
        alphas = noise_schedule.alphas_cumprod
        torch.manual_seed(r.seed + 1)
        unet: Any = UNet2DConditionModel(**unet_config(r))
        if r.init_from:
            unet.load_state_dict(_weights(UNet2DConditionModel, Path(r.init_from) / "unet"))
        ema = copy.deepcopy(unet).requires_grad_(False)
        optimizer = torch.optim.AdamW(unet.parameters(), lr=r.unet_lr, weight_decay=0.0)
        schedule = torch.optim.lr_scheduler.OneCycleLR(
            optimizer,
            max_lr=r.unet_lr,
            total_steps=r.unet_steps,
            pct_start=0.05,
            anneal_strategy="cos",
            final_div_factor=20,
        )
        if "unet" in state:
            unet.load_state_dict(state["unet"])
            ema.load_state_dict(state["ema"])
            optimizer.load_state_dict(state["unet_optimizer"])
            schedule.load_state_dict(state["unet_schedule"])
            torch.set_rng_state(state["rng"])
        elif state.get("portable"):  # another machine's run: its EMA, a fresh optimizer
            unet.load_state_dict(state["ema"])
            ema.load_state_dict(state["ema"])
            with warnings.catch_warnings():  # the schedule is wound on before any step
                warnings.simplefilter("ignore", UserWarning)
                for _ in range(state["step"]):
                    schedule.step()
        started = time.perf_counter() - state["seconds"]
        gamma = torch.tensor(r.min_snr_gamma)
        with self._bar(r.unet_steps, state["step"], "unet") as bar:
            for step in range(state["step"], r.unet_steps):
                pick = torch.randint(0, len(latents), (r.unet_batch,))
                clean = latents[pick]
                condition = captions.encode([captions.text(int(i)) for i in pick])
                timesteps = torch.randint(0, 1000, (r.unet_batch,))
                noise = torch.randn_like(clean)
                noisy = noise_schedule.add_noise(clean, noise, timesteps)
                target = noise_schedule.get_velocity(clean, noise, timesteps)
                predicted = unet(noisy, timesteps, condition).sample
                snr = alphas[timesteps] / (1 - alphas[timesteps]).clamp(min=1e-8)
                weight = torch.minimum(snr, gamma) / (snr + 1)  # min-SNR-γ for v-prediction
                per_item = ((predicted - target) ** 2).mean(dim=(1, 2, 3))
                loss = (per_item * weight / weight.mean()).mean()
                optimizer.zero_grad(set_to_none=True)
                loss.backward()
                torch.nn.utils.clip_grad_norm_(unet.parameters(), 1.0)
                optimizer.step()
                schedule.step()
                decay = min(r.ema_decay, (1 + step) / (10 + step))
                with torch.no_grad():
                    for averaged, live in zip(ema.parameters(), unet.parameters(), strict=True):
                        averaged.mul_(decay).add_(live, alpha=1 - decay)
                state["unet_losses"].append(loss.item())
                bar.set_postfix(loss=f"{np.mean(state['unet_losses'][-50:]):.4f}")
                bar.update()
                if (step + 1) % CHECKPOINT_EVERY == 0:
                    state.update(
                        step=step + 1,
                        unet=unet.state_dict(),
                        ema=ema.state_dict(),
                        unet_optimizer=optimizer.state_dict(),
                        unet_schedule=schedule.state_dict(),
                        rng=torch.get_rng_state(),
                        seconds=time.perf_counter() - started,
                    )
                    _atomic_save(state, self.state_path)
        state.update(
            stage="done",
            step=r.unet_steps,
            ema=ema.state_dict(),
            seconds=time.perf_counter() - started,
        )
        for key in ("unet", "unet_optimizer", "unet_schedule"):
            state.pop(key, None)
        _atomic_save(state, self.state_path)
        return ema.eval()

    def snapshot(self, model_dir: Path) -> Path:
        """The run's current EMA weights as a model folder, to evaluate before it finishes."""
        from diffusers import AutoencoderKL, UNet2DConditionModel

        from engine.starter.export import export_pipeline

        state = self._load_state()
        if "ema" not in state:
            raise ValueError("the run has no UNet weights yet")
        vae: Any = AutoencoderKL(**vae_config(self.recipe))
        vae.load_state_dict(state["vae_final"])
        unet: Any = UNet2DConditionModel(**unet_config(self.recipe))
        unet.load_state_dict(state["ema"])
        images = _training_set(self.recipe).images
        vae.register_to_config(scaling_factor=_scaling(vae.eval(), images))
        export_pipeline(vae, unet.eval(), model_dir, self.recipe)
        return model_dir

    def save_portable(self) -> Path:
        """Write the small copy of this unfinished run that another machine can go on from."""
        state = torch.load(self.state_path, weights_only=False)
        if state["stage"] != "unet" or "ema" not in state:
            raise ValueError("only a run in its UNet stage is worth carrying over")
        small = {
            "recipe": state["recipe"],
            "stage": "unet",
            "step": state["step"],
            "vae_losses": state["vae_losses"],
            "unet_losses": state["unet_losses"],
            "seconds": state["seconds"],
            "vae_final": {k: v.half() for k, v in state["vae_final"].items()},
            "ema": {k: v.half() for k, v in state["ema"].items()},
            "portable": True,
        }
        self.portable.parent.mkdir(parents=True, exist_ok=True)
        _atomic_save(small, self.portable)
        return self.portable

    # ---- all stages
    def run(self) -> TrainingReport:
        from engine.starter.export import export_pipeline, plot_losses, sample_grid

        began = time.perf_counter()
        state = self._load_state()
        data = _training_set(self.recipe)
        images, concepts = data.images, data.concepts
        vae = self.train_vae(state, images)
        latents = _latents(vae, images)
        scaling = float(1.0 / latents.std())
        vae.register_to_config(scaling_factor=scaling)
        if state["stage"] == "latents":
            state.update(stage="unet", step=0, seconds=0.0)
        unet = self.train_unet(state, latents * scaling, CaptionSampler(data, self.recipe))
        export_pipeline(vae, unet, self.model_dir, self.recipe)
        loss_plot = plot_losses(
            state["vae_losses"], state["unet_losses"], self.run_dir / "loss.png"
        )
        samples = sample_grid(
            self.model_dir,
            [c.captions[0] for c in concepts[:: max(1, len(concepts) // 32)][:32]],
            self.run_dir / "samples.png",
        )
        (self.run_dir / "report.json").write_text(
            json.dumps(
                {
                    "recipe": self.recipe.to_dict(),
                    "concepts": len(concepts),
                    "vae_final_loss": (
                        float(np.mean(state["vae_losses"][-50:])) if state["vae_losses"] else None
                    ),
                    "unet_final_loss": float(np.mean(state["unet_losses"][-50:])),
                    "seconds_this_run": time.perf_counter() - began,
                },
                indent=1,
            )
        )
        return TrainingReport(
            state["vae_losses"],
            state["unet_losses"],
            time.perf_counter() - began,
            self.model_dir,
            loss_plot,
            samples,
        )
