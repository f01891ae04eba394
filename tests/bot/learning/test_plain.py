from __future__ import annotations

from bot.learning.cards import card_text
from bot.learning.dictionary import Dictionary
from bot.learning.plain import WORDNET_POS, learner_definitions, plural_plain, shows_nothing

PARTS = set(WORDNET_POS) | {"pronoun", "preposition", "conjunction", "determiner", "number"}
PARTS |= {"exclamation", "short form"}  # "don't": short for do not


def test_a_thousand_beginner_words_have_a_plain_meaning_and_a_checked_sense(
    dictionary: Dictionary,
) -> None:
    plain = learner_definitions()
    assert len(plain) >= 1000
    for word, entry in plain.items():
        assert entry.part_of_speech in PARTS, word
        assert 3 <= len(entry.meaning) <= 100 and not entry.meaning.endswith("."), word
        if entry.sense_id:  # the sense the meaning describes is the word's, of its part of speech
            sense = dictionary.sense(entry.sense_id)
            assert sense is not None, word
            assert entry.sense_id[0] in WORDNET_POS[entry.part_of_speech], word
            ids = {f"{s.pos}{s.offset:08d}" for s in dictionary.senses(word)}
            assert entry.sense_id in ids, word


def test_the_card_shows_the_plain_meaning_under_its_own_part_of_speech(
    dictionary: Dictionary,
) -> None:
    run = card_text(dictionary.card("run"))  # type: ignore[arg-type]
    assert run.splitlines()[0].endswith("verb · A1")
    assert "To move very fast on your feet." in run
    kite = dictionary.card("kite")
    assert kite is not None and "toy" in card_text(kite).splitlines()[1].lower()
    assert "cheque" not in card_text(kite) and "check" not in card_text(kite)
    everyday = dictionary.everyday_sense("kite")
    assert everyday is not None and everyday.sense_id == learner_definitions()["kite"].sense_id


def test_a_word_wordnet_lacks_gets_its_plain_meaning_and_no_made_up_example(
    dictionary: Dictionary,
) -> None:
    card = dictionary.card("the", chinese=True)
    assert card is not None
    text = card_text(card)
    assert "determiner" in text.splitlines()[0]
    assert "when we know which one" in text
    assert card.example is None and "a the" not in text
    assert card.chinese is None  # Chinese has no article; no made-up gloss


def test_the_teachers_chinese_word_is_shown_for_the_everyday_meaning(
    dictionary: Dictionary,
) -> None:
    assert dictionary.card("moon", chinese=True).chinese == "月亮"  # type: ignore[union-attr]
    assert dictionary.card("star", chinese=True).chinese == "星星"  # type: ignore[union-attr]
    assert dictionary.card("coat", chinese=True).chinese == "外套"  # type: ignore[union-attr]


def test_a_school_thing_is_not_given_a_rarer_sense(dictionary: Dictionary) -> None:
    """needle was "the leaf of a conifer", ruler "a person who rules", dumpling 团, noon "This
    is a noon." (WordNet's first senses and a count-noun frame)."""
    needle, ruler, dumpling, noon = (
        dictionary.card(w, chinese=True) for w in ("needle", "ruler", "dumpling", "noon")
    )
    assert needle is not None and needle.plain is not None and "sewing" in needle.plain.meaning
    assert needle.meanings[0].category == "noun.artifact"  # WordNet's "implement", not a leaf
    assert ruler is not None and "measuring" in ruler.meanings[0].definition
    assert ruler.chinese == "尺子"
    assert dumpling is not None and dumpling.chinese == "饺子"
    assert noon is not None and noon.example == "It is noon."


def test_a_plural_is_taught_in_its_singulars_plain_meaning(dictionary: Dictionary) -> None:
    """Three plates were drawn under WordNet's commonest plate, home plate in baseball."""
    assert plural_plain(dictionary.wordnet, "plates") == learner_definitions()["plate"]
    assert dictionary.everyday_senses("plates")[0].sense_id == "n03959485"  # the dish
    assert dictionary.everyday_senses("bananas")[0].sense_id == "n07753592"  # the fruit
    assert plural_plain(dictionary.wordnet, "glasses") is None  # a word of its own
    assert plural_plain(dictionary.wordnet, "plate") is None


def test_no_picture_shows_a_name_or_a_word_of_grammar() -> None:
    for word in ("james", "the", "of", "you", "don't", "I'm"):
        assert shows_nothing(word), word
    for word in ("apple", "hello", "happy", "run", "zzz"):
        assert not shows_nothing(word), word


def test_common_words_wordnet_teaches_wrongly_have_a_plain_meaning(dictionary: Dictionary) -> None:
    """ "nobody" was "a person of no influence" ("This is a nobody."), "against" and "hey" had
    no meaning at all, "performance" was 性能 (a machine's), "bar" a place that sells alcohol."""
    said = {
        w: dictionary.card(w, chinese=True)
        for w in ("nobody", "against", "hey", "performance", "bar")
    }
    assert all(card is not None and card.plain is not None for card in said.values())
    assert said["nobody"].example == "Nobody is at home."  # type: ignore[union-attr]
    assert said["against"].example == "The bike is against the wall."  # type: ignore[union-attr]
    assert said["performance"].chinese == "表演"  # type: ignore[union-attr]
    assert "drinks" not in said["bar"].plain.meaning  # type: ignore[union-attr]


def test_common_words_of_grammar_have_a_meaning_and_an_example(dictionary: Dictionary) -> None:
    """ "since", "without", "myself", "others" and twenty more of the 5,000 commonest words had a
    card with a heading and nothing under it."""
    for word in ("since", "during", "without", "although", "myself", "themselves", "others",
                 "per", "ought", "versus"):  # fmt: skip
        card = dictionary.card(word, chinese=True)
        assert card is not None and card.teaches and card.example and card.chinese, word
        assert word in card.example.lower(), word


def test_weather_words_are_the_weather(dictionary: Dictionary) -> None:
    """ "foggy", drawn as the foggy bridge, led with "stunned or confused and slow to react",
    "cloudy" with "lacking definite form", "icy" with "devoid of warmth and cordiality";
    "rainy" said 沣 (a river's name) and "snowy" 白."""
    for word, said, chinese in (
        ("foggy", "fog in the air", "有雾"),
        ("cloudy", "clouds in the sky", "多云"),
        ("icy", "covered with ice", "结冰"),
        ("rainy", "a lot of rain", "多雨"),
        ("snowy", "snow falling", "下雪"),
    ):
        card = dictionary.card(word, chinese=True)
        assert card is not None and card.plain is not None, word
        assert said in card.plain.meaning and card.chinese == chinese, word


def test_the_plural_of_a_word_only_the_plain_meanings_know_has_its_card(
    dictionary: Dictionary,
) -> None:
    """ "apps" and "dvds" had no card (WordNet 3.0 lists neither app nor DVD)."""
    for word, single, chinese in (("apps", "app", "应用程序"), ("dvds", "dvd", "光盘")):
        assert dictionary.known(word) and dictionary.explains(word), word
        card = dictionary.card(word, chinese=True)
        assert card is not None and card.form_of == ("plural of", single), word
        assert card.plain is not None and card.chinese == chinese, word
    assert dictionary.card("yums") is None  # an exclamation has no plural


def test_an_everyday_words_example_is_one_a_child_can_read(dictionary: Dictionary) -> None:
    """WordNet's examples under everyday words were written for adults: "Show me your
    etchings, please.", "Gunny invariably tried to bite her.", "There as a trail of blood.",
    "I hate Mexican food.", "Prepare for war.", and "This is a blood."."""
    for word, example in [
        ("show", "Show me your new book, please."),
        ("bite", "The dog bit my shoe."),
        ("trail", "We walked along the trail in the woods."),
        ("hate", "I hate rainy days."),
        ("prepare", "We prepare for the test every evening."),
        ("blood", "Your heart pumps blood round your body."),
        ("vision", "Owls have good vision at night."),
    ]:
        card = dictionary.card(word)
        assert card is not None and card.example == example, (word, card and card.example)


def test_the_commonest_a2_words_lead_with_what_a_learner_means(dictionary: Dictionary) -> None:
    """Before the A2 words had plain meanings, "power" led with physics (watts), "post" with a
    sentry's post, "act" with a law, "weight" with gym equipment, "mine" with a pit, "twice"
    was glossed 兼 (to hold two jobs), "web" 蹼 (a duck's foot), "usa" 花旗国 and "host" 东."""
    words = ("power", "post", "act", "weight", "mine", "twice", "web", "usa", "host", "few")
    leads = {w: dictionary.card(w, chinese=True) for w in words}
    for word, card in leads.items():
        assert card is not None and card.plain is not None, word
        if card.plain.sense_id:
            assert card.meanings[0].sense_id == card.plain.sense_id, word
    assert "physics" not in leads["power"].meanings[0].definition  # type: ignore[union-attr]
    assert leads["mine"].meanings == () and leads["mine"].example == "This book is mine."  # type: ignore[union-attr]
    chinese = {w: c.chinese for w, c in leads.items() if c is not None}
    assert chinese["twice"] == "两次" and chinese["web"] == "蜘蛛网" and chinese["usa"] == "美国"
    assert chinese["host"] == "主人"
    fewer = dictionary.card("fewer", chinese=True)  # graded from few's: not 更很少
    assert fewer is not None and fewer.chinese == "更少"
