"""The GPU path, exercised on CPU with simulated CUDA facts (`pytest -m gpu_path`)."""

from __future__ import annotations

import pytest
import torch

from engine.pipeline import pick_dtype

pytestmark = pytest.mark.gpu_path


@pytest.mark.parametrize(
    ("capability", "expected"),
    [
        ((7, 5), torch.float16),
        ((7, 0), torch.float16),
        ((8, 0), torch.bfloat16),
        ((8, 9), torch.bfloat16),
    ],
)
def test_bf16_only_where_the_gpu_runs_it_natively(
    monkeypatch: pytest.MonkeyPatch, capability: tuple[int, int], expected: torch.dtype
) -> None:
    # T4 (7.5) and V100 (7.0) say bf16 is "supported" (emulated): fp16 is their fast path
    monkeypatch.setattr(torch.cuda, "is_bf16_supported", lambda *a, **k: True)
    asked: list[int] = []

    def capability_of(index: int = 0) -> tuple[int, int]:
        asked.append(index)
        return capability

    monkeypatch.setattr(torch.cuda, "get_device_capability", capability_of)
    assert pick_dtype("cuda") == expected
    assert pick_dtype("cuda:1") == expected and asked[-1] == 1  # the card asked about
    assert pick_dtype("cuda", "float32") == torch.float32  # the operator's choice stands
