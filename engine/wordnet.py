"""A small reader for the WordNet 3.0 database files (Debian's ``wordnet-base``).

Reads ``index.*`` once, then each synset straight from ``data.*`` by its byte offset (WordNet's
own design), so a lookup costs one seek. Includes WordNet's "morphy" rules for inflections.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

DEFAULT_ROOT = Path("/usr/share/wordnet")

# The fixed lexicographer file names of WordNet 3.0 (lexnames(5WN)), by number.
LEXNAMES = [
    "adj.all",
    "adj.pert",
    "adv.all",
    "noun.Tops",
    "noun.act",
    "noun.animal",
    "noun.artifact",
    "noun.attribute",
    "noun.body",
    "noun.cognition",
    "noun.communication",
    "noun.event",
    "noun.feeling",
    "noun.food",
    "noun.group",
    "noun.location",
    "noun.motive",
    "noun.object",
    "noun.person",
    "noun.phenomenon",
    "noun.plant",
    "noun.possession",
    "noun.process",
    "noun.quantity",
    "noun.relation",
    "noun.shape",
    "noun.state",
    "noun.substance",
    "noun.time",
    "verb.body",
    "verb.change",
    "verb.cognition",
    "verb.communication",
    "verb.competition",
    "verb.consumption",
    "verb.contact",
    "verb.creation",
    "verb.emotion",
    "verb.motion",
    "verb.perception",
    "verb.possession",
    "verb.social",
    "verb.stative",
    "verb.weather",
    "adj.ppl",
]
FILES = {"n": "noun", "v": "verb", "a": "adj", "r": "adv"}
POS_NAMES = {"n": "noun", "v": "verb", "a": "adjective", "s": "adjective", "r": "adverb"}
_SS_TYPE_NUMBER = {"n": 1, "v": 2, "a": 3, "r": 4, "s": 5}
MORPHY_RULES = {
    "n": [
        ("s", ""),
        ("ses", "s"),
        ("xes", "x"),
        ("zes", "z"),
        ("ches", "ch"),
        ("shes", "sh"),
        ("men", "man"),
        ("ies", "y"),
    ],
    "v": [
        ("s", ""),
        ("ies", "y"),
        ("es", "e"),
        ("es", ""),
        ("ed", "e"),
        ("ed", ""),
        ("ing", "e"),
        ("ing", ""),
    ],
    "a": [("er", ""), ("est", ""), ("er", "e"), ("est", "e")],
    "r": [],
}


@dataclass(frozen=True)
class Sense:
    offset: int
    pos: str  # n, v, a, s, r
    lexname: str
    lemmas: tuple[str, ...]
    definition: str
    examples: tuple[str, ...]
    hypernyms: tuple[int, ...]
    count: int  # how often this sense was tagged in the SemCor corpus (0 = unknown/rare)
    # WordNet's usage domains for this word in this sense (synset offsets: slang, obscenity …)
    usage: tuple[int, ...] = ()
    # a verb's sentence frames for this word (2: "Somebody ----s", 8: "Somebody ----s something")
    frames: tuple[int, ...] = ()

    @property
    def part_of_speech(self) -> str:
        return POS_NAMES[self.pos]


class WordNet:
    def __init__(self, root: Path = DEFAULT_ROOT) -> None:
        self.root = root
        self._index: dict[str, dict[str, tuple[int, ...]]] | None = None
        self._exceptions: dict[str, dict[str, list[str]]] = {}
        self._plurals: dict[str, list[str]] = {}
        self._irregular_verbs: set[str] = set()
        self._counts: dict[str, int] = {}
        # synsets already read, by (offset, pos, lemma): every card and sentence asks for the
        # same few thousand again and again
        self._synsets: dict[tuple[int, str, str | None], Sense] = {}
        # and the same few hundred words: their forms and senses, worked out once
        self._forms: dict[tuple[str, str | None], tuple[tuple[str, str], ...]] = {}
        self._senses: dict[tuple[str, str | None], tuple[Sense, ...]] = {}
        self._present = False
        self._lock = threading.Lock()

    def available(self) -> bool:
        # asked before every lookup: once the files are there, they stay (no stat each time)
        if not self._present:
            self._present = (self.root / "data.noun").exists()
        return self._present

    def load(self) -> None:
        """Read the index, exception and sense-count files (about a second; done once)."""
        with self._lock:
            if self._index is not None:
                return
            index: dict[str, dict[str, tuple[int, ...]]] = {}
            for pos, name in FILES.items():
                with (self.root / f"index.{name}").open(encoding="utf-8") as handle:
                    for line in handle:
                        if line.startswith(" "):
                            continue
                        fields = line.split()
                        pointer_count = int(fields[3])
                        offsets = fields[6 + pointer_count :]
                        index.setdefault(fields[0], {})[pos] = tuple(int(o) for o in offsets)
                exceptions: dict[str, list[str]] = {}
                exc = self.root / f"{name}.exc"
                if exc.exists():
                    for line in exc.read_text(encoding="utf-8").splitlines():
                        parts = line.split()
                        if len(parts) >= 2:
                            exceptions.setdefault(parts[0], []).extend(parts[1:])
                self._exceptions[pos] = exceptions
                if pos == "n":  # irregular plurals by their singular (ox → oxen)
                    for form, lemmas in exceptions.items():
                        for lemma in lemmas:
                            self._plurals.setdefault(lemma, []).append(form)
                if pos == "v":  # verbs with an irregular past (was, saw, ran)
                    self._irregular_verbs = {
                        lemma
                        for form, lemmas in exceptions.items()
                        if not form.endswith("d")
                        for lemma in lemmas
                    }
            counts = self.root / "cntlist.rev"
            if counts.exists():
                for line in counts.read_text(encoding="utf-8").splitlines():
                    key, _, count = line.split()
                    self._counts[key] = int(count)
            self._index = index

    @property
    def index(self) -> dict[str, dict[str, tuple[int, ...]]]:
        if self._index is None:
            self.load()
        assert self._index is not None
        return self._index

    def lemmas(self) -> list[str]:
        return list(self.index)

    def plurals_of(self, noun: str) -> list[str]:
        """The irregular plurals WordNet's exception list gives a noun (ox → oxen)."""
        self.load()
        return self._plurals.get(noun.lower().replace(" ", "_"), [])

    def base_forms(self, word: str, pos: str | None = None) -> list[tuple[str, str]]:
        """(lemma, pos) pairs the word can be an inflection of, the word itself first."""
        key = word.lower().replace(" ", "_")
        found = self._forms.get((key, pos))
        if found is None:
            found = kept(self._forms, (key, pos), tuple(self._base_forms(key, pos)))
        return list(found)

    def _base_forms(self, key: str, pos: str | None) -> list[tuple[str, str]]:
        found: list[tuple[str, str]] = []
        # WordNet's suffix rules overreach (stripes → strip, as if strip + -es): when
        # lemminflect gives the word lemmas WordNet has, a rule's guess must be one of them
        known = {lemma for lemma in lemmas_of(key) if lemma in self.index}
        for p in [pos] if pos else list(FILES):
            if p is None:
                continue
            candidates = [key, *self._exceptions.get(p, {}).get(key, [])]
            candidates += [
                key[: -len(end)] + new
                for end, new in MORPHY_RULES[p]
                if key.endswith(end)
                and len(key) > len(end)
                # an irregular verb has no regular past: "bed" is not "be" + -d, nor "seed"
                # "see" + -d (their pasts are in the exception list: was, saw); unless
                # lemminflect knows it as one (died, worked, showed: dying, wrought, shown)
                and not (
                    p == "v"
                    and end in ("ed", "d")
                    and key[: -len(end)] + new in self._irregular_verbs
                    and key[: -len(end)] + new not in known
                )
                and (not known or key[: -len(end)] + new in known)
                # a word of its own that lemminflect knows no lemma of is no inflection:
                # "easter" is not east + -er, "toper" not top + -er, the Alps not alp + -s
                # (an acronym is no word of its own: "abs" are still ab + -s, not ABS)
                and not (not known and key in self.index and self._a_word(key))
            ]
            for candidate in candidates:
                if p in self.index.get(candidate, {}) and (candidate, p) not in found:
                    found.append((candidate, p))
        found.sort(key=lambda pair: pair[0] != key)
        return found

    def _a_word(self, key: str) -> bool:
        """Is `key` a lemma of one of its own synsets, written as a word or a name (not ABS)?"""
        return any(
            lemma.lower() == key and not lemma.isupper()
            for p, offsets in self.index[key].items()
            for offset in offsets
            for lemma in self.synset(offset, p).lemmas
        )

    def senses(self, word: str, pos: str | None = None) -> list[Sense]:
        """Every sense of the word (inflections too), most frequent first within each POS."""
        key = (word.lower().replace(" ", "_"), pos)
        found = self._senses.get(key)
        if found is None:
            found = kept(self._senses, key, tuple(self._read_senses(word, pos)))
        return list(found)

    def _read_senses(self, word: str, pos: str | None) -> list[Sense]:
        result: list[Sense] = []
        seen: set[int] = set()
        for lemma, p in self.base_forms(word, pos):
            for offset in self.index[lemma][p]:
                if offset in seen:
                    continue
                seen.add(offset)
                result.append(self.synset(offset, p, lemma))
        return result

    def synset(self, offset: int, pos: str, lemma: str | None = None) -> Sense:
        key = (offset, pos, lemma)
        found = self._synsets.get(key)
        if found is None:
            found = kept(
                self._synsets,
                key,
                _read_synset(
                    self.root, FILES["a" if pos == "s" else pos], offset, lemma, self._counts
                ),
            )
        return found


_KEPT = 50_000
K = TypeVar("K")
V = TypeVar("V")


def kept(cache: dict[K, V], key: K, value: V) -> V:
    """Remember `value` under `key`; a cache that grew past _KEPT entries starts over (the
    words of a school are a few thousand: it never does in use, and memory stays bounded)."""
    if len(cache) >= _KEPT:
        cache.clear()
    cache[key] = value
    return value


# An example in a gloss: a quoted string, and the author after it when it is a quotation.
_EXAMPLES = re.compile(r'[;:,]\s*"')
_TRAILING = re.compile(r"(\s*(\(?e\.g\.,?|[:,;]))+\s*$")  # what led into the examples
_QUOTE = re.compile(r'"([^"]+)"(\s*-+[^;"]*)?')


def split_gloss(gloss: str) -> tuple[str, tuple[str, ...]]:
    """A gloss's definition and its examples. The examples start at the first quote after a
    semicolon, colon or comma and may hold semicolons themselves ("he didn't call; rather (or
    instead), he wrote her a letter" had put half an example into the definition on a card); a
    quotation with its author ("...the formation of character"- Herbert Spencer) is no example
    for a child."""
    gloss = gloss.strip()
    opening = _EXAMPLES.search(gloss)
    start = 0 if gloss.startswith('"') else opening.start() + 1 if opening else len(gloss)
    definition = "; ".join(p.strip() for p in gloss[:start].split(";") if p.strip())
    definition = _TRAILING.sub("", definition)  # move with force, "He pushed the table …"
    examples = tuple(m.group(1).strip() for m in _QUOTE.finditer(gloss[start:]) if not m.group(2))
    if definition.count('"') % 2 and definition.endswith('"'):
        # an example that lost its opening quote ('close in; darkness enclosed him"')
        head, semicolon, tail = definition[:-1].rpartition("; ")
        return (head, (tail, *examples)) if semicolon else (definition[:-1], examples)
    return definition, examples


def _read_synset(
    root: Path, name: str, offset: int, lemma: str | None, counts: dict[str, int]
) -> Sense:
    with (root / f"data.{name}").open("rb") as handle:
        handle.seek(offset)
        line = handle.readline().decode("utf-8")
    head, _, gloss = line.partition(" | ")
    fields = head.split()
    lex_filenum, ss_type = int(fields[1]), fields[2]
    word_count = int(fields[3], 16)
    words = fields[4 : 4 + 2 * word_count]
    lemmas = tuple(words[i].split("(")[0] for i in range(0, len(words), 2))
    lex_ids = {
        words[i].split("(")[0].lower(): int(words[i + 1], 16) for i in range(0, len(words), 2)
    }
    position = 4 + 2 * word_count
    pointer_count = int(fields[position])
    hypernyms = []
    usage = []
    for i in range(pointer_count):
        symbol, target = fields[position + 1 + 4 * i], fields[position + 2 + 4 * i]
        if symbol in ("@", "@i"):
            hypernyms.append(int(target))
        elif symbol == ";u":  # a usage domain: of the whole synset, or of one of its words
            source = int(fields[position + 4 + 4 * i][:2], 16)
            if source == 0 or (lemma is not None and lemmas[source - 1].lower() == lemma.lower()):
                usage.append(int(target))
    frames = []
    frame_at = position + 1 + 4 * pointer_count
    if ss_type == "v" and frame_at < len(fields):
        for i in range(int(fields[frame_at])):
            number, word = int(fields[frame_at + 2 + 3 * i]), int(fields[frame_at + 3 + 3 * i], 16)
            if word == 0 or (lemma is not None and lemmas[word - 1].lower() == lemma.lower()):
                frames.append(number)
    definition, examples = split_gloss(gloss)
    count = 0
    if lemma is not None and lemma.lower() in lex_ids:
        sense_key = (
            f"{lemma.lower()}%{_SS_TYPE_NUMBER[ss_type]}:{lex_filenum:02d}:"
            f"{lex_ids[lemma.lower()]:02d}::"
        )
        count = counts.get(sense_key, 0)
    return Sense(
        offset,
        ss_type,
        LEXNAMES[lex_filenum],
        lemmas,
        definition,
        examples,
        tuple(hypernyms),
        count,
        tuple(usage),
        tuple(frames),
    )


@lru_cache(maxsize=_KEPT)
def lemmas_of(word: str) -> tuple[str, ...]:
    """What lemminflect's dictionary says `word` is a form of (empty for words it does not know).
    Cached: lemminflect copies its tables' entries on every call."""
    from lemminflect import getAllLemmas

    return tuple(lemma.lower() for lemmas in getAllLemmas(word).values() for lemma in lemmas)
