"""Rebuild bot/learning/data/chinese_hsk.tsv: the HSK 2.0 levels 1–4 word lists, reversed.

Source: https://github.com/drkameleon/complete-hsk-vocabulary (MIT), files
``wordlists/exclusive/{old,new}/{1,2,3,4}.json`` (HSK 2.0 and HSK 3.0, levels 1-4). Usage::

    python scripts/hsk_gold.py <wordlists/exclusive folder> > bot/learning/data/chinese_hsk.tsv

An English word enters the list when it is the whole first meaning of an HSK word ("cup",
"to eat" → eat) and the project's dictionary knows it; the accepted Chinese words are every
HSK 1–4 word that lists that English word as one of its meanings. Readings that are proper
nouns (capitalised pinyin: surnames, places, book titles) are skipped when the word has a
common reading: HSK lists 书 for "book", not for the classic it abbreviates. The list is
used only to measure the card's Chinese line, never by the program.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

NOTES = re.compile(r"\([^)]*\)|\[[^]]*\]")


def _plain(text: str) -> str:
    """ "(coll.) the moon" → moon, "to eat" → eat."""
    text = NOTES.sub("", text).strip().lower()
    for article in ("to ", "the ", "a ", "an "):
        text = text.removeprefix(article)
    return text


def first_common_form(entry: dict) -> dict:
    """The entry's first reading that is not a proper noun ("Shū", the abbreviated title of a
    classic, comes before "shū", book): HSK lists the common word."""
    forms = entry["forms"]
    common = [f for f in forms if not f["transcriptions"]["pinyin"][:1].isupper()]
    return (common or forms)[0]


def meanings(entry: dict) -> list[str]:
    found = []
    for raw in first_common_form(entry)["meanings"]:
        for part in raw.split(";"):
            text = _plain(part)
            if re.fullmatch(r"[a-z]+", text):
                found.append(text)
    return found


def main(folder: Path) -> None:
    from bot.learning.dictionary import Dictionary

    dictionary = Dictionary()
    heads: dict[str, int] = {}
    accepted: dict[str, list[str]] = {}
    files = [(v, level) for v in ("old", "new") for level in "1234"]
    for version, level in files:
        path = folder / version / f"{level}.json"
        for entry in json.loads(path.read_text(encoding="utf-8")):
            word = entry["simplified"]
            first = _plain(first_common_form(entry)["meanings"][0].split(";")[0])
            if re.fullmatch(r"[a-z]+", first):
                heads.setdefault(first, int(level))
            for english in meanings(entry):
                accepted.setdefault(english, [])
                if word not in accepted[english]:
                    accepted[english].append(word)
    print("# HSK 2.0 and 3.0 levels 1-4, reversed: English word, level, accepted Chinese (|).")
    print("# Source: github.com/drkameleon/complete-hsk-vocabulary (MIT); rebuilt by")
    print("# scripts/hsk_gold.py. Measures the card's Chinese line only; never read by the bot.")
    for english in sorted(heads):
        if dictionary.known(english) and len(english) > 1:
            print(f"{english}\t{heads[english]}\t{'|'.join(accepted[english])}")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
