"""Where each thing of a scene goes (boxes on a square canvas), and the starter's composite.

Like the layout stage of layout-grounded diffusion, with rules: the relation decides the two
related things' boxes, counts are laid out so every copy is visible, different things are
sized by how big they are in the world (an elephant bigger than a mouse), and a setting (rain,
snow, night, sea) gets a band of its own.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from engine.prompts import with_article
from engine.request import GenerationRequest, seed_for
from engine.scene import MAX_COPIES, Scene, SceneObject
from engine.scene_words import COLOURS, IN_WATER


@dataclass(frozen=True)
class Box:
    concept: str
    x: int
    y: int
    size: int
    colour: str | None = None
    setting: bool = False  # a picture of where the scene happens, not one of its things


def draw_things(
    draw: Callable[[list[GenerationRequest]], list[Any]], asked: list[GenerationRequest]
) -> list[Any]:
    """Each thing of a scene drawn alone (`draw` checks it and tries new seeds); a thing none of
    the sentence's seeds drew is drawn once more as `/word` draws it ("a boy", at its seed), which
    `pictolingo eval` looked at ("The boy kicks the ball." failed the boy three times)."""
    parts = draw(asked)
    again = [
        (i, replace(asked[i], prompt=prompt, seed=seed_for(prompt)))
        for i, part in enumerate(parts)
        if part.shows is False and (prompt := with_article(asked[i].prompt)) != asked[i].prompt
    ]
    if again:
        for (i, _), part in zip(again, draw([r for _, r in again]), strict=True):
            parts[i] = part if part.shows is not False else parts[i]
    return parts


SKY = {"night", "rain", "snow"}  # drawn in a band above the things; the sea below them
# Supports drawn from above: a thing on them lies on their middle ("Two eggs are on the plate.")
FROM_ABOVE = frozenset({"fork and knife with plate", "plate", "rug"})
MIN_SHRINK = 0.5  # copies moved in over a narrow support keep at least this much of their size
DIP = 0.6  # how deep into the waves' band a thing in the water goes, of the band's tiles


def layout(scene: Scene, canvas: int = 256) -> list[Box]:
    """Boxes in drawing order (back to front) for the scene's setting, objects and relation."""
    if not scene.objects:
        return []
    concept = scene.setting_concept
    if concept is None:
        return _things(scene, canvas)
    inner = int(canvas * 0.75)
    band = canvas - inner
    tile = band - 12
    top = 6 if scene.setting in SKY else inner + 6
    setting = [
        Box(concept, (canvas * (2 * n + 1)) // 6 - tile // 2, top, tile, setting=True)
        for n in range(3)
    ]
    dx, dy = (canvas - inner) // 2, band if scene.setting in SKY else 0
    things = [replace(b, x=b.x + dx, y=b.y + dy) for b in _things(scene, inner)]
    if scene.setting in IN_WATER:  # down into a row of waves drawn in front of them
        tile = band
        top = canvas - tile - 2
        waves = [
            Box(concept, (canvas * (2 * n + 1)) // 10 - tile // 2, top, tile, setting=True)
            for n in range(5)
        ]
        lowest = max(things, key=lambda b: b.y + b.size)  # sunk by a third of it at most
        down = top + round(min(tile * DIP, lowest.size * DIP / 2)) - lowest.y - lowest.size
        return [replace(b, y=b.y + max(0, down)) for b in things] + waves
    return setting + things


def _things(scene: Scene, canvas: int) -> list[Box]:
    if scene.relation == "between":
        return _between(scene, canvas)
    if len(scene.objects) == 1 or scene.relation in (None, "next to"):
        return _row(scene.objects, canvas)  # every copy of every thing side by side
    boxes: list[Box] = []
    for box in _related(scene, canvas):  # each of the two related things, as many as asked
        thing = next(o for o in scene.objects[:2] if o.concept == box.concept)
        # "Four lemons are on the plate.": all four on it, none in the air beside it
        width, rows = canvas, 1
        if scene.relation == "on" and boxes:
            width = boxes[0].size
        elif scene.relation == "in" and boxes:  # "Six eggs are in the basket.": two rows in it
            width, rows = int(boxes[0].size * 0.8), 1 if thing.count < 3 else 2
        boxes += _copies(replace(box, colour=thing.colour), thing.count, canvas, width, rows)
    return boxes


def _copies(box: Box, count: int, canvas: int, width: int, rows: int = 1) -> list[Box]:
    """`count` copies of a box side by side within `width`, in `rows` rows, centred where the
    box was ("the shoes are under the bed": two shoes under it)."""
    count = min(count, MAX_COPIES)
    if count == 1:
        return [box]
    per_row = -(-count // min(rows, count))
    size = min(box.size, (min(width, canvas - 8)) // per_row - 4)
    step, rows = size + 4, -(-count // per_row)
    centre_x, centre_y = box.x + box.size // 2, box.y + box.size // 2
    left = max(4, min(canvas - 4 - per_row * step, centre_x - (per_row * step - 4) // 2))
    top = min(max(0, centre_y - (rows * step - 4) // 2), canvas - rows * step + 4)
    boxes = []
    for n in range(count):
        row, column = divmod(n, per_row)
        short = per_row - min(per_row, count - row * per_row)  # a last row short of copies
        boxes.append(
            replace(box, x=left + column * step + short * step // 2, y=top + row * step, size=size)
        )
    return boxes


def _related(scene: Scene, canvas: int) -> list[Box]:
    """The two related objects' boxes (a: the first object, b: the one it is related to)."""
    a, b = scene.objects[0], scene.objects[1]
    big, small = int(canvas * 0.55), int(canvas * 0.38)
    centre = (canvas - big) // 2
    if scene.relation == "on" and scene.hung:  # "the clock is on the wall": hung on it
        hung = int(big * 0.5)  # within a door's width
        return [
            Box(b.concept, centre, (canvas - big) // 2, big),
            Box(a.concept, (canvas - hung) // 2, (canvas - hung) // 2, hung),
        ]
    if scene.relation == "on":  # b below, a resting on its top half
        # many on it: a wider support, so each copy keeps a size a child can count ("five
        # books on the shelf" were five specks 24 pixels wide on a 140-pixel shelf)
        big = int(canvas * min(0.85, 0.55 + 0.1 * max(0, a.count - 2)))
        centre = (canvas - big) // 2
        top = canvas - big - 8
        return [
            Box(b.concept, centre, top, big),
            Box(a.concept, (canvas - small) // 2, top - small + int(big * 0.25), small),
        ]
    if scene.relation == "under":  # b above, a tucked under its lower part
        return [
            Box(b.concept, centre, 4, big),
            Box(a.concept, (canvas - small) // 2, 4 + big - int(small * 0.3), small),
        ]
    if scene.relation == "above":
        return [
            Box(a.concept, (canvas - small) // 2, 8, small),
            Box(b.concept, centre, canvas - big - 8, big),
        ]
    if scene.relation == "in":
        if a.count > 2:  # room in it for two rows
            big = int(canvas * 0.7)
            centre = (canvas - big) // 2
        inner = int(big * 0.5)
        return [
            Box(b.concept, centre, centre, big),
            Box(a.concept, (canvas - inner) // 2, (canvas - inner) // 2 + 10, inner),
        ]
    if scene.relation == "behind":  # b in front, drawn last, covering part of a
        return [
            Box(a.concept, centre - 40, centre - 30, big),
            Box(b.concept, centre + 30, centre + 20, small + 20),
        ]
    if scene.relation == "in front of":
        return [
            Box(b.concept, centre - 40, centre - 30, big),
            Box(a.concept, centre + 30, centre + 20, small + 20),
        ]
    return _row(scene.objects, canvas)  # next to


def _between(scene: Scene, canvas: int) -> list[Box]:
    """The first thing in the middle of a row, one of the others (or of two copies) each side."""
    middle, others = scene.objects[0], scene.objects[1:]
    sides = [replace(o, count=1) for o in others for _ in range(o.count)][:2]
    if middle.count != 1 or len(sides) != 2:
        return _row(scene.objects, canvas)
    return _row((sides[0], middle, sides[1]), canvas)


def _row(objects: tuple[SceneObject, ...], canvas: int) -> list[Box]:
    """Every copy of every object side by side, in rows (a square-ish grid), each thing as big
    as it is in the world next to the others, standing on the floor of its place."""
    copies = [o for o in objects for _ in range(o.count)][:MAX_COPIES]
    per_row = len(copies) if len(copies) <= 3 else math.ceil(math.sqrt(len(copies)))
    rows = -(-len(copies) // per_row)
    place = min(canvas // per_row - 8, canvas // rows - 8, int(canvas * 0.7))
    biggest = max(o.size for o in objects)
    # never under half its place, nor under a quarter of the picture: a thing stays easy to see
    smallest = max(int(place * 0.45), min(place, canvas // 4))
    boxes = []
    for n, thing in enumerate(copies):
        row, column = divmod(n, per_row)
        in_row = min(per_row, len(copies) - row * per_row)
        left = (canvas - in_row * (place + 8)) // 2
        top = (canvas - rows * (place + 8)) // 2
        x, y = left + column * (place + 8) + 4, top + row * (place + 8) + 4
        size = max(smallest, round(place * thing.size / biggest))
        boxes.append(
            Box(thing.concept, x + (place - size) // 2, y + place - size, size, thing.colour)
        )
    return boxes


def resting(boxes: list[Box], scene: Scene, pictures: Mapping[str, object]) -> list[Box]:
    """ "The cat is on the bed.": each copy of the thing moved down (never up) until what is
    drawn of it sits on what is drawn of the other right under it. The boxes alone left a gap:
    a bed fills only the lower half of its picture, so the cat looked above it, not on it."""
    if scene.relation != "on" or len(scene.objects) < 2:
        return boxes
    thing, support = scene.objects[0].concept, scene.objects[1].concept
    under = [b for b in boxes if b.concept == support and not b.setting]
    if thing == support or len(under) != 1 or scene.hung:
        return boxes
    base, surface, drawn = under[0], _drawn(pictures[support]), _drawn(pictures[thing])
    rows, columns = np.flatnonzero(drawn.any(axis=1)), np.flatnonzero(drawn.any(axis=0))
    if not (rows.size and columns.size):
        return boxes
    first, last = rows[0] / drawn.shape[0], (rows[-1] + 1) / drawn.shape[0]
    copies = [n for n, b in enumerate(boxes) if b.concept == thing and not b.setting]
    things = _over([boxes[n] for n in copies], base, surface, columns, drawn)
    boxes = list(boxes)
    for n, box in zip(copies, things, strict=True):
        boxes[n] = box
    if support in FROM_ABOVE:  # on the middle of a plate seen from above, not its far rim
        rows_drawn = np.flatnonzero(surface.any(axis=1))
        middle = base.y + (rows_drawn[0] + rows_drawn[-1] + 1) / 2 / surface.shape[0] * base.size
        return [
            replace(b, y=round(middle - (first + last) / 2 * b.size)) if n in copies else b
            for n, b in enumerate(boxes)
        ]
    tops = []
    for box in things:
        # the support's top in the columns the things cover (a bed's mattress, not its
        # headboard; a sofa's seat back, not the lamp beside it), one line for every copy:
        # four crowns each on its own book of a bookshelf stood at four heights
        left, right = box.x + box.size * columns[[0, -1]] / drawn.shape[1] - base.x
        span = surface[:, _span(left, right, base.size, surface.shape[1])]
        tops += [_top(col) for col in span.T if col.any()]
    if not tops:
        return boxes
    lowest = float(np.percentile(tops, 75))  # a lamp's thin stand is no seat
    top = base.y + round(lowest / surface.shape[0] * base.size)
    moved = []
    for n, box in enumerate(boxes):
        if n in copies:
            sits = top - round(last * box.size) + round((last - first) * box.size * 0.15)
            box = replace(box, y=max(box.y, sits))
        moved.append(box)
    return moved


def _over(things: list[Box], base: Box, surface: Any, columns: Any, drawn: Any) -> list[Box]:
    """A row of copies drawn out past the support's own sides moved in over it, evenly, made
    smaller where they must (to no less than MIN_SHRINK of their size): two of "Six candles
    are on the cake." stood in the air beside the cake, whose picture is narrower than its box;
    and of "Three birds are on the chair." one."""
    if len(things) < 2:
        return things
    drawn_columns = np.flatnonzero(surface.any(axis=0)) / surface.shape[1] * base.size + base.x
    low, high = float(drawn_columns[0]), float(drawn_columns[-1])
    low, high = low + (high - low) * 0.05, high - (high - low) * 0.05  # a round cake's edge
    share = (columns[0] / drawn.shape[1], (columns[-1] + 1 - columns[0]) / drawn.shape[1])
    size = things[0].size
    starts = [b.x + share[0] * size for b in things]
    if min(starts) >= low and max(starts) + share[1] * size <= high:
        return things  # over it already
    fits = (high - low) / (len(things) * (share[1] + 0.1))  # a tenth of a copy apart
    size = min(size, int(fits))
    if size < things[0].size * MIN_SHRINK:
        return things
    width = share[1] * size
    step = (high - low - width) / (len(things) - 1)
    bottom = things[0].y + things[0].size  # standing where they stood
    order = sorted(range(len(things)), key=lambda n: things[n].x)
    moved = list(things)
    for place, n in enumerate(order):
        x = round(low + place * step - share[0] * size)
        moved[n] = replace(things[n], x=x, y=bottom - size, size=size)
    return moved


def _top(column: Any) -> int:
    """Where the thing starts in a column of its picture: the top of its longest drawn run,
    not a stroke apart above it (the leaf's wind drawn over it: a snail sat on the wind)."""
    edges = np.flatnonzero(np.diff(np.concatenate(([0], column.astype(np.int8), [0]))))
    starts, ends = edges[::2], edges[1::2]
    return int(starts[np.argmax(ends - starts)])


def _span(left: float, right: float, size: int, width: int) -> slice:
    """The picture's columns from `left` to `right` (pixels of a box `size` wide)."""
    start = min(max(0, int(left / size * width)), width - 1)
    return slice(start, max(start + 1, min(width, int(right / size * width))))


def _drawn(picture: object) -> Any:
    """Where the picture is drawn: a rows × columns mask of its non-white pixels."""
    from PIL import Image

    assert isinstance(picture, Image.Image)
    return np.any(np.asarray(picture.convert("RGB")) <= 235, axis=2)


def composite(boxes: list[Box], pictures: Mapping[str, object], canvas: int = 256) -> object:
    """The scene: each concept's picture (its white background made clear) in its box."""
    from PIL import Image

    scene = Image.new("RGB", (canvas, canvas), "white")
    for box in boxes:
        picture = pictures[box.concept]
        assert isinstance(picture, Image.Image)
        tile = picture.convert("RGB").resize((box.size, box.size), Image.Resampling.LANCZOS)
        alpha = np.where(_drawn(tile), 255, 0).astype(np.uint8)  # white made clear
        if box.colour in COLOURS:
            tile = recolour(tile, COLOURS[box.colour])
        scene.paste(tile, (box.x, box.y), Image.fromarray(alpha, "L"))
    return scene


def recolour(tile: Any, colour: tuple[int, int, int]) -> Any:
    """The picture in one colour, its own light and shade kept: the object's middle tone
    becomes the colour, darker parts a darker shade of it, highlights a lighter one (so a
    "red ball" is plainly red and still a ball)."""
    from PIL import Image, ImageOps

    assert isinstance(tile, Image.Image)
    grey = tile.convert("L")
    values = np.asarray(grey)
    inside = values[values < 235]  # the object, not its white background
    middle = int(np.median(inside)) if inside.size else 128
    dark = tuple(int(c * 0.45) for c in colour)
    light = tuple(min(255, int(c + (255 - c) * 0.6)) for c in colour)
    return ImageOps.colorize(
        grey, black=dark, white=light, mid=colour, midpoint=min(max(middle, 20), 230)
    )


def named_colour(pixels: object) -> str | None:
    """The colour name (of COLOURS) nearest to the median of an object's pixels (N×3 RGB),
    compared in CIE Lab (Pillow's colour management), where distance follows what eyes see."""

    values = np.asarray(pixels, dtype=np.float64).reshape(-1, 3)
    if not len(values):
        return None
    names = [n for n in COLOURS if n != "gray"]
    swatch = np.array([np.median(values, axis=0)] + [COLOURS[n] for n in names], dtype=np.uint8)
    lab = _to_lab(swatch)
    distances = np.linalg.norm(lab[1:] - lab[0], axis=1)
    return names[int(np.argmin(distances))]


def _to_lab(rgb: object) -> Any:
    from PIL import Image, ImageCms

    colours = np.asarray(rgb, dtype=np.uint8).reshape(1, -1, 3)
    transform = ImageCms.buildTransformFromOpenProfiles(
        ImageCms.createProfile("sRGB"), ImageCms.createProfile("LAB"), "RGB", "LAB"
    )
    lab = ImageCms.applyTransform(Image.fromarray(colours, "RGB"), transform)
    assert lab is not None
    values = np.asarray(lab, dtype=np.float64).reshape(-1, 3)
    values[:, 0] *= 100 / 255  # L in 0..100; a and b are stored as signed bytes
    values[:, 1:] = (values[:, 1:].astype(np.uint8).view(np.int8)).astype(np.float64)
    return values
