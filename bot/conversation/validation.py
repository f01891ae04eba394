"""Checks on what learners type, with a clear message for every way it can be wrong.

Nothing is silently "fixed": input that is not a word or a sentence is refused with an example
(a word's full stop or quotes are only punctuation: "/word apple." is apple).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_WORD = re.compile(r"^[A-Za-z]+(?:[ '’-][A-Za-z]+)*$")
_LATIN_LETTER = re.compile(r"[A-Za-z]")
_SENTENCE_PUNCTUATION = set(" .,;:!?'’\"“”-–—()&%$#/+=")


@dataclass(frozen=True)
class InputProblem(Exception):
    english: str
    chinese: str = ""


# A phone's keyboard writes ’ for ' ("don’t") and a non-breaking hyphen; "café" and "naïve"
# are the dictionary's cafe and naive.
_TYPED = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "‐": "-", "‑": "-", "–": "-"})


def _normalize(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    return " ".join(text.split())


def _as_looked_up(text: str) -> str:
    """A word as the dictionary spells it: ' for ’, - for ‑, no accents (a sentence keeps
    José's café)."""
    return "".join(_plain_letter(c) for c in _normalize(text).translate(_TYPED))


def _plain_letter(character: str) -> str:
    """é → e: a Latin letter with accents only (Chinese, Hebrew and emoji are left as they are,
    for the checks that follow to name)."""
    parts = unicodedata.normalize("NFKD", character)
    base, marks = parts[:1], parts[1:]
    if marks and base.isascii() and base.isalpha() and all(map(unicodedata.combining, marks)):
        return base
    return character


ARTICLES = {"a", "an", "the"}
# Words that start a sentence, not a name of a thing: "/word I like apples" is a sentence.
SENTENCE_STARTS = {"i", "you", "he", "she", "it", "we", "they", "this", "that", "there", "my"}


def check_word(raw: str, max_chars: int = 40) -> str:
    """A word or short phrase in English letters (hyphen, apostrophe and spaces allowed)."""
    # "apple." "Apple!" "apple?" "“apple”": the stop or the quotes a child adds are no letters
    text = _as_looked_up(raw).strip("\"“”'").rstrip(".!?,;:").strip("\"“”'")
    if not text:
        raise InputProblem(
            "Please add a word, for example: /word apple", "请加上一个单词，例如：/word apple"
        )
    if len(text) > max_chars:
        raise InputProblem(
            f"That is too long for one word (at most {max_chars} letters). "
            "For a whole sentence, use /sentence.",
            f"单词太长了（最多 {max_chars} 个字母）。整句话请用 /sentence。",
        )
    if not _WORD.match(text):
        if re.search(r"(^| )\d+( |$)", text) and _LATIN_LETTER.search(text):  # "3 cats"
            raise InputProblem(
                f"A number and a thing make a sentence: try /sentence {text[:60]}",
                "数字加东西是一句话，请用 /sentence。",
            )
        if not _LATIN_LETTER.search(text):
            raise InputProblem(
                "Please type the English word in English letters, for example: /word apple",
                "请用英文字母输入单词，例如：/word apple",
            )
        raise InputProblem(
            "A word can only have letters, spaces, - and '. Try: /word ice cream",
            "单词只能包含字母、空格、- 和 '。例如：/word ice cream",
        )
    words = text.split()
    if len(words) > 4 or (len(words) > 1 and words[0].lower() in SENTENCE_STARTS):
        raise InputProblem(
            "That looks like a sentence. Try /sentence " + text[:60],
            "这像是一句话，请用 /sentence。",
        )
    if len(words) > 1 and words[0].lower() in ARTICLES:
        text = " ".join(words[1:])  # "/word an apple" is the word apple
    return text.lower()


def check_sentence(raw: str, max_chars: int = 300) -> str:
    """One English sentence: Latin letters, digits and ordinary punctuation."""
    text = _normalize(raw)
    if not text:
        raise InputProblem(
            "Please add a sentence, for example: /sentence The cat sleeps on the sofa.",
            "请加上一句话，例如：/sentence The cat sleeps on the sofa.",
        )
    if len(text) > max_chars:
        raise InputProblem(
            f"That sentence is too long (at most {max_chars} characters). Please make it shorter.",
            f"句子太长了（最多 {max_chars} 个字符）。请写短一点。",
        )
    letters = [ch for ch in text if ch.isalpha()]
    if not _LATIN_LETTER.search(text) or any(
        "LATIN" not in unicodedata.name(ch, "") for ch in letters
    ):
        raise InputProblem(
            "Please write the sentence in English, for example: "
            "/sentence The dog runs in the park.",
            "请用英文写句子，例如：/sentence The dog runs in the park.",
        )
    odd = [ch for ch in text if not (ch.isalnum() or ch in _SENTENCE_PUNCTUATION)]
    if odd:
        raise InputProblem(
            "Please use only letters, numbers and punctuation in the sentence "
            "(no emoji or symbols).",
            "句子里只能有字母、数字和标点（不要表情或符号）。",
        )
    if len(letters) < 2:
        raise InputProblem(
            "Please write a real sentence, for example: /sentence I like apples.",
            "请写一个完整的句子，例如：/sentence I like apples.",
        )
    return text


def is_number(text: str) -> bool:
    """Plain ASCII digits only ('²' and '٣' are digits to str.isdigit() but not to int()),
    and few enough to be a database id (SQLite integers stop at 2**63 - 1)."""
    return text.isascii() and text.isdecimal() and len(text) <= 18
