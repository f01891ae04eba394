"""How a word sounds, written in IPA as learner dictionaries write it.

The CMU Pronouncing Dictionary (through ``eng-to-ipa``) with its stresses; espeak-ng for words
it lacks.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from functools import lru_cache

# ARPAbet vowels as eng-to-ipa writes them, in the order they appear in its IPA.
_IPA_VOWELS = {
    "AA": "ɑ", "AE": "æ", "AH": "ə", "AO": "ɔ", "AW": "aʊ", "AY": "aɪ", "EH": "ɛ", "ER": "ər",
    "EY": "eɪ", "IH": "ɪ", "IY": "i", "OW": "oʊ", "OY": "ɔɪ", "UH": "ʊ", "UW": "u",
}  # fmt: skip


def with_stressed_vowels(text: str, phones: list[str]) -> str:
    """eng-to-ipa writes every AH as ə and ER as ər; a stressed AH is ʌ (sun /sʌn/, mother
    /ˈmʌðər/) and a stressed ER is ɜr (bird /bɜrd/), as learner dictionaries write them.
    Vowels are matched to the CMU phones in order; anything unexpected leaves `text` as is."""
    position, result = 0, text
    for phone in phones:
        base, stress = phone.upper().rstrip("012"), phone[-1]
        target = _IPA_VOWELS.get(base)
        if target is None:
            continue
        found = result.find(target, position)
        if found < 0:
            return text
        if stress in "12" and base in ("AH", "ER"):
            replacement = "ʌ" if base == "AH" else "ɜr"
            result = result[:found] + replacement + result[found + len(target) :]
            position = found + len(replacement)
        else:
            position = found + len(target)
    return result


# Consonant groups an English syllable can begin with (IPA as eng-to-ipa writes it): the
# stress mark goes before the whole group (/ˈkwɪkli/, /bɪˈtwin/), never inside it.
_ONSETS = {
    "kw", "tw", "dw", "sw", "gw", "θw", "kr", "tr", "dr", "pr", "br", "gr", "fr", "θr", "ʃr",
    "kl", "pl", "bl", "gl", "fl", "sl", "sp", "st", "sk", "sm", "sn", "spr", "str", "skr",
    "spl", "skw", "kj", "pj", "bj", "fj", "mj", "vj", "hj",
}  # fmt: skip
_NUCLEUS = re.compile(r"aʊ|aɪ|eɪ|oʊ|ɔɪ|[aeiouæɑɔəɛɪʊʌɜ]")


def _onset(consonants: str) -> int:
    """How many of the consonants between two vowels begin the second syllable."""
    for size in (3, 2):
        if len(consonants) >= size and consonants[-size:] in _ONSETS:
            return size
    return min(1, len(consonants))


def with_primary_stress(text: str, phones: list[str]) -> str:
    """The stress mark before the syllable CMU stresses, at the start of its consonants:
    eng-to-ipa leaves it out of some words (giraffe /ʤəræf/ → /ʤəˈræf/) and puts it inside a
    group of consonants in others (quickly /kˈwɪkli/ → /ˈkwɪkli/). One-syllable words have
    none."""
    marks = [i for i, c in enumerate(text) if c == "ˈ"]
    if len(marks) > 1:  # CMU stresses some words twice: the last is the main stress, the
        # others are secondary (engineer /ˌɛnʤəˈnɪr/, downstream /ˌdaʊnˈstrim/)
        text = "".join("ˌ" if i in marks[:-1] else c for i, c in enumerate(text))
    vowels = [p for p in phones if p[-1:] in ("0", "1", "2")]
    if len(vowels) < 2 or not any(p.endswith("1") for p in vowels):
        return text
    bare = text.replace("ˈ", "")
    nuclei = list(_NUCLEUS.finditer(bare))
    if len(nuclei) != len(vowels):
        return text  # unexpected spelling of the vowels: left as it is
    stressed = next(i for i, p in enumerate(vowels) if p.endswith("1"))
    if "ˈ" in text:  # eng-to-ipa's own mark keeps its syllable (its phones may be another
        mark = text.index("ˈ")  # of the word's pronunciations): only its place is mended
        stressed = next((i for i, n in enumerate(nuclei) if n.start() >= mark), stressed)
    start = 0
    if stressed:
        before = nuclei[stressed - 1].end()
        start = nuclei[stressed].start()
        consonants = bare[before:start].replace("ˌ", "")
        if consonants == bare[before:start]:  # a secondary mark there: left where it is
            onset = _onset(consonants)
            if onset > 1 and consonants.startswith("s") and re.match(r"ˌ?[dm]ɪs", bare):
                onset = len(consonants) - 1  # dis-like, mis-take: the prefix keeps its s
            start -= onset
    return bare[:start] + "ˈ" + bare[start:]


@lru_cache(maxsize=4096)
def ipa(word: str) -> str | None:
    """/ˈæpəl/: the CMU dictionary's pronunciation, or espeak-ng's for words it lacks."""
    # "sea lion": each word its own (eng-to-ipa answers word by word), and "t-shirt" too (its
    # table has /ˈtiˌsərt/ for it: no "sh")
    words = word.replace("-", " ").split()
    if len(words) > 1:
        parts = [ipa(part) for part in words]
        return "/" + " ".join(p.strip("/") for p in parts if p) + "/" if all(parts) else None
    try:
        import eng_to_ipa

        # the first CMU pronunciation and its own IPA (convert() writes the last one, which
        # for umbrella is the rare first-syllable stress, and its vowels were then matched to
        # the first one's stresses)
        # "I'm" and "James" are looked up as "i'm" and "james" ("DNA" is kept: /ˌdiˌɛˈneɪ/)
        key = word.lower() if word[1:] == word[1:].lower() else word
        variants = eng_to_ipa.ipa_list(key)
        cmu = eng_to_ipa.get_cmu([key])
        text = variants[0][0] if variants and variants[0] else ""
        if "'" in word and cmu and cmu[0]:  # don't: its first IPA is the clipped /doʊn/
            text = eng_to_ipa.transcribe.cmu_to_ipa([[cmu[0][0]]], stress_marking=False)[0][0]
        if text and "*" not in text and cmu and cmu[0]:
            phones = cmu[0][0].split()
            return f"/{with_primary_stress(with_stressed_vowels(text, phones), phones)}/"
    except ImportError:
        pass
    espeak = shutil.which("espeak-ng")
    if espeak is None:
        return None
    result = subprocess.run(
        [espeak, "-q", "--ipa", "-v", "en-us", word],
        capture_output=True,
        text=True,
        timeout=10,
        check=False,
    )
    text = " ".join(result.stdout.split())
    return f"/{text}/" if result.returncode == 0 and text else None
