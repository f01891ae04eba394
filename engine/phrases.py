"""What a concept's name and a WordNet meaning say about a picture: the head nouns of a
phrase ("palm tree" is a tree), the kinds of thing each training group can show, the kind a
definition names first. Shared by the resolver and the scene reader."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from engine.wordnet import WordNet

# The kinds of WordNet noun a concept of each training group can stand for.
_THINGS = ("noun.artifact", "noun.object")
GROUP_KINDS: dict[str, tuple[str, ...]] = {
    "animal": ("noun.animal",),
    "cat-face": ("noun.animal",),
    # an egg or a crab is drawn the same whether it is food or the animal's
    "food": ("noun.food", "noun.plant", "noun.substance", "noun.artifact", "noun.animal"),
    "drink": ("noun.food", "noun.substance", "noun.artifact"),
    "plant": ("noun.plant", "noun.object"),
    "body-parts": ("noun.body",),
    "person": ("noun.act", "noun.person"),
    "place": ("noun.artifact", "noun.object", "noun.location"),
    "hotel": _THINGS,
    "transport": ("noun.artifact",),
    "sky & weather": ("noun.phenomenon", "noun.object", "noun.time", "noun.artifact"),
    "sky-weather": ("noun.phenomenon", "noun.object", "noun.time", "noun.artifact"),
    "hand": ("noun.body",),
    "family": ("noun.group", "noun.person"),
    "people": ("noun.act", "noun.person"),
    "geometric": ("noun.shape", "noun.artifact"),
    "money": ("noun.possession", "noun.artifact"),
    "time": ("noun.artifact", "noun.time"),
    "healthcare": ("noun.artifact", "noun.body", "noun.state"),
    "climate-environment": ("noun.phenomenon", "noun.event", "noun.object", "noun.artifact"),
    "emergency": ("noun.phenomenon", "noun.event", "noun.artifact", "noun.act"),
    "animals-nature": ("noun.animal", "noun.plant"),
    "food-drink": ("noun.food", "noun.artifact"),
    "travel-places": ("noun.artifact", "noun.object", "noun.location"),
    "event": ("noun.artifact", "noun.event", "noun.act"),
    "sport": ("noun.artifact", "noun.act"),
    "game": ("noun.artifact", "noun.act"),
    "book-paper": ("noun.artifact", "noun.communication"),
    "mail": ("noun.artifact", "noun.communication"),
    "music": ("noun.artifact", "noun.communication"),
    "sound": ("noun.artifact", "noun.communication"),
    # a made thing only: the globe icon is a map on a ball, not the planet its name also is
    "artifact": ("noun.artifact",),
    # a forest is its trees together (WordNet files it as a group)
    "woods": ("noun.group", "noun.object", "noun.location"),
}
_DEFAULT_KINDS = ("noun.artifact", "noun.object")
# Meanings a picture can show; a word with only other meanings (idea, family) is not drawn.
CONCRETE = frozenset(
    {
        "noun.animal",
        "noun.artifact",
        "noun.body",
        "noun.food",
        "noun.plant",
        "noun.object",
        "noun.phenomenon",
        "noun.substance",
        "noun.act",
        "noun.event",
        "noun.location",
        "noun.time",
        "noun.person",
        "noun.group",
        "noun.shape",
        "noun.possession",
    }
)
_LEADING = re.compile(r"^(a picture of |an |a |the )+")


def kinds_for(group: str) -> tuple[str, ...]:
    for prefix, kinds in GROUP_KINDS.items():
        if group == prefix or group.startswith(prefix + "-") or group.startswith(prefix):
            return kinds
    return _DEFAULT_KINDS


def phrase_of(caption: str) -> str:
    return _LEADING.sub("", caption.strip().lower())


def heads_of(phrase: str) -> list[str]:
    """The nouns a phrase is about: "palm tree" → tree, "glass of milk" → glass and milk,
    "fork and knife" → fork and knife, "house with garden" → house."""
    main = re.split(r" with | without ", phrase)[0]
    heads = []
    for part in re.split(r" of | and ", main):
        words = part.split()
        if words:
            heads.append(words[-1])
    return heads


_GENUS = re.compile(
    r"^(?:an? |the )?(?:[a-z-]+ )*?([a-z-]+)"
    r"(?: (?:that|which|who|of|with|in|for|from|having|used|bred|or|and|to|on|by) |[,;(]|$)"
)


def genus_of(definition: str) -> str | None:
    """The kind a WordNet definition names first: "young domestic cat" → cat."""
    match = _GENUS.match(definition.lower())
    return match.group(1) if match else None


def parse_sense(sense_id: str | None) -> tuple[str, int] | None:
    if not sense_id or len(sense_id) < 2 or sense_id[0] not in "nvasr":
        return None
    try:
        return sense_id[0], int(sense_id[1:])
    except ValueError:
        return None


def built_on(phrase: str, key: str, wordnet: WordNet) -> bool:
    """One word grown from the other (stretch → stretcher, paint → painter), not merely its
    plural (bubble → bubbles)."""
    if " " in phrase or " " in key or phrase == key:
        return False
    short, long = sorted((phrase, key), key=len)
    if not long.startswith(short):
        return False
    return short not in {base for base, _ in wordnet.base_forms(long, "n")}
