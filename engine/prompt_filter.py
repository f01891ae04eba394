"""The prompt filter, first line of child safety: refuse unsafe words however they are spelled.

Text is normalised (look-alike letters via confusable_homoglyphs, other Unicode → ASCII with
anyascii, case, leetspeak, letters spelled
out with spaces or dots, stretched letters) and matched as whole words and phrases against
better_profanity's maintained list plus engine/data/unsafe_terms.txt, minus an allowlist. So
"s3x", "ｓｅｘ", "n.a.k.e.d" and "seeexxx" are caught, while class, grass, Scunthorpe, cocktail,
analysis and assess are not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from engine.wordnet import lemmas_of

LEET = str.maketrans(
    {
        "0": "o",
        "1": "i",
        "3": "e",
        "4": "a",
        "5": "s",
        "7": "t",
        "8": "b",
        "@": "a",
        "$": "s",
        "!": "i",
        "|": "i",
        "+": "t",
        "€": "e",
    }
)
_TOKEN = re.compile(r"[a-z0-9@$!|+€*]+")
_STRETCH = re.compile(r"(.)\1{2,}")
MAX_PHRASE = 4


@dataclass(frozen=True)
class FilterResult:
    blocked: bool
    term: str | None = None
    category: str | None = None


def _word_forms(word: str) -> list[str]:
    """The word, its stretched letters squeezed, and its inflections removed: by the word's
    own lemmas when it is a known English word (spices → spice, not the slur its last two
    letters off would make; lens stays lens), by simple endings when it is not (a made-up or
    disguised plural)."""
    forms = [
        word,
        _STRETCH.sub(r"\1", word),
        _STRETCH.sub(r"\1\1", word),
        _STRETCH.sub(r"\1\1\1", word),
    ]
    lemmas = lemmas_of(word)
    if lemmas:
        return list(dict.fromkeys([*forms, *lemmas]))
    for form in list(forms):
        for ending, back in (("ies", "y"), ("es", ""), ("s", ""), ("ing", ""), ("ed", "")):
            if ending.endswith("s") and form.endswith("ss"):
                continue  # assess, class, grass: a double s is not a plural
            if form.endswith(ending) and len(form) > len(ending) + 2:
                forms.append(form[: -len(ending)] + back)
    return list(dict.fromkeys(forms))


@lru_cache(maxsize=1)
def _look_alikes() -> dict[str, str]:
    """Unicode confusables (from confusable_homoglyphs): 'ѕ' (Cyrillic) → 's', 'ο' → 'o'."""
    import json

    import confusable_homoglyphs

    table = json.loads(
        (Path(confusable_homoglyphs.__file__).parent / "confusables.json").read_text(
            encoding="utf-8"
        )
    )
    mapping: dict[str, str] = {}
    for character, homoglyphs in table.items():
        if character.isascii():
            continue
        for glyph in homoglyphs:
            if len(glyph["c"]) == 1 and glyph["c"].isascii() and glyph["c"].isalpha():
                mapping[character] = glyph["c"].lower()
                break
    return mapping


def normalise(text: str) -> list[str]:
    """Text → lower-case ASCII words, with spelled-out letters ("s e x", "s.e.x") joined."""
    from anyascii import anyascii

    look_alikes = _look_alikes()
    ascii_text = anyascii("".join(look_alikes.get(ch, ch) for ch in text)).lower()
    raw = _TOKEN.findall(ascii_text.replace("'", ""))
    words: list[str] = []
    run: list[str] = []
    for token in raw:
        token = token.rstrip("!|+")  # "world!" ends a sentence; "k!ll" hides a letter
        token = token.translate(LEET) if any(ch.isalpha() for ch in token) else token
        token = re.sub(r"[^a-z0-9*]", "", token)
        if not token:
            continue
        if len(token) == 1 and token.isalpha():
            run.append(token)
            continue
        if run:
            words.extend([*run] if len(run) < 3 else ["".join(run)])
            run = []
        words.append(token)
    if run:
        words.extend([*run] if len(run) < 3 else ["".join(run)])
    return words


class PromptFilter:
    def __init__(self, blocked: dict[str, str], allowed: set[str]) -> None:
        self.blocked = {" ".join(normalise(term)): category for term, category in blocked.items()}
        self.blocked.pop("", None)
        # Phrases written as one word ("deadbody", or spelled out letter by letter).
        self.joined = {
            term.replace(" ", ""): category
            for term, category in self.blocked.items()
            if " " in term
        }
        self.allowed = {" ".join(normalise(term)) for term in allowed}
        # the same words are asked for again and again (a class, a daily word): judged once
        self._judged = lru_cache(maxsize=8192)(self._judge)

    @classmethod
    def default(cls) -> PromptFilter:
        return _default_filter()

    def check(self, text: str) -> FilterResult:
        return self._judged(text)

    def _judge(self, text: str) -> FilterResult:
        words = normalise(text)
        for word in words:
            if "*" in word.strip("*") and len(word) >= 3:
                # "f*ck", "sh*t": a star stands for the letter left out.
                pattern = re.compile(re.escape(word).replace(r"\*", "[a-z]"))
                for term, category in self.blocked.items():
                    if " " not in term and pattern.fullmatch(term):
                        return FilterResult(True, term, category)
            # A spelled-out run ("a g u n" → "agun") may hide a word inside it.
            if len(word) >= 4 and word not in self.allowed and word.isalpha():
                for size in range(3, len(word)):
                    for start in range(len(word) - size + 1):
                        part = word[start : start + size]
                        if part in self.blocked and self._spelled(text, word):
                            return FilterResult(True, part, self.blocked[part])
        safe = self._in_allowed_phrases(words)
        for size in range(MAX_PHRASE, 0, -1):
            for start in range(len(words) - size + 1):
                phrase = words[start : start + size]
                joined = " ".join(phrase)
                if joined in self.allowed or safe.issuperset(range(start, start + size)):
                    continue
                if size > 1:
                    candidates = [joined, " ".join(_STRETCH.sub(r"\1", w) for w in phrase)]
                else:
                    candidates = _word_forms(joined)
                for candidate in candidates:
                    if candidate in self.blocked and candidate not in self.allowed:
                        return FilterResult(True, candidate, self.blocked[candidate])
                    if size == 1 and candidate in self.joined:
                        return FilterResult(True, candidate, self.joined[candidate])
        return FilterResult(False)

    def _in_allowed_phrases(self, words: list[str]) -> set[int]:
        """Positions of words inside an allowed phrase: "shooting star" and "killer whale" are
        a meteor and an orca, though "shooting" and "killer" alone are refused."""
        safe: set[int] = set()
        for size in range(2, MAX_PHRASE + 1):
            for start in range(len(words) - size + 1):
                if " ".join(words[start : start + size]) in self.allowed:
                    safe.update(range(start, start + size))
        return safe

    @staticmethod
    def _spelled(text: str, word: str) -> bool:
        """True if `word` was typed letter by letter ("g u n", "g.u.n") rather than whole."""
        letters = re.findall(r"[^\W\d_]", text.lower())
        return len(letters) >= len(word) and not re.search(rf"\b{re.escape(word)}\b", text.lower())


def _read_terms(path: Path) -> dict[str, str]:
    terms: dict[str, str] = {}
    category = "unsafe"
    text = path.read_text(encoding="utf-8")
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        if ":" in line:
            category, _, line = line.partition(":")
            category = category.strip()
        for term in line.split(","):
            if term.strip():
                terms[term.strip()] = category
    return terms


@lru_cache(maxsize=1)
def _default_filter() -> PromptFilter:
    import better_profanity

    data = resources.files("engine") / "data"
    wordlist = Path(better_profanity.__file__).parent / "profanity_wordlist.txt"
    blocked = {w.strip(): "profanity" for w in wordlist.read_text().splitlines() if w.strip()}
    blocked.update(_read_terms(Path(str(data / "unsafe_terms.txt"))))
    allowed_text = (data / "allowed_terms.txt").read_text(encoding="utf-8")
    allowed = {
        line.strip()
        for line in allowed_text.splitlines()
        if line.strip() and not line.startswith("#")
    }
    return PromptFilter(blocked, allowed)
