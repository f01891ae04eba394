from __future__ import annotations

import pytest

from bot.learning.dictionary import Dictionary
from engine.prompt_filter import PromptFilter, normalise

FILTER = PromptFilter.default()
# Words this tutor deliberately refuses to draw, even though they are everyday English.
INTENDED = {
    "kill",
    "murder",
    "penis",
    "bestial",
    "bestiality",
    "dogging",
    "menses",
    "penial",
    "sadism",
    "sadist",
    "stoned",
    "gun",
    "drunk",
    "naked",
    "nude",
    "sexy",
    "cigarette",
    "bomb",
    "corpse",
    "demon",
    "torture",
    "cigar",
    "suicide",
    "killer",
    "sex",
    "vodka",
    "whisky",
    "whiskey",
    "rifle",
    "pistol",
    "adultery",
    "adulterer",
    "adulterous",
    "bloody",
    "drug",
    "shooting",
    "erotic",
    "execution",
    "slaughter",
    "stab",
    "terrorist",
    "terrorism",
    "nazi",
    "supremacist",  # once offered for "supermarkit" by "Did you mean"
    "lingerie",
    "topless",
    "porn",
    "massacre",
    "hangover",
    "overdose",
    "heroin",
    "cocaine",
    "explosive",
    "grenade",
    "genocide",
    "revolver",
    "gore",
    "nudity",
    "seductive",
    "undressed",
    "zombie",
    "vape",
    "vaping",
    "stripper",
    "tequila",
    "meth",
    "cannabis",
    "marijuana",
    "behead",
    "lynch",
    "satanic",
    "murdered",
}
TRICKY_BUT_FINE = [
    "class",
    "grass",
    "cucumber",
    "analysis",
    "assess",
    "Scunthorpe",
    "cocktail",
    "Essex",
    "Sussex",
    "therapist",
    "arsenal",
    "shiitake",
    "cockatoo",
    "passion",
    "bass",
    "glasses",
    "assassin",
    "button",
    "butterfly",
    "classic",
    "hello",
    "fat cat",
    "ugly duckling",
    "Dickens",
    "hancock",
    "as",
    "assist",
    "a cooking pot",
    "potted plant",
    "the church organ",
    "a steep slope",
    "a screw and a nail",
    "shooting star",
    "The shooting star is above the house.",
    "Two killer whales swim.",
    "a brush stroke",
    "a comic strip",
]


def everyday_words(dictionary: Dictionary, count: int = 5000) -> list[str]:
    by_level = dictionary._words_by_level()
    ordered = [w for level in sorted(by_level) for w in sorted(by_level[level])]
    return ordered[:count]


def test_zero_false_blocks_on_5000_everyday_words(dictionary: Dictionary) -> None:
    words = everyday_words(dictionary)
    assert len(words) == 5000
    blocked = [w for w in words if FILTER.check(w).blocked and w not in INTENDED]
    assert blocked == []


@pytest.mark.parametrize("text", TRICKY_BUT_FINE)
def test_words_that_contain_or_resemble_bad_ones_are_fine(text: str) -> None:
    assert not FILTER.check(text).blocked, FILTER.check(text)


@pytest.mark.parametrize(
    "text",
    [
        "screw you",
        "sex",
        "SEX",
        "s3x",
        "s e x",
        "s.e.x",
        "s-e-x",
        "seeexxx",
        "ｓｅｘ",
        "ѕех",
        "Ѕ Е Х",
        "naked",
        "n4k3d",
        "N.A.K.E.D",
        "a naked man",
        "nakeeed",
        "p0rn",
        "pr0n star",
        "guns",
        "a g u n",
        "k!ll",
        "kill3r",
        "k i l l i n g",
        "cigarettes",
        "c1garette",
        "fuck",
        "f*ck you",
        "sh1t",
        "b1tch",
        "a sexy lady",
        "The man has a gun.",
        "dead bodies",
        "nazi flag",
        "n@zi",
        "shooting",  # a name that is allowed ("shooting star") frees its words nowhere else
        "a shooting star and a shooting",
        "killer",
        "killer whale killer",
    ],
)
def test_unsafe_words_are_caught_however_written(text: str) -> None:
    assert FILTER.check(text).blocked, text


def test_recall_on_the_whole_list_with_obfuscation() -> None:
    leet = str.maketrans({"a": "4", "e": "3", "i": "1", "o": "0", "s": "5"})
    terms = [t for t, category in FILTER.blocked.items() if category != "profanity"]
    variants = []
    for term in terms:
        variants += [
            term,
            term.upper(),
            term.translate(leet),
            " ".join(term),
            term[0] + term[0] + term[0] + term[1:],
        ]
    caught = [v for v in variants if FILTER.check(v).blocked]
    assert len(caught) == len(variants), set(variants) - set(caught)


def test_normalisation() -> None:
    assert normalise("Ｈｅｌｌｏ, ｗｏｒｌｄ!") == ["hello", "world"]
    assert normalise("s . e . x") == ["sex"]
    assert normalise("I am a cat") == ["i", "am", "a", "cat"]


@pytest.mark.parametrize(
    "text", ["lens", "spices", "stripes", "spaces", "heroines", "spikes", "wades", "hives"]
)
def test_an_everyday_plural_is_not_read_as_the_slur_its_last_letters_off_make(text: str) -> None:
    """Endings were cut blindly (spices → "spic", lens → "len", stripes → "strip"); a word
    English knows is now taken back to its own lemma (spice, lens, stripe)."""
    assert not FILTER.check(text).blocked, FILTER.check(text)


@pytest.mark.parametrize("text", ["sexiest", "masturbated", "tortured", "fondling", "uteri"])
def test_known_forms_of_unsafe_words_are_caught_by_their_lemma(text: str) -> None:
    assert FILTER.check(text).blocked, text
