"""Words that name a kind of thing with many kinds: drawn as several of its kinds together.

No one picture shows "fruit" (an apple teaches "apple"), so a closed model draws four kinds of
fruit side by side, and the card names them; a "family" is its members side by side; a room or
a place the model cannot draw is four things found there, as a picture dictionary shows it
("things in a kitchen": stove, refrigerator, sink, kettle); a colour is four everyday things
painted in it ("red things": ball, car, balloon, T-shirt). The kinds are a person's choice
(``engine/data/groups.tsv``), each a concept the model draws; "Draw again" picks others.
"""

from __future__ import annotations

import random
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from engine.datafiles import rows
from engine.phrases import parse_sense
from engine.prompts import with_article

GROUPS = Path(__file__).parent / "data" / "groups.tsv"
SHOWN = 4  # kinds in one picture (a 2 × 2 grid)
FEWEST = 3  # a group with fewer drawable kinds is not drawn
# groups.tsv's fourth column for things found in a place ("in the": the sky, one of a kind)
PLACES = ("in", "on", "at", "in the")
COLOUR = "colour"  # groups.tsv's fourth column for a colour's things, drawn in the colour

# (concept the model draws, the word the card names it by)
Kinds = tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Group:
    word: str
    offset: int  # the WordNet noun synset of the meaning drawn
    kinds: Kinds
    together: bool = False  # the things together are one ("family": mother, father, children)
    where: str = ""  # "in", "on", "at", "in the": things found in a place ("in a kitchen")
    colour: bool = False  # the word is a colour its things are painted in ("red things")

    @property
    def subject(self) -> str:
        """What the picture shows, as the picture check and the eval's judgements name it."""
        if self.colour:
            return f"{self.word} things"
        if self.where:  # "in the sky": the place is one of a kind
            place = self.word if self.where.endswith(" the") else with_article(self.word)
            return f"things {self.where} {place}"
        return with_article(self.word) if self.together else f"kinds of {self.word}"


def read_groups(drawable: Collection[str], path: Path = GROUPS) -> dict[tuple[str, int], Group]:
    """(word, synset offset) → its group, with only the kinds the model can draw."""
    found: dict[tuple[str, int], Group] = {}
    if not path.exists():
        return found
    for row in rows(path):
        parsed = parse_sense(row[1]) if len(row) >= 3 else None
        if parsed is None:
            continue
        kinds = tuple(
            (concept, word or concept)
            for concept, _, word in (kind.partition("=") for kind in row[2].split("|"))
            if concept in drawable
        )
        how = row[3].strip() if len(row) > 3 else ""
        if len(kinds) >= FEWEST:
            found[(row[0], parsed[1])] = Group(
                row[0],
                parsed[1],
                kinds,
                how == "together",
                how if how in PLACES else "",
                how == COLOUR,
            )
    return found


def place_of(subject: str) -> str:
    """Where the things a picture shows are found ("things in a kitchen" → "in a kitchen");
    "" for any other picture."""
    return subject.removeprefix("things ") if subject.startswith("things ") else ""


@cache
def place_words(path: Path = GROUPS) -> tuple[str, ...]:
    """The rooms and places drawn as things found there (kitchen, farm, sky …): each other's
    wrong answers to "Where do you find all of these?"."""
    return tuple(row[0] for row in rows(path) if len(row) > 3 and row[3].strip() in PLACES)


@cache
def places_alike(word: str, path: Path = GROUPS) -> frozenset[str]:
    """The places a learner could as well say a place's things are found in (groups.tsv's
    fifth column, read both ways: a croissant is in a cafe and in a bakery), never offered as
    wrong answers to "Where do you find all of these?"."""
    pairs = [
        (row[0], other)
        for row in rows(path)
        if len(row) > 4 and row[3].strip() in PLACES
        for other in row[4].split("|")
        if other.strip()
    ]
    return frozenset(b for a, b in pairs if a == word) | frozenset(a for a, b in pairs if b == word)


def other_places(word: str, rng: random.Random, count: int = 3) -> list[str]:
    """Wrong answers to "Where do you find all of these?": places whose things are not found
    where the word's are (never the bakery for the cafe's croissant)."""
    near = places_alike(word) | {word}
    places = [place for place in place_words() if place not in near]
    return rng.sample(places, min(count, len(places)))


@cache
def colour_words(path: Path = GROUPS) -> tuple[str, ...]:
    """The colours drawn as things painted in them (red, blue … grey and gray)."""
    return tuple(row[0] for row in rows(path) if len(row) > 3 and row[3].strip() == COLOUR)


def colour_of(subject: str) -> str:
    """The colour a picture's things are painted in ("red things" → "red"); "" for any other."""
    colour, _, rest = subject.partition(" ")
    return colour if rest == "things" and colour in colour_words() else ""


def pick(kinds: Kinds, seed: int | None = None) -> Kinds:
    """The first kinds (the everyday ones), or with a seed ("Draw again") others at random."""
    if seed is None or len(kinds) <= SHOWN:
        return kinds[:SHOWN]
    return tuple(random.Random(seed).sample(list(kinds), SHOWN))


def kinds_line(subject: str, words: list[str]) -> str:
    """The line under a group's picture: what each thing in it is ("kinds of fruit: apple, …",
    "a family: mother, father, …", "things in a kitchen: stove, …")."""
    return f"The picture shows {subject}: {', '.join(words)}."


@cache
def on_backdrop() -> frozenset[str]:
    """The starter's pictures drawn on a coloured disc: recoloured, the disc takes the colour."""
    from engine.starter.icons import on_backdrop as on_disc

    return on_disc()


@cache
def ringed() -> frozenset[str]:
    """The starter's parts of things (a neck, a paw, a petal), drawn as the whole with a red
    circle round the part (``engine/starter/parts.py``): said so under the picture and asked
    so in a quiz, never copied for a plural nor put among other things in a scene."""
    from engine.starter.parts import ringed as marked

    return marked()


def ringed_picture(params: Mapping[str, Any]) -> bool:
    """Is a kept picture a part ringed on its whole? Only the starter draws them so: any other
    model draws a neck as a neck."""
    return params.get("model") == "starter" and str(params.get("subject", "")) in ringed()


def ringed_wrong_answers(part: str, rng: random.Random) -> list[str]:
    """Three other parts, its own kind first: the quiz's wrong answers for a ringed part."""
    from engine.starter.parts import wrong_answers

    return wrong_answers(part, rng)


def ringed_line(word: str, *, plural: bool) -> str:
    """The line under a part's picture ("The red circle shows the neck.")."""
    return (
        f"The red circle shows one of the {word}."
        if plural
        else f"The red circle shows the {word}."
    )
