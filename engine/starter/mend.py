"""Development time: a small LoRA that mends the grown model for concepts it draws wrongly.

The grown model draws about a sixth of its 1,505 concepts in no look truly (a robot, a
watch, a family, a wheelchair). Retraining the whole model for them would change every picture
already measured and judged. A LoRA trained on those concepts alone (their pictures in every
style, captioned exactly as the engine asks: "a robot, twemoji style") leaves the grown model as
it is; the engine draws with it only the (concept, look) pairs it was then measured to draw
truly (`mend.json`, written by ``python -m engine.starter.measure_additions --mend``).

    python -m engine.starter.mend [--steps N] [--rank R]   # writes data/grown/mend.safetensors
"""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

from engine.starter import styled
from engine.starter.additions import (
    GROWN_DIR,
    ICONS_FILE,
    LEFT_OUT_GROUPS,
    MEND_FILE,
    NOT_RESTYLED_GROUPS,
    STYLE,
)
from engine.starter.artwork import STYLES
from engine.starter.catalogue import article
from engine.starter.dataset import Concept

MEND_NAME = MEND_FILE.name
# attention, feed-forward and the residual blocks' convolutions: the concepts need new shapes
# drawn, not only new words read
TARGETS = ("to_q", "to_k", "to_v", "to_out.0", "proj", "net.2", "conv1", "conv2")


def candidates(grown: Path = GROWN_DIR, *, icons: bool = False) -> list[tuple[Concept, str]]:
    """(concept, look) for each concept of the grown set drawn truly in no look: every style it
    has a picture in (clock times in Noto only); signs (maths, keycaps) stay out. With `icons`,
    instead the things from the icon sets, which the grown model never saw (``icons.py``)."""
    from engine.starter.additions import _grown_set, _own_looks, icon_names

    looks, from_icons = _own_looks(grown), icon_names(grown)
    if icons:
        return [(c, STYLE) for c in _grown_set(grown)[0] if c.name in from_icons]
    pairs = []
    for concept in _grown_set(grown)[0]:
        if concept.name in looks or concept.group in LEFT_OUT_GROUPS or concept.name in from_icons:
            continue
        styles = concept.styles
        if concept.group in NOT_RESTYLED_GROUPS:
            styles = tuple(s for s in styles if s == STYLE)
        pairs += [(concept, style) for style in styles]
    return pairs


def write_examples(
    folder: Path, grown: Path = GROWN_DIR, *, icons: bool = False
) -> list[tuple[Path, str]]:
    """Each candidate's picture in each look as a PNG, captioned as the engine asks for it."""
    from PIL import Image

    from engine.starter.additions import _grown_set

    pictures = _grown_set(grown)[1]
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    found = []
    for concept, style in candidates(grown, icons=icons):
        mine = (pictures.owners == concept.index) & (pictures.styles == STYLES.index(style))
        for number, pixels in enumerate(pictures.images[mine]):
            path = folder / f"{concept.index:04d}-{style}-{number}.png"
            Image.fromarray(pixels).save(path)
            found.append((path, styled(article(concept.name), style)))
    return found


def main() -> None:
    import torch

    from engine.loading import load_starter_from
    from engine.lora_training import LoraRecipe, train_lora

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=2000)
    parser.add_argument("--rank", type=int, default=16)
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--learning-rate", type=float, default=5e-4)
    parser.add_argument("--run-dir", type=Path, default=None)
    parser.add_argument("--icons", action="store_true", help="teach the icon sets' things")
    arguments = parser.parse_args()
    torch.set_num_threads(2)
    name = ICONS_FILE.name if arguments.icons else MEND_NAME
    run_dir = arguments.run_dir or Path("runs") / Path(name).stem
    data = write_examples(run_dir / "pictures", icons=arguments.icons)
    print(f"{len(data)} pictures of {len({c for _, c in data})} (concept, look) pairs")
    pipeline = load_starter_from(GROWN_DIR / "model", torch.float32)
    recipe = LoraRecipe(
        steps=arguments.steps,
        rank=arguments.rank,
        learning_rate=arguments.learning_rate,
        batch=arguments.batch,
        checkpoint_every=250,
        targets=TARGETS,
    )
    out = run_dir / name
    result = train_lora(pipeline, data, recipe, out)
    print(f"loss {result.summary()} -> {out}")


if __name__ == "__main__":
    main()
