"""A card's example: a child's sentence, or none rather than a wrong one."""

from __future__ import annotations

from bot.learning.dictionary import Dictionary
from bot.learning.examples import noun_example, simple_example


def test_an_example_unfit_for_a_child_is_never_shown() -> None:
    """WordNet writes for adults: born's own example was "He was a child born of adultery."."""
    from engine.wordnet import Sense

    sense = Sense(1733463, "a", "adj.all", ("born",), "brought into existence",
                  ("he was a child born of adultery", "a born leader"), (), 5)  # fmt: skip
    assert simple_example("born", sense) == "A born leader."


def test_a_quotation_is_no_example() -> None:
    """Blue's own example is a poet's line with a stray quotation mark and her name after it."""
    from engine.wordnet import Sense

    sense = Sense(370869, "a", "adj.all", ("blue",), "of the color of the clear sky",
                  ('October\'s bright blue weather"- Helen Hunt Jackson',), (), 9)  # fmt: skip
    assert simple_example("blue", sense) == "It is very blue."


def test_she_did_it_only_with_an_adverb_that_says_how(dictionary: Dictionary) -> None:
    """ "She did it however.", "She did it finally." and "She did it enough." were on cards."""
    from engine.wordnet import Sense

    def adverb(word: str, definition: str) -> Sense:
        return Sense(1, "r", "adv.all", (word,), definition, (), (), 1)

    assert simple_example("lazily", adverb("lazily", "in a slow and lazy manner")) == (
        "She did it lazily.")  # fmt: skip
    assert simple_example("silently", adverb("silently", "without speaking")) == (
        "She did it silently.")  # fmt: skip
    assert simple_example("namely", adverb("namely", "as follows")) is None
    assert simple_example("interestingly", adverb("x", "in an interesting manner")) is None
    examples = {w: (dictionary.card(w) or dictionary.card("x")).example
                for w in ("however", "finally", "enough", "thereby", "quickly")}  # fmt: skip
    assert not any(e and e.startswith("She did it") for w, e in examples.items() if w != "quickly")
    assert examples["however"] == "It was raining. However, we still played outside."
    # WordNet's own example may end in a question mark ("Have I eaten enough?" was passed over)
    enough = Sense(1, "r", "adv.all", ("enough",), "as much as necessary",
                   ("Have I eaten enough?",), (), 1)  # fmt: skip
    assert simple_example("enough", enough) == "Have I eaten enough?"
    half = Sense(1, "n", "noun.act", ("contrast",), "x", ("in contrast to",), (), 1)
    assert simple_example("contrast", half) is None  # half a sentence is none, nor a pointing
    assert simple_example("contrast", half, pointed=True) == "This is a contrast."


def test_very_only_before_an_adjective_that_has_degrees(dictionary: Dictionary) -> None:
    """ "It is very electric." and "It is very digital." were on cards; "very big" stays."""
    examples = {
        w: (dictionary.card(w) or dictionary.card("x")).example for w in ("electric", "digital")
    }
    # electric's own example since its plain meaning was written ("An electric car.")
    assert examples == {"electric": "An electric car.", "digital": "It is digital."}
    from engine.wordnet import Sense

    happy = Sense(1148283, "a", "adj.all", ("happy",), "enjoying or showing joy", (), (), 9)
    assert simple_example("happy", happy) == "It is very happy."
    assert simple_example("taller", happy) == "It is taller."  # a comparative: not "very"


def test_an_adjective_of_what_a_thing_belongs_to_is_not_said_of_it(
    dictionary: Dictionary,
) -> None:
    """ "It is economic.", "It is dental.", "It is presidential." were card examples: a
    WordNet gloss "of or relating to …" names what a thing belongs to, not how it is."""
    cards = {w: dictionary.card(w) for w in ("economic", "dental", "presidential", "korean")}
    assert all(c is not None and c.teaches for c in cards.values())
    assert [c.example for w, c in cards.items() if c and w != "korean"] == [None, None, None]
    korean = cards["korean"]  # a nationality the project wrote a sentence for
    assert korean is not None and korean.example == "Kimchi is Korean food."
    from engine.wordnet import Sense

    solar = Sense(1, "a", "adj.pert", ("solar",), "relating to or derived from the sun", (), (), 3)
    assert simple_example("solar", solar) is None


def test_a_verbs_example_asks_what_a_child_can_do(dictionary: Dictionary) -> None:
    """ "Can you open?", "Can you seem?" and "Can you steal?" were on cards."""
    examples = {w: (dictionary.card(w) or dictionary.card("x")).example
                for w in ("swim", "open", "seem", "steal", "shoot", "become", "kill")}  # fmt: skip
    assert examples["swim"] == "Can you swim?" and examples["open"] == "Can you open it?"
    assert examples["seem"] == "You seem tired."  # its plain meaning's own example
    assert examples["steal"] is None and examples["shoot"] is None
    # an example the project wrote may use any form of the word ("he became a doctor")
    assert examples["become"] == "He became a doctor."
    assert examples["kill"] is not None and "Can you" not in examples["kill"]
    # a person dances alone in another of its meanings; a superlative takes "the"
    assert (dictionary.card("dance") or dictionary.card("x")).example == "Can you dance?"
    # a beginner's verb gets a sentence of its own: "Can you buy?" and "Can you arrive?" were
    # on cards, "Can you buy?" even on "bought"
    for word, sentence in (("buy", "I buy bread"), ("bought", "I buy bread"), ("arrive", "bus")):
        example = (dictionary.card(word) or dictionary.card("x")).example or ""
        assert sentence in example and "Can you" not in example, word
    assert (dictionary.card("greatest") or dictionary.card("x")).example == "It is the greatest."
    # a sentence of the project's own may have a comma ("at home, at six o'clock" is a list)
    assert (dictionary.card("sir") or dictionary.card("x")).example == "Can I help you, sir?"
    assert (dictionary.card("at") or dictionary.card("x")).example is None
    # an adjective is said as itself ("It is break.", "It is bore." were on cards), and a form
    # takes its word's own example ("hiding" showed one about one religion's women)
    examples = {w: (dictionary.card(w) or dictionary.card("x")).example
                for w in ("broken", "boring", "hiding", "hide")}  # fmt: skip
    assert examples["broken"] == "A broken mirror." and "boring" in (examples["boring"] or "")
    assert examples["hiding"] == examples["hide"] == "The cat likes to hide under the bed."
    # a feeling is the adjective a child says, not its verb: "bored" was 口径 (a gun's bore),
    # "pleased" 请 (please), "disappointed" 对不起 (sorry), under "past of …"
    for word, chinese in (("bored", "无聊"), ("pleased", "高兴"), ("disappointed", "失望")):
        feeling = dictionary.card(word, chinese=True)
        assert feeling is not None and feeling.part_of_speech == "adjective", word
        assert feeling.chinese == chinese and feeling.form_of is None, word
    # an ordinal is a place in a race, not "It is second." nor a fifth of a gallon of liquor
    second, fifth = dictionary.card("second"), dictionary.card("fifth", chinese=True)
    assert second is not None and second.example == "She came second in the race."
    assert fifth is not None and fifth.chinese == "第五" and fifth.part_of_speech == "adjective"
    thirteenth = dictionary.card("thirteenth")  # no plain meaning: "This is a thirteenth."
    assert thirteenth is not None and thirteenth.example == "She came thirteenth in the race."
    # a past is asked as its verb ("Can you saw?" and 锯 were on the card of "saw")
    saw = dictionary.card("saw", chinese=True)
    assert saw is not None and saw.form_of == ("past of", "see") and saw.chinese == "看到"
    assert saw.example is not None and "see" in saw.example
    # "an" by the sound: "This is an university." was on a card
    # (university has its own example now: "My sister studies at a university.")
    utensil = dictionary.card("utensil")
    assert utensil is not None and utensil.example == "This is a utensil."
    # the directions are directions, not the regions of the United States ("This is South.")
    south = dictionary.card("south")
    assert south is not None and "United States" not in south.meanings[0].definition


def test_a_names_example_says_it_as_the_name_is_said(dictionary: Dictionary) -> None:
    """ "This is Pacific." and "This is Andes." were on cards: rivers, oceans, seas and mountain
    ranges take "the"; a person from a place is one ("She is a Londoner.", "He is an
    Englishman."); an event or a belief gets no "This is Olympics."."""
    examples = {w: card.example for w in ("pacific", "andes", "france", "londoner",
        "englishman", "olympics", "nile") if (card := dictionary.card(w))}  # fmt: skip
    assert examples == {
        "pacific": "This is the Pacific.",
        "nile": "This is the Nile.",  # "the world's longest river"
        "andes": "This is the Andes.",
        "france": "This is France.",
        "londoner": "She is a Londoner.",
        "englishman": "He is an Englishman.",
        "olympics": None,
    }


def test_no_one_points_at_a_quality_a_feeling_or_an_idea() -> None:
    """ "This is a blackness.", "This is a joy." and "This is a babyhood." were on cards: no
    example is better than a wrong one."""
    assert noun_example("blackness", "noun.attribute") is None
    assert noun_example("joy", "noun.feeling") is None
    assert noun_example("fever", "noun.state") is None
    assert noun_example("concert", "noun.communication") is None  # no picture to point at
    assert noun_example("concert", "noun.communication", pointed=True) == "This is a concert."
    assert noun_example("cloud", "noun.phenomenon", pointed=True) == "This is a cloud."


def test_no_example_on_a_childs_card_drinks_alcohol_or_smokes(dictionary: Dictionary) -> None:
    """The cards read "I drink wine.", "Alcohol (or drink) ruined him." and, under "ever",
    WordNet's "Did you ever smoke?"."""
    for word in ("wine", "beer", "alcohol", "ever"):
        card = dictionary.card(word)
        assert card is not None and card.meanings, word
        said = (card.example or "").lower()
        assert not {"drink", "wine", "alcohol", "smoke", "ruined"} & set(said.split()), word
    milk = dictionary.card("milk")
    assert milk is not None and milk.example == "I drink milk."  # a child's drink keeps its own


def test_a_noun_hardly_ever_counted_gets_no_a_in_its_example(dictionary: Dictionary) -> None:
    """60 of the 6,000 commonest words read "This is a violence.", "This is a poetry.",
    "This is an insurance.": acts and messages whose plural is a hundred times rarer get no
    made-up example; counted ones keep theirs."""
    for word in ("violence", "poetry", "insurance", "destruction"):
        assert noun_example(word, "noun.act") is None, word
    assert noun_example("crime", "noun.act", pointed=True) == "This is a crime."
    assert noun_example("song", "noun.communication", pointed=True) == "This is a song."
    violence = dictionary.card("violence")
    assert violence is not None and violence.example != "This is a violence."


def test_a_wordnet_usage_note_is_no_example(dictionary: Dictionary) -> None:
    """ "youngster" showed "Example: `tiddler' is a British term for youngster." """
    card = dictionary.card("youngster")
    assert card is not None and card.example == "This is a youngster."


def test_half_a_sentence_with_no_one_doing_it_is_no_example(dictionary: Dictionary) -> None:
    """WordNet writes fragments: letter's card read "Mailed an indignant letter to the
    editor.", false's "Gave false testimony under oath."; a question and an order are whole."""
    from engine.wordnet import Sense

    def sense(word: str, example: str) -> Sense:
        return Sense(1, "s", "adj.all", (word,), "x", (example,), (), 1)

    for word, example in (
        ("great", "Had a great time at the party."),
        ("insane", "was declared insane"),
        ("alone", "Could be alone in a crowded room."),
        ("sure", "Was sure (or certain) she had seen it."),
    ):
        assert simple_example(word, sense(word, example)) != example.capitalize(), example
    for word, example in (
        ("iced", "Iced tea is a cooling drink."),
        ("glasses", "Did you find your glasses?"),
        ("things", "Put your things here."),
    ):
        assert simple_example(word, sense(word, example)) == example
    letter = dictionary.card("letter")
    assert letter is not None and letter.example != "Mailed an indignant letter to the editor."


def test_a_childs_card_never_likes_or_asks_for_harm(dictionary: Dictionary) -> None:
    """ "I like bullying." and "Can you loot?" were card examples."""
    for word in ("bullying", "looting", "hunting", "poaching"):
        card = dictionary.card(word)
        assert card is not None and card.teaches, word
        example = card.example or ""
        assert "I like" not in example and "Can you" not in example, word
    swimming = dictionary.card("swimming")
    assert swimming is not None and swimming.example == "I like swimming."
