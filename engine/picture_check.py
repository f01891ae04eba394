"""Does a finished picture show what it was drawn for? Checked before it is taught, failing closed.

``ConceptCheck`` (the starter model): the picture is compared with every training picture in the
evaluation's feature space (``engine/starter/evaluate.py``); it passes when its concept's own
picture is among the nearest and close enough. ``ClipCheck`` (any other model, when configured
with ``[engine] picture_check = "clip:<local folder>"``): an image–text score from a CLIP model
loaded from disk. ``run_check`` turns a crash or a timeout into "failed", never "passed".
"""

from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from pathlib import Path
from typing import Any, Protocol

import numpy as np

log = logging.getLogger(__name__)

# Calibrated on the starter's 814 concepts drawn twice (engine/starter/MODEL_CARD.md): the
# concept's own picture is the nearest for 99.3 % of them, with similarity ≥ 0.92 for 99 %.
CONCEPT_TOP_K = 2
CONCEPT_MIN_SIMILARITY = 0.85
CLIP_MIN_SCORE = 0.22
# A part shares its whole with others (a neck and a chest are both ringed on a man, a tail is
# ringed on the cat; ``engine/starter/parts.py``): it passes only as the nearest picture, and
# where its red circle is, the picture must be nearer the part's picture than any of the
# RING_RIVALS nearest concepts' (the whole without the circle, another part of it).
RING_NEAR = 2  # px at 64 around the circle that count as where it is
RING_RIVALS = 6


class PictureCheck(Protocol):
    name: str

    def check(self, images: list[Any], subjects: list[str]) -> list[bool]:
        """For each PIL image: True when it shows its subject."""
        ...


class ConceptCheck:
    """The starter's check: nearest training pictures in a fixed feature space. A concept may
    have several pictures (one per art style, or a teacher's photos of a taught word); its
    score is its closest one."""

    name = "concept-match"

    def __init__(
        self,
        reference_images: np.ndarray,
        names: list[str],
        top_k: int = CONCEPT_TOP_K,
        min_similarity: float = CONCEPT_MIN_SIMILARITY,
        owners: np.ndarray | None = None,
    ) -> None:
        from engine.starter.evaluate import features

        self.reference = features(list(reference_images))
        self.owners = np.arange(len(names)) if owners is None else np.asarray(owners)
        self.names = list(names)
        self.index = {name: i for i, name in enumerate(self.names)}
        self.top_k = top_k
        self.min_similarity = min_similarity
        from engine.groups import ringed

        self.images = np.asarray(reference_images)
        first = {int(owner): at for at, owner in reversed(list(enumerate(self.owners)))}
        self.rings = {
            name: where_circled(self.images[first[self.index[name]]])
            for name in ringed() & set(self.index)
            if self.index[name] in first
        }
        self.part_owners = [self.index[name] for name in self.rings]  # rivals of no other word

    @classmethod
    def for_starter(cls) -> ConceptCheck:
        from engine.starter import additions

        # with the four styles on, a concept's pictures in every style are its references
        styles = additions.styles_available()
        pictures = additions.styled_pictures() if styles else additions.drawable_pictures()
        names = [c.name for c in additions.drawable_concepts()]
        return cls(pictures.images, names, owners=pictures.owners)

    def add(self, name: str, images: list[Any]) -> None:
        """A word a teacher taught: its own pictures are its references."""
        from engine.starter.evaluate import features

        if name not in self.index:
            self.index[name] = len(self.names)
            self.names.append(name)
        self.reference = np.concatenate([self.reference, features(images)])
        self.owners = np.concatenate([self.owners, np.full(len(images), self.index[name])])

    def scores(self, images: list[Any], subjects: list[str]) -> list[tuple[int, float]]:
        """(rank of the subject among concepts, its similarity) per image; rank -1: unknown."""
        return [score for score, _ in self._scored(images, subjects)]

    def _scored(
        self, images: list[Any], subjects: list[str]
    ) -> list[tuple[tuple[int, float], np.ndarray]]:
        from engine.starter.evaluate import closest_per_owner, features

        per_picture = features(images) @ self.reference.T
        similarity = closest_per_owner(per_picture, self.owners, len(self.names))
        found = []
        parts = self.part_owners
        for row, subject in zip(similarity, subjects, strict=True):
            target = self.index.get(subject)
            if target is None:
                found.append(((-1, 0.0), row))
                continue
            if parts and subject not in self.rings:
                row = row.copy()  # a cat ringed at its tail is no rival of the cat
                row[parts] = -np.inf
            rank = int(np.sum(row > row[target]))
            found.append(((rank, float(row[target])), row))
        return found

    def check(self, images: list[Any], subjects: list[str]) -> list[bool]:
        passed = []
        scored = self._scored(images, subjects)
        for image, subject, ((rank, similarity), row) in zip(images, subjects, scored, strict=True):
            ok = 0 <= rank < self.top_k and similarity >= self.min_similarity
            if ok and subject in self.rings:
                ok = rank == 0 and self._circled(image, subject, row)
            passed.append(ok)
        return passed

    def _circled(self, image: Any, subject: str, row: np.ndarray) -> bool:
        """Where the part's circle is, is the picture nearest the part's own picture among the
        nearest concepts' pictures (a plain cat is nearer the cat there than the tail)?"""
        where = self.rings[subject]
        drawn = rgb64(image)[where]
        rivals = np.argsort(-row)[:RING_RIVALS]
        distance = {
            int(owner): min(
                float(np.abs(picture[where].astype(int) - drawn).mean())
                for picture in self.images[self.owners == owner]
            )
            for owner in rivals
        }
        return min(distance, key=distance.__getitem__) == self.index[subject]


def rgb64(image: Any) -> np.ndarray:
    """A picture (PIL or an RGB array) as 64 × 64 RGB integers."""
    if hasattr(image, "convert"):
        image = image.convert("RGB").resize((64, 64))
    return np.asarray(image, dtype=int)


def red(image: Any) -> np.ndarray:
    """Where a picture is the circle's red, at 64 px."""
    pixels = rgb64(image)
    r, g, b = pixels[..., 0], pixels[..., 1], pixels[..., 2]
    # the circle's red has as much blue as green; the skin's orange outline has no blue
    return (r > 160) & (r - g > 90) & (b >= 24) & (np.abs(g - b) < 45)


def where_circled(picture: Any) -> np.ndarray:
    """The part's red circle in its training picture, and RING_NEAR px around it."""
    from scipy.ndimage import binary_dilation

    return np.asarray(binary_dilation(red(picture), iterations=RING_NEAR))


class ClipCheck:
    """Any model: CLIP's image–text cosine for "a picture of <subject>" above a threshold."""

    name = "clip"

    def __init__(self, folder: str, device: str = "cpu", min_score: float = CLIP_MIN_SCORE) -> None:
        from transformers import CLIPModel, CLIPProcessor

        path = Path(folder).expanduser()
        if not path.is_dir():
            raise ValueError(f"engine.picture_check: no CLIP model folder at {path}")
        self.processor = CLIPProcessor.from_pretrained(path, local_files_only=True)
        model: Any = CLIPModel.from_pretrained(path, local_files_only=True)
        self.model = model.to(device).eval()
        self.device = device
        self.min_score = min_score

    def scores(self, images: list[Any], subjects: list[str]) -> list[float]:
        import torch

        texts = [f"a picture of {subject}" for subject in subjects]
        inputs = self.processor(text=texts, images=images, return_tensors="pt", padding=True)
        inputs = {k: v.to(self.device) for k, v in inputs.items()}
        with torch.no_grad():
            image_vectors = self.model.get_image_features(pixel_values=inputs["pixel_values"])
            text_vectors = self.model.get_text_features(
                input_ids=inputs["input_ids"], attention_mask=inputs.get("attention_mask")
            )
        image_vectors = torch.nn.functional.normalize(image_vectors, dim=-1)
        text_vectors = torch.nn.functional.normalize(text_vectors, dim=-1)
        return [float(v) for v in (image_vectors * text_vectors).sum(-1)]

    def check(self, images: list[Any], subjects: list[str]) -> list[bool]:
        return [score >= self.min_score for score in self.scores(images, subjects)]


def load_check(spec: str, model: str, device: str = "cpu") -> PictureCheck | None:
    """The check for this model: the starter's own; "clip:<folder>"; "" = none for hub models."""
    if spec == "off":
        return None
    if spec.startswith("clip:"):
        return ClipCheck(spec[len("clip:") :], device)
    if spec in ("", "auto") and model == "starter":
        return ConceptCheck.for_starter()
    if spec in ("", "auto"):
        return None
    raise ValueError(
        f'engine.picture_check: expected "auto", "off" or "clip:<folder>", got {spec!r}'
    )


_pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="picture-check")


def run_check(
    check: PictureCheck, images: list[Any], subjects: list[str], timeout: float = 30.0
) -> list[bool]:
    """The check's verdicts; a crash, a timeout or a wrong-length answer fails every picture."""
    try:
        verdicts = _pool.submit(check.check, images, subjects).result(timeout=timeout)
    except FutureTimeout:
        log.error("the picture check timed out after %.0f s: pictures not sent", timeout)
        return [False] * len(images)
    except Exception as exc:
        log.error("the picture check failed (%s: %s): pictures not sent", type(exc).__name__, exc)
        return [False] * len(images)
    if len(verdicts) != len(images):
        return [False] * len(images)
    return [verdict is True for verdict in verdicts]
