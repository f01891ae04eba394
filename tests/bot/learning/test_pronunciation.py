"""IPA as learner dictionaries write it."""

from __future__ import annotations

from bot.learning.cards import card_text
from bot.learning.dictionary import Dictionary
from bot.learning.pronunciation import ipa, pronounce


def test_a_stressed_vowel_is_written_as_learner_dictionaries_do() -> None:
    expected = {
        "sun": "/sʌn/",
        "run": "/rʌn/",
        "mother": "/ˈmʌðər/",
        "cup": "/kʌp/",
        "bird": "/bɜrd/",
        "apple": "/ˈæpəl/",  # unstressed: still ə
        "banana": "/bəˈnænə/",
        # the first CMU pronunciation, its own stresses (was /ˈəmˌbrɛlə/: the last one's
        # letters with the first one's stresses)
        "umbrella": "/əmˈbrɛlə/",
        "giraffe": "/ʤəˈræf/",  # eng-to-ipa left its stress mark out
        "hotel": "/hoʊˈtɛl/",
    }
    assert {word: ipa(word) for word in expected} == expected


def test_the_stress_mark_starts_its_syllable() -> None:
    """eng-to-ipa puts the mark inside a group of consonants (/kˈwɪkli/, /sˈwɛtər/) and gives
    some words two main stresses (/ˈɛnʤəˈnɪr/); a learner dictionary writes these:"""
    expected = {
        "quickly": "/ˈkwɪkli/",
        "sweater": "/ˈswɛtər/",
        "between": "/bɪˈtwin/",  # CMU's first, as Cambridge writes it (/biˈtwin/ was its second)
        "asleep": "/əˈslip/",
        "squirrel": "/ˈskwɜrəl/",
        "dislike": "/dɪsˈlaɪk/",  # the prefix keeps its s
        "engineer": "/ˌɛnʤəˈnɪr/",  # the last of two is the main stress
        "downstream": "/ˌdaʊnˈstrim/",
        "excuse": "/ɪkˈskjus/",  # sk + y begins a syllable as in "skew" (was /ɪksˈkjus/)
    }
    assert {word: ipa(word) for word in expected} == expected


def test_a_thing_of_two_words_is_said_whole() -> None:
    """The card of "sea lion" said /si/: only its first word."""
    assert ipa("sea lion") == "/si ˈlaɪən/"
    assert ipa("apple tree") == "/ˈæpəl tri/"
    assert ipa("ice  cream") == "/aɪs krim/"
    # a word of two joined by a hyphen: eng-to-ipa's own entry for "t-shirt" has no "sh"
    assert ipa("t-shirt") == "/ti ʃɜrt/"


def test_a_compound_the_cmu_dictionary_lacks_is_said_as_its_two_words() -> None:
    """/word 书包 showed schoolbag as espeak-ng writes it, /skˈuːlbæɡ/ (British long vowels,
    the stress mark inside the syllable), unlike every other card; barista is no "bari" +
    "sta" and stays espeak-ng's."""
    assert ipa("schoolbag") == "/ˈskulˌbæg/" and ipa("smartwatch") == "/ˈsmɑrtˌwɑʧ/"
    assert ipa("barista") != "/ˈbɑriˌstʌ/"


def test_a_short_form_is_said_whole() -> None:
    """eng-to-ipa lists the clipped /doʊn/ first for "don't"."""
    assert ipa("don't") == "/doʊnt/" and ipa("can't") == "/kænt/" and ipa("i'm") == "/aɪm/"
    assert ipa("I'm") == "/aɪm/" and ipa("I'll") == "/aɪl/"  # as the card writes them


def test_a_word_is_said_as_the_cmu_dictionary_says_it_first() -> None:
    """eng-to-ipa sorts a word's pronunciations by their IPA, and its first was on the cards:
    good /gɪd/, one /hwʌn/, for /frər/, job /ʤoʊb/, kept /kæpt/."""
    said = {w: ipa(w) for w in ("good", "one", "for", "job", "kept", "windy", "minute")}
    assert said == {
        "good": "/gʊd/", "one": "/wʌn/", "for": "/fɔr/", "job": "/ʤɑb/", "kept": "/kɛpt/",
        "windy": "/ˈwɪndi/", "minute": "/ˈmɪnət/",
    }  # fmt: skip


def test_a_homograph_is_said_as_the_meaning_taught() -> None:
    assert pronounce("wind", "n") == "/wɪnd/" and pronounce("wind", "v") == "/waɪnd/"
    assert pronounce("tear", "n", "noun.body") == "/tɪr/" and pronounce("tear", "v") == "/tɛr/"
    assert pronounce("present", "n") == "/ˈprɛzənt/"
    assert pronounce("present", "v") == "/priˈzɛnt/"
    assert pronounce("minute", "s") == "/maɪˈnut/"  # a satellite adjective is an adjective
    assert pronounce("read", "v") == "/rid/" and pronounce("apple", "n") == ipa("apple")
    assert pronounce("live", "v") == "/lɪv/" and pronounce("live", "a") == "/laɪv/"


def test_a_form_of_a_homograph_is_said_as_its_meaning() -> None:
    """The CMU dictionary's first "tears" is the rip (/tɛrz/): a card teaching tears from the
    eye said it so. A form is said as its base is in the meaning taught."""
    assert pronounce("tears", "n", "noun.body", base="tear") == "/tɪrz/"
    assert pronounce("tears", "v", "verb.contact", base="tear") == "/tɛrz/"
    assert pronounce("records", "n", base="record") == "/ˈrɛkərdz/"
    assert pronounce("records", "v", base="record") == "/rɪˈkɔrdz/"
    assert pronounce("lives", "n", base="life") == "/laɪvz/"  # its own row: life is no homograph
    assert pronounce("lives", "v", base="live") == "/lɪvz/"
    assert pronounce("apples", "n", base="apple") == ipa("apples")  # no homograph: as before


def test_a_card_says_a_plural_in_the_meaning_it_teaches(dictionary: Dictionary) -> None:
    card = dictionary.card("tears")
    assert card.form_of == ("plural of", "tear") and "lacrimal" in card.meanings[0].definition
    assert card.ipa == "/tɪrz/"
    assert "2. (verb, /tɛrz/) separate" in card_text(card)  # the other meaning as it is said
