"""How a word sounds, written in IPA as learner dictionaries write it.

The CMU Pronouncing Dictionary (through ``eng-to-ipa``) with its stresses; espeak-ng for words
it lacks.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from functools import lru_cache
from pathlib import Path

from wordfreq import zipf_frequency

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
    "spl", "skw", "skj", "spj", "kj", "pj", "bj", "fj", "mj", "vj", "hj",
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


HOMOGRAPHS = Path(__file__).parent / "data" / "homographs.tsv"
COMMON = 3.5  # each half of a compound the CMU dictionary lacks is an everyday word


def from_phones(phones: str) -> str:
    """/ˈæpəl/ from the CMU sounds "ae1 p ah0 l" (eng-to-ipa's own spelling of them; its
    ipa_list() sorts a word's pronunciations by their IPA, so its first was any of them: the
    "minute" of sixty seconds was /maɪnˈjut/, "don't" /doʊn/)."""
    import eng_to_ipa

    text = eng_to_ipa.transcribe.cmu_to_ipa([[phones.lower()]])[0][0]
    split = phones.lower().split()
    return f"/{with_primary_stress(with_stressed_vowels(text, split), split)}/"


@lru_cache(maxsize=1)
def homographs() -> dict[str, list[tuple[str, str, str]]]:
    """word → (part of speech, kind of meaning or *, CMU sounds), in the file's order."""
    from engine.datafiles import rows

    found: dict[str, list[tuple[str, str, str]]] = {}
    for word, pos, kind, phones in rows(HOMOGRAPHS):
        found.setdefault(word, []).append((pos, kind, phones))
    return found


def pronounce(
    word: str, pos: str | None = None, kind: str | None = None, base: str | None = None
) -> str | None:
    """The word as said in the meaning taught (its WordNet part of speech and kind): the wind
    that blows is /wɪnd/, to wind a clock /waɪnd/. A form of `base` (tears, lives) is said as
    its base is in that meaning: tears from the eye /tɪrz/, not the CMU dictionary's first
    /tɛrz/."""
    try:
        phones = _sounds(word, pos, kind)
        if phones is None and base and base.lower() != word.lower():
            stem = _sounds(base, pos, kind)  # only a homograph's: the CMU dictionary's first
            said = _cmu_all(word.lower())  # of the base is no better a guide (ears: /irz/)
            if stem and len(said) > 1:
                phones = max(said, key=lambda p: _shared_start(p.split(), stem.split()))
        if phones is not None:
            return from_phones(phones)
    except ImportError:
        pass
    return ipa(word)


def _sounds(word: str, pos: str | None, kind: str | None) -> str | None:
    """The homograph table's sounds for the word in this meaning, if it has a row for it."""
    pos = "a" if pos == "s" else pos
    for row_pos, row_kind, phones in homographs().get(word.lower(), []):
        if row_pos == pos and row_kind in ("*", kind):
            return phones.lower()
    return None


def _shared_start(said: list[str], stem: list[str]) -> int:
    """How many sounds a form shares with its base from the start (tears: t ih1 r with tear)."""
    return next(
        (i for i, (a, b) in enumerate(zip(said, stem, strict=False)) if a != b),
        min(len(said), len(stem)),
    )


@lru_cache(maxsize=4096)
def ipa(word: str) -> str | None:
    """/ˈæpəl/: the CMU dictionary's pronunciation, or espeak-ng's for words it lacks."""
    # "sea lion": each word its own (eng-to-ipa answers word by word), and "t-shirt" too (its
    # table has /ˈtiˌsərt/ for it: no "sh")
    words = word.replace("-", " ").split()
    if len(words) > 1:
        parts = [ipa(part) for part in words]
        return "/" + " ".join(p.strip("/") for p in parts if p) + "/" if all(parts) else None
    # "I'm" and "James" are looked up as "i'm" and "james" ("DNA" is kept)
    phones = _cmu(word.lower() if word[1:] == word[1:].lower() else word)
    if phones:
        return from_phones(phones)  # the CMU dictionary's first pronunciation
    for cut in range(len(word) - 3, 2, -1):  # schoolbag: school + bag, as CMU says each
        first, second = word[:cut].lower(), word[cut:].lower()
        if min(zipf_frequency(first, "en"), zipf_frequency(second, "en")) < COMMON:
            continue  # two everyday words (barista is no "bari" + "sta")
        head, tail = _cmu(first), _cmu(second)
        if head and tail:
            return from_phones(f"{head} {tail.replace('1', '2')}")  # /ˈskulˌbæɡ/
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


@lru_cache(maxsize=4096)
def _cmu_all(key: str) -> tuple[str, ...]:
    """Every pronunciation the CMU dictionary has for a word, its first first."""
    import eng_to_ipa

    cmu = eng_to_ipa.get_cmu([key])
    found = cmu[0] if cmu and cmu[0] else []
    return tuple(p for p in found if "*" not in p and "__IGNORE__" not in p)


@lru_cache(maxsize=4096)
def _cmu(key: str) -> str | None:
    """The CMU dictionary's first pronunciation of a word, in its sounds ("ae1 p ah0 l")."""
    try:
        import eng_to_ipa
    except ImportError:
        return None
    cmu = eng_to_ipa.get_cmu([key])
    if cmu and cmu[0] and "*" not in cmu[0][0] and "__IGNORE__" not in cmu[0][0]:
        return str(cmu[0][0])
    return None
