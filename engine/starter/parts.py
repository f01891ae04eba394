"""Development time: parts of things shown as picture dictionaries show them.

No emoji shows a neck, a chin, a paw or a petal alone, and an icon of one reads as nothing at
64 px. A picture dictionary draws the whole (a face, a hand, a cat, a flower) and marks the
part; here the whole is a Noto emoji and the mark a red circle round the part. The engine says
so under the picture ("The red circle shows the neck.") and a quiz asks what the circle shows,
because the other parts are in the picture too.

Built with the icon sets (``python -m engine.starter.icons``: Noto's SVGs from npm
``@iconify-json/noto``, Apache 2.0) and learnt in the icons' LoRA.
"""

from __future__ import annotations

import io
import random
from dataclasses import dataclass

import numpy as np

RING = (229, 57, 53, 255)  # Material red 600: clear on skin, hair and every shirt used here
RING_WIDTH = 12  # on the 256-px rendering: 3 px in the 64-px picture (2 px drew faintly)
DRAWN = 256
# a person down to the waist: the head, the shirt and the arms are large enough to mark
UPPER_BODY = (60, 0, 196, 150)


@dataclass(frozen=True)
class Part:
    name: str
    base: str  # the Noto emoji (Iconify name) the part is marked on
    ring: tuple[int, int, int]  # the circle's centre x, y and radius (its line's middle), 256 px
    crop: tuple[int, int, int, int] | None = None  # the part of the emoji kept
    also: tuple[str, ...] = ()
    group: str = "body-parts"  # the kind of thing (the resolver's `kinds_for`)


# Placed by looking at each picture at 64 px. Left out: hip (the hand hangs over it in every
# standing emoji), wrist (every hand emoji ends at the wrist), back (no emoji shows a person
# from behind); heel and seed (the circle would be red on red: the shoe, the watermelon), stem
# (a rose's is by red petals, a sunflower's hidden by its leaves), pocket (the jeans' are two
# faint lines), lake (the park's is a river).
PARTS = (
    Part("hair", "boy", (128, 44, 40)),
    Part("eyebrow", "boy", (170, 128, 22)),
    Part("forehead", "person", (128, 126, 26), also=("brow",)),
    Part("cheek", "person", (84, 198, 24)),
    Part("chin", "person", (128, 228, 22)),
    Part("neck", "man-standing", (128, 76, 15), UPPER_BODY),
    Part("shoulder", "man-standing", (106, 84, 15), UPPER_BODY),
    Part("chest", "man-standing", (128, 105, 18), UPPER_BODY),
    Part("belly", "man-standing", (128, 130, 17), UPPER_BODY),
    Part("elbow", "flexed-biceps", (64, 214, 32)),
    Part("finger", "hand-with-fingers-splayed", (110, 70, 30)),
    Part("thumb", "hand-with-fingers-splayed", (205, 175, 34)),
    Part("palm", "raised-hand", (135, 185, 40)),
    Part("nail", "nail-polish", (60, 50, 28), also=("fingernail",)),
    Part("toe", "foot", (28, 200, 24)),
    Part("ankle", "foot", (200, 125, 30)),
    # parts of animals, plants and things, the same way
    Part("tail", "cat", (205, 95, 34), group="animal-parts"),
    Part("paw", "dog", (62, 232, 26), group="animal-parts"),
    Part("hoof", "horse", (110, 232, 24), group="animal-parts"),
    Part("whisker", "cat-face", (30, 172, 28), also=("whiskers",), group="animal-parts"),
    Part("petal", "cherry-blossom", (128, 58, 40), group="plant-parts"),
    Part("trunk", "deciduous-tree", (128, 215, 30), also=("tree trunk",), group="plant-parts"),
    Part("sleeve", "t-shirt", (40, 75, 34), group="artifact-parts"),
    Part("collar", "necktie", (96, 76, 30), group="artifact-parts"),
    Part("chimney", "house", (55, 62, 26), group="artifact-parts"),
    Part("pane", "window", (74, 72, 40), also=("windowpane",), group="artifact-parts"),
)


# parts one circle may hold together (the thumb's circle holds its nail; the hair's, some
# forehead): neither is a wrong answer to "What does the red circle show?" for the other
TOGETHER = (
    frozenset({"finger", "thumb", "nail", "palm"}),
    frozenset({"hair", "forehead", "eyebrow"}),
    frozenset({"chin", "cheek"}),
    frozenset({"neck", "collar", "shoulder"}),
)


def wrong_answers(name: str, rng: random.Random, count: int = 3) -> list[str]:
    """`count` parts a quiz may offer beside `name` for its circle: another part is a choice a
    learner weighs (the arm round an elbow is not wrong), those of its own kind first."""
    part = next(p for p in PARTS if p.name == name)
    near = set().union(*(group for group in TOGETHER if name in group))
    others = [p for p in PARTS if p.name != name and p.name not in near]
    same = [p.name for p in others if p.group == part.group]
    rest = [p.name for p in others if p.group != part.group]
    chosen = rng.sample(same, min(count, len(same)))
    return chosen + rng.sample(rest, count - len(chosen))


def ringed() -> frozenset[str]:
    """The things drawn as a whole with a red circle round them (the reply and the quiz say
    so; a scene does not put them among other things)."""
    return frozenset(p.name for p in PARTS)


def picture(part: Part, whole: str, size: int = 64) -> np.ndarray:
    """The part's whole (its SVG document), cropped, with the red circle, framed as every
    picture is."""
    import resvg_py
    from PIL import Image, ImageDraw

    from engine.starter.artwork import framed

    png = resvg_py.svg_to_bytes(svg_string=whole, width=DRAWN, height=DRAWN)
    drawn = Image.open(io.BytesIO(bytes(png))).convert("RGBA")
    if part.crop is not None:
        kept = Image.new("RGBA", drawn.size, (0, 0, 0, 0))
        kept.paste(drawn.crop(part.crop), part.crop[:2])
        drawn = kept
    x, y, radius = part.ring
    outer = radius + RING_WIDTH // 2  # the line centred on the ring's radius
    ImageDraw.Draw(drawn).ellipse(
        (x - outer, y - outer, x + outer, y + outer), outline=RING, width=RING_WIDTH
    )
    return framed(drawn, size)
