"""Checking finished pictures for models that bring no safety checker of their own.

`engine.image_checker` names a diffusers `StableDiffusionSafetyChecker` (a local folder, or a
hub id such as CompVis/stable-diffusion-safety-checker on a machine that may download it).
"""

from __future__ import annotations

from typing import Any, Protocol


class ImageChecker(Protocol):
    def check(self, images: list[Any]) -> list[bool | None]:
        """For each PIL image: True = safe, False = flagged, None = could not be checked."""
        ...


class ClipSafetyChecker:
    """diffusers' CLIP-based checker, the one the Stable Diffusion 1.x pipelines ship with."""

    def __init__(self, source: str, device: str = "cpu") -> None:
        from diffusers.pipelines.stable_diffusion.safety_checker import (
            StableDiffusionSafetyChecker,
        )
        from transformers import CLIPImageProcessor

        self.processor = CLIPImageProcessor.from_pretrained(source)
        model: Any = StableDiffusionSafetyChecker.from_pretrained(source)
        self.model = model.to(device).eval()
        self.device = device

    def check(self, images: list[Any]) -> list[bool | None]:
        import numpy as np
        import torch

        inputs = self.processor(images, return_tensors="pt").to(self.device)
        arrays = [np.asarray(image, dtype=np.float32) / 255.0 for image in images]
        with torch.no_grad():
            _, flagged = self.model(
                images=np.stack(arrays), clip_input=inputs.pixel_values.to(self.model.dtype)
            )
        return [None if f is None else not bool(f) for f in flagged]
