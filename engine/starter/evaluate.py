"""`pictolingo eval`: does the starter model draw what was asked, the same way every time?

Retrieval in a fixed feature space: each generated picture is compared with every training
picture (small colour thumbnails, mean removed, cosine similarity); it counts as right at k when
its own emoji is among the k most similar. Also reproducibility, diversity and speed.
"""

from __future__ import annotations

import io
import itertools
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from engine.starter.catalogue import article
from engine.starter.dataset import Concept
from engine.starter.paraphrases import PARAPHRASES

Draw = Callable[[list[str], list[int]], list[Any]]


def features(images: Sequence[Any]) -> np.ndarray:
    """Fixed features: 24x24 RGB thumbnails on white, mean removed, unit length."""
    from PIL import Image

    rows = []
    for image in images:
        if isinstance(image, np.ndarray):
            image = Image.fromarray(image)
        small = image.convert("RGB").resize((24, 24), Image.Resampling.BOX)
        vector = np.asarray(small, dtype=np.float32).reshape(-1) / 255.0
        vector = vector - vector.mean()
        rows.append(vector / (np.linalg.norm(vector) + 1e-8))
    return np.stack(rows)


def closest_per_owner(similarity: np.ndarray, owners: np.ndarray, count: int) -> np.ndarray:
    """(images, pictures) similarities → (images, concepts): each concept as near as its
    nearest picture (one per style, or a teacher's photos); -inf for a concept with none."""
    order = np.argsort(owners, kind="stable")
    sorted_owners = owners[order]
    starts = np.flatnonzero(np.r_[True, sorted_owners[1:] != sorted_owners[:-1]])
    result = np.full((len(similarity), count), -np.inf, dtype=similarity.dtype)
    result[:, sorted_owners[starts]] = np.maximum.reduceat(similarity[:, order], starts, axis=1)
    return result


def topk_hits(
    generated: np.ndarray,
    reference: np.ndarray,
    targets: Sequence[int],
    ks: Sequence[int] = (1, 5),
    owners: np.ndarray | None = None,
) -> dict[int, float]:
    """How often each picture's own concept is among the k nearest concepts (a concept with
    several reference pictures, one per style, is as near as its nearest picture)."""
    similarity = generated @ reference.T
    if owners is not None:
        similarity = closest_per_owner(similarity, owners, int(owners.max()) + 1)
    order = np.argsort(-similarity, axis=1)
    hits = {}
    for k in ks:
        hits[k] = float(np.mean([t in order[i, :k] for i, t in enumerate(targets)]))
    return hits


@dataclass
class StarterEvaluator:
    """Evaluates a draw function (prompts, seeds → PIL images) against the training pictures."""

    draw: Draw
    reference_images: np.ndarray
    concepts: list[Concept]
    batch: int = 8
    owners: np.ndarray | None = None  # the concept of each reference picture (several styles)

    def __post_init__(self) -> None:
        self.reference = features(list(self.reference_images))

    def _hits(self, images: list[Any], targets: Sequence[int]) -> dict[int, float]:
        return topk_hits(features(images), self.reference, targets, owners=self.owners)

    def _draw_all(self, prompts: list[str], seeds: list[int]) -> list[Any]:
        images: list[Any] = []
        for start in range(0, len(prompts), self.batch):
            images.extend(
                self.draw(prompts[start : start + self.batch], seeds[start : start + self.batch])
            )
        return images

    def held_in(self, limit: int = 0) -> dict[str, float]:
        chosen = self.concepts[:limit] if limit else self.concepts
        prompts = [article(c.name) for c in chosen]
        images = self._draw_all(prompts, [0] * len(prompts))
        hits = self._hits(images, [c.index for c in chosen])
        return {"top1": hits[1], "top5": hits[5], "prompts": float(len(prompts))}

    def held_out(self, limit: int = 0) -> dict[str, float]:
        by_name = {c.name: c.index for c in self.concepts}
        taken = {text for c in self.concepts for text in (*c.captions, *c.keywords)}
        pairs = [
            (w, by_name[n])
            for w, n in PARAPHRASES.items()
            if n in by_name and w not in taken and article(w) not in taken
        ]
        pairs = pairs[:limit] if limit else pairs
        images = self._draw_all([article(w) for w, _ in pairs], [0] * len(pairs))
        hits = self._hits(images, [t for _, t in pairs])
        return {"top1": hits[1], "top5": hits[5], "prompts": float(len(pairs))}

    def reproducibility(self, count: int = 16) -> float:
        prompts = [article(c.name) for c in self.concepts[:count]]
        first = [png_bytes(i) for i in self._draw_all(prompts, list(range(count)))]
        second = [png_bytes(i) for i in self._draw_all(prompts, list(range(count)))]
        return float(np.mean([a == b for a, b in zip(first, second, strict=True)]))

    def diversity(self, count: int = 16, seeds: int = 4) -> float:
        """Mean feature distance between pictures of one prompt drawn with different seeds."""
        distances = []
        for concept in self.concepts[:count]:
            images = self.draw([article(concept.name)] * seeds, list(range(100, 100 + seeds)))
            vectors = features(images)
            for a, b in itertools.combinations(range(seeds), 2):
                distances.append(float(np.linalg.norm(vectors[a] - vectors[b])))
        return float(np.mean(distances))

    def milliseconds_per_image(self, batch: int = 8, rounds: int = 3) -> float:
        prompts = [article(c.name) for c in self.concepts[:batch]]
        self.draw(prompts, list(range(batch)))  # warm-up
        started = time.perf_counter()
        for _ in range(rounds):
            self.draw(prompts, list(range(batch)))
        return (time.perf_counter() - started) * 1000 / (rounds * batch)


def png_bytes(image: Any) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def pipeline_drawer(pipe: Any, *, steps: int, guidance: float, size: int = 64) -> Draw:
    import torch

    def draw(prompts: list[str], seeds: list[int]) -> list[Any]:
        generators = [torch.Generator("cpu").manual_seed(s) for s in seeds]
        return list(
            pipe(
                prompt=prompts,
                num_inference_steps=steps,
                guidance_scale=guidance,
                generator=generators,
                height=size,
                width=size,
            ).images
        )

    return draw
