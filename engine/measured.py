"""The batch size `pictolingo bench` found best for a model on a device, kept for the queue.

The bench sweeps batch sizes on the loaded model (bench/gpu.py `batch_sweep`); the smallest
batch within 5 % of the best rate is written to the data folder, and the queue starts with it
when `[queue] max_batch` is not set in the config (a set value always wins).
"""

from __future__ import annotations

import json
import logging
import time
from pathlib import Path

FILE = "measured_batch.json"
log = logging.getLogger(__name__)


def remember(folder: Path, model: str, device: str, best: int, images_per_s: float) -> Path:
    path = folder / FILE
    folder.mkdir(parents=True, exist_ok=True)
    record = {
        "model": model,
        "device": device,
        "best_batch": best,
        "images_per_s": images_per_s,
        "measured": time.strftime("%Y-%m-%d"),
    }
    path.write_text(json.dumps(record, indent=1) + "\n", encoding="utf-8")
    return path


def recall(folder: Path, model: str, device: str) -> int | None:
    """The measured best batch for this model and device, or None (never measured here, or
    for another model or device, or an unreadable file)."""
    try:
        record = json.loads((folder / FILE).read_text(encoding="utf-8"))
        best = record["best_batch"]
        if record["model"] != model or record["device"] != device:
            return None
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if not isinstance(best, int) or not 1 <= best <= 64:
        return None
    log.info("queue: batches of up to %d, as measured by pictolingo bench on %s", best,
             record.get("measured", "?"))  # fmt: skip
    return best
