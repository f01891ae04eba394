"""The card shown with a picture is the card of the meaning drawn."""

from __future__ import annotations

from bot.learning.cards import card_text, drawn_as, of_kinds
from bot.learning.dictionary import Dictionary


def test_a_thing_drawn_for_a_word_mostly_a_verb_gets_the_things_card(
    dictionary: Dictionary,
) -> None:
    card = dictionary.card("watch")
    assert card is not None and card.meanings[0].part_of_speech == "verb"
    wristwatch = next(m for m in dictionary.noun_senses("watch") if "timepiece" in m.definition)
    shown = drawn_as(dictionary, card, wristwatch)
    assert shown is not None and shown.meanings[0] == wristwatch
    text = card_text(shown)
    assert "· noun ·" in text.splitlines()[0] and "Example: This is a watch." in text
    # the verb's example ("Watch a basketball game.") is not shown under the wristwatch
    assert shown.example is not None and "basketball" not in shown.example
    assert "watch" in shown.example.lower()


def test_a_meaning_of_the_same_part_of_speech_keeps_the_cards_example(
    dictionary: Dictionary,
) -> None:
    card = dictionary.card("bat")
    assert card is not None
    other = next(m for m in dictionary.noun_senses("bat") if m != card.meanings[0])
    shown = drawn_as(dictionary, card, other)
    assert shown is not None and shown.example == card.example


def test_the_first_meanings_own_example_is_not_shown_under_another_meaning(
    dictionary: Dictionary,
) -> None:
    """ "drop" is drawn as a droplet: WordNet's example of its first meaning, the verb
    ("Don't drop the dishes."), does not go with that picture. ("The whole camp laughed at his
    mistake." was once under the tent, "Watch a basketball game." under the wristwatch; both
    words have sentences of their own now.)"""
    card = dictionary.card("drop")
    assert card is not None and "dishes" in (card.example or "")
    droplet = next(m for m in dictionary.noun_senses("drop") if "spherical" in m.definition)
    shown = drawn_as(dictionary, card, droplet)
    assert shown is not None and shown.example == "This is a drop."
    camp = dictionary.card("camp")
    lodgings = next(m for m in dictionary.noun_senses("camp") if "lodgings" in m.definition)
    assert camp is not None and (drawn_as(dictionary, camp, lodgings) or camp).example == (
        "We sleep in tents at the camp."
    )


def test_a_plain_example_follows_the_meaning_drawn(dictionary: Dictionary) -> None:
    """ "beaver" leads with its fur in WordNet ("This is beaver.", uncountable); under the
    animal the example counts it."""
    card = dictionary.card("beaver")
    assert card is not None and card.example == "This is beaver."
    animal = next(m for m in dictionary.noun_senses("beaver") if "rodent" in m.definition)
    shown = drawn_as(dictionary, card, animal)
    assert shown is not None and shown.example == "This is a beaver."


def test_a_card_under_four_kinds_says_these_are(dictionary: Dictionary) -> None:
    animal, fruit = dictionary.card("animal"), dictionary.card("fruit")
    assert animal is not None and animal.example == "This is an animal."
    shown = drawn_as(dictionary, animal, None)
    assert shown is not None and shown.example == "This is an animal."
    assert of_kinds(shown).example == "These are animals."
    assert fruit is not None and of_kinds(fruit).example == fruit.example  # "I like fruit."


def test_a_childs_plain_meaning_is_shown_only_under_its_own_meaning(
    dictionary: Dictionary,
) -> None:
    """The plain "a short letter …" was shown over a musical note, and "a piece of stiff paper
    with a picture and a message" over playing cards, with the letter's and greeting card's
    Chinese: a noun's plain meaning now goes only with its own kind of thing."""
    for word, drawn, chinese in (("note", "musical sound", "音符"), ("card", "playing", "纸牌")):
        card = dictionary.card(word, chinese=True)
        assert card is not None and card.plain is not None
        meaning = next(m for m in dictionary.noun_senses(word) if drawn in m.definition)
        shown = drawn_as(dictionary, card, meaning)
        assert shown is not None and shown.chinese == chinese, (word, shown.chinese)
        text = card_text(shown)
        assert card.plain.meaning not in text.lower() and drawn in text.splitlines()[1], text
    # the same kind of thing keeps it: "a present" over the wrapped gift
    gift = dictionary.card("gift", chinese=True)
    present = next(m for m in dictionary.noun_senses("gift") if "compensation" in m.definition)
    shown = drawn_as(dictionary, gift, present)
    assert shown is not None and "A present." in card_text(shown)


def test_a_word_of_its_own_in_the_meaning_drawn_is_no_plural(dictionary: Dictionary) -> None:
    """ "cola" is the plural of colon (its first meaning) and the drink: drawn as the drink, the
    card says neither "plural of colon" nor "These are cola.", and its Chinese is the drink's."""
    card = dictionary.card("cola", chinese=True)
    assert card is not None and card.form_of == ("plural of", "colon")
    drink = next(m for m in dictionary.noun_senses("cola") if "drink" in m.definition)
    shown = drawn_as(dictionary, card, drink)
    assert shown is not None and shown.form_of is None
    assert shown.example == "This is a cola." and shown.chinese == "可乐"
    assert "dope" not in card_text(shown)  # WordNet's usage note is off the card


def test_the_projects_own_example_is_shown_once(dictionary: Dictionary) -> None:
    """ "To go or put something where nobody can see it: the cat likes to hide under the bed."
    stood above "Example: The cat likes to hide under the bed."; a list is no example."""
    hide = card_text(dictionary.card("hide"))  # type: ignore[arg-type]
    assert hide.count("hide under the bed") == 1
    assert "To go or put something where nobody can see it." in hide
    at = card_text(dictionary.card("at"))  # type: ignore[arg-type]
    assert "at home, at six o'clock" in at


def test_a_plural_that_is_also_a_verbs_form_is_taught_as_its_things_plural(
    dictionary: Dictionary,
) -> None:
    """ "numbers" ("he numbers") led with "the property possessed by a sum or total"."""
    sense = dictionary.everyday_sense("numbers")
    assert sense is not None and sense.definition == "a symbol used to represent a number"
    seats = dictionary.everyday_sense("seats")  # was "the fleshy part of the human body …"
    assert seats is not None and seats.definition == "furniture that is designed for sitting on"
    marches = dictionary.everyday_sense("marches")  # march's plain meaning is the month
    assert marches is None or "month" not in marches.definition


def test_a_meaning_said_another_way_shows_how(dictionary: Dictionary) -> None:
    """A tear from the eye is /tɪr/, to tear paper /tɛr/: the card said /tɪr/ for both."""
    tear = dictionary.card("tear")
    assert tear is not None
    text = card_text(tear)
    assert "· /tɪr/ · noun" in text and "2. (verb, /tɛr/) separate" in text
    desert = dictionary.card("desert")
    assert desert is not None and "2. (verb, /dɪˈzɜrt/) leave" in card_text(desert)
    comb = dictionary.card("comb")  # two meanings said alike: one IPA
    assert comb is not None and card_text(comb).count("/") == 2


def test_a_form_drawn_as_a_thing_is_named_as_that_things_plural(dictionary: Dictionary) -> None:
    """/word leaves drew leaves under "leaves — he/she/it form of leave" (and "watches" a
    wristwatch under watch the verb's): the card of the meaning drawn names the noun's plural,
    with the singular's plain meaning and Chinese."""
    from bot.learning.cards import drawn_as

    leaf = next(m for m in dictionary.noun_senses("leaves") if "photosynthesis" in m.definition)
    leaves = drawn_as(dictionary, dictionary.card("leaves", chinese=True), leaf)
    assert leaves is not None and leaves.form_of == ("plural of", "leaf")
    assert leaves.chinese == "叶子" and leaves.example in ("This is a leaf.", "These are leaves.")
    assert leaves.plain is not None and "green parts of a plant" in leaves.plain.meaning
    timepiece = next(m for m in dictionary.noun_senses("watches") if "timepiece" in m.definition)
    watches = drawn_as(dictionary, dictionary.card("watches", chinese=True), timepiece)
    assert watches is not None and watches.form_of == ("plural of", "watch")
    assert watches.example == "These are watches."


def test_an_animals_word_for_a_person_is_not_on_its_card(dictionary: Dictionary) -> None:
    """ "frogs" showed "2. a person of French descent", "geese" "a man who is a stupid
    incompetent fool", "wolves" a man's advances to women: names to call people by, which
    WordNet does not mark as slurs."""
    for word in ("frogs", "geese", "wolves", "frog"):
        card = dictionary.card(word)
        assert card is not None and card.meanings[0].category == "noun.animal", word
        assert all(m.category != "noun.person" for m in card.meanings), word
    kid = dictionary.card("kid")  # a word led by the person keeps it
    assert kid is not None and kid.meanings[0].category == "noun.person"


def test_the_plain_meanings_own_example_stays_with_it(dictionary: Dictionary) -> None:
    """ "bill" is drawn as the banknote (the everyday bill, what you pay at a restaurant, has
    no picture): the card led with paper money and "Can we have the bill, please?"."""
    card = dictionary.card("bill", chinese=True)
    assert card is not None and card.example == "Can we have the bill, please?"
    banknote = next(m for m in card.meanings if "paper money" in m.definition)
    shown = drawn_as(dictionary, card, banknote)
    assert shown is not None and shown.meanings[0] == banknote
    assert shown.example == "This is a bill." and shown.chinese != "账单"


def test_only_a_picture_is_pointed_at(dictionary: Dictionary) -> None:
    """ "These are tons.", "This is a treaty." and "This is an abortion." were on cards sent
    with no picture: a word for an idea, a sum or a message gets no "This is …" of nothing.
    Under its picture the thing drawn is pointed at; a thing is pointed at either way."""
    for word in ("treaty", "tons", "abortion", "budget", "literature", "Christmas"):
        card = dictionary.card(word)
        assert card is not None and card.meanings, word
        assert card.example is None, (word, card.example)
        assert drawn_as(dictionary, card, None, pictured=False) == card
    postcard = dictionary.card("postcard")  # WordNet: a message
    assert postcard is not None and postcard.example is None
    shown = drawn_as(dictionary, postcard, None)
    assert shown is not None and shown.example == "This is a postcard."
    # a plain meaning about a thing is pointed at with no picture too (WordNet files a coin as a
    # sum, a ticket as a message)
    assert [(c.example if (c := dictionary.card(w)) else None) for w in ("coin", "ticket")] == [
        "This is a coin.",
        "This is a ticket.",
    ]
    assert [(w, c.example) for w in ("saint", "criminal") if (c := dictionary.card(w))] == [
        ("saint", "This is a saint."),
        ("criminal", "This is a criminal."),
    ]
