"""A layout-blind scene checker: does a finished picture show what the sentence asks for?

It never reads the planned layout. It looks for each asked-for thing by sliding windows of many
sizes over the picture and retrieving, for every window, the nearest of the starter's training
pictures (grey 24×24 thumbnails, so a recoloured thing is still found); a window shows a thing
when that thing's own picture is among the nearest few and close enough. Overlapping finds of
one thing are merged; what is left is counted, its colour read from its pixels, and the
relation between the first two things judged from where they were found (and, for behind / in
front of, from which one's own picture agrees with the pixels where they overlap).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from engine.groups import ringed
from engine.scene import Scene
from engine.scene_layout import named_colour

GRID = 24  # thumbnail side, as the starter's picture check uses
# window sides, of the canvas: a thing in a learner's picture is at least a quarter of it wide
SIZES = (0.25, 0.28, 0.31, 0.34, 0.38, 0.42, 0.46, 0.5, 0.55, 0.6, 0.66, 0.72)
STRIDE = 1 / 64  # of the canvas
# Copies of one thing are drawn alike: another find counts only if nearly as good as the best.
COPY_SCORE = 0.8
TOP_K = 3  # the thing's own picture must be among this many nearest
MIN_SIMILARITY = 0.62
INK_LEVEL = 235  # a thumbnail cell darker than this is part of the thing, not its background
MIN_MASKED_CELLS = 48  # a twelfth of the thumbnail: fewer cells say too little


@dataclass(frozen=True)
class Found:
    concept: str
    x: int
    y: int
    size: int
    score: float

    @property
    def centre(self) -> tuple[float, float]:
        return self.x + self.size / 2, self.y + self.size / 2


@dataclass(frozen=True)
class Verdict:
    """Per part of the scene: True (shown), False (not shown) or None (not asked for)."""

    objects: bool
    counts: bool | None
    colours: bool | None
    relation: bool | None
    found: dict[str, list[Found]]

    @property
    def shows(self) -> bool:
        parts = (self.objects, self.counts, self.colours, self.relation)
        return all(part is not False for part in parts)


class SceneChecker:
    def __init__(self, reference_images: np.ndarray, names: list[str]) -> None:
        self.images = reference_images
        self.names = names
        self.index = {name: i for i, name in enumerate(names)}
        side = reference_images.shape[1]
        greys = [_grey(image) for image in reference_images]
        whole = np.array([[0, 0, side]])
        self.reference_cells = np.concatenate([_cell_means(g, whole) for g in greys])
        self.reference = _features(self.reference_cells)

    @classmethod
    def for_starter(cls) -> SceneChecker:
        from engine.starter.additions import drawable_concepts, drawable_pictures

        pictures = drawable_pictures()
        first = np.unique(pictures.owners, return_index=True)[1]  # one picture a concept
        names = [c.name for c in drawable_concepts()]
        # a scene never draws a part ringed on its whole, and the ringed cat is no other cat
        kept = [i for i, name in enumerate(names) if name not in ringed()]
        return cls(pictures.images[first][kept], [names[i] for i in kept])

    def find(self, picture: Any, concepts: list[str]) -> dict[str, list[Found]]:
        """Where each concept is in the picture (best first); [] for a concept not found."""
        rgb = np.asarray(picture.convert("RGB"))
        canvas = rgb.shape[0]
        windows = _windows(canvas)
        grey = _grey(rgb)
        # a window of plain background shows nothing
        cells = _cell_means(grey, windows)
        ink = 1 - cells.reshape(len(windows), -1).mean(axis=1) / 255.0  # share not background
        features = _features(cells)
        similarity = features @ self.reference.T
        found: dict[str, list[Found]] = {}
        for concept in concepts:
            target = self.index.get(concept)
            if target is None:
                found[concept] = []
                continue
            own = similarity[:, target]
            rank = (similarity > own[:, None]).sum(axis=1)
            good = np.flatnonzero((rank < TOP_K) & (own >= MIN_SIMILARITY) & (ink > 0.02))
            if not len(good):
                # drawn over another thing (a cat in a basket): compare only where the thing's
                # own picture has ink, so what is around it does not count
                own, good = self._masked(cells, target, ink)
            order = good[np.argsort(-own[good])]
            kept: list[Found] = []
            for w in order:
                x, y, size = (int(v) for v in windows[w])
                candidate = Found(concept, x, y, size, float(own[w]))
                if kept and candidate.score < COPY_SCORE * kept[0].score:
                    break
                if all(_apart(candidate, other) for other in kept):
                    kept.append(candidate)
            found[concept] = [self._refined(grey, f, target) for f in kept]
        # a second find of one thing inside a better find of another is part of that other
        for concept, finds in found.items():
            found[concept] = finds[:1] + [
                f
                for f in finds[1:]
                if not any(
                    g.score > f.score and _overlap(f, g) > 0.5 * f.size**2
                    for other, gs in found.items()
                    if other != concept
                    for g in gs
                )
            ]
        return found

    def _masked(
        self, cells: np.ndarray, target: int, ink: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        """Similarity of every window to the target over the target's own ink only, and the
        windows where the target is among the nearest pictures compared the same way."""
        mask = (self.reference_cells[target] < INK_LEVEL).reshape(-1)
        if mask.sum() < MIN_MASKED_CELLS:
            return np.zeros(len(cells)), np.array([], dtype=np.int64)
        windows = _features(cells.reshape(len(cells), -1)[:, mask])
        references = _features(self.reference_cells.reshape(len(self.images), -1)[:, mask])
        similarity = windows @ references.T
        own = similarity[:, target]
        rank = (similarity > own[:, None]).sum(axis=1)
        good = np.flatnonzero((rank < TOP_K) & (own >= MIN_SIMILARITY) & (ink > 0.02))
        return own, good

    def _refined(self, grey: np.ndarray, found: Found, target: int) -> Found:
        """The find moved and resized by a few pixels to where it matches best."""
        canvas = grey.shape[0]
        step = max(1, canvas // 128)
        rows = [
            (x, y, size)
            for size in {round(found.size * f) for f in np.linspace(0.9, 1.1, 9)}
            for y in range(found.y - 3 * step, found.y + 3 * step + 1, step)
            for x in range(found.x - 3 * step, found.x + 3 * step + 1, step)
            if min(x, y) >= 0 and max(x, y) + size <= canvas and size > 0
        ]
        windows = np.array(rows, dtype=np.int64)
        scores = _features(_cell_means(grey, windows)) @ self.reference[target]
        best = int(np.argmax(scores))
        if scores[best] <= found.score:
            return found
        x, y, size = (int(v) for v in windows[best])
        return Found(found.concept, x, y, size, float(scores[best]))

    def check(self, picture: Any, scene: Scene) -> Verdict:
        """Does the picture show the scene's things, how many, their colours and relation?"""
        concepts = list(dict.fromkeys(o.concept for o in scene.objects))
        found = self.find(picture, concepts)
        objects = all(found[c] for c in concepts)
        counts: bool | None = None
        if any(o.count > 1 for o in scene.objects) or len(scene.objects) > 1:
            wanted: dict[str, int] = {}
            for o in scene.objects:
                wanted[o.concept] = wanted.get(o.concept, 0) + o.count
            counts = all(len(found[c]) == n for c, n in wanted.items())
        colours: bool | None = None
        if any(o.colour for o in scene.objects):
            rgb = np.asarray(picture.convert("RGB"))
            colours = all(
                _colours_match(
                    [o.colour for o in scene.objects if o.concept == c for _ in range(o.count)],
                    [_colour_of(rgb, f) for f in found[c]],
                )
                for c in concepts
            )
        relation: bool | None = None
        if scene.relation == "between":
            relation = _between(scene, found)
        elif scene.relation and len(scene.objects) >= 2:
            first, second = scene.objects[:2]
            if first.concept == second.concept:  # a white sheep next to a black sheep
                finds = found[first.concept]
                pair = (finds[0], finds[1]) if len(finds) >= 2 else None
                if pair is not None and first.colour and second.colour:
                    rgb = np.asarray(picture.convert("RGB"))
                    if _colour_of(rgb, pair[0]) != first.colour:
                        pair = (pair[1], pair[0])
            else:
                a, b = found[first.concept], found[second.concept]
                pair = (a[0], b[0]) if a and b else None
            relation = pair is not None and related(
                scene.relation, pair[0], pair[1], picture, self._picture_of, hung=scene.hung
            )
        return Verdict(objects, counts, colours, relation, found)

    def _picture_of(self, concept: str) -> np.ndarray:
        return np.asarray(self.images[self.index[concept]])


def _between(scene: Scene, found: dict[str, list[Found]]) -> bool:
    """Is the first thing found between the other two (or two of the other thing), in a row?"""
    middle, others = scene.objects[0], scene.objects[1:]
    sides = [f for o in others for f in found[o.concept][: o.count]][:2]
    if not found[middle.concept] or len(sides) != 2:
        return False
    a, (b, c) = found[middle.concept][0], sides
    (ax, ay), (bx, by), (cx, cy) = a.centre, b.centre, c.centre
    in_row = max(abs(ay - by), abs(ay - cy)) < max(a.size, b.size, c.size) * 0.5
    return in_row and min(bx, cx) < ax < max(bx, cx)


def related(
    relation: str, a: Found, b: Found, picture: Any, picture_of: Any, *, hung: bool = False
) -> bool:
    """Is `a` <relation> `b`, judged from where both were found (`hung`: on a wall)?"""
    (ax, ay), (_, by) = a.centre, b.centre
    overlap_x = min(a.x + a.size, b.x + b.size) - max(a.x, b.x)
    if relation == "next to":
        return abs(ay - by) < max(a.size, b.size) * 0.5 and _overlap(a, b) == 0
    if relation == "on" and hung:  # hung on the wall: over its middle
        return b.x <= ax <= b.x + b.size and b.y <= ay <= b.y + b.size and a.size < b.size
    if relation == "on":  # above b's middle, resting on it
        return ay < by and overlap_x > 0 and a.y + a.size >= b.y and ay > b.y - a.size
    if relation == "under":
        return ay > by and overlap_x > 0 and a.y <= b.y + b.size
    if relation == "above":
        return ay < by and a.y + a.size <= b.y + b.size * 0.25 and overlap_x > 0
    if relation == "in":
        return a.size < b.size and b.x <= ax <= b.x + b.size and b.y <= ay <= b.y + b.size
    if relation in ("behind", "in front of"):
        if _overlap(a, b) == 0:
            return False
        front = _in_front(a, b, picture, picture_of)
        return front is (relation == "in front of")
    return False


def _in_front(a: Found, b: Found, picture: Any, picture_of: Any) -> bool:
    """Is `a` drawn over `b`? Where they overlap, whose own picture matches the pixels better."""
    from PIL import Image

    x1, y1 = max(a.x, b.x), max(a.y, b.y)
    x2, y2 = min(a.x + a.size, b.x + b.size), min(a.y + a.size, b.y + b.size)
    seen = _grey(np.asarray(picture.convert("RGB")))[y1:y2, x1:x2]
    agreement = []
    for thing in (a, b):
        own = Image.fromarray(picture_of(thing.concept)).resize((thing.size, thing.size))
        grey = _grey(np.asarray(own))
        part = grey[y1 - thing.y : y2 - thing.y, x1 - thing.x : x2 - thing.x]
        drawn = part < 235  # where the thing itself has ink
        if drawn.sum() < 10:
            agreement.append(-1.0)
            continue
        agreement.append(float(np.corrcoef(part[drawn], seen[drawn])[0, 1]))
    return agreement[0] > agreement[1]


def _colours_match(wanted: list[str | None], seen: list[str | None]) -> bool:
    """Each thing asked for in a colour is found in it ("a white sheep and a black sheep")."""
    left = ["grey" if c == "gray" else c for c in seen]
    for colour in wanted:
        if colour is None:
            continue
        colour = "grey" if colour == "gray" else colour
        if colour not in left:
            return False
        left.remove(colour)
    return True


def _colour_of(rgb: np.ndarray, found: Found) -> str | None:
    """The named colour of a found thing: its inner part's non-background pixels."""
    margin = found.size // 6
    inner = rgb[
        found.y + margin : found.y + found.size - margin,
        found.x + margin : found.x + found.size - margin,
    ]
    pixels = inner[~(inner > 245).all(axis=2)]
    return named_colour(pixels)


def _apart(a: Found, b: Found) -> bool:
    """Two finds of one thing are two things only if they hardly overlap."""
    return _overlap(a, b) <= 0.2 * min(a.size, b.size) ** 2


def _overlap(a: Found, b: Found) -> int:
    w = min(a.x + a.size, b.x + b.size) - max(a.x, b.x)
    h = min(a.y + a.size, b.y + b.size) - max(a.y, b.y)
    return max(0, w) * max(0, h)


def _windows(canvas: int) -> np.ndarray:
    stride = max(1, round(canvas * STRIDE))
    rows = []
    for fraction in SIZES:
        size = round(canvas * fraction)
        for y in range(0, canvas - size + 1, stride):
            for x in range(0, canvas - size + 1, stride):
                rows.append((x, y, size))
    return np.array(rows, dtype=np.int64)


def _grey(rgb: np.ndarray) -> np.ndarray:
    values = np.asarray(rgb, dtype=np.float64)
    return values[..., 0] * 0.299 + values[..., 1] * 0.587 + values[..., 2] * 0.114


def _cell_means(grey: np.ndarray, windows: np.ndarray) -> np.ndarray:
    """Each window shrunk to GRID×GRID cell means, all windows at once (an integral image)."""
    integral = np.pad(grey.cumsum(0).cumsum(1), ((1, 0), (1, 0)))
    steps = np.arange(GRID + 1)
    edges = np.round(windows[:, 2:3] * steps[None, :] / GRID).astype(np.int64)
    xs, ys = windows[:, 0:1] + edges, windows[:, 1:2] + edges
    y1, y2 = ys[:, :-1, None], ys[:, 1:, None]
    x1, x2 = xs[:, None, :-1], xs[:, None, 1:]
    sums = integral[y2, x2] - integral[y1, x2] - integral[y2, x1] + integral[y1, x1]
    return sums / np.maximum((y2 - y1) * (x2 - x1), 1)


def _features(cells: np.ndarray) -> np.ndarray:
    """Cell means as unit vectors with their mean removed (brightness and contrast do not count)."""
    flat = cells.reshape(len(cells), -1) / 255.0
    flat = flat - flat.mean(axis=1, keepdims=True)
    return flat / (np.linalg.norm(flat, axis=1, keepdims=True) + 1e-8)
