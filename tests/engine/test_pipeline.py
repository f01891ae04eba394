from __future__ import annotations

import io
import threading
from pathlib import Path

import numpy as np
import pytest
import torch
from PIL import Image

from engine.errors import ModelNotAvailable
from engine.loading import describe_model, load_pipeline
from engine.options import EngineOptions
from engine.pipeline import PictureEngine, pick_device, pick_dtype
from engine.presets import PRESETS
from engine.request import GenerationRequest


def request(
    engine: PictureEngine, prompt: str = "an apple", seed: int = 1, **changes: object
) -> GenerationRequest:
    values = engine.defaults() | changes
    return GenerationRequest(
        model="tiny", prompt=prompt, negative_prompt="text", seed=seed, **values
    )  # type: ignore[arg-type]


def pixels(png: bytes) -> np.ndarray:
    with Image.open(io.BytesIO(png)) as image:
        return np.asarray(image.convert("RGB"), dtype=np.int16)


def test_same_request_same_bytes_and_nearly_same_pixels_in_a_batch(
    tiny_engine: PictureEngine,
) -> None:
    alone = tiny_engine.draw([request(tiny_engine)])[0]
    again = tiny_engine.draw([request(tiny_engine)])[0]
    assert alone.png == again.png
    # CPU kernels may differ by batch size; the picture must still be the same to the eye.
    batched = tiny_engine.draw([request(tiny_engine, "a cat", 5), request(tiny_engine)])[1]
    assert np.abs(pixels(batched.png) - pixels(alone.png)).max() <= 8
    other_seed = tiny_engine.draw([request(tiny_engine, seed=2)])[0]
    assert np.abs(pixels(other_seed.png) - pixels(alone.png)).mean() > 10


def test_every_picture_records_its_seed_and_parameters(tiny_engine: PictureEngine) -> None:
    picture = tiny_engine.draw([request(tiny_engine, seed=42)])[0]
    assert picture.seed == 42 and picture.params["prompt"] == "an apple"
    assert picture.params["steps"] == PRESETS["tiny"].steps and picture.params["device"] == "cpu"
    with Image.open(io.BytesIO(picture.png)) as image:
        assert not image.info.get("parameters"), "the file sent to learners carries no prompt"
    assert picture.safe is True and picture.check == "closed-vocabulary"


def test_progress_is_reported_each_step(tiny_engine: PictureEngine) -> None:
    seen: list[float] = []
    tiny_engine.draw([request(tiny_engine, steps=3)], seen.append)
    assert seen == pytest.approx([1 / 3, 2 / 3, 1.0])


@pytest.mark.parametrize(
    "scheduler", ["euler", "dpm++2m", "dpm++2m-karras", "ddim", "unipc", "euler-a"]
)
def test_schedulers_swap_by_name(tiny_engine: PictureEngine, scheduler: str) -> None:
    picture = tiny_engine.draw([request(tiny_engine, scheduler=scheduler)])[0]
    assert picture.params["scheduler"] == scheduler
    assert (
        type(tiny_engine.pipeline.scheduler)
        .__name__.lower()
        .startswith(
            {"euler": "euler", "euler-a": "eulerancestral", "ddim": "ddim", "unipc": "unipc"}.get(
                scheduler, "dpmsolver"
            )
        )
    )


def test_check_inputs_explains_what_is_wrong(tiny_engine: PictureEngine) -> None:
    with pytest.raises(ValueError, match="at least one"):
        tiny_engine.check_inputs([])
    with pytest.raises(ValueError, match="share model, size"):
        tiny_engine.check_inputs([request(tiny_engine), request(tiny_engine, steps=9)])
    with pytest.raises(ValueError, match="unknown scheduler 'magic'"):
        tiny_engine.check_inputs([request(tiny_engine, scheduler="magic")])


def test_interrupt_stops_a_batch(tiny_engine: PictureEngine) -> None:
    started = threading.Event()

    def on_progress(_: float) -> None:
        started.set()
        tiny_engine.interrupt()

    from engine.errors import EngineError

    with pytest.raises(EngineError, match="interrupted"):
        tiny_engine.draw([request(tiny_engine, steps=20)], on_progress)
    assert tiny_engine.draw([request(tiny_engine)])  # usable again afterwards


def test_device_and_dtype_choice_on_this_machine() -> None:
    assert pick_device("auto") == "cpu"
    assert pick_dtype("cpu") == torch.float32
    assert pick_dtype("cpu", "bfloat16") == torch.bfloat16
    with pytest.raises(ValueError, match="no CUDA GPU"):
        pick_device("cuda:1")


def test_a_local_diffusers_folder_loads_through_auto_pipeline(
    tiny_engine: PictureEngine, tmp_path: Path
) -> None:
    folder = tmp_path / "my-model"
    tiny_engine.pipeline.save_pretrained(folder)
    engine = PictureEngine(EngineOptions(model=str(folder), preset="tiny"))
    engine.load()
    assert type(engine.pipeline).__name__ == "StableDiffusionPipeline"
    assert (
        engine.draw([request(tiny_engine)])[0].png
        == tiny_engine.draw([request(tiny_engine)])[0].png
    )
    assert describe_model(str(folder)).startswith("local diffusers folder")


def test_missing_or_broken_models_give_a_clear_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    with pytest.raises(ModelNotAvailable, match="does not exist"):
        load_pipeline(str(tmp_path / "nope.safetensors"), PRESETS["sd15"], torch.float32)
    broken = tmp_path / "broken.safetensors"
    broken.write_bytes(b"not weights")
    with pytest.raises(ModelNotAvailable, match="could not be loaded"):
        load_pipeline(str(broken), PRESETS["sd15"], torch.float32)
    with pytest.raises(ModelNotAvailable, match="could not be loaded"):
        load_pipeline("someone/not-in-the-cache", PRESETS["sd15"], torch.float32)
