"""Word forms: is "apples" the plural of apple, "ran" the past of run, "runing" no word at all?

WordNet's morphy guesses a base form for anything with an ending ("runing" → run + ing);
`lemminflect` (a maintained English inflection library) says which forms really exist, so a
made-up form is a misspelling ("did you mean running?"), never a headword.
"""

from __future__ import annotations

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


def _inflections(base: str, tag: str) -> tuple[str, ...]:
    from lemminflect import getInflection

    return tuple(form.lower() for form in getInflection(base, tag, inflect_oov=False))


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
    for base, pos in wordnet.base_forms(key):
        for tag, name in TAGS.get("a" if pos == "s" else pos, {}).items():
            if base == key or key not in _inflections(base, tag):
                continue
            if own is not None and _own_word(wordnet, key, base, pos, tag, own):
                continue  # "glasses", "building": words of their own
            return name, base.replace("_", " ")
    return None


def _own_word(wordnet: WordNet, key: str, base: str, pos: str, tag: str, own: int) -> bool:
    """Is the form `key` (a WordNet headword too) a word of its own rather than a form?"""
    if tag == "NNS":  # a plural with meanings its singular lacks: glasses, arms
        shared = set(wordnet.index.get(base, {}).get("n", ()))
        return any(o not in shared for o in wordnet.index.get(key, {}).get("n", ()))
    # -ing words are often nouns of their own (building, reading): the verb must be far commoner
    factor = 10 if tag == "VBG" else 2
    return _uses(wordnet, base, pos) <= factor * own + 2


def real_form(wordnet: WordNet, word: str) -> bool:
    """A headword, or a form English really has (not "runing", "childs", "goed")."""
    key = word.lower()
    if " " in key or key.replace(" ", "_") in wordnet.index:
        return True
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
