"""The starter model's training set: four open emoji styles with English names and captions.

Built once at development time (``python -m engine.starter.dataset``): which emoji and which
words come from ``engine.starter.catalogue`` (OpenMoji's list with CLDR keywords, the ``emoji``
package's aliases, the project's own names), the pictures from ``engine.starter.artwork``
(Noto, Twemoji, OpenMoji, Fluent). The result is committed next to the model so evaluation
works on a fresh clone.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

DATA_DIR = Path(__file__).parent / "data"
IMAGES_FILE = DATA_DIR / "emoji64.npz"
CONCEPTS_FILE = DATA_DIR / "concepts.json"
ART_CACHE = Path.home() / ".cache" / "pictolingo" / "emoji-art"


@dataclass(frozen=True)
class Concept:
    """One picture of the training set with the captions that should draw it."""

    index: int
    emoji: str
    name: str
    group: str
    captions: tuple[str, ...]  # names a learner's word may match (the resolver reads them)
    keywords: tuple[str, ...] = ()  # looser CLDR keywords, for training the text only
    styles: tuple[str, ...] = ("noto",)  # the styles it has a picture in


def build(out_dir: Path = DATA_DIR, cache: Path = ART_CACHE) -> list[Concept]:
    """Render every kept emoji in every style and write ``emoji64.npz`` and ``concepts.json``."""
    from tqdm import tqdm

    from engine.starter import artwork, catalogue
    from engine.starter.paraphrases import PARAPHRASES

    # the evaluation's paraphrases stay unseen by the text side (names are the learner's)
    held_out = set(PARAPHRASES)
    packages = artwork.fetch_packages(cache)
    entries = catalogue.selected(catalogue.read_openmoji(packages["openmoji"]))
    art = artwork.Artwork(packages)
    aliases = catalogue.emoji_aliases()
    counts = catalogue.tag_counts(entries)
    own_names = {catalogue.concept_name(e) for e in entries}
    taken: set[str] = set()
    concepts: list[Concept] = []
    images: list[np.ndarray] = []
    owners: list[int] = []
    styles: list[int] = []
    for entry in tqdm(entries, desc="rendering", unit="emoji"):
        pictures = {s: art.render(s, entry) for s in artwork.STYLES}
        drawn = [s for s in artwork.STYLES if pictures[s] is not None]
        if not drawn:
            continue
        name = catalogue.concept_name(entry)
        # A name belongs to one picture: the first to claim it, unless it is another's own.
        safe = [
            n
            for n in catalogue.names_for(entry, aliases)
            if n == name or (n not in own_names and n not in taken)
        ]
        keywords = [
            k
            for k in catalogue.keywords_for(entry, counts)
            if k not in safe and k not in held_out and k not in own_names
        ]
        taken.update(safe)
        captions = catalogue.captions_for(safe, entry.name)
        index = len(concepts)
        concepts.append(
            Concept(
                index,
                entry.emoji,
                name,
                entry.subgroup,
                tuple(captions),
                tuple(keywords),
                tuple(drawn),
            )
        )
        for style in drawn:
            images.append(pictures[style])  # type: ignore[arg-type]
            owners.append(index)
            styles.append(artwork.STYLES.index(style))
    save(out_dir, concepts, Pictures(np.stack(images), np.asarray(owners), np.asarray(styles)))
    return concepts


def save(out_dir: Path, concepts: list[Concept], pictures: Pictures) -> None:
    """Write a training set as `load_concepts` and `load_pictures` read it."""
    out_dir.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(
        out_dir / IMAGES_FILE.name,
        images=pictures.images,
        owners=pictures.owners.astype(np.int16),
        styles=pictures.styles.astype(np.int8),
    )
    payload = [
        c.__dict__ | {k: list(getattr(c, k)) for k in ("captions", "keywords", "styles")}
        for c in concepts
    ]
    (out_dir / CONCEPTS_FILE.name).write_text(json.dumps(payload, ensure_ascii=False, indent=1))


@dataclass(frozen=True)
class Pictures:
    """Every training picture: pixels (M, 64, 64, 3), whose concept, which style."""

    images: np.ndarray
    owners: np.ndarray
    styles: np.ndarray


def load_concepts(data_dir: Path = DATA_DIR) -> list[Concept]:
    raw = json.loads((data_dir / CONCEPTS_FILE.name).read_text(encoding="utf-8"))
    return [
        Concept(
            r["index"],
            r["emoji"],
            r["name"],
            r["group"],
            tuple(r["captions"]),
            tuple(r.get("keywords", ())),
            tuple(r.get("styles", ("noto",))),
        )
        for r in raw
    ]


def load_pictures(data_dir: Path = DATA_DIR) -> Pictures:
    data = np.load(data_dir / IMAGES_FILE.name)
    images = data["images"]
    if "owners" not in data:  # one picture per concept, all Noto
        return Pictures(images, np.arange(len(images)), np.zeros(len(images), dtype=np.int8))
    return Pictures(images, data["owners"].astype(np.int64), data["styles"])


def load(data_dir: Path = DATA_DIR) -> tuple[np.ndarray, list[Concept]]:
    """The committed training set: one picture per concept (its first style, uint8
    (N, 64, 64, 3)) and the concepts."""
    pictures = load_pictures(data_dir)
    first = np.unique(pictures.owners, return_index=True)[1]
    return pictures.images[first], load_concepts(data_dir)


if __name__ == "__main__":
    import sys

    target = Path(sys.argv[1]) if len(sys.argv) > 1 else DATA_DIR
    built = build(target)
    print(f"{len(built)} concepts, {sum(len(c.styles) for c in built)} pictures -> {target}")
