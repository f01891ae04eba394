"""The WordNet reader: senses, their corpus counts, hypernyms and usage domains."""

from __future__ import annotations

import pytest

from engine.wordnet import WordNet

SLANG = 7157273  # WordNet 3.0's "slang" usage domain


@pytest.fixture(scope="module")
def wordnet() -> WordNet:
    return WordNet()


def test_senses_come_with_their_counts_and_hypernyms(wordnet: WordNet) -> None:
    cat = wordnet.senses("cat", "n")[0]
    assert cat.offset == 2121620 and "feline" in cat.definition and cat.count > 0
    assert wordnet.synset(cat.hypernyms[0], "n").lemmas[0] == "feline"


def test_a_usage_domain_belongs_to_the_word_it_is_given_for(wordnet: WordNet) -> None:
    """{cadaver, corpse, stiff, …} is slang only as "stiff": the card for "cadaver" is a
    plain word, the one for "stiff" is slang."""
    body = next(s for s in wordnet.senses("stiff", "n") if "dead body" in s.definition)
    assert SLANG in body.usage
    cadaver = wordnet.senses("cadaver", "n")[0]
    assert cadaver.offset == body.offset and cadaver.usage == ()
    key = next(s for s in wordnet.senses("key", "n") if "narcotic" in s.definition)
    assert SLANG in key.usage  # the whole meaning is slang


def test_a_verbs_sentence_frames_are_read_for_its_word(wordnet: WordNet) -> None:
    """2: "Somebody ----s" (swim), 8: "Somebody ----s something" (open), none of them for seem."""
    swim = wordnet.senses("swim", "v")[0]
    opening = wordnet.senses("open", "v")[0]
    seem = wordnet.senses("seem", "v")[0]
    assert 2 in swim.frames and 8 in opening.frames and 2 not in opening.frames
    assert not {2, 8, 9} & set(seem.frames)
    assert wordnet.senses("cat", "n")[0].frames == ()
