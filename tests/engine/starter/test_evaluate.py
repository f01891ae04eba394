"""The committed starter model draws what it was taught, reproducibly (a small slice of eval)."""

from __future__ import annotations

import pytest

from engine.starter.sweep import evaluate


@pytest.mark.slow
def test_the_shipped_starter_model_draws_its_words() -> None:
    result = evaluate(limit=24, progress=lambda _: None)
    assert result["held_in"]["prompts"] == 24
    assert result["held_in"]["top5"] >= 0.6  # chance is 5 in 814
    assert result["reproducibility"] == 1.0
