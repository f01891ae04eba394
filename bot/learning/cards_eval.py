"""`pictolingo eval`, the `cards` figures: are the word cards and corrections a teacher's?

``correction``: learner sentences (``bot/learning/data/learner_sentences.tsv``) — precision
(corrections that are exactly the teacher's sentence, of all corrections made) and recall
(mistaken sentences corrected exactly); right sentences must be left alone. The figures are
the held-out list's; the list the rules were written against is reported beside them.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from bot.learning.dictionary import Dictionary
from bot.learning.grammar import Corrector
from engine.datafiles import rows

DATA = Path(__file__).parent / "data"
SENTENCES = DATA / "learner_sentences.tsv"  # the rules were written against these
HELD_OUT = DATA / "learner_sentences_test.tsv"  # written afterwards, never tuned on
HEADWORDS = DATA / "headwords.tsv"
CHINESE = DATA / "chinese_gold.tsv"
HSK = DATA / "chinese_hsk.tsv"  # HSK 1-4 reversed (scripts/hsk_gold.py): the independent list
VERBS_MEANT = DATA / "chinese_verbs_meant.tsv"  # read by a person after verb_sense was written


def read_pairs(path: Path) -> list[tuple[str, str]]:
    """(as typed, as a teacher writes it); "=" in the file means "the same"."""
    return [(row[0], row[0] if row[1] == "=" else row[1]) for row in rows(path)]


def correction_figures(dictionary: Dictionary, path: Path = SENTENCES) -> dict[str, Any]:
    corrector = Corrector(dictionary)
    made = right = mistaken = fixed = correct = left_alone = 0
    misses: list[str] = []
    for typed, wanted in read_pairs(path):
        result = corrector.correct(typed)
        got = result.text if result else typed
        if typed != wanted:
            mistaken += 1
            fixed += got == wanted
        else:
            correct += 1
            left_alone += result is None
        if result is not None:
            made += 1
            right += got == wanted
        if got != wanted:
            misses.append(f"{typed} -> {got}")
    return {
        "precision": round(right / max(1, made), 3),
        "recall": round(fixed / max(1, mistaken), 3),
        "mistaken": mistaken,
        "correct": correct,
        "correct_left_alone": left_alone,
        "list": path.name,
        "misses": misses,
    }


def headword_figures(dictionary: Dictionary, path: Path = HEADWORDS) -> dict[str, Any]:
    """Does the card of each typed word show the right headword ("apples" → apple, "bed" →
    bed, never be)?"""
    right = 0
    misses = []
    pairs = read_pairs(path)
    for typed, wanted in pairs:
        card = dictionary.card(typed) if dictionary.known(typed) else None
        got = None if card is None else (card.form_of[1] if card.form_of else card.word)
        if got in {typed if w == "=" else w for w in wanted.split("|")}:
            right += 1
        else:
            misses.append(f"{typed} -> {got}")
    return {"accuracy": round(right / len(pairs), 3), "words": len(pairs), "misses": misses}


# CMU vowels as a learner's dictionary writes them, stressed (1, 2) and unstressed (0).
_STRESSED = {"AH": "ʌ", "ER": "ɜr"}
_VOWELS = {
    "AA": "ɑ", "AE": "æ", "AH": "ə", "AO": "ɔ", "AW": "aʊ", "AY": "aɪ", "EH": "ɛ", "ER": "ər",
    "EY": "eɪ", "IH": "ɪ", "IY": "i", "OW": "oʊ", "OY": "ɔɪ", "UH": "ʊ", "UW": "u",
}  # fmt: skip
_VOWEL_RUN = re.compile(r"aʊ|aɪ|eɪ|oʊ|ɔɪ|ɜr|ər|[ɑæəɔɛɪiʊuʌ]")


def expected_vowels(phones: list[str]) -> list[str]:
    """The vowels a word's CMU pronunciation has, in order, stress decided (AH1 → ʌ)."""
    found = []
    for phone in phones:
        base, stress = phone.upper().rstrip("012"), phone[-1]
        if base in _VOWELS:
            found.append(_STRESSED.get(base, _VOWELS[base]) if stress in "12" else _VOWELS[base])
    return found


def ipa_figures(dictionary: Dictionary, limit: int = 600) -> dict[str, Any]:
    """The card's IPA against the CMU Pronouncing Dictionary with its stress marks: the same
    vowels in the same order (stressed AH as ʌ, ER as ɜr), on the commonest levelled words."""
    import eng_to_ipa

    from bot.learning.pronunciation import ipa

    words = [
        w
        for w in dictionary.vocabulary()
        if w.isalpha() and dictionary.levelled(w) and dictionary.level_number(w) <= 3
    ]
    words.sort(key=lambda w: (dictionary.level_number(w), w))
    agree = total = 0
    misses: list[str] = []
    for word in words:
        cmu = eng_to_ipa.get_cmu([word])
        listed = cmu[0] if cmu else []
        pronunciations = [p.split() for p in listed if p.strip() and "__IGNORE__" not in p]
        if not pronunciations:
            continue  # not in CMUdict: espeak-ng's IPA, not measured here
        shown = ipa(word) or ""
        got = _VOWEL_RUN.findall(shown.replace("ˈ", "").replace("ˌ", ""))  # marks are not vowels
        total += 1
        if any(got == expected_vowels(phones) for phones in pronunciations):
            agree += 1
        elif len(misses) < 20:
            wanted = " ".join(expected_vowels(pronunciations[0]))
            misses.append(f"{word} {shown} (CMU vowels {wanted})")
        if total == limit:
            break
    return {"agreement": round(agree / max(1, total), 3), "words": total, "misses": misses}


def chinese_figures(dictionary: Dictionary, path: Path = HSK) -> dict[str, Any]:
    """The card's Chinese line (its first word) against the accepted words of a gold list,
    overall and apart for the words whose Chinese the project wrote itself (the plain meanings'
    column) and the rest (ranked from CC-CEDICT)."""
    from bot.learning.plain import learner_definitions

    written = learner_definitions()
    tally = {"written": [0, 0], "ranked": [0, 0]}
    misses: list[str] = []
    for word, _, accepted in rows(path):
        card = dictionary.card(word, chinese=True)
        got = card.chinese if card else None
        part = tally["written" if word in written else "ranked"]
        part[1] += 1
        if (got or "").split("，")[0] in accepted.split("|"):  # right: 对，右
            part[0] += 1
        else:
            misses.append(f"{word} -> {got} (want {accepted})")
    right = sum(t[0] for t in tally.values())
    total = sum(t[1] for t in tally.values())
    return {
        "agreement": round(right / max(1, total), 3),
        "words": total,
        "list": path.name,
        **{
            f"{name}_agreement": round(t[0] / max(1, t[1]), 3) if t[1] else None
            for name, t in tally.items()
        },
        **{f"{name}_words": t[1] for name, t in tally.items()},
        "misses": misses,
    }


def example_figures(dictionary: Dictionary, words: list[str]) -> dict[str, Any]:
    """Card examples that break countability ("This is a milk.") among the given words."""
    from bot.learning.countability import countable

    checked = broken = 0
    misses: list[str] = []
    for word in words:
        card = dictionary.card(word)
        if card is None or not card.example:
            continue
        checked += 1
        # "This is a milk." is wrong; "An art exhibition." (art describing a noun) is not
        lexname = card.meanings[0].category if card.meanings else None
        bad = not countable(word, lexname) and bool(
            re.search(rf"\ban? {re.escape(word)}\W*$", card.example.lower())
        )
        if bad:
            broken += 1
            misses.append(card.example)
    return {
        "grammatical": round(1 - broken / max(1, checked), 3),
        "cards": checked,
        "misses": misses,
    }


def typed_chinese_figures(dictionary: Dictionary, path: Path = CHINESE) -> dict[str, Any]:
    """The gold list read backwards: a child types a teacher's Chinese word after /word
    (the first accepted one) and the card shown is the word's, or a synonym's (船: boat or
    ship). The list was written to measure cards, not read while writing typed_chinese."""
    from bot.learning.typed_chinese import english_for

    meant: dict[str, set[str]] = {}  # 帽子: hat or cap
    for word, _, accepted in rows(path):
        meant.setdefault(accepted.split("|")[0], set()).add(word)
    misses: list[str] = []
    for typed, words in meant.items():
        found = english_for(dictionary, typed)
        if found not in words and not any(found and dictionary.related(found, w) for w in words):
            misses.append(f"{typed} -> {found} (want {'|'.join(sorted(words))})")
    right = len(meant) - len(misses)
    return {"right": round(right / max(1, len(meant)), 3), "words": len(meant), "misses": misses}


def typed_chinese_verb_figures(dictionary: Dictionary, path: Path = VERBS_MEANT) -> dict[str, Any]:
    """Chinese words said only as a verb ("to fly"), typed after /word: is the meaning taught
    the one a person read them to mean? (`verb_sense`, with the card's own lead.)"""
    from bot.learning.typed_chinese import verb_sense

    misses = []
    listed = list(rows(path))
    for typed, english, meant, _ in listed:
        found = verb_sense(dictionary, typed, english, None)
        if found != meant:
            misses.append(f"{typed} {english} -> {found} (want {meant})")
    right = len(listed) - len(misses)
    return {"right": round(right / max(1, len(listed)), 3), "words": len(listed), "misses": misses}


def cards_figures(dictionary: Dictionary) -> dict[str, Any]:
    tuned = correction_figures(dictionary, SENTENCES)
    held_out = correction_figures(dictionary, HELD_OUT)
    return {
        "headword": headword_figures(dictionary),
        "ipa": ipa_figures(dictionary),
        "chinese": chinese_figures(dictionary, HSK),
        "chinese_primary_school": chinese_figures(dictionary, CHINESE),
        "typed_chinese": typed_chinese_figures(dictionary),
        "typed_chinese_verbs": typed_chinese_verb_figures(dictionary),
        "examples": example_figures(
            dictionary, [row[0] for row in rows(DATA / "learner_definitions.tsv")]
        ),
        "correction": {
            "precision": held_out["precision"],
            "recall": held_out["recall"],
            "held_out": held_out,
            "tuned_on": tuned,
        },
    }
