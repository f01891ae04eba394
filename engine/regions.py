"""A scene's layout steering an open diffusers model: each thing drawn in its own box.

The starter draws every object on its own and places it (engine/scene.py). A general model
draws the whole sentence at once, and left alone it puts things anywhere, merges counts and
loses "under" (spatial relations are Stable Diffusion's weakest skill). Two ways to steer it
with the same boxes:

- **Regional prompts** (any SD 1.x/2.x or SDXL pipeline): at every denoising step the UNet
  predicts the noise once for the whole sentence and once per region ("a red apple"); inside a
  region its own prediction is used, outside the sentence's, blended at soft edges (the
  weighted average of MultiDiffusion). Things in front win where boxes overlap.
- **GLIGEN** (diffusers' ``StableDiffusionGLIGENPipeline``, when the operator's model is one):
  the boxes and their phrases go to its gated attention layers, which were trained for this.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from engine.scene import Scene
from engine.scene_layout import layout

log = logging.getLogger(__name__)

_CANVAS = 1000  # layout units; boxes are kept as fractions of the picture
BACKGROUND_INSIDE = 0.15  # how much of the sentence's own prediction stays inside a region


@dataclass(frozen=True)
class Region:
    """One thing of the scene: what to draw (`prompt`), what the check looks for (`subject`)
    and where (every copy's box, as fractions x0, y0, x1, y1 of the picture)."""

    prompt: str
    subject: str
    boxes: tuple[tuple[float, float, float, float], ...]


def regions_for(scene: Scene) -> list[Region]:
    """The layout's boxes grouped by what they show, back to front (a thing's first box
    decides its place in the drawing order)."""
    grouped: dict[tuple[str, str | None], list[tuple[float, float, float, float]]] = {}
    for box in layout(scene, _CANVAS):
        if box.setting:
            continue  # the sentence itself names it; the band is only the starter's way
        x0, y0 = box.x / _CANVAS, box.y / _CANVAS
        x1, y1 = min(1.0, x0 + box.size / _CANVAS), min(1.0, y0 + box.size / _CANVAS)
        grouped.setdefault((box.concept, box.colour), []).append((x0, y0, x1, y1))
    return [
        Region(f"a {colour} {concept}" if colour else f"a {concept}", concept, tuple(boxes))
        for (concept, colour), boxes in grouped.items()
    ]


def region_masks(regions: list[Region], height: int, width: int) -> Any:
    """(regions, 1, height, width) weights in 0..1 with soft edges; where two regions overlap
    the later one (in front) keeps the place."""
    import torch
    import torch.nn.functional as F

    masks = torch.zeros(len(regions), 1, height, width)
    for index, region in enumerate(regions):
        for x0, y0, x1, y1 in region.boxes:
            top, bottom = round(y0 * height), max(round(y1 * height), round(y0 * height) + 1)
            left, right = round(x0 * width), max(round(x1 * width), round(x0 * width) + 1)
            masks[index, 0, top:bottom, left:right] = 1.0
    masks = F.avg_pool2d(masks, 3, stride=1, padding=1, count_include_pad=False)
    for index in range(len(regions) - 1):
        in_front = masks[index + 1 :].amax(dim=0)
        masks[index] = masks[index] * (1 - in_front)
    return masks


def blend(base: Any, per_region: list[Any], masks: Any) -> Any:
    """MultiDiffusion's weighted average of noise predictions: a region's own inside it, the
    sentence's outside (and a little inside, so the scene stays one picture)."""
    import torch

    masks = masks.to(device=base.device, dtype=base.dtype)
    covered = masks.sum(dim=0).clamp(max=1.0)
    background = 1.0 - (1.0 - BACKGROUND_INSIDE) * covered
    total = background * base + sum(m * p for m, p in zip(masks, per_region, strict=True))
    weight = background + masks.sum(dim=0)
    return total / torch.clamp(weight, min=1e-6)


@contextmanager
def steered(pipe: Any, regions: list[Region]) -> Iterator[None]:
    """While the block runs, `pipe`'s UNet predicts each region with the region's prompt and
    blends the predictions by the regions' masks. The UNet is restored afterwards."""
    import torch

    if not regions:
        yield
        return
    device = getattr(pipe, "_execution_device", None) or pipe.device
    with torch.no_grad():
        encoded = [
            pipe.encode_prompt(
                prompt=r.prompt,
                device=device,
                num_images_per_prompt=1,
                do_classifier_free_guidance=False,
            )
            for r in regions
        ]
    embeds = [e[0] for e in encoded]
    # SDXL also conditions on a pooled embedding of the whole prompt: the region's own too
    pooled = [e[2] if len(e) >= 4 else None for e in encoded]
    unet = pipe.unet
    original = unet.forward
    masks_by_size: dict[tuple[int, int], Any] = {}

    def forward(sample: Any, timestep: Any, *args: Any, **kwargs: Any) -> Any:
        hidden = kwargs.get("encoder_hidden_states", args[0] if args else None)
        result = original(sample, timestep, *args, **kwargs)
        if hidden is None or any(e.shape[1:] != hidden.shape[1:] for e in embeds):
            return result  # an unexpected call (not the denoising loop's): left as it is
        first = hidden.shape[0] // 2 if getattr(pipe, "do_classifier_free_guidance", False) else 0
        predictions = []
        for embed, pool in zip(embeds, pooled, strict=True):
            own = dict(kwargs, encoder_hidden_states=_rows(hidden, embed, first))
            added = kwargs.get("added_cond_kwargs")
            if pool is not None and added and "text_embeds" in added:
                own["added_cond_kwargs"] = added | {
                    "text_embeds": _rows(added["text_embeds"], pool, first)
                }
            rest = args[1:] if "encoder_hidden_states" not in kwargs else args
            predictions.append(_prediction(original(sample, timestep, *rest, **own)))
        size = (sample.shape[-2], sample.shape[-1])
        if size not in masks_by_size:
            masks_by_size[size] = region_masks(regions, *size)
        mixed = blend(_prediction(result), predictions, masks_by_size[size])
        if isinstance(result, tuple):
            return (mixed, *result[1:])
        return type(result)(sample=mixed)

    unet.forward = forward
    try:
        yield
    finally:
        if unet.__dict__.get("forward") is forward:
            del unet.forward  # the class's own forward again


def _rows(batch: Any, embed: Any, first: int) -> Any:
    """`batch` with its conditioned rows (from `first` on; the unconditioned ones come first
    under classifier-free guidance) replaced by `embed`."""
    own = batch.clone()
    own[first:] = embed.to(batch.dtype).expand(batch.shape[0] - first, *embed.shape[1:])
    return own


def _prediction(answer: Any) -> Any:
    return answer[0] if isinstance(answer, tuple) else answer.sample


def is_gligen(pipe: Any) -> bool:
    return type(pipe).__name__.startswith("StableDiffusionGLIGEN")


def gligen_arguments(regions: list[Region]) -> dict[str, Any]:
    """GLIGEN's call arguments: one phrase per box (every copy of a thing has its own)."""
    phrases = [r.prompt for r in regions for _ in r.boxes]
    boxes = [list(box) for r in regions for box in r.boxes]
    return {"gligen_phrases": phrases, "gligen_boxes": boxes}


def split_layout_pipeline(pipe: Any) -> tuple[Any, Any]:
    """(the pipeline that draws words, the one that draws layouts or None). A GLIGEN model
    draws single words through a plain pipeline over the same components, so the rest of the
    engine (LoRAs, schedulers, taught words) sees one ordinary Stable Diffusion pipeline."""
    if not is_gligen(pipe):
        return pipe, None
    from diffusers import StableDiffusionPipeline

    plain = StableDiffusionPipeline.from_pipe(pipe)
    log.info("GLIGEN model: scenes are drawn with their boxes, words with the same weights")
    return plain, pipe


def region_crops(image: Any, regions: list[Region]) -> list[tuple[str, Any]]:
    """(what should be seen, the part of the picture it should be seen in), per copy."""
    width, height = image.size
    return [
        (
            region.subject,
            image.crop(
                (round(x0 * width), round(y0 * height), round(x1 * width), round(y1 * height))
            ),
        )
        for region in regions
        for x0, y0, x1, y1 in region.boxes
    ]
