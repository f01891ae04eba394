from __future__ import annotations

import pytest

from engine.presets import PRESETS, preset_for


def test_every_preset_says_where_its_numbers_come_from() -> None:
    for preset in PRESETS.values():
        assert preset.source and preset.steps >= 1


@pytest.mark.parametrize(
    ("model", "name"),
    [
        ("starter", "starter"),
        ("tiny", "tiny"),
        ("stabilityai/sd-turbo", "sd-turbo"),
        ("stabilityai/sdxl-turbo", "sdxl-turbo"),
        ("my/sdxl-finetune", "sdxl"),
        ("/models/dreamshaper.safetensors", "sd15"),
    ],
)
def test_preset_follows_the_model(model: str, name: str) -> None:
    assert preset_for(model).name == name


def test_unknown_preset_lists_the_choices() -> None:
    with pytest.raises(ValueError, match="choose one of: auto, lcm-lora-sd15"):
        preset_for("starter", "fastest")
