"""What to draw: one picture's full parameters, with the keys used to cache and to batch it."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field, fields, replace
from typing import Any


@dataclass(frozen=True)
class GenerationRequest:
    """Everything that decides the picture's pixels (and nothing else)."""

    model: str
    prompt: str
    negative_prompt: str
    width: int
    height: int
    steps: int
    guidance: float
    seed: int
    scheduler: str
    # LoRA styles as (name, weight) pairs; part of both keys since they change the pixels.
    adapters: tuple[tuple[str, float], ...] = field(default_factory=tuple)
    # What the finished picture must show (a concept, a word); checked before it is sent.
    # Not a pixel setting, but part of the cache key: a cached picture passed *this* check.
    subject: str = ""
    # A sentence drawn as a scene (engine/scene.py, as JSON): each object drawn and placed.
    scene: str = ""

    def to_dict(self) -> dict[str, Any]:
        # every field is a plain value but the styles: no deep copy needed (dataclasses.asdict
        # was a tenth of a cached /word's time)
        data = {name: getattr(self, name) for name in _FIELDS}
        data["adapters"] = [list(pair) for pair in self.adapters]
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> GenerationRequest:
        values = dict(data)
        values["adapters"] = tuple((str(n), float(w)) for n, w in values.get("adapters", ()))
        return cls(**values)

    @classmethod
    def from_params(cls, params: dict[str, Any]) -> GenerationRequest:
        """Rebuild the request from a picture's recorded parameters (extra keys ignored)."""
        names = {f.name for f in fields(cls)}
        return cls.from_dict({k: v for k, v in params.items() if k in names})

    def retried(self) -> GenerationRequest:
        """The same request with a new seed, for one more try after a failed check."""
        return replace(self, seed=seed_for(f"{self.seed}:{self.prompt}:again"))

    def cache_key(self) -> str:
        """Same key ⇔ same picture: model, prompts, size, steps, guidance, seed, styles."""
        return _digest(self.to_dict())

    def batch_key(self) -> str:
        """Requests with the same batch key can share one pipeline call."""
        data = self.to_dict()
        for per_image in ("prompt", "negative_prompt", "seed", "subject", "scene"):
            data.pop(per_image)
        return _digest(data)


_FIELDS = tuple(f.name for f in fields(GenerationRequest))


def _digest(data: dict[str, Any]) -> str:
    canonical = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:32]


def seed_for(prompt: str) -> int:
    """A stable seed per prompt, so a word drawn once is a cache hit ever after."""
    return int.from_bytes(hashlib.sha256(prompt.encode("utf-8")).digest()[:4], "big") % (2**31)
