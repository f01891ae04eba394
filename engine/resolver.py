"""Understanding a word before it is drawn: which picture can the loaded model make for it?

Two resolvers share one protocol. ``OpenResolver`` (a general text-to-image model) passes the
word through: such a model can try anything, and the picture check after drawing guards what
is sent. ``ConceptResolver`` (a closed-vocabulary model such as the starter) maps a word and
its chosen meaning to one of the model's concepts, or to nothing, and then no job is queued:

1. the meaning itself: a concept whose name shares the WordNet synset (automobile → car);
2. a close kind of it: the meaning's hypernyms up to two levels (puppy → dog, poodle → dog);
3. the concept's own names and captions, plurals and other forms (apples → apple);
4. text-embedding similarity over the captions, above a threshold calibrated on labelled
   pairs (``engine/data/resolver_pairs.tsv``; ``pictolingo eval`` reports precision/recall);
5. last, a picture whose other words only describe the thing (planet → "ringed planet").

Before all of them, a picture a person judged to show one of the word's meanings
(``engine/data/shown_by.tsv``: map → "world map", plug → "electric plug"), or a kind of thing
with many kinds, drawn as four of them (``engine/groups.py``: fruit, furniture, weather).

Every step honours the meaning: a caption or a similar phrase is only taken when the chosen
meaning is the concept's kind of thing (the cricket bat is not the animal).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence
from functools import cache, cached_property
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING

from engine.actions import acted
from engine.datafiles import rows
from engine.embedding import TextEmbedder
from engine.groups import Group, read_groups, ringed
from engine.phrases import (
    CONCRETE,
    built_on,
    genus_of,
    heads_of,
    kinds_for,
    parse_sense,
    phrase_of,
)
from engine.resolution import OpenResolver, Resolution, Resolver, taught_resolutions
from engine.starter.dataset import Concept
from engine.teaching import TaughtWord
from engine.wordnet import Sense, WordNet

if TYPE_CHECKING:  # numpy is imported where it is used: not at start, before the first answer
    import numpy as np

# Calibrated on the first half of engine/data/resolver_pairs.tsv. ("leaf" reaches the caption
# "leaves" at 0.845: a higher threshold loses it.)
SIMILARITY_THRESHOLD = 0.83
HYPERNYM_DEPTH = 2
# A meaning that is the kind of this many concepts is a category, not one picture.
CATEGORY_SIZE = 8
DATA = Path(__file__).parent / "data"
# A person's judgement of each picture `pictolingo eval`'s word lists send ("ok" or "wrong"),
# and of pictures looked at as a learner would: a word is never drawn as a picture judged
# wrong for it ("palace" is no castle).
JUDGED = tuple(DATA / f"{name}_judged.tsv" for name in ("vocabulary", "held_out", "looked"))
# Pictures a person looked at and judged to show a word whose name WordNet does not list and
# the rules cannot read: a "world map" is a map, a "health worker" with a stethoscope a doctor.
SHOWN_BY = DATA / "shown_by.tsv"

_NO_MEANING: list[Sense | None] = [None]


def resolver_for(model: str, wordnet: WordNet, taught: Sequence[TaughtWord] = ()) -> Resolver:
    """The starter model's concepts, or the open resolver for every other model; both know
    the words teachers taught. Slow the first time (WordNet anchors and caption embeddings):
    call it in a worker thread."""
    if model != "starter":
        return OpenResolver(taught, wordnet)
    from engine.starter.additions import drawable_concepts

    resolver = ConceptResolver(
        drawable_concepts(),
        wordnet,
        shared_embedder(),
        taught=taught,
        judged_wrong=judged_wrong(),
        shown_by=shown_by(),
        groups=read_groups({c.name for c in drawable_concepts()}),
    )
    resolver.warm()
    return resolver


def judged_wrong(paths: Sequence[Path] = JUDGED) -> frozenset[tuple[str, str]]:
    """(word, concept) pairs a person judged wrong on the eval's contact sheets."""
    return frozenset(
        (row[0], row[1])
        for path in paths
        if path.exists()
        for row in rows(path)
        if len(row) >= 3 and row[2] == "wrong"
    )


def shown_by(path: Path = SHOWN_BY) -> dict[tuple[str, str], str]:
    """(word, sense id) → the concept a person judged to show the word in that meaning."""
    return {(row[0], row[1]): row[2] for row in rows(path) if len(row) >= 3}


@cache
def shared_embedder() -> TextEmbedder:
    """One text encoder per process (it is read-only and caches its phrases)."""
    return TextEmbedder()


class ConceptResolver:
    """Word + meaning → one of a closed model's concepts (or None: it cannot be drawn)."""

    closed = True

    def __init__(
        self,
        concepts: Sequence[Concept],
        wordnet: WordNet,
        embedder: TextEmbedder | None = None,
        threshold: float = SIMILARITY_THRESHOLD,
        taught: Sequence[TaughtWord] = (),
        judged_wrong: Collection[tuple[str, str]] = (),
        shown_by: Mapping[tuple[str, str], str] = MappingProxyType({}),
        groups: Mapping[tuple[str, int], Group] = MappingProxyType({}),
    ) -> None:
        self.concepts = list(concepts)
        self.taught = taught_resolutions(taught)
        self.judged_wrong = frozenset(judged_wrong)  # (word, concept) a person said no to
        self.shown_by = dict(shown_by)  # (word, sense id) → concept a person said yes to
        self.groups = dict(groups)  # (word, synset offset) → kinds a person chose to draw
        self.wordnet = wordnet
        self.embedder = embedder
        self.threshold = threshold

    def warm(self) -> None:
        """Work out the names, meanings and embeddings now rather than at the first word."""
        _ = self.by_head, self.by_offset, self.category_sizes, self.by_plain_head
        if self.embedder is not None and self.wordnet.available():
            _ = self._phrase_matrix

    # ---- the concepts' names, meanings and embeddings, worked out once
    @cached_property
    def by_phrase(self) -> dict[str, list[int]]:
        found: dict[str, list[int]] = {}
        for concept in self.concepts:
            for phrase in dict.fromkeys([concept.name, *map(phrase_of, concept.captions)]):
                if phrase:
                    found.setdefault(phrase, []).append(concept.index)
        return found

    @cached_property
    def anchors(self) -> dict[int, set[int]]:
        """Concept → the WordNet noun synsets its names stand for, of the concept's kind."""
        result: dict[int, set[int]] = {}
        for concept in self.concepts:
            kinds = kinds_for(concept.group)
            offsets: set[int] = set()
            phrases = [concept.name, *map(phrase_of, concept.captions)]
            if " and " in concept.name:  # "couch and lamp" is first of all a couch
                phrases.append(heads_of(concept.name)[0])
            for phrase in dict.fromkeys(phrases):
                if phrase in self.pinned_words:
                    continue  # a person said which pictures show it, and in which meanings
                key = phrase.replace(" ", "_")
                if key not in self.wordnet.index:
                    key = phrase.replace(" ", "-")  # "ping pong" is WordNet's "ping-pong"
                if key not in self.wordnet.index or "n" not in self.wordnet.index[key]:
                    continue
                # the meaning the name most often has among the concept's kinds of thing
                # ("house" the home, not the theatre; "crown" the king's, not the tooth's),
                # unless the name is rarely that: the road sign "construction" is the work,
                # not "a thing constructed", so it is no picture of a structure
                senses = [self.wordnet.synset(o, "n", key) for o in self.wordnet.index[key]["n"]]
                fitting = [sense for sense in senses if sense.lexname in kinds]
                if fitting:
                    best = max(fitting, key=lambda sense: sense.count)
                    if best.count * 10 >= max(sense.count for sense in senses):
                        offsets.add(best.offset)
            # the picture of this very name shows the meanings a person judged it to show: the
            # playground slide is no microscope slide, whatever "slide" most often is
            own = self.pinned.get((concept.name, concept.index), set())
            result[concept.index] = own | offsets
        return result

    @cached_property
    def by_plain_head(self) -> dict[str, list[int]]:
        """Names WordNet does not list whose other words only describe the thing: a "ringed
        planet" is a planet, a "globe with meridians" a globe. (A noun in front can make another
        thing: a "rice ball" is no ball, a "club suit" no suit; a "map of Japan" is about Japan.)"""
        found: dict[str, list[int]] = {}
        for concept in self.concepts:
            name = concept.name
            *describing, head = re.split(r" with | without ", name)[0].split() or [""]
            if (
                head != name
                and " and " not in name
                and name.replace(" ", "_") not in self.wordnet.index
                and all(self.wordnet.index.get(word, {}).keys() & {"a", "s"} for word in describing)
                and not any("n" in self.wordnet.index.get(word, {}) for word in describing)
            ):
                found.setdefault(head, []).append(concept.index)
        return found

    def _by_plain_head(self, forms: list[str], everyday: list[Sense]) -> Resolution | None:
        """Last of all, a described thing ("cup" → "cup with straw"), for the everyday
        meaning only (a "creature" is an animal before it is a person: no hairy monster), and
        not a body part (the back of a hand is no back) nor a kind other pictures are drawn as
        (a "fruit" is not one picture)."""
        for sense in everyday:
            if sense.lexname not in CONCRETE - {"noun.body"} or self.category_sizes.get(
                sense.offset, 0
            ):
                continue
            for form in forms:
                fitting = self._fitting(self.by_plain_head.get(form, []), sense)
                if fitting:
                    return self._resolution(self._best(fitting, forms), "head", sense)
        return None

    @cached_property
    def named(self) -> dict[str, int]:
        return {concept.name: concept.index for concept in self.concepts}

    @cached_property
    def shown(self) -> dict[tuple[str, int], int]:
        """(word, synset offset) → the concept a person judged to show it."""
        found: dict[tuple[str, int], int] = {}
        for (word, sense_id), name in self.shown_by.items():
            parsed = parse_sense(sense_id)
            if parsed is not None and name in self.named:
                found[(word, parsed[1])] = self.named[name]
        return found

    @cached_property
    def pinned_words(self) -> frozenset[str]:
        """Words a person judged pictures to show: no other picture's meaning (gunlock pick)."""
        return frozenset(word for word, _ in self.shown)

    @cached_property
    def pinned(self) -> dict[tuple[str, int], set[int]]:
        """(word, concept) → the only meanings a person judged it drawn for (no river bank)."""
        found: dict[tuple[str, int], set[int]] = {}
        for (word, offset), index in self.shown.items():
            found.setdefault((word, index), set()).add(offset)
        return found

    @cached_property
    def by_offset(self) -> dict[int, list[int]]:
        found: dict[int, list[int]] = {}
        for index, offsets in self.anchors.items():
            for offset in offsets:
                found.setdefault(offset, []).append(index)
        return found

    @cached_property
    def _phrase_matrix(self) -> tuple[list[str], np.ndarray]:
        assert self.embedder is not None
        phrases = sorted(self.by_phrase)
        return phrases, self.embedder.embed(phrases)

    @cached_property
    def by_head(self) -> dict[str, list[int]]:
        """The main noun(s) of each phrase: tree in "palm tree", milk in "glass of milk"."""
        found: dict[str, list[int]] = {}
        for phrase, indices in self.by_phrase.items():
            for head in heads_of(phrase):
                for index in indices:
                    if index not in found.setdefault(head, []):
                        found[head].append(index)
        return found

    # ---- resolving
    def act(self, word: str) -> Resolution | None:
        """A verb a person judged a picture to show ("swim": the person swimming)."""
        return acted(word, self.named, self.judged_wrong)

    def resolve(self, word: str, sense_ids: Sequence[str] = ()) -> Resolution | None:
        """The picture for `word` in the first of its meanings (best first) that can be drawn;
        `Resolution.sense` says which meaning that was. No meanings: the words alone decide.
        A picture a person looked at for this word and judged wrong is not drawn for it."""
        key = " ".join(word.lower().split())
        if not key:
            return None
        forms = [key] + [
            f.replace("_", " ") for f, _ in self.wordnet.base_forms(key, "n") if f != key
        ]
        found = self._resolve(key, forms, sense_ids)
        if found is not None and any((f, found.subject) in self.judged_wrong for f in forms):
            return None
        return None if found and self._pinned_elsewhere(found, forms) else found

    def _resolve(self, key: str, forms: list[str], sense_ids: Sequence[str]) -> Resolution | None:
        for form in forms:
            if form in self.taught:
                return self.taught[form]
        meanings = [s for s in (self._sense(i, forms) for i in sense_ids) if s is not None]
        own = bool(meanings) and key.replace(" ", "_") in map(str.lower, meanings[0].lemmas)
        judged = forms[:1] if own else forms  # "glasses" are spectacles first, not glass's
        for meaning in meanings:  # a person's judgement first, for any meaning, however rare
            for form in judged:
                if (form, meaning.offset) in self.shown:
                    return self._resolution(self.shown[form, meaning.offset], "shown", meaning)
        offsets = {meaning.offset for meaning in meanings}
        for (word, offset), group in self.groups.items():  # no meanings given: the word's own
            if word in forms and (offset in offsets or not sense_ids):
                if group.colour and meanings and meanings[0].offset != offset:
                    continue  # "orange" is the fruit first; "blues" is music, not the colour
                sense_id, subject = f"n{offset:08d}", group.subject
                colour = group.word if group.colour else ""
                return Resolution(
                    subject,
                    subject,
                    "group",
                    sense=sense_id,
                    kinds=group.kinds,
                    colour=colour,
                )
        # Rare meanings never beat the ones people use: "blue" is a colour before it is a
        # butterfly, "gray" before it is a horse (SemCor tag counts, at least a tenth of the
        # commonest meaning's; with no counts at all, every meaning is tried in order).
        top = max((s.count for s in meanings), default=0)
        common = [s for i, s in enumerate(meanings) if i == 0 or s.count * 10 >= top]
        # WordNet files a notebook and a newspaper as writing: such a meaning comes after the
        # concrete ones, drawn only by a picture named for exactly it (the notebook emoji)
        tried = common if top else meanings
        senses = [s for s in tried if s.lexname in CONCRETE]
        senses += [s for s in tried if s.lexname not in CONCRETE and s.offset in self.by_offset]
        if sense_ids and not senses:
            return None  # only meanings no picture can show (an idea, a family member)
        for position, sense in enumerate(senses or _NO_MEANING):
            found = self._for_meaning(forms, sense, everyday=position == 0)
            if found is not None and not self._pinned_elsewhere(found, forms):
                return found
        if senses and self.category_sizes.get(senses[0].offset, 0) >= CATEGORY_SIZE:
            return None  # "building": many pictures; a similar-sounding one is not it
        return self._by_similarity(key, senses) or self._by_plain_head(forms, meanings[:1])

    def _for_meaning(
        self, forms: list[str], sense: Sense | None, *, everyday: bool
    ) -> Resolution | None:
        """One meaning (or none): the same synset, a name or caption, a head noun, and for
        the everyday meaning only, a kind (a less common meaning must be drawn as itself:
        "gray" is not drawn as the gray horse)."""
        if sense is not None and sense.offset in self.by_offset:
            best = self._best(self.by_offset[sense.offset], forms)
            how = "name" if self.concepts[best].name in forms else "synonym"
            return self._resolution(best, how, sense)
        if sense is not None and self.category_sizes.get(sense.offset, 0) >= CATEGORY_SIZE:
            return None  # "fruit", "animal": many pictures, and none of them is the word
        for form in forms:
            fitting = self._fitting(self.by_phrase.get(form, []), sense)
            if fitting:
                best = self._best(fitting, forms)
                how = "name" if self.concepts[best].name in forms else "caption"
                return self._resolution(best, how, sense)
        for form in forms:
            fitting = [
                i
                for i in self._fitting(self.by_head.get(form, []), sense)
                if self._instance_of(i, sense, form) and self.concepts[i].name not in ringed()
            ]
            if fitting:
                return self._resolution(self._best(fitting, forms), "head", sense)
        if sense is not None and everyday:  # a mane is hair, but not the boy's hair ringed
            kind = [i for i in self._kind_of(sense) or [] if self.concepts[i].name not in ringed()]
            if kind:
                return self._resolution(self._best(kind, forms), "kind", sense)
        return None

    def _pinned_elsewhere(self, found: Resolution, forms: list[str]) -> bool:
        """Is the picture one a person pinned to other meanings of the word than this one?"""
        index = self.named.get(found.subject, -1)  # -1: four kinds or things, not one picture
        pins = [self.pinned[form, index] for form in forms if (form, index) in self.pinned]
        offset = parse_sense(found.sense or "")
        # no meaning given (a word mostly a verb): `understand` asks again with its nouns
        return offset is not None and any(offset[1] not in pin for pin in pins)

    def _sense(self, sense_id: str, forms: list[str]) -> Sense | None:
        """The WordNet sense, with the tag count of the word's own lemma in it."""
        parsed = parse_sense(sense_id)
        if parsed is None or parsed[0] != "n":
            return None
        try:
            sense = self.wordnet.synset(parsed[1], "n")
            lemmas = {lemma.lower() for lemma in sense.lemmas}
            for form in forms:
                if form.replace(" ", "_") in lemmas:
                    return self.wordnet.synset(parsed[1], "n", form.replace(" ", "_"))
            return sense
        except (OSError, IndexError, ValueError):
            return None

    def _fitting(self, indices: list[int], sense: Sense | None) -> list[int]:
        """The concepts of the kind of thing the meaning is (all of them, without one)."""
        if sense is None:
            return list(indices)
        return [i for i in indices if sense.lexname in kinds_for(self.concepts[i].group)]

    def _instance_of(self, index: int, sense: Sense | None, word: str) -> bool:
        """A head-noun match must really show the meaning: "palm tree" is filed under tree in
        WordNet; "glass of milk" shows milk (what it is of), not a glass."""
        name = self.concepts[index].name
        if " of " in name and heads_of(name.split(" of ", 1)[1])[:1] == [word]:
            return True
        if sense is None:
            return False
        offsets = self.wordnet.index.get(name.replace(" ", "_"), {}).get("n", ())
        return any(sense.offset in self._ancestors(o) for o in offsets)

    def _ancestors(self, offset: int, depth: int = 8) -> set[int]:
        found: set[int] = set()
        frontier = [offset]
        for _ in range(depth):
            frontier = [
                h for o in frontier for h in self.wordnet.synset(o, "n").hypernyms if h not in found
            ]
            found.update(frontier)
        return found

    @cached_property
    def category_sizes(self) -> dict[int, int]:
        """How many concepts each WordNet synset is an ancestor of ("fruit": a dozen)."""
        sizes: dict[int, int] = {}
        for offsets in self.anchors.values():
            above: set[int] = set()
            for offset in offsets:
                above |= self._ancestors(offset)
            for offset in above:
                sizes[offset] = sizes.get(offset, 0) + 1
        return sizes

    def _kind_of(self, sense: Sense) -> list[int] | None:
        """An animal drawn as its kind: puppy → dog (hypernyms), kitten → "young domestic cat"."""
        if sense.lexname != "noun.animal":
            return None
        frontier = list(sense.hypernyms)
        for _ in range(HYPERNYM_DEPTH):
            following: list[int] = []
            for offset in frontier:
                if offset in self.by_offset:
                    return self.by_offset[offset]
                following.extend(self.wordnet.synset(offset, "n").hypernyms)
            frontier = following
        genus = genus_of(sense.definition)
        candidates = self.by_phrase.get(genus, []) if genus else []
        animals = [i for i in candidates if "noun.animal" in kinds_for(self.concepts[i].group)]
        return animals or None

    def _best(self, indices: list[int], forms: list[str]) -> int:
        """The concept named exactly the word (as typed first), else the shortest name."""

        def rank(i: int) -> tuple[int, int, int]:
            name = self.concepts[i].name
            return (forms.index(name) if name in forms else len(forms), len(name), i)

        return min(indices, key=rank)

    def _by_similarity(self, key: str, senses: list[Sense]) -> Resolution | None:
        if self.embedder is None:
            return None
        phrases, matrix = self._phrase_matrix
        scores = matrix @ self.embedder.embed([key])[0]
        for position in (-scores).argsort()[:5]:
            score = float(scores[position])
            if score < self.threshold:
                return None
            phrase = phrases[position]
            if key in phrase.split() and key not in heads_of(phrase):
                continue  # "garden" is not "house with garden": the picture shows a house
            words = phrase.split()
            if senses and len(words) < len(key.split()) and set(words) <= set(key.split()):
                continue  # a word of its own: a "notebook computer" is no notebook
            if built_on(phrase, key, self.wordnet):
                continue  # a word made from the other: a "stretcher" is no "stretch"
            for sense in senses or _NO_MEANING:
                fitting = self._fitting(self.by_phrase[phrase], sense)
                if fitting:
                    best = min(fitting, key=lambda i: (len(self.concepts[i].name), i))
                    return self._resolution(best, "similar", sense, score)
        return None

    def similarity(self, word: str) -> tuple[str, float]:
        """The closest caption and its score (for calibration and the eval)."""
        assert self.embedder is not None
        phrases, matrix = self._phrase_matrix
        scores = matrix @ self.embedder.embed([" ".join(word.lower().split())])[0]
        best = int(scores.argmax())
        return phrases[best], float(scores[best])

    def _resolution(
        self, index: int, how: str, sense: Sense | None, score: float = 1.0
    ) -> Resolution:
        name = self.concepts[index].name
        sense_id = f"n{sense.offset:08d}" if sense is not None else None
        return Resolution(subject=name, prompt=name, how=how, score=score, sense=sense_id)
