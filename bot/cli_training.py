"""The `pictolingo` model tools: train the starter, train a LoRA style, teach a new word."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from bot.cli_common import ConfigOption, fail, settings_or_exit

if TYPE_CHECKING:
    from engine.pipeline import PictureEngine


def train_starter(
    run_dir: Annotated[Path, typer.Option(help="Checkpoints, loss curve and samples.")] = Path(
        "runs/starter"
    ),
    smoke: Annotated[bool, typer.Option(help="A few steps on a few pictures (seconds).")] = False,
    grow: Annotated[
        Path | None,
        typer.Option(help="Grow the shipped model on this training set (a dataset folder)."),
    ] = None,
    out: Annotated[Path | None, typer.Option(help="Where to write the model folder.")] = None,
    init_from: Annotated[
        Path | None,
        typer.Option(help="With --grow: start from this model folder (default: the shipped one)."),
    ] = None,
    gentle: Annotated[
        int,
        typer.Option(
            help="With --grow and --init-from: this many more UNet steps at a lower rate, "
            "the autoencoder kept (for a grown model that needs more training).",
            min=0,
            max=100_000,
        ),
    ] = 0,
    portable: Annotated[
        bool,
        typer.Option(help="Write the small copy of this unfinished run to commit, then stop."),
    ] = False,
    snapshot: Annotated[
        Path | None,
        typer.Option(help="Export the unfinished run's EMA weights to this folder, then stop."),
    ] = None,
) -> None:
    """Train the offline starter model (resumable: run it again to continue; on a new
    machine it goes on from resume.pt in the training set's folder, written by --portable)."""
    from engine.starter import MODEL_DIR
    from engine.starter.recipe import Recipe
    from engine.starter.train import StarterTrainer

    if grow is not None:
        start = init_from or MODEL_DIR
        if gentle:
            recipe = Recipe.continuation(str(grow), os.path.relpath(start), steps=gentle)
        else:
            recipe = Recipe.growth(data=str(grow), init_from=os.path.relpath(start))
    else:
        recipe = Recipe.smoke() if smoke else Recipe()
    target = out or (run_dir / "model" if smoke else MODEL_DIR)
    trainer = StarterTrainer(recipe, run_dir, model_dir=target)
    if portable:
        typer.echo(f"unfinished run copied to {trainer.save_portable()}")
        return
    if snapshot is not None:
        typer.echo(f"the run so far, as a model: {trainer.snapshot(snapshot)}")
        return
    report = trainer.run()
    typer.echo(
        f"model: {report.model_dir}\nloss curve: {report.loss_plot}\n"
        f"samples: {report.samples}\ntime this run: {report.seconds / 60:.1f} min"
    )


def train_lora_command(
    data: Annotated[Path, typer.Option(help="Folder of pictures (+ same-name .txt captions).")],
    out: Annotated[Path, typer.Option(help="The LoRA file to write (.safetensors).")],
    base: Annotated[str, typer.Option(help="Base model: starter, tiny, or a hub/folder model.")] = (
        "starter"
    ),
    steps: Annotated[int, typer.Option(min=1, max=100_000)] = 400,
    rank: Annotated[int, typer.Option(min=1, max=256)] = 8,
    learning_rate: Annotated[float, typer.Option(min=1e-7, max=1.0)] = 1e-4,
    instance_token: Annotated[
        str, typer.Option(help="DreamBooth: a rare token for your subject, e.g. sks.")
    ] = "",
    class_word: Annotated[str, typer.Option(help="DreamBooth: what it is, e.g. dog.")] = "",
    prior_images: Annotated[
        int, typer.Option(help="DreamBooth: class pictures drawn first (prior preservation).")
    ] = 0,
    adam8bit: Annotated[
        bool, typer.Option("--adam8bit", help="bitsandbytes' 8-bit AdamW (GPU memory).")
    ] = False,
    gradient_checkpointing: Annotated[
        bool | None,
        typer.Option(help="Recompute activations to save GPU memory (default: on CUDA)."),
    ] = None,
    config: ConfigOption = None,
) -> None:
    """Train a LoRA style from your own pictures; add it under [styles] to use it with /style."""
    from engine.errors import ModelNotAvailable
    from engine.lora_training import LoraDataError, LoraRecipe, examples, train_lora

    try:
        pictures = examples(data)
    except LoraDataError as error:
        fail(str(error), 2)
    typer.echo(f"{len(pictures)} pictures from {data}; loading {base}…", err=True)
    settings = settings_or_exit(config)
    # the configured card and precision: fp16/bf16 weights on a GPU (the LoRA learns in fp32)
    engine = training_engine(base, settings.engine.device, settings.engine.dtype)
    try:
        engine.load()
    except ModelNotAvailable as error:
        fail(str(error), 1)
    recipe = LoraRecipe(
        steps=steps,
        rank=rank,
        learning_rate=learning_rate,
        instance_token=instance_token,
        class_word=class_word,
        prior_images=prior_images,
        adam8bit=adam8bit,
        gradient_checkpointing=gradient_checkpointing,
    )
    try:
        result = train_lora(engine.pipeline, pictures, recipe, out)
    except LoraDataError as error:
        fail(str(error), 2)
    typer.echo(
        f"LoRA: {result.out}\nloss, first → last tenth of the steps: {result.summary()} "
        f"(plot {result.plot})\nsamples: {result.grid}\n"
        f'Use it: add [styles.mine] lora = "{result.out}" to config.toml, then /style mine'
    )


def training_engine(base: str, device: str, dtype: str) -> PictureEngine:
    """The model a training command trains on: the shipped model only (its grown concepts and
    the picture check are for drawing, and only slow the start)."""
    from engine.options import EngineOptions
    from engine.pipeline import PictureEngine

    options = EngineOptions(
        model=base, device=device, dtype=dtype, grown=False, picture_check="off"
    )
    return PictureEngine(options)


def teach_word_command(
    word: Annotated[str, typer.Argument(help="The new word, e.g. zebu.")],
    pictures: Annotated[Path, typer.Option(help="A folder of 5–20 pictures of it.")],
    lora: Annotated[
        bool, typer.Option("--lora", help="Pivotal tuning: the token, then a LoRA on top.")
    ] = False,
    kind: Annotated[str, typer.Option(help="What kind of thing it is (animal, food…).")] = "thing",
    steps: Annotated[int, typer.Option(min=1, max=20_000)] = 300,
    lora_steps: Annotated[int, typer.Option(min=1, max=20_000)] = 400,
    config: ConfigOption = None,
) -> None:
    """Teach the model a new word from a teacher's pictures (textual inversion; --lora adds
    pivotal tuning). It is loaded at the next start and drawn like any word."""
    from engine.errors import ModelNotAvailable
    from engine.teaching import TeachingError, TeachRecipe, picture_files, teach_word

    settings = settings_or_exit(config)
    try:
        files = picture_files(pictures)
    except TeachingError as error:
        fail(str(error), 2)
    base = settings.engine.model
    typer.echo(f"{len(files)} pictures from {pictures}; loading {base}…", err=True)
    engine = training_engine(base, settings.engine.device, "float32")
    try:
        engine.load()
        recipe = TeachRecipe(steps=steps, lora=lora, lora_steps=lora_steps, class_word=kind)
        folder = Path(settings.engine.taught_words)
        taught = teach_word(engine.pipeline, word, files, recipe, folder, base=base)
    except (ModelNotAvailable, TeachingError) as error:
        fail(str(error), 1)
    typer.echo(
        f"taught {taught.word} as {taught.token} ({taught.method}) in {taught.folder}\n"
        f"loss, first → last tenth: {taught.loss} (plot {taught.folder / 'loss.png'})\n"
        f"samples: {taught.folder / 'samples.png'}\n"
        "Restart the bot; then /word " + taught.word
    )


MODEL_TOOLS: dict[str, Callable[..., None]] = {
    "train-starter": train_starter,
    "train-lora": train_lora_command,
    "teach-word": teach_word_command,
}
