"""Which meanings a child is shown, and which leads where the corpus counts are thin."""

from __future__ import annotations

from bot.learning.dictionary import Dictionary
from bot.learning.meanings import for_children, thin_everyday, without_usage_notes


def test_glosses_a_school_dictionary_leaves_out_are_not_for_children() -> None:
    assert not for_children("street names for cocaine")
    assert not for_children("be sexually unfaithful to one's partner in marriage")
    assert not for_children("disparaging terms for small people")
    assert for_children("a sweet drink containing carbonated water and flavoring")
    assert for_children("an asexual spore of some algae")  # biology stays
    # the jellyfish "constitute the sexually reproductive forms of hydrozoans": its card was
    # the Portuguese man-of-war's, the one meaning left
    assert for_children("the sexually reproductive forms of hydrozoans")
    assert for_children("a process of sexual reproduction")


def test_the_jellyfish_card_is_the_jellyfishs(dictionary: Dictionary) -> None:
    card = dictionary.card("jellyfish", chinese=True)
    assert card is not None and card.meanings[0].sense_id == "n01910747"
    assert "man-of-war" not in card.meanings[0].definition and card.chinese == "水母"


def test_every_reviewed_lead_is_a_meaning_of_its_word_and_leads(dictionary: Dictionary) -> None:
    leads = thin_everyday()
    assert len(leads) > 50 and leads["whale"] == "n02062744"
    for word, sense_id in leads.items():
        card = dictionary.card(word)
        assert card is not None and card.meanings[0].sense_id == sense_id, word  # it leads
        if sense_id.startswith("n"):  # and it is the thing a picture of the word would show
            meanings = [m.sense_id for m in dictionary.everyday_senses(word)]
            assert meanings and meanings[0] == sense_id, (word, sense_id)


def test_a_child_is_shown_the_adjective_or_verb_it_means(dictionary: Dictionary) -> None:
    """A noun weighted up as drawable led these: "blind" was the blind as a group, "general"
    the officer, "active" a chemical agent, "swallow" a mouthful, "shot" a bullet."""
    words = ("blind", "general", "active", "swallow", "shot", "private", "unknown")
    leads = {word: (dictionary.card(word) or dictionary.card("x")).meanings[0] for word in words}
    assert {w: m.part_of_speech for w, m in leads.items()} == {
        "blind": "adjective", "general": "adjective", "active": "adjective", "swallow": "verb",
        "shot": "noun", "private": "adjective", "unknown": "adjective",
    }  # fmt: skip
    assert "firearm" not in leads["shot"].definition and "ball" in leads["shot"].definition
    # a word that is a noun of its own keeps it, though an adjective's form counts more:
    # "stranger" (strange) and "relative" are people
    for word in ("stranger", "relative"):
        card = dictionary.card(word)
        assert card is not None and card.meanings[0].category == "noun.person", word


def test_meanings_wordnet_files_under_slang_or_slurs_are_not_shown(dictionary: Dictionary) -> None:
    """Their glosses read innocently ("a kilogram of a narcotic drug"); WordNet's usage
    domain says what they are."""
    assert not any("narcotic" in s.definition for s in dictionary.senses("key"))
    assert not any("dead body" in s.definition for s in dictionary.senses("stiff"))
    assert any("dead body" in s.definition for s in dictionary.senses("cadaver"))
    assert not any("alcoholic" in s.definition for s in dictionary.senses("skinful"))
    assert any("metal device" in s.definition for s in dictionary.senses("key"))


def test_welsh_is_the_people_and_language_of_wales(dictionary: Dictionary) -> None:
    """WordNet's verb "welsh" (avoid a gambling debt) is a slur it does not mark; it was the
    whole card, and it kept the names of Wales's people and language off it."""
    card = dictionary.card("welsh")
    assert card is not None and card.word == "Welsh"
    assert [m.definition for m in card.meanings][:2] == [
        "a native or resident of Wales",
        "a Celtic language of Wales",
    ]
    assert card.example is None  # not "She is a Welsh."


def test_a_meaning_wordnet_also_writes_in_small_letters_is_no_name(
    dictionary: Dictionary,
) -> None:
    """("Moon", "moon") is the Earth's moon, once left out as a name: the card's "More" said
    "any object resembling a moon". ("D", "d") is the letter, not only 500."""
    moon = dictionary.card("moon")
    assert moon is not None and moon.word == "moon"  # as a child writes it
    assert moon.meanings[0].definition == "the natural satellite of the Earth"
    d = dictionary.card("d")
    assert d is not None and d.word == "D" and "4th letter" in d.meanings[0].definition
    ps = dictionary.card("ps")  # no plural of the letter p
    assert ps is not None and "letter after the signature" in ps.meanings[0].definition


def test_an_everyday_words_drug_or_body_meaning_is_not_shown(dictionary: Dictionary) -> None:
    """Found reading the cards of the words 15,001-30,000 that draw: "tornadoes" listed a form
    of cocaine under its picture, "crabs" an infestation of pubic lice, "bush" hair."""
    for word, innocent in [
        ("tornado", "windstorm"),
        ("crabs", "decapod"),
        ("bush", "woody perennial"),
        ("chalk", "calcite"),
        ("glass", "brittle"),
        ("moon", "satellite"),
        ("dream", "sleeping"),
    ]:
        _keeps_its_own_meaning_only(
            dictionary,
            word,
            innocent,
            ("cocaine", "pubic", "amphetamine", "buttocks", "opium", "marijuana"),
        )


def test_an_everyday_words_sexual_meaning_is_not_shown(dictionary: Dictionary) -> None:
    """ "swing" listed "engage freely in promiscuous sex" among its meanings, "take" and
    "have" "have sex with", "ride" and "serve" "copulate with"/"mate with"; "fornicate" had
    a card ("Can you fornicate?")."""
    for word, innocent in [
        ("swing", "plaything"),
        ("take", "carry out"),
        ("have", "possession"),
        ("ride", "vehicle"),
        ("serve", "food"),
        ("tread", "walk"),
        ("score", "points"),
        ("tempt", "entice"),
    ]:
        _keeps_its_own_meaning_only(
            dictionary, word, innocent, ("sex", "copulate", "mate with", "seduce")
        )
    assert not dictionary.explains("fornicate") and not dictionary.explains("copulate")
    assert any("male bee" in s.definition for s in dictionary.senses("drone"))  # its biology


def test_an_everyday_words_torture_or_killing_meaning_is_not_shown(dictionary: Dictionary) -> None:
    """ "draw" listed "pull (a person) apart with four horses tied to his extremities, so as
    to execute him", "chair" the electric chair, "hit" and "remove" a murder, "hang" killing."""
    for word, innocent in [
        ("draw", "pulling"),
        ("chair", "seat"),
        ("hit", "striking"),
        ("remove", "lifting"),
        ("hang", "suspended"),
        ("stone", "mineral"),
        ("boot", "footwear"),
        ("rack", "framework"),
    ]:
        _keeps_its_own_meaning_only(
            dictionary, word, innocent, ("execut", "tortur", "premeditation", "kill by")
        )


def _keeps_its_own_meaning_only(
    dictionary: Dictionary, word: str, innocent: str, left_out: tuple[str, ...]
) -> None:
    """The word keeps its everyday meaning (`innocent` in its gloss) and shows none of the
    glosses a school dictionary would leave out."""
    senses = dictionary.senses(word)
    assert any(innocent in s.definition for s in senses), word
    shown = " ".join(s.definition for s in senses)
    for hidden in left_out:
        assert hidden not in shown, (word, hidden)


def test_a_chick_is_a_young_bird_never_a_young_woman(dictionary: Dictionary) -> None:
    for word in ("chick", "bird", "doll"):
        assert not any("woman" in s.definition for s in dictionary.senses(word)), word
    card = dictionary.card("chick")
    assert card is not None and all("woman" not in m.definition for m in card.meanings)
    assert any("youth or man" in s.definition for s in dictionary.senses("guy"))  # "a nice guy"


def test_wordnets_usage_notes_are_left_off_a_definition() -> None:
    drink = "carbonated drink flavored with extract from kola nuts (`dope' is a southernism)"
    assert without_usage_notes(drink) == "carbonated drink flavored with extract from kola nuts"
    plain = "a small vehicle with four wheels (usually pushed)"
    assert without_usage_notes(plain) == plain  # an ordinary bracket stays


def test_a_word_with_no_counted_meaning_leads_with_its_adjective(dictionary: Dictionary) -> None:
    """WordNet counts no meaning of "crazy" or "entire": their one noun meaning ("someone
    deranged", an uncastrated horse) led the card ("This is a crazy."). Verbs do not lead so."""
    for word in ("crazy", "entire", "silly"):
        card = dictionary.card(word)
        assert card is not None and card.meanings[0].part_of_speech == "adjective", word
    visa = dictionary.card("visa")
    assert visa is not None and visa.meanings[0].part_of_speech == "noun"
