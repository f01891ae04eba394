"""Defaults per model family: steps, guidance, size, scheduler and how to phrase prompts.

Each preset says where its numbers come from, so an operator can trust or change them.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Preset:
    name: str
    family: str  # "sd" (SD 1.x/2.x pipelines) or "sdxl"
    steps: int
    guidance: float
    width: int
    height: int
    scheduler: str
    source: str
    # How a word or a sentence becomes a prompt for this model (see engine/prompts.py).
    prompt_style: str = "illustration"
    # Final size sent to chat; small models are upscaled crisply.
    display_size: int | None = None
    # True for models that can only draw their own closed training set (see engine/safety.py).
    closed_vocabulary: bool = False
    lora: str | None = None


PRESETS: dict[str, Preset] = {
    "starter": Preset(
        name="starter",
        family="sd",
        # From the sweep (engine/starter/MODEL_CARD.md): 6 steps reach the same held-in top-5
        # as 20; guidance 2 gives the best held-out (paraphrase) top-5, at ≤150 ms a picture.
        steps=6,
        guidance=2.0,
        width=64,
        height=64,
        scheduler="dpm++2m",
        source="this project's sweep (engine/starter/MODEL_CARD.md)",
        prompt_style="caption",
        display_size=256,
        closed_vocabulary=True,
    ),
    "tiny": Preset(
        name="tiny",
        family="sd",
        steps=4,
        guidance=2.0,
        width=32,
        height=32,
        scheduler="euler",
        source="test-sized random pipeline, like diffusers' get_dummy_components",
        prompt_style="caption",
        display_size=128,
        closed_vocabulary=True,
    ),
    "sd15": Preset(
        name="sd15",
        family="sd",
        steps=25,
        guidance=7.0,
        width=512,
        height=512,
        scheduler="dpm++2m-karras",
        source="diffusers docs 'Schedulers' and community practice: DPM++ 2M Karras, "
        "20-30 steps, CFG 7",
    ),
    "sd-turbo": Preset(
        name="sd-turbo",
        family="sd",
        steps=2,
        guidance=0.0,
        width=512,
        height=512,
        scheduler="euler-a",
        source="stabilityai/sd-turbo model card: 1-4 steps, guidance_scale=0.0",
    ),
    "sdxl-turbo": Preset(
        name="sdxl-turbo",
        family="sdxl",
        steps=2,
        guidance=0.0,
        width=512,
        height=512,
        scheduler="euler-a",
        source="stabilityai/sdxl-turbo model card: 1-4 steps, guidance_scale=0.0, 512x512",
    ),
    "sdxl": Preset(
        name="sdxl",
        family="sdxl",
        steps=30,
        guidance=6.0,
        width=1024,
        height=1024,
        scheduler="dpm++2m-karras",
        source="stabilityai/stable-diffusion-xl-base-1.0 model card and diffusers SDXL guide",
    ),
    "lcm-lora-sd15": Preset(
        name="lcm-lora-sd15",
        family="sd",
        steps=4,
        guidance=1.0,
        width=512,
        height=512,
        scheduler="lcm",
        lora="latent-consistency/lcm-lora-sdv1-5",
        source="latent-consistency/lcm-lora-sdv1-5 model card: 4-8 steps, guidance 1-2",
    ),
}

# Well-known model ids and the preset that suits them.
_KNOWN_MODELS = {
    "stabilityai/sd-turbo": "sd-turbo",
    "stabilityai/sdxl-turbo": "sdxl-turbo",
    "stabilityai/stable-diffusion-xl-base-1.0": "sdxl",
    "stable-diffusion-v1-5/stable-diffusion-v1-5": "sd15",
    "runwayml/stable-diffusion-v1-5": "sd15",
}


def preset_for(model: str, requested: str = "auto") -> Preset:
    """The preset named in config, or the one that fits the model."""
    if requested != "auto":
        if requested not in PRESETS:
            allowed = ", ".join(sorted(PRESETS))
            raise ValueError(f"unknown preset {requested!r}; choose one of: auto, {allowed}")
        return PRESETS[requested]
    if model in PRESETS and model in ("starter", "tiny"):
        return PRESETS[model]
    if model in _KNOWN_MODELS:
        return PRESETS[_KNOWN_MODELS[model]]
    lowered = model.lower()
    if "xl" in lowered and "turbo" in lowered:
        return PRESETS["sdxl-turbo"]
    if "turbo" in lowered:
        return PRESETS["sd-turbo"]
    if "xl" in lowered:
        return PRESETS["sdxl"]
    return PRESETS["sd15"]
