from __future__ import annotations

from pathlib import Path

from engine.measured import FILE, recall, remember


def test_the_measured_batch_is_kept_for_the_same_model_and_device(tmp_path: Path) -> None:
    remember(tmp_path, "starter", "cpu", 4, 2.1)
    assert recall(tmp_path, "starter", "cpu") == 4
    assert recall(tmp_path, "starter", "cuda") is None  # measured on another device
    assert recall(tmp_path, "stabilityai/sd-turbo", "cpu") is None


def test_no_or_a_broken_measurement_is_none(tmp_path: Path) -> None:
    assert recall(tmp_path, "starter", "cpu") is None
    (tmp_path / FILE).write_text("{not json")
    assert recall(tmp_path, "starter", "cpu") is None
    (tmp_path / FILE).write_text('{"model": "starter", "device": "cpu", "best_batch": 0}')
    assert recall(tmp_path, "starter", "cpu") is None
