"""The starter model's architecture and training recipe, in one place.

Chosen by measurement on 2 CPU cores (see MODEL_CARD.md): a 4x autoencoder (64 px ↔ 16x16x4
latents) trains in minutes, and a 12 M-parameter UNet with attention only at 8x8 and 4x4
memorises the closed vocabulary in about an hour with v-prediction, min-SNR weighting and EMA.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any


@dataclass(frozen=True)
class Recipe:
    image_size: int = 64
    # Autoencoder: two downsamplings (f=4), no mid-block attention (cheap, crop-trainable).
    vae_channels: tuple[int, ...] = (32, 64, 64)
    latent_channels: int = 4
    vae_steps: int = 3000
    vae_crop: int = 32  # most steps see random 32 px crops: 4x cheaper, same local detail
    vae_full_steps: int = 400  # the last steps see whole 64 px pictures
    vae_lr: float = 1e-3
    vae_batch: int = 32
    # UNet: attention only where it is cheap; the text also enters the time embedding.
    unet_channels: tuple[int, ...] = (64, 128, 192)
    unet_layers: int = 1
    unet_steps: int = 4000
    unet_lr: float = 1e-3
    unet_batch: int = 64
    attention_head_dim: int = 32
    caption_dropout: float = 0.1  # lets classifier-free guidance work
    ema_decay: float = 0.999
    min_snr_gamma: float = 5.0
    seed: int = 0
    concepts: int = 0  # 0 = every concept in the dataset; tests use a handful
    data: str = ""  # the training set's folder ("" = the committed one)
    init_from: str = ""  # a model folder to start from (same architecture): growth, not restart
    style_rate: float = 0.5  # how often a caption names the picture's style ("…, fluent style")
    keyword_rate: float = 0.15  # how often a looser CLDR keyword stands in for the caption

    @classmethod
    def growth(cls, data: str, init_from: str) -> Recipe:
        """The grown model: the shipped one fine-tuned on the four-style, 1,500-concept set
        (the autoencoder briefly, for OpenMoji's outlines; the UNet at a gentler rate)."""
        return cls(
            vae_steps=1200,
            vae_full_steps=300,
            vae_lr=3e-4,
            unet_steps=8000,
            unet_lr=5e-4,
            data=data,
            init_from=init_from,
        )

    @classmethod
    def continuation(cls, data: str, init_from: str, steps: int = 4000) -> Recipe:
        """More steps for a grown model that is still under-trained: its autoencoder kept as is
        (the latents the UNet learned stay valid), the UNet at a lower rate."""
        return cls(
            vae_steps=0,
            vae_full_steps=0,
            unet_steps=steps,
            unet_lr=2e-4,
            data=data,
            init_from=init_from,
        )

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        return {k: list(v) if isinstance(v, tuple) else v for k, v in data.items()}

    @classmethod
    def smoke(cls) -> Recipe:
        """A few steps on a few concepts: shows the loss falls, in seconds."""
        return cls(
            vae_channels=(16, 16, 32),
            vae_steps=40,
            vae_full_steps=10,
            vae_batch=8,
            unet_channels=(32, 32, 64),
            unet_steps=60,
            unet_batch=16,
            attention_head_dim=8,
            concepts=8,
        )


def unet_config(recipe: Recipe) -> dict[str, Any]:
    levels = len(recipe.unet_channels)
    return {
        "sample_size": recipe.image_size // 2 ** (len(recipe.vae_channels) - 1),
        "in_channels": recipe.latent_channels,
        "out_channels": recipe.latent_channels,
        "block_out_channels": tuple(recipe.unet_channels),
        "down_block_types": ("DownBlock2D",) + ("CrossAttnDownBlock2D",) * (levels - 1),
        "up_block_types": ("CrossAttnUpBlock2D",) * (levels - 1) + ("UpBlock2D",),
        "layers_per_block": recipe.unet_layers,
        "cross_attention_dim": 384,  # all-MiniLM-L6-v2's hidden size
        "attention_head_dim": recipe.attention_head_dim,
        "norm_num_groups": min(32, recipe.unet_channels[0]),
        "addition_embed_type": "text",
    }


def vae_config(recipe: Recipe) -> dict[str, Any]:
    levels = len(recipe.vae_channels)
    return {
        "in_channels": 3,
        "out_channels": 3,
        "down_block_types": ("DownEncoderBlock2D",) * levels,
        "up_block_types": ("UpDecoderBlock2D",) * levels,
        "block_out_channels": tuple(recipe.vae_channels),
        "latent_channels": recipe.latent_channels,
        "layers_per_block": 1,
        "norm_num_groups": 16,
        "sample_size": recipe.image_size,
        "mid_block_add_attention": False,
    }


def scheduler_config() -> dict[str, Any]:
    """SD's noise schedule, with zero terminal SNR and trailing steps for few-step sampling."""
    return {
        "beta_schedule": "scaled_linear",
        "beta_start": 0.00085,
        "beta_end": 0.012,
        "num_train_timesteps": 1000,
        "prediction_type": "v_prediction",
        "rescale_betas_zero_snr": True,
        "timestep_spacing": "trailing",
        "steps_offset": 1,
    }
