from __future__ import annotations

from bot.learning.dictionary import Dictionary


def test_word_card_has_meaning_pronunciation_level_example_and_chinese(
    dictionary: Dictionary,
) -> None:
    card = dictionary.card("apple", chinese=True)
    assert card is not None
    assert card.part_of_speech == "noun" and "fruit" in card.meanings[0].definition
    assert card.ipa == "/ˈæpəl/" and card.level == "A1"
    assert card.example and "apple" in card.example.lower()
    assert card.chinese == "苹果"
    assert dictionary.card("apple").chinese is None  # type: ignore[union-attr]


def test_inflections_find_their_word(dictionary: Dictionary) -> None:
    assert dictionary.card("mice").meanings[0].category == "noun.animal"  # type: ignore[union-attr]
    assert dictionary.card("running").part_of_speech == "verb"  # type: ignore[union-attr]
    assert dictionary.known("the") and dictionary.card("the") is not None


def test_unknown_words_get_spelling_and_sound_suggestions(dictionary: Dictionary) -> None:
    assert dictionary.card("elefant") is None
    assert dictionary.suggestions("elefant")[0] == "elephant"
    assert dictionary.suggestions("bananna")[0] == "banana"
    assert "phone" in dictionary.suggestions("fone")
    assert dictionary.suggestions("xqzvv") == []
    # only words a card can teach: "copulate" (no meaning shown to children) was offered
    assert "copulate" not in dictionary.suggestions("choclate")
    assert dictionary.suggestions("choclate")[0] == "chocolate"
    # a word a learner may have meant: grammar words too, never a rare one, commoner first
    assert dictionary.suggestions("becuase")[0] == "because"
    assert dictionary.suggestions("bakary")[:2] == ["bakery", "carry"]  # once "bacillary"
    assert not {"intima", "kina"} & set(dictionary.suggestions("cinima"))


def test_homographs_offer_their_picture_senses(dictionary: Dictionary) -> None:
    bat = [m.category for m in dictionary.picture_senses("bat")]
    assert "noun.animal" in bat and "noun.artifact" in bat
    assert dictionary.picture_senses("apple") == [], "fruit and tree are one picture"
    assert dictionary.picture_senses("cat") == []
    chosen = dictionary.picture_senses("bat")[1]
    assert dictionary.sense(chosen.sense_id) == chosen


def test_proper_nouns_are_not_meanings(dictionary: Dictionary) -> None:
    crane = dictionary.card("crane")
    assert crane is not None
    assert all("writer" not in m.definition for m in crane.meanings)
    nuts = dictionary.card("nuts")  # a plural is no name either: not the goddess Nut
    assert nuts is not None and all("goddess" not in m.definition for m in nuts.meanings)
    # capitalised in WordNet, yet no names: "clothes" drawn as its kinds names the t-shirt
    assert dictionary.known("t-shirt") and dictionary.known("X-ray")
    assert not dictionary.known("g-string")


def test_a_word_that_is_only_a_name_gets_the_names_card(dictionary: Dictionary) -> None:
    """The cards of "English", "France", "Mr" had no meaning at all (every sense a name).
    People's names stay out ("Michael"); a name the corpus counts more than the common noun
    leads ("China" before porcelain, "March" before a march), a rarer one does not ("bath")."""
    for word, written, example in (
        ("english", "English", "I speak English."),
        ("france", "France", "This is France."),
        ("mr", "Mr", "Mr Brown is our teacher."),
    ):
        card = dictionary.card(word, chinese=True)
        assert card is not None and card.word == written and card.meanings, word
        assert card.example == example and card.chinese
    assert "republic" in (dictionary.card("france") or dictionary.card("x")).meanings[0].definition
    michael = dictionary.card("michael")
    assert michael is None or not michael.meanings
    china, march = dictionary.card("china", chinese=True), dictionary.card("march", chinese=True)
    assert china is not None and china.word == "China" and china.chinese == "中国"
    assert "Taiwan" not in str(china.meanings)
    assert march is not None and march.word == "March" and march.chinese == "三月"
    bath = dictionary.card("bath")
    assert bath is not None and bath.word == "bath" and "England" not in str(bath.meanings)


def test_a_word_wordnet_has_only_as_other_things_keeps_its_own(dictionary: Dictionary) -> None:
    """The card of "at" led with a coin of Laos ("This is an at."), "till" with glacial soil."""
    from bot.learning.cards import card_text

    at, till = dictionary.card("at"), dictionary.card("till", chinese=True)
    assert at is not None and at.part_of_speech == "preposition" and not at.meanings
    assert "Laos" not in card_text(at) and "This is an at" not in card_text(at)
    assert till is not None and till.part_of_speech == "preposition"
    assert "glacier" not in card_text(till) and till.example == "Wait till six o'clock."


def test_related_words_are_alternative_answers(dictionary: Dictionary) -> None:
    assert dictionary.related("sofa", "couch")
    assert dictionary.related("dog", "puppy")
    assert dictionary.related("car", "automobile")
    assert not dictionary.related("dog", "cat")
    assert not dictionary.related("apple", "pear")


def test_a_headword_is_never_read_as_another_words_inflection(dictionary: Dictionary) -> None:
    for word, meaning in (("bed", "furniture"), ("seed", "fruit")):
        card = dictionary.card(word)
        assert card is not None and card.meanings[0].part_of_speech == "noun", word
        assert meaning in card.meanings[0].definition, word
        assert "Can you" not in card.example, word
    ran = dictionary.card("ran")  # a real inflection still finds its headword
    assert ran is not None and "move fast" in ran.meanings[0].definition


def test_a_word_with_a_plain_meaning_of_its_own_is_not_called_a_form(
    dictionary: Dictionary,
) -> None:
    """The card of rose showed the flower under "past of rise"; left, "past of leave"."""
    for word, part in (("rose", "noun"), ("left", "adjective")):
        card = dictionary.card(word)
        assert card is not None and card.form_of is None, word
        assert card.meanings[0].part_of_speech == part, word
    found = dictionary.card("found")  # a past with no plain meaning of its own stays a form
    assert found is not None and found.form_of == ("past of", "find")


def test_a_form_is_not_given_its_words_plain_meaning_as_another_part_of_speech(
    dictionary: Dictionary,
) -> None:
    """ "matching" (-ing form of match, the verb) was "A game between two people or teams." and
    "born" was 熊, the Chinese of the animal bear."""
    from bot.learning.cards import card_text

    matching = dictionary.card("matching", chinese=True)
    assert matching is not None and matching.form_of == ("-ing form of", "match")
    assert "game" not in card_text(matching).lower() and matching.chinese != "比赛"
    born = dictionary.card("born", chinese=True)
    assert born is not None and born.chinese == "出生" and born.form_of is None
    assert born.example == "I was born in May."


def test_cards_use_the_example_the_project_wrote(dictionary: Dictionary) -> None:
    """WordNet's examples for little words are not for beginners: "in" was "Smash in the
    door.", "need" "Can you need?", "under" "Their competitors went under."."""
    examples = {w: getattr(dictionary.card(w), "example", None) for w in ("in", "need", "under")}
    assert examples == {
        "in": "The cat is in the box.",
        "need": "Plants need water.",
        "under": "The cat is under the table.",
    }


def test_a_card_leads_with_what_children_mean_where_the_corpus_cannot_say(
    dictionary: Dictionary,
) -> None:
    """SemCor tagged "whale" once, as a very large person, and never the animal; "toaster" and
    "van" not at all, and WordNet lists the person and the group first."""
    for word, kind in (
        ("whale", "noun.animal"),
        ("toaster", "noun.artifact"),
        ("van", "noun.artifact"),
        ("bunny", "noun.animal"),  # not "a young waitress in a nightclub"
    ):
        card = dictionary.card(word)
        assert card is not None and card.meanings[0].category == kind, word
        assert dictionary.everyday_senses(word)[0].category == kind, word
    as_listed = Dictionary(dictionary.wordnet, dictionary.chinese, leads={})
    assert as_listed.everyday_senses("whale")[0].category == "noun.person"


def test_easter_is_the_holiday_not_a_comparative_of_east(dictionary: Dictionary) -> None:
    """WordNet reads "easter" as east + er: its card led with "facing the east" and said
    "It is east."."""
    card = dictionary.card("easter", chinese=True)
    assert card is not None and card.meanings[0].category == "noun.time"
    assert card.example and "Easter" in card.example and card.chinese == "复活节"


def test_a_name_means_its_country_before_a_river_or_a_town(dictionary: Dictionary) -> None:
    """Jordan the kingdom, Wisconsin the state, Singapore the country; Erie stays the lake."""
    leads = {w: dictionary.senses(w)[0].definition for w in ("jordan", "wisconsin", "erie")}
    assert leads["jordan"].startswith("an Arab kingdom")
    assert leads["wisconsin"].startswith("a midwestern state")
    assert leads["erie"].startswith("the 4th largest of the Great Lakes")


def test_explains_agrees_with_the_card_it_does_not_build(dictionary: Dictionary) -> None:
    """The day's words ask `explains` (a card costs its pronunciation): it must say what the
    card would show."""
    words = ("david", "jesus", "zzz", "tada", "santa", "londoner", "apple", "apples", "ran",
        "thirteenth", "easter", "glasses", "the", "dna", "copulate")  # fmt: skip
    for word in words:
        card = dictionary.card(word)
        assert dictionary.explains(word) == (card is not None and card.teaches), word
    assert not dictionary.explains("jesus") and dictionary.explains("santa")
    assert dictionary.explains("david")  # a given name: "a name for a boy or a man"


def test_a_card_never_shows_drug_slang_or_sexual_meanings(dictionary: Dictionary) -> None:
    for word in ("coke", "wander", "shrimp", "grass"):
        card = dictionary.card(word)
        assert card is not None, word
        for meaning in card.meanings:
            assert "street name" not in meaning.definition, word
            assert "sexual" not in meaning.definition and "disparaging" not in meaning.definition


def test_why_a_known_word_teaches_nothing(dictionary: Dictionary) -> None:
    assert dictionary.untaught("fone") == "misspelt"  # only a level list knows it
    assert dictionary.untaught("fornicate") == "for adults"
    assert dictionary.untaught("jesus") == "name"


def test_an_ing_word_of_its_own_teaches_its_noun(dictionary: Dictionary) -> None:
    """ "meaning" led with mean's verb ("have as a logical consequence") and said nothing of
    being a form; "warning" asked "Can you warn?". They are nouns a learner means."""
    for word, said in (("meaning", "what a word"), ("warning", "danger"), ("opening", "hole")):
        card = dictionary.card(word, chinese=True)
        assert card is not None and card.form_of is None, word
        assert card.part_of_speech == "noun" and card.plain is not None, word
        assert said in card.plain.meaning and "Can you" not in (card.example or ""), word
    meaning = dictionary.card("meaning", chinese=True)
    assert meaning is not None and meaning.chinese == "意思"
