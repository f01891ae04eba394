"""Rebuild bot/learning/data/chinese_hsk.tsv: the HSK 2.0 levels 1–4 word lists, reversed.

Source: https://github.com/drkameleon/complete-hsk-vocabulary (MIT), files
``wordlists/exclusive/{old,new}/{1..6}.json`` (HSK 2.0 and HSK 3.0, levels 1-6). Usage::

    python scripts/hsk_gold.py <wordlists/exclusive folder> > bot/learning/data/chinese_hsk.tsv

An English word enters the list when it is the whole first meaning of an HSK 1–4 word
("cup", "to eat" → eat) and the project's dictionary knows it; the accepted Chinese words are
every HSK 1–6 word that lists that English word as one of its meanings (丑 is HSK 5 and a
right gloss of *ugly*), and an -儿 word's standard written form (女孩儿 → 女孩). Only the
reading HSK means is read (see ``main_form``). The list is used only to measure the card's
Chinese line, never by the program.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

NOTES = re.compile(r"\([^)]*\)|\[[^]]*\]")


def _plain(text: str) -> str:
    """ "(coll.) the moon" → moon, "to eat" → eat, "to be careful" → careful."""
    text = NOTES.sub("", text).strip().lower()
    for article in ("to be ", "to ", "the ", "a ", "an "):
        text = text.removeprefix(article)
    return text


def main_form(entry: dict) -> dict:
    """The reading HSK means: not a proper noun ("Shū", the abbreviated title of a classic,
    before "shū", book), not a bare "variant of …", and of those the one with the most
    meanings. CC-CEDICT orders readings by pinyin, so the first one is often a rare reading
    (跑 páo "to paw" before pǎo "to run", 说 shuì "to persuade" before shuō "to say")."""
    forms = entry["forms"]
    common = [f for f in forms if not f["transcriptions"]["pinyin"][:1].isupper()] or forms
    real = [f for f in common if not all("variant of" in m for m in f["meanings"])] or common
    return max(real, key=lambda f: len(f["meanings"]))


def meanings(entry: dict) -> list[str]:
    found = []
    for raw in main_form(entry)["meanings"]:
        for part in raw.split(";"):
            text = _plain(part)
            if re.fullmatch(r"[a-z]+", text):
                found.append(text)
    return found


HEAD_LEVELS = "1234"  # the words measured: HSK 1-4 (a beginner's Chinese)


def _without_erhua(entry: dict) -> str:
    """女孩儿 → 女孩, 画儿 → 画: the standard written form of a word said with the Beijing -r
    (pinyin ending in r5); 女儿 (daughter, nǚ'ér) stays."""
    word: str = entry["simplified"]
    erhua = main_form(entry)["transcriptions"]["numeric"].endswith("r5")
    return word[:-1] if erhua and word.endswith("儿") else word


def main(folder: Path) -> None:
    from bot.learning.dictionary import Dictionary

    dictionary = Dictionary()
    heads: dict[str, int] = {}
    accepted: dict[str, list[str]] = {}
    files = [(v, level) for v in ("old", "new") for level in "123456"]
    for version, level in files:
        path = folder / version / f"{level}.json"
        for entry in json.loads(path.read_text(encoding="utf-8")):
            word = entry["simplified"]
            first = _plain(main_form(entry)["meanings"][0].split(";")[0])
            if re.fullmatch(r"[a-z]+", first) and level in HEAD_LEVELS:
                heads.setdefault(first, int(level))
            for english in meanings(entry):
                known = accepted.setdefault(english, [])
                for chinese in (word, _without_erhua(entry)):
                    if chinese not in known:
                        known.append(chinese)
    print("# HSK 2.0 and 3.0: English words of levels 1-4 reversed, level, and every HSK 1-6")
    print("# word with that meaning (|). Source: github.com/drkameleon/complete-hsk-vocabulary")
    print("# (MIT); rebuilt by")
    print("# scripts/hsk_gold.py. Measures the card's Chinese line only; never read by the bot.")
    for english in sorted(heads):
        if dictionary.known(english) and len(english) > 1:
            print(f"{english}\t{heads[english]}\t{'|'.join(accepted[english])}")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
