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
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import torch
from tqdm import tqdm

from engine.starter import MODEL_DIR, TOKENS, load_text_encoder
from engine.starter.dataset import load as load_dataset
from engine.starter.recipe import Recipe, scheduler_config, unet_config, vae_config

log = logging.getLogger(__name__)
CHECKPOINT_EVERY = 250


@dataclass
class TrainingReport:
    vae_losses: list[float]
    unet_losses: list[float]
    seconds: float
    model_dir: Path
    loss_plot: Path
    samples: Path


def _atomic_save(state: dict[str, Any], path: Path) -> None:
    temp = path.with_suffix(".tmp")
    torch.save(state, temp)
    os.replace(temp, path)


def _images(recipe: Recipe) -> tuple[torch.Tensor, list[Any]]:
    pixels, concepts = load_dataset()
    if recipe.concepts:
        pixels, concepts = pixels[: recipe.concepts], concepts[: recipe.concepts]
    tensor = torch.from_numpy(np.ascontiguousarray(pixels)).permute(0, 3, 1, 2).float() / 127.5 - 1
    return tensor, concepts


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
        run_dir.mkdir(parents=True, exist_ok=True)

    # ---- state
    def _load_state(self) -> dict[str, Any]:
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
    def encode_captions(
        self, concepts: list[Any]
    ) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
        """(embeddings of every caption, the concept of each, embedding of the empty prompt)."""
        encoder, tokenizer = load_text_encoder()
        captions, owners = [], []
        for index, concept in enumerate(concepts):
            for caption in concept.captions:
                captions.append(caption)
                owners.append(index)
        with torch.no_grad():
            ids = tokenizer(
                [*captions, ""],
                padding="max_length",
                max_length=TOKENS,
                truncation=True,
                return_tensors="pt",
            ).input_ids
            embeddings = torch.cat([encoder(ids[i : i + 256])[0] for i in range(0, len(ids), 256)])
        return embeddings[:-1], torch.tensor(owners), embeddings[-1:]

    def train_unet(
        self,
        state: dict[str, Any],
        latents: torch.Tensor,
        captions: tuple[torch.Tensor, torch.Tensor, torch.Tensor],
    ) -> Any:
        from diffusers import DDPMScheduler, UNet2DConditionModel

        r = self.recipe
        embeddings, owners, empty = captions
        noise_schedule: Any = DDPMScheduler(**scheduler_config())
        alphas = noise_schedule.alphas_cumprod
        torch.manual_seed(r.seed + 1)
        unet: Any = UNet2DConditionModel(**unet_config(r))
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
        started = time.perf_counter() - state["seconds"]
        gamma = torch.tensor(r.min_snr_gamma)
        with self._bar(r.unet_steps, state["step"], "unet") as bar:
            for step in range(state["step"], r.unet_steps):
                pick = torch.randint(0, len(embeddings), (r.unet_batch,))
                clean = latents[owners[pick]]
                condition = embeddings[pick].clone()
                condition[torch.rand(r.unet_batch) < r.caption_dropout] = empty
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

    # ---- all stages
    def run(self) -> TrainingReport:
        from engine.starter.export import export_pipeline, plot_losses, sample_grid

        began = time.perf_counter()
        state = self._load_state()
        images, concepts = _images(self.recipe)
        vae = self.train_vae(state, images)
        with torch.no_grad():
            latents = torch.cat(
                [
                    vae.encode(images[i : i + 64]).latent_dist.mode()
                    for i in range(0, len(images), 64)
                ]
            )
        scaling = float(1.0 / latents.std())
        vae.register_to_config(scaling_factor=scaling)
        captions = self.encode_captions(concepts)
        if state["stage"] == "latents":
            state.update(stage="unet", step=0, seconds=0.0)
        unet = self.train_unet(state, latents * scaling, captions)
        export_pipeline(vae, unet, self.model_dir, self.recipe)
        loss_plot = plot_losses(
            state["vae_losses"], state["unet_losses"], self.run_dir / "loss.png"
        )
        samples = sample_grid(
            self.model_dir, [c.captions[0] for c in concepts[:32]], self.run_dir / "samples.png"
        )
        (self.run_dir / "report.json").write_text(
            json.dumps(
                {
                    "recipe": self.recipe.to_dict(),
                    "concepts": len(concepts),
                    "vae_final_loss": float(np.mean(state["vae_losses"][-50:])),
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
