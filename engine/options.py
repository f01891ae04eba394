"""How the operator asked for the engine to run: model, device, precision, memory options."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class EngineOptions:
    model: str = "starter"
    preset: str = "auto"
    device: str = "auto"
    dtype: str = "auto"
    scheduler: str = "auto"
    steps: int | None = None
    guidance: float | None = None
    width: int | None = None
    height: int | None = None
    threads: int = 0
    image_checker: str = ""
    # Does the picture show its word? "auto": the starter's own check, none for other models;
    # "clip:<local folder>" for any model; "off".
    picture_check: str = "auto"
    picture_check_timeout: float = 30.0
    attention_slicing: bool = False
    vae_tiling: bool = False
    cpu_offload: bool = False
    compile: bool = False
    tiny_autoencoder: str = ""
    # LoRA styles loaded beside the base model: (name, file or folder).
    loras: tuple[tuple[str, str], ...] = ()
    # A local diffusers folder with the configs of a single-file checkpoint's model.
    single_file_config: str = ""
    # The folder of words taught with `pictolingo teach-word` ("" = none).
    taught_words: str = ""
    # The starter's grown concepts (their pipelines beside the shipped one). The training
    # commands turn this off: they train on the shipped model only and start faster.
    grown: bool = True
