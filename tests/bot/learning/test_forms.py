from __future__ import annotations

from bot.learning.dictionary import Dictionary
from bot.learning.forms import counted_singular, form_of, plural_noun


def test_irregular_plurals_say_whose_plural_they_are(dictionary: Dictionary) -> None:
    wordnet = dictionary.wordnet
    for plural, singular in [("teeth", "tooth"), ("men", "man"), ("people", "person")]:
        assert form_of(wordnet, plural) == ("plural of", singular)
    assert form_of(wordnet, "oxen") == ("plural of", "ox")  # WordNet's exception list
    assert form_of(wordnet, "glasses") is None  # a word of its own


def test_words_that_are_always_plural_stay_themselves(dictionary: Dictionary) -> None:
    assert dictionary.known("trousers") and form_of(dictionary.wordnet, "trousers") is None
    for word in ("trousers", "scissors", "jeans", "glasses", "people"):
        assert plural_noun(dictionary.wordnet, word), word
        card = dictionary.card(word)
        assert card is not None and card.example is not None
        assert f"a {word}" not in card.example and "a " + word[:-1] not in card.example
    assert not plural_noun(dictionary.wordnet, "bus")


def test_examples_fit_the_meaning_shown(dictionary: Dictionary) -> None:
    assert dictionary.card("glass").example == "This is a glass."  # type: ignore[union-attr]
    assert dictionary.card("swimming").example == "I like swimming."  # type: ignore[union-attr]
    assert dictionary.card("scissors").example == "These are scissors."  # type: ignore[union-attr]


def test_a_plural_is_not_read_as_a_verb_the_suffix_rules_guess(dictionary: Dictionary) -> None:
    """WordNet's rules read "stripes" as strip + -es: the card was a verb meaning "take away
    possessions from someone". lemminflect knows stripes is a form of stripe only."""
    card = dictionary.card("stripes")
    assert card is not None and card.form_of == ("plural of", "stripe")
    assert card.meanings[0].part_of_speech == "noun"
    assert "strip" not in [lemma for lemma, _ in dictionary.wordnet.base_forms("stripes")]


def test_a_plural_of_several_things_knows_its_singular(dictionary: Dictionary) -> None:
    wordnet = dictionary.wordnet
    pairs = [("clocks", "clock"), ("shoes", "shoe"), ("mice", "mouse"), ("people", "person")]
    for plural, singular in pairs:  # clocks and shoes are WordNet headwords too
        assert counted_singular(wordnet, plural) == singular
    for word in ("trousers", "scissors", "glasses", "jeans", "sheep", "news", "apple", "bus"):
        assert counted_singular(wordnet, word) is None, word  # one thing, or no plural


def test_a_form_is_named_as_the_meaning_the_card_leads_with(dictionary: Dictionary) -> None:
    """ "runs" led by the verb said "plural of run", "does" said "plural of doe" and
    "imagines" "plural of imago" above verb meanings; "bars" said "he/she/it form of bar"
    above a noun's (lemminflect lost the noun bar) and its example was "This is a bars."."""
    for word, form in [
        ("runs", ("he/she/it form of", "run")),
        ("does", ("he/she/it form of", "do")),
        ("imagines", ("he/she/it form of", "imagine")),
        ("watches", ("he/she/it form of", "watch")),
        ("bars", ("plural of", "bar")),
        ("pans", ("plural of", "pan")),
        ("apples", ("plural of", "apple")),
    ]:
        card = dictionary.card(word)
        assert card is not None and card.form_of == form, word
        lead = card.meanings[0].part_of_speech
        assert lead == ("verb" if form[0].startswith("he/she") else "noun"), word
    bars = dictionary.card("bars")
    assert bars is not None and bars.example == "The window has metal bars."
    broken = dictionary.card("broken")  # an adjective that is still a participle
    assert broken is not None and broken.form_of == ("past participle of", "break")
    leaves = dictionary.card("leaves")  # a child's leaves are a tree's, not "he leaves"
    assert leaves is not None and leaves.form_of == ("plural of", "leaf")
    assert leaves.meanings[0].part_of_speech == "noun"


def test_a_plural_wordnet_lists_on_its_own_is_still_the_plural_a_learner_means(
    dictionary: Dictionary,
) -> None:
    """ "years" led with "a late time of life" and read "These are years."; "colours" was a
    flag; "seconds" said 废品 (factory seconds). Each is now its singular's plural, with the
    singular's plain meaning and an example a learner can use."""
    years = dictionary.card("years", chinese=True)
    assert years is not None and years.form_of == ("plural of", "year")
    assert years.example == "I am ten years old." and years.chinese == "年"
    colours = dictionary.card("colours")
    assert colours is not None and colours.form_of == ("plural of", "colour")
    assert colours.plain is not None and "flag" not in colours.plain.meaning
    assert colours.example == "Red is my favourite colour."
    seconds = dictionary.card("seconds", chinese=True)
    assert seconds is not None and seconds.chinese == "秒"
    for word in ("hours", "days", "minutes", "colours", "things"):
        card = dictionary.card(word)
        assert card is not None and card.example != f"These are {word}.", word
    glasses = dictionary.card("glasses")  # a word of its own, its plain meaning the spectacles
    assert glasses is not None and glasses.form_of is None


def test_an_irregular_comparative_always_says_whose_it_is(dictionary: Dictionary) -> None:
    """ "better" and "best" are WordNet headwords with meanings of their own, and their cards
    never said they are good's (worse said bad's)."""
    pairs = [("better", "comparative of good"), ("best", "superlative of good"),
             ("worse", "comparative of bad"), ("bigger", "comparative of big")]  # fmt: skip
    for word, form in pairs:
        card = dictionary.card(word)
        assert card is not None and card.form_of == tuple(form.rsplit(" ", 1)), word
    better = dictionary.card("better")
    assert better is not None and better.example == "Your drawing is better than mine."


def test_a_verbs_form_is_taught_in_its_verbs_plain_meaning(dictionary: Dictionary) -> None:
    """ "looks" was glossed 人才 (good looks), "hopes" 盼头, "drops" 涓滴 (drops of water) and
    "crying" 眼泪 (tears), from the forms' own noun entries under the verb's meanings."""
    for form, chinese in [("looks", "看"), ("hopes", "希望"), ("drops", "掉"), ("crying", "哭")]:
        card = dictionary.card(form, chinese=True)
        assert card is not None and card.chinese == chinese, form
        assert card.plain is not None and card.plain.part_of_speech == "verb", form
