"""Which emoji the starter model learns, and the words that should draw each one.

The master list is OpenMoji's ``data/openmoji.json`` (every Unicode emoji with its CLDR
keywords, plus OpenMoji's own pictograms). A concept is kept when it shows a concrete,
teachable thing: people and family, jobs, body, clothes, home, school, food, weather, nature,
places, transport, sports, animals, and the coloured shapes. Skin-tone variants are the same
picture under another name and are left out; flags, symbols, brands and anything not for
children are left out too (the lists: ``catalogue.toml``). Development time only
(``python -m engine.starter.dataset``).
"""

from __future__ import annotations

import json
import re
import tomllib
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

LISTS = tomllib.loads((Path(__file__).parent / "catalogue.toml").read_text(encoding="utf-8"))
KEEP_SUBGROUPS = frozenset(LISTS["keep_subgroups"])
KEEP_NAMES = frozenset(LISTS["keep_names"])
KEEP_EXTRAS = frozenset(LISTS["keep_extras"])
EXCLUDE = frozenset(LISTS["exclude"])
GENERIC_TAGS = frozenset(LISTS["generic_tags"])
EXTRA_NAMES: dict[str, tuple[str, ...]] = {k: tuple(v) for k, v in LISTS["extra_names"].items()}
FEELING_ALIASES = {k: tuple(v) for k, v in LISTS["feeling_aliases"].items()}
# A keyword shared by more concepts than this is a category ("fruit"), not a name.
SHARED_TAG_LIMIT = 3
_NOT_WORDS = re.compile(r"[^a-z' -]")


@dataclass(frozen=True)
class Entry:
    """One emoji of the master list."""

    emoji: str
    hexcode: str
    name: str
    group: str
    subgroup: str
    tags: tuple[str, ...]
    unicode: bool


def read_openmoji(package_dir: Path) -> list[Entry]:
    raw = json.loads((package_dir / "data" / "openmoji.json").read_text(encoding="utf-8"))
    entries = []
    for row in raw:
        if row["skintone"]:  # the same picture in another skin tone
            continue
        tags = [t.strip().lower() for t in f"{row['tags']},{row['openmoji_tags']}".split(",")]
        entries.append(
            Entry(
                emoji=row["emoji"],
                hexcode=row["hexcode"],
                name=plain_name(row["annotation"]),
                group=row["group"],
                subgroup=row["subgroups"],
                tags=tuple(dict.fromkeys(t for t in tags if t)),
                unicode=not row["group"].startswith("extras"),
            )
        )
    return entries


def plain_name(annotation: str) -> str:
    """'piñata' → 'pinata', 'Man: Beard' → 'man beard'; names are what learners type."""
    text = unicodedata.normalize("NFKD", annotation.replace("’", "'"))
    return " ".join(text.encode("ascii", "ignore").decode().lower().split())


def selected(entries: Iterable[Entry]) -> list[Entry]:
    """The concrete, teachable, child-safe entries, each picture once."""
    kept: list[Entry] = []
    seen: set[str] = set()
    for entry in entries:
        name = entry.name.replace(":", "")
        if entry.name in EXCLUDE or name in EXCLUDE or name in seen:
            continue
        if entry.group.startswith("extras"):
            keep = entry.name in KEEP_EXTRAS or entry.name in KEEP_NAMES
        elif entry.name.startswith(("kiss", "couple with heart")):
            keep = False
        else:
            keep = entry.subgroup in KEEP_SUBGROUPS or entry.name in KEEP_NAMES
        if keep:
            seen.add(name)
            kept.append(entry)
    return kept


def article(noun: str) -> str:
    """'an apple', 'a cat': the indefinite article a learner would use."""
    return ("an " if noun[:1] in "aeiou" else "a ") + noun


def concept_name(entry: Entry) -> str:
    return entry.name.replace(":", "").replace(",", "")


def alias_names(entry: Entry, emoji_aliases: dict[str, list[str]]) -> list[str]:
    """The emoji package's word-only aliases ("automobile" for the car)."""
    names = []
    aliases = emoji_aliases.get(entry.emoji) or emoji_aliases.get(entry.emoji.replace("\ufe0f", ""))
    for alias in aliases or []:
        text = alias.strip(":").replace("_", " ").lower()
        if text.isascii() and not any(ch.isdigit() for ch in text):
            names.append(text)
    return names


def names_for(entry: Entry, emoji_aliases: dict[str, list[str]]) -> list[str]:
    """The concept's name, then the words people use for it: the project's extra names and
    the emoji package's aliases. These are safe to draw the concept for."""
    name = concept_name(entry)
    return list(
        dict.fromkeys([name, *EXTRA_NAMES.get(entry.name, ()), *alias_names(entry, emoji_aliases)])
    )


def keywords_for(entry: Entry, tag_counts: Counter) -> list[str]:
    """CLDR/OpenMoji keywords that name few pictures: looser ("putt" for golfing), so they
    only widen what the model's text side has seen; the resolver never draws from them."""
    return [
        tag
        for tag in entry.tags
        if tag not in GENERIC_TAGS
        and not _NOT_WORDS.search(tag)
        and tag_counts[tag] <= SHARED_TAG_LIMIT
        and len(tag) > 2
    ]


def captions_for(names: list[str], name: str) -> list[str]:
    """Several phrasings of each name: bare, with an article, 'a picture of …'."""
    captions: list[str] = []
    for text in names:
        for caption in (text, article(text), f"a picture of {article(text)}"):
            if caption not in captions:
                captions.append(caption)
    captions.extend(c for c in FEELING_ALIASES.get(name, ()) if c not in captions)
    return captions


def emoji_aliases() -> dict[str, list[str]]:
    import emoji as emoji_pkg

    found: dict[str, list[str]] = {}
    for char, data in emoji_pkg.EMOJI_DATA.items():
        aliases = list(data.get("alias", []))
        found[char] = aliases
        found[char.replace("\ufe0f", "")] = aliases
    return found


def tag_counts(entries: Iterable[Entry]) -> Counter:
    counts: Counter = Counter()
    for entry in entries:
        counts.update(set(entry.tags))
    return counts
