"""The evaluation report and the sweep (steps, guidance, scheduler) behind the defaults."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from engine.presets import PRESETS
from engine.starter.additions import added_concepts
from engine.starter.dataset import DATA_DIR, load_concepts, load_pictures
from engine.starter.evaluate import StarterEvaluator, pipeline_drawer

Progress = Callable[[str], None]
SWEEP_STEPS = (4, 8, 12, 20)
SWEEP_GUIDANCE = (1.0, 2.0, 3.0, 5.0)
SWEEP_SCHEDULERS = ("dpm++2m", "euler", "ddim", "unipc")


def _pipeline(model_dir: Path | None) -> Any:
    import torch

    from engine.loading import load_starter_from
    from engine.starter import MODEL_DIR
    from engine.tuning import channels_last

    pipe = load_starter_from(model_dir or MODEL_DIR, torch.float32)
    pipe.set_progress_bar_config(disable=True)
    channels_last(pipe)  # as the engine draws on a CPU
    return pipe


def _use(pipe: Any, scheduler: str) -> None:
    import diffusers

    from engine.pipeline import SCHEDULERS

    class_name, extra = SCHEDULERS[scheduler]
    pipe.scheduler = getattr(diffusers, class_name).from_config(pipe.scheduler.config, **extra)


def evaluate(
    model_dir: Path | None = None,
    *,
    limit: int = 0,
    quick: bool = False,
    progress: Progress = print,
    data_dir: Path | None = None,
) -> dict[str, Any]:
    """The numbers `pictolingo eval --json` prints, at the starter preset's defaults.

    `quick` measures every figure on a small sample (for the test suite): `limit` names held
    in, as many paraphrases held out, 4 concepts for reproducibility and diversity, one round
    of timing."""
    preset = PRESETS["starter"]
    pipe = _pipeline(model_dir)
    _use(pipe, preset.scheduler)
    pictures, concepts = load_pictures(data_dir or DATA_DIR), load_concepts(data_dir or DATA_DIR)
    images = pictures.images
    evaluator = StarterEvaluator(
        pipeline_drawer(pipe, steps=preset.steps, guidance=preset.guidance),
        images,
        concepts,
        owners=pictures.owners,
    )
    progress(f"held-in: {limit or len(concepts)} names")
    held_in = evaluator.held_in(limit)
    progress("held-out: paraphrases")
    held_out = evaluator.held_out(limit if quick else 0)
    progress("reproducibility, diversity, speed")
    return {
        "model": "starter",
        "concepts": len(concepts),
        # what `/word` draws: these and the grown model's additions (engine/starter/additions.py)
        "drawable_concepts": len(concepts) + len(added_concepts()) if data_dir is None else None,
        "steps": preset.steps,
        "guidance": preset.guidance,
        "scheduler": preset.scheduler,
        "held_in": {
            "top1": held_in["top1"],
            "top5": held_in["top5"],
            "prompts": int(held_in["prompts"]),
        },
        "held_out": {
            "top1": held_out["top1"],
            "top5": held_out["top5"],
            "prompts": int(held_out["prompts"]),
        },
        "chance": {"top1": 1 / len(concepts), "top5": 5 / len(concepts)},
        "reproducibility": evaluator.reproducibility(4 if quick else 16),
        "diversity": evaluator.diversity(4 if quick else 16, seeds=3 if quick else 4),
        "ms_per_image_batch8": evaluator.milliseconds_per_image(rounds=1 if quick else 3),
    }


def sweep(
    out_dir: Path, model_dir: Path | None = None, *, limit: int = 200, progress: Progress = print
) -> list[dict[str, Any]]:
    """Held-in top-5 and speed over steps x guidance (DPM++ 2M), then over schedulers."""
    pipe = _pipeline(model_dir)
    pictures, concepts = load_pictures(), load_concepts()
    images = pictures.images
    rows: list[dict[str, Any]] = []
    grid = [("dpm++2m", s, g) for s in SWEEP_STEPS for g in SWEEP_GUIDANCE]
    grid += [(name, 12, 3.0) for name in SWEEP_SCHEDULERS if name != "dpm++2m"]
    for scheduler, steps, guidance in grid:
        _use(pipe, scheduler)
        evaluator = StarterEvaluator(
            pipeline_drawer(pipe, steps=steps, guidance=guidance),
            images,
            concepts,
            owners=pictures.owners,
        )
        held_in = evaluator.held_in(limit)
        row = {
            "scheduler": scheduler,
            "steps": steps,
            "guidance": guidance,
            "top1": held_in["top1"],
            "top5": held_in["top5"],
            "ms_per_image": evaluator.milliseconds_per_image(rounds=1),
        }
        rows.append(row)
        progress(
            f"{scheduler:>8} steps={steps:<3} guidance={guidance:<4} "
            f"top5={row['top5']:.3f} {row['ms_per_image']:.0f} ms/image"
        )
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "sweep.json").write_text(json.dumps(rows, indent=1))
    (out_dir / "sweep.md").write_text(sweep_table(rows))
    plot_sweep(rows, out_dir / "sweep.png")
    return rows


def sweep_table(rows: list[dict[str, Any]]) -> str:
    lines = [
        "| scheduler | steps | guidance | top-1 | top-5 | ms/image (batch 8) |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for r in rows:
        lines.append(
            f"| {r['scheduler']} | {r['steps']} | {r['guidance']} | {r['top1']:.3f} | "
            f"{r['top5']:.3f} | {r['ms_per_image']:.0f} |"
        )
    return "\n".join(lines) + "\n"


def plot_sweep(rows: list[dict[str, Any]], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure, axis = plt.subplots(figsize=(6, 4))
    for guidance in SWEEP_GUIDANCE:
        points = [
            (r["steps"], r["top5"])
            for r in rows
            if r["scheduler"] == "dpm++2m" and r["guidance"] == guidance
        ]
        axis.plot(*zip(*points, strict=True), marker="o", label=f"guidance {guidance}")
    axis.set_xlabel("steps (DPM++ 2M)")
    axis.set_ylabel("held-in top-5")
    axis.set_title("Starter model: accuracy by steps and guidance")
    axis.grid(alpha=0.3)
    axis.legend()
    figure.tight_layout()
    figure.savefig(path, dpi=100)
    plt.close(figure)
