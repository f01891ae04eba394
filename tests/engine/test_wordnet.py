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


def test_a_word_of_its_own_is_no_made_up_inflection(wordnet: WordNet) -> None:
    """WordNet's -er rule read "easter" as east + -er and "toper" as top + -er: their cards
    led with "facing the east" and "the top shelf"; its -s rule the Alps as alp + -s. Real
    comparatives stay forms."""
    assert ("east", "a") not in wordnet.base_forms("easter")
    assert ("top", "a") not in wordnet.base_forms("toper")
    assert ("alp", "n") not in wordnet.base_forms("alps")  # "This is an alps." (any high mountain)
    assert ("ab", "n") in wordnet.base_forms("abs")  # the muscles, not only ABS the brakes
    assert ("big", "a") in wordnet.base_forms("bigger")
    assert ("mad", "a") in wordnet.base_forms("madder")  # a plant too, and a comparative


def test_a_regular_past_of_a_verb_with_irregular_forms_is_its_past(wordnet: WordNet) -> None:
    """ "died", "worked" and "showed" had no card at all: die, work and show have irregular
    forms in WordNet's list (dying, wrought, shown), so their regular pasts were refused as
    if they were "bed" read as be + -d."""
    for past, verb in [("died", "die"), ("worked", "work"), ("showed", "show")]:
        assert (verb, "v") in wordnet.base_forms(past), past
    assert ("be", "v") not in wordnet.base_forms("bed")
    assert ("see", "v") not in wordnet.base_forms("seed")


def test_an_example_without_its_opening_quote_is_no_part_of_the_definition() -> None:
    """The post office's card ended 'where postal services are available"'."""
    from engine.wordnet import split_gloss

    assert split_gloss('a local branch where postal services are available"') == (
        "a local branch where postal services are available", ())  # fmt: skip
    assert split_gloss('close in; darkness enclosed him"') == (
        "close in", ("darkness enclosed him",))  # fmt: skip


def test_an_example_with_a_semicolon_stays_one_example() -> None:
    """Rather's card showed 'on the contrary; rather (or instead), he wrote her a letter"': half
    an example in the definition, because the gloss was cut at every semicolon."""
    from engine.wordnet import split_gloss

    definition, examples = split_gloss(
        'on the contrary; "rather than wait, he left"; '
        '"he didn\'t call; rather (or instead), he wrote her a letter"  '
    )
    assert definition == "on the contrary"
    assert examples == ("rather than wait, he left",
                        "he didn't call; rather (or instead), he wrote her a letter")  # fmt: skip
    # a note between examples is neither; a quotation with its author is no child's example
    assert split_gloss('as much as necessary; "Have I eaten enough?"; (`plenty\' is '
                       'nonstandard) "I\'ve had plenty, thanks"') == (
        "as much as necessary", ("Have I eaten enough?", "I've had plenty, thanks"))  # fmt: skip
    assert split_gloss('visible; "give me the ocular proof"- Shakespeare') == ("visible", ())
    # a phrase quoted inside the definition stays in it
    assert split_gloss('progress (in the phrase "make strides"); "big strides"') == (
        'progress (in the phrase "make strides")', ("big strides",))  # fmt: skip
    assert split_gloss("in or at or to some place; ") == ("in or at or to some place", ())
    # an example after a comma, or after "e.g.," ("push: move with force, "He pushed …"")
    assert split_gloss('move with force, "He pushed the table into a corner"') == (
        "move with force", ("He pushed the table into a corner",))  # fmt: skip
    assert split_gloss('keep in a certain state; e.g., "keep clean"')[0] == (
        "keep in a certain state")  # fmt: skip


def test_no_card_meaning_carries_a_piece_of_an_example(wordnet: WordNet) -> None:
    for word in ("rather", "anyway", "furthermore", "stay", "real", "finish", "push", "keep"):
        for sense in wordnet.senses(word):
            assert '"' not in sense.definition and not sense.definition.endswith(";"), word
