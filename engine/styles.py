"""LoRA styles: loaded once beside the base model, switched per batch with adapter weights.

Switching is ``set_adapters`` / ``disable_lora`` on the loaded pipeline (no reload); the adapter
names and weights are part of every request's cache and batch keys, so results stay cached per
style and a batch never mixes styles.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)


class StyleError(Exception):
    """A configured style cannot be loaded (one line naming the key)."""


def load_loras(pipeline: Any, loras: tuple[tuple[str, str], ...]) -> None:
    for name, source in loras:
        path = Path(source).expanduser()
        if not path.exists():
            raise StyleError(f"styles.{name}.lora: {source} does not exist")
        try:
            if path.is_file():
                pipeline.load_lora_weights(
                    str(path.parent), weight_name=path.name, adapter_name=name
                )
            else:
                pipeline.load_lora_weights(str(path), adapter_name=name)
        except (ValueError, OSError, KeyError, RuntimeError) as error:
            raise StyleError(
                f"styles.{name}.lora: {source} is not a LoRA for this model ({error})"
            ) from None
        log.info("style %s loaded from %s", name, source)
    if loras:
        pipeline.disable_lora()  # drawings without a style stay exactly as before


def fuse_preset_lora(pipeline: Any, preset: str, source: str) -> None:
    """A preset's own LoRA (LCM-LoRA for `lcm-lora-sd15`): fused into the base weights, so
    every picture is drawn with it and styles still switch on top of it."""
    from engine.tuning import EngineOptionError

    path = Path(source).expanduser()
    try:
        # a file, a folder, or a hub id (from the local cache when offline)
        fuse_lora(pipeline, path if path.exists() else source, "preset")
    except (ValueError, OSError, KeyError, RuntimeError) as error:
        first = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise EngineOptionError(
            f"engine.preset: {preset} draws with the LoRA {source}, which did not load ({first})"
        ) from None
    log.info("preset %s: LoRA %s fused", preset, source)


def fuse_lora(pipeline: Any, source: Path | str, name: str) -> None:
    """The LoRA at `source` (a .safetensors file, a folder or a hub id) fused into the base
    weights: every picture is drawn with it; the LoRA layers go."""
    if isinstance(source, Path) and source.is_file():
        pipeline.load_lora_weights(str(source.parent), weight_name=source.name, adapter_name=name)
    else:
        pipeline.load_lora_weights(str(source), adapter_name=name)
    pipeline.fuse_lora(adapter_names=[name])
    pipeline.unload_lora_weights()


def use_adapters(pipeline: Any, adapters: tuple[tuple[str, float], ...]) -> None:
    if not adapters:
        pipeline.disable_lora()
        return
    pipeline.enable_lora()
    pipeline.set_adapters([name for name, _ in adapters], adapter_weights=[w for _, w in adapters])
