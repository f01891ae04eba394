"""What to draw for a learner's word (`Resolution`), and the resolver of open models, which
can attempt any word; `engine.resolver` has the starter's closed one."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from engine.groups import Kinds
from engine.teaching import TaughtWord

if TYPE_CHECKING:
    from engine.wordnet import WordNet


@dataclass(frozen=True)
class Resolution:
    """What to draw for a learner's word, and what the finished picture must show."""

    subject: str  # the concept (closed models) or the word; the picture check compares to it
    prompt: str  # the words the model is asked to draw
    how: str  # name, synonym, caption, head, kind, similar or open
    score: float = 1.0
    sense: str | None = None  # the meaning drawn (a WordNet sense id), when one was given
    adapter: str = ""  # a taught word's own LoRA, switched on for its pictures
    kinds: Kinds = ()  # a kind of thing with many kinds: some of them are drawn together
    colour: str = ""  # a colour word: its kinds are painted in it (engine/scene.py's COLOURS)


class Resolver(Protocol):
    closed: bool  # True: only what resolves can be drawn at all

    @property
    def pinned_words(self) -> frozenset[str]:
        """Words a person judged pictures to show (engine/data/shown_by.tsv)."""
        ...

    def resolve(self, word: str, sense_ids: Sequence[str] = ()) -> Resolution | None: ...

    def act(self, word: str) -> Resolution | None:
        """A picture for the verb `word` when the model has none for its nouns (closed models;
        an open model is given the word itself)."""
        ...


def taught_resolutions(words: Sequence[TaughtWord]) -> dict[str, Resolution]:
    """Words a teacher taught: drawn with their own token (and LoRA, after pivotal tuning)."""
    return {
        w.word: Resolution(
            subject=w.word, prompt=w.token, how="taught", adapter=w.adapter if w.lora else ""
        )
        for w in words
    }


class OpenResolver:
    """A general model can attempt any word; the check after drawing keeps it honest."""

    closed = False
    pinned_words: frozenset[str] = frozenset()  # it draws from the words themselves

    def __init__(self, taught: Sequence[TaughtWord] = (), wordnet: WordNet | None = None) -> None:
        self.taught = taught_resolutions(taught)
        self.wordnet = wordnet  # to find a sentence's things (their layout steers the model)

    def resolve(self, word: str, sense_ids: Sequence[str] = ()) -> Resolution | None:
        key = " ".join(word.lower().split())
        if key in self.taught:
            return self.taught[key]
        sense = sense_ids[0] if sense_ids else None
        return Resolution(subject=word, prompt=word, how="open", sense=sense)

    def act(self, word: str) -> Resolution | None:
        return None  # `resolve` already drew the word as it is
