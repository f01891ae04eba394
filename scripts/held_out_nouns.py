"""Build engine/data/held_out_nouns.txt: a second word list for `pictolingo eval`, made the way
the beginner list was but from CEFR level B1, so that the resolver's rules (written while
looking at the beginner list) are measured on words nobody looked at while writing them.

    .venv/bin/python scripts/held_out_nouns.py
"""

from __future__ import annotations

from pathlib import Path

import cefrpy

from bot.learning.dictionary import Dictionary
from engine.datafiles import rows
from engine.prompt_filter import PromptFilter

DATA = Path(__file__).parents[1] / "engine" / "data"
CONCRETE = {"noun.animal", "noun.artifact", "noun.body", "noun.food", "noun.plant", "noun.object"}
HEADER = """# Held-out concrete nouns for `pictolingo eval` (vocabulary_held_out): the words of CEFR
# level B1 (via the cefrpy package) whose most frequent WordNet 3.0 sense is a concrete noun
# (animal, artifact, body, food, plant, natural object) tagged at least twice in SemCor;
# plurals, words of the beginner list and words the prompt filter refuses removed. Built by
# scripts/held_out_nouns.py, not picked by hand; first measured 2026-12-04, before any rule
# was written with it in view.
"""


def main() -> None:
    dictionary = Dictionary()
    dictionary.load()
    wordnet = dictionary.wordnet
    beginner = {row[0] for row in rows(DATA / "beginner_nouns.txt")}
    check = PromptFilter.default()
    found = set()
    for word, pos, level in cefrpy.CEFRAnalyzer().yield_word_pos_level():
        word = word.lower()
        if pos.name != "NN" or level.name != "B1" or not word.isalpha() or word in beginner:
            continue
        offsets = wordnet.index.get(word, {}).get("n", ())
        if not offsets:
            continue
        commonest = max((wordnet.synset(o, "n", word) for o in offsets), key=lambda s: s.count)
        if commonest.lexname not in CONCRETE or commonest.count < 2:
            continue
        if any(base != word for base, _ in wordnet.base_forms(word, "n")):
            continue  # a plural
        if not check.check(word).blocked:
            found.add(word)
    (DATA / "held_out_nouns.txt").write_text(HEADER + "\n".join(sorted(found)) + "\n")
    print(f"{len(found)} words")


if __name__ == "__main__":
    main()
