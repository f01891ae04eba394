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


def with_primary_stress(text: str, phones: list[str]) -> str:
    """eng-to-ipa leaves out the stress mark of some words (giraffe /ʤəræf/): it goes before
    the consonant that starts the stressed syllable (/ʤəˈræf/). One-syllable words have none."""
    vowels = [p for p in phones if p[-1:] in ("0", "1", "2")]
    if "ˈ" in text or len(vowels) < 2 or not any(p.endswith("1") for p in vowels):
        return text
    stressed = next(i for i, p in enumerate(vowels) if p.endswith("1"))
    nuclei = list(re.finditer(r"[aeiouæɑɔəɛɪʊʌɜ]+", text))
    if len(nuclei) != len(vowels):
        return text  # unexpected spelling of the vowels: left as it is
    start = nuclei[stressed].start()
    if stressed and start > nuclei[stressed - 1].end():
        start -= 1  # its first consonant
    return text[:start] + "ˈ" + text[start:]


@lru_cache(maxsize=4096)
def ipa(word: str) -> str | None:
    """/ˈæpəl/: the CMU dictionary's pronunciation, or espeak-ng's for words it lacks."""
    try:
        import eng_to_ipa

        # the first CMU pronunciation and its own IPA (convert() writes the last one, which
        # for umbrella is the rare first-syllable stress, and its vowels were then matched to
        # the first one's stresses)
        variants = eng_to_ipa.ipa_list(word)
        cmu = eng_to_ipa.get_cmu([word])
        text = variants[0][0] if variants and variants[0] else ""
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
