from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from engine.loading import load_starter_from
from engine.starter.recipe import Recipe
from engine.starter.train import StarterTrainer

TINY = Recipe(
    vae_channels=(16, 16, 32),
    vae_steps=30,
    vae_full_steps=5,
    vae_batch=8,
    unet_channels=(32, 32, 64),
    unet_steps=24,
    unet_batch=8,
    attention_head_dim=8,
    concepts=4,
)


@pytest.mark.slow
def test_a_few_steps_lower_the_loss_and_export_a_loadable_pipeline(tmp_path: Path) -> None:
    report = StarterTrainer(
        TINY, tmp_path / "run", model_dir=tmp_path / "model", show_progress=False
    ).run()
    assert np.mean(report.vae_losses[-5:]) < np.mean(report.vae_losses[:5])
    assert np.mean(report.unet_losses[-5:]) < np.mean(report.unet_losses[:5])
    folder = tmp_path / "model"
    assert (folder / "model_index.json").exists()
    assert not (folder / "text_encoder").exists(), "the text encoder comes from its package"
    assert report.loss_plot.stat().st_size > 1000 and report.samples.stat().st_size > 1000
    import torch

    pipe = load_starter_from(folder, torch.float32)
    assert pipe.unet.dtype == torch.float32
    image = pipe("an apple", num_inference_steps=2, height=64, width=64).images[0]
    assert image.size == (64, 64)


@pytest.mark.slow
def test_training_resumes_from_its_checkpoint(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import torch

    import engine.starter.train as train

    monkeypatch.setattr(train, "CHECKPOINT_EVERY", 10)
    calls = {"n": 0}
    clip = torch.nn.utils.clip_grad_norm_

    def interrupted(*args: object, **kwargs: object) -> object:
        calls["n"] += 1
        if calls["n"] == 15:
            raise KeyboardInterrupt  # the operator pressed Ctrl-C during UNet step 15
        return clip(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(torch.nn.utils, "clip_grad_norm_", interrupted)
    run = tmp_path / "run"
    with pytest.raises(KeyboardInterrupt):
        StarterTrainer(TINY, run, model_dir=tmp_path / "model", show_progress=False).run()
    saved = torch.load(run / "state.pt", weights_only=False)
    assert (saved["stage"], saved["step"]) == ("unet", 10)
    portable = tmp_path / "resume.pt"
    first = StarterTrainer(TINY, run, model_dir=tmp_path / "model", show_progress=False)
    first.portable = portable
    assert first.save_portable() == portable
    snapshot = first.snapshot(tmp_path / "so-far")  # evaluate a run before it finishes
    image = load_starter_from(snapshot, torch.float32)("an apple", num_inference_steps=2).images[0]
    assert image.size == (64, 64)

    report = first.run()
    assert len(report.vae_losses) == TINY.vae_steps, "the autoencoder is not trained again"
    assert len(report.unet_losses) == TINY.unet_steps, "the UNet continues from step 10"

    # another machine: no run folder, only the small committed copy
    elsewhere = StarterTrainer(
        TINY, tmp_path / "other-run", model_dir=tmp_path / "model2", show_progress=False
    )
    elsewhere.portable = portable
    carried = elsewhere.run()
    assert len(carried.vae_losses) == TINY.vae_steps, "the autoencoder came with it"
    assert len(carried.unet_losses) == TINY.unet_steps, "the UNet goes on from step 10"
    assert (tmp_path / "model2" / "model_index.json").exists()
    with pytest.raises(ValueError, match="another recipe"):
        StarterTrainer(Recipe.smoke(), run, show_progress=False)._load_state()
