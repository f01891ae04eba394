"""Word forms: is "apples" the plural of apple, "ran" the past of run, "runing" no word at all?

WordNet's morphy guesses a base form for anything with an ending ("runing" → run + ing);
`lemminflect` (a maintained English inflection library) says which forms really exist, so a
made-up form is a misspelling ("did you mean running?"), never a headword.
"""

from __future__ import annotations

import re

from engine.scene_words import PLURAL_ONLY
from engine.wordnet import WordNet

# lemminflect's Penn tags per WordNet part of speech, and how a card names each form.
TAGS = {
    "n": {"NNS": "plural of"},
    "v": {
        "VBD": "past of",
        "VBN": "past participle of",
        "VBG": "-ing form of",
        "VBZ": "he/she/it form of",
    },
    "a": {"JJR": "comparative of", "JJS": "superlative of"},
}
# Forms a verb's adjective still is ("broken": break's past participle).
PARTICIPLES = frozenset({"past participle of", "-ing form of", "past of"})
# The part of speech each form belongs to ("past of" → verb).
FORM_PARTS_BY_POS = {"n": "noun", "v": "verb", "a": "adjective"}
FORM_PARTS = {
    name: FORM_PARTS_BY_POS[pos] for pos, names in TAGS.items() for name in names.values()
}


# Plurals neither lemminflect nor WordNet's exception list gives ("persons" is the formal one).
EXTRA_PLURALS = {"person": ("people",)}


def _inflections(base: str, tag: str, wordnet: WordNet | None = None) -> tuple[str, ...]:
    from lemminflect import getInflection

    found = tuple(form.lower() for form in getInflection(base, tag, inflect_oov=False))
    if tag == "NNS":
        if not found and wordnet is not None and "n" in wordnet.index.get(base, {}):
            # lemminflect lost some nouns that are verbs too (bar, can, pan, top): the plain +s
            found = tuple(f for f in getInflection(base, tag, inflect_oov=True) if f == base + "s")
        found += EXTRA_PLURALS.get(base, ())
        if wordnet is not None:  # WordNet's noun exceptions are plurals too (oxen → ox)
            found += tuple(wordnet.plurals_of(base))
    return found


def _uses(wordnet: WordNet, lemma: str, pos: str | None = None) -> int:
    """How often a lemma's own senses were tagged in SemCor (all parts of speech, or one)."""
    entry = wordnet.index.get(lemma, {})
    return sum(
        wordnet.synset(offset, p, lemma).count
        for p, offsets in entry.items()
        if pos is None or p == pos
        for offset in offsets
    )


def form_of(wordnet: WordNet, word: str) -> tuple[str, str] | None:
    """("plural of", "apple") when `word` is a real inflection of another headword. A word that
    is a headword itself stays one ("glasses", "bed", "building") unless the word it is a form
    of is far commoner ("saw" is mostly the past of see, "found" of find)."""
    key = word.lower()
    if " " in key:
        return None
    own = _uses(wordnet, key) if key in wordnet.index else None
    bases = wordnet.base_forms(key)
    bases += [(base, "n") for base, forms in EXTRA_PLURALS.items() if key in forms]
    for base, pos in bases:
        for tag, name in TAGS.get("a" if pos == "s" else pos, {}).items():
            if base == key or key not in _inflections(base, tag, wordnet):
                continue
            if tag == "NNS" and _plural_only(wordnet, base):
                return None  # "trousers" is the word, not the plural of "trouser"
            if own is not None and _own_word(wordnet, key, base, pos, tag, own):
                continue  # "glasses", "building": words of their own
            return name, base.replace("_", " ")
    return None


def agreeing(
    wordnet: WordNet, word: str, found: tuple[str, str] | None, pos: str
) -> tuple[str, str] | None:
    """The form `found` named as the part of speech `pos` of the meaning the card leads with:
    "runs" led by the verb is the he/she/it form of run, not the plural of the noun; "does"
    is do's, not the plural of doe; "bars" led by the noun is bar's plural. None when the word
    is no such form (its own headword in that part of speech)."""
    part = "a" if pos == "s" else pos
    if found is None or FORM_PARTS[found[0]] == FORM_PARTS_BY_POS.get(part):
        return found
    if part == "a" and found[0] in PARTICIPLES:
        return found  # "broken" the adjective is still break's past participle
    key = word.lower()
    for base, base_pos in wordnet.base_forms(key):
        if ("a" if base_pos == "s" else base_pos) != part or base == key:
            continue
        for tag, name in TAGS.get(part, {}).items():
            if key in _inflections(base, tag, wordnet):
                return name, base.replace("_", " ")
    return None


def _own_word(wordnet: WordNet, key: str, base: str, pos: str, tag: str, own: int) -> bool:
    """Is the form `key` (a WordNet headword too) a word of its own rather than a form?"""
    if tag == "NNS":
        if not _regular_plural(key, base):
            return False  # teeth, men, people, mice: always "plural of", whatever else they mean
        # a plural with meanings its singular lacks: glasses, arms
        shared = set(wordnet.index.get(base, {}).get("n", ()))
        return any(o not in shared for o in wordnet.index.get(key, {}).get("n", ()))
    if tag in ("JJR", "JJS") and not key.startswith(base[:-1]):
        return False  # better, best, worse: always good's and bad's, whatever else they mean
    # -ing words are often nouns of their own (building, reading): the verb must be far commoner;
    # a past or a comparative that is a word too is read as the form when its base is more than
    # twice as common (saw → see, found → find; also rose → rise, which a child may not mean)
    factor = 10 if tag == "VBG" else 2
    return _uses(wordnet, base, pos) <= factor * own + 2


def _regular_plural(key: str, base: str) -> bool:
    return key in {base + "s", base + "es", base[:-1] + "ies", base[:-1] + "ves", base[:-2] + "ves"}


def _plural_only(wordnet: WordNet, base: str) -> bool:
    """Nouns used in the plural (trousers, scissors): WordNet says so in the gloss."""
    return any(
        re.search(r"\busually (in the )?plural", wordnet.synset(offset, "n", base).definition)
        for offset in wordnet.index.get(base, {}).get("n", ())[:1]
    )


def real_form(wordnet: WordNet, word: str) -> bool:
    """A headword, or a form English really has (not "runing", "childs", "goed")."""
    key = word.lower()
    if " " in key or key.replace(" ", "_") in wordnet.index:
        return True
    if any(_plural_only(wordnet, base) for base, pos in wordnet.base_forms(key) if pos == "n"):
        return True  # trousers, scissors
    return form_of(wordnet, key) is not None


def forms_near(wordnet: WordNet, word: str) -> list[str]:
    """The real forms of the bases a made-up form points to (runing → running, runs, ran)."""
    key = word.lower()
    found: list[str] = []
    for base, pos in wordnet.base_forms(key):
        for tag in TAGS.get("a" if pos == "s" else pos, {}):
            for form in _inflections(base, tag):
                if form != key and form not in found:
                    found.append(form)
    return found


def plural_noun(wordnet: WordNet, word: str) -> bool:
    """Is the word a noun in the plural (apples, people, trousers, glasses)? "These are …"."""
    key = word.lower()
    if key in PLURAL_ONLY:
        return True
    if " " in key:
        return False
    bases = _noun_bases(wordnet, key)
    return any(key in _inflections(b, "NNS", wordnet) or _plural_only(wordnet, b) for b in bases)


def _noun_bases(wordnet: WordNet, key: str) -> list[str]:
    """The nouns `key` may be a form of, other than itself (mice → mouse, people → person)."""
    bases = [b for b, pos in wordnet.base_forms(key) if pos == "n" and b != key]
    return bases + [b for b, forms in EXTRA_PLURALS.items() if key in forms]


def counted_singular(wordnet: WordNet, word: str) -> str | None:
    """The singular of a plural that counts several things ("clocks" → clock, "mice" →
    mouse), also when the plural has a meaning of its own ("shoes": in my shoes); None for a
    word that is no plural or is used only in the plural (trousers, scissors, glasses)."""
    key = word.lower()
    if key in PLURAL_ONLY or " " in key:
        return None
    for base in _noun_bases(wordnet, key):
        if key in _inflections(base, "NNS", wordnet):
            return None if _plural_only(wordnet, base) else base.replace("_", " ")
    return None
