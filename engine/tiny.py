"""A test-sized Stable Diffusion pipeline with random weights, built in memory with no downloads.

Like diffusers' own ``get_dummy_components()``: the real pipeline code runs end to end, quickly;
the pictures are coloured noise. Used by tests and by ``engine.model = "tiny"``.
"""

from __future__ import annotations

from typing import Any

TINY_SEED = 0


def build_tiny_pipeline() -> Any:
    import torch
    from diffusers import (
        AutoencoderKL,
        EulerDiscreteScheduler,
        StableDiffusionPipeline,
        UNet2DConditionModel,
    )
    from transformers import AutoTokenizer, BertConfig, BertModel

    from engine.starter import TOKENS, text_encoder_dir

    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(TINY_SEED)
        unet = UNet2DConditionModel(
            sample_size=8,
            in_channels=4,
            out_channels=4,
            block_out_channels=(32, 64),
            layers_per_block=1,
            down_block_types=("CrossAttnDownBlock2D", "DownBlock2D"),
            up_block_types=("UpBlock2D", "CrossAttnUpBlock2D"),
            cross_attention_dim=32,
            attention_head_dim=8,
            norm_num_groups=32,
        )
        vae = AutoencoderKL(
            in_channels=3,
            out_channels=3,
            down_block_types=("DownEncoderBlock2D",) * 3,
            up_block_types=("UpDecoderBlock2D",) * 3,
            block_out_channels=(32, 32, 32),
            latent_channels=4,
            layers_per_block=1,
            norm_num_groups=32,
            sample_size=32,
        )
        tokenizer = AutoTokenizer.from_pretrained(
            text_encoder_dir(), model_max_length=TOKENS, local_files_only=True
        )
        text_encoder = BertModel(
            BertConfig(
                vocab_size=tokenizer.vocab_size,
                hidden_size=32,
                num_hidden_layers=2,
                num_attention_heads=4,
                intermediate_size=37,
                max_position_embeddings=64,
            )
        )
    modules: list[Any] = [unet, vae, text_encoder]
    for module in modules:
        module.eval()  # freshly built modules start in training mode (dropout on)
    scheduler = EulerDiscreteScheduler(steps_offset=1)
    pipe: Any = StableDiffusionPipeline(
        vae=vae,
        text_encoder=text_encoder,
        tokenizer=tokenizer,
        unet=unet,
        scheduler=scheduler,
        safety_checker=None,
        feature_extractor=None,
        requires_safety_checker=False,
    )
    pipe.set_progress_bar_config(disable=True)
    return pipe
