"""Sentences as scenes: parsed into the objects the model can draw, laid out, drawn, composited."""

from __future__ import annotations

import io
from collections.abc import Callable

import pytest
from PIL import Image

from bot.learning.dictionary import Dictionary
from engine.pipeline import PictureEngine
from engine.request import GenerationRequest
from engine.resolver import ConceptResolver, resolver_for
from engine.scene import MANY, Scene, SceneObject, parse
from engine.starter.dataset import load


@pytest.fixture(scope="module")
def resolver(dictionary: Dictionary) -> ConceptResolver:
    _, concepts = load()
    return ConceptResolver(concepts, dictionary.wordnet)


def test_objects_counts_and_a_relation_are_parsed(
    resolver: ConceptResolver, dictionary: Dictionary
) -> None:
    wordnet = dictionary.wordnet
    scene = parse("The cat is on the bed.", resolver, wordnet)
    assert [o.concept for o in scene.objects] == ["cat", "bed"] and scene.relation == "on"
    scene = parse("Two cats and a dog.", resolver, wordnet)
    assert [(o.word, o.count) for o in scene.objects] == [("cat", 2), ("dog", 1)]
    scene = parse("The dog is under the chair.", resolver, wordnet)
    assert scene.relation == "under" and not scene.missing
    # what it cannot draw is kept to be said, never drawn as something else
    scene = parse("The cat sleeps on the sofa.", resolver, wordnet)  # the README's example
    assert [o.concept for o in scene.objects] == ["cat", "couch and lamp"]
    assert scene.relation == "on" and scene.missing == ("sleeps",)
    scene = parse("The ball is in the box.", resolver, wordnet)
    assert [o.word for o in scene.objects] == ["ball"] and scene.missing == ("in the box",)
    # a noun used only in the plural is one thing: one pair of glasses (not two glasses of
    # milk, since a glass can be drawn too), one pair of trousers (not "2 blue trouser")
    glasses = parse("My glasses are red.", resolver, wordnet).objects
    assert [(o.word, o.concept, o.count) for o in glasses] == [("glasses", "glasses", 1)]
    shoes = parse("My shoes are black.", resolver, wordnet).objects
    assert [(o.word, o.count) for o in shoes] == [("shoe", 2)]  # a plural still counts two
    trousers = parse("My trousers are blue.", resolver_for("starter", wordnet), wordnet).objects
    assert [(o.word, o.concept, o.count) for o in trousers] == [("trousers", "jeans", 1)]
    assert parse("I love my family.", resolver, wordnet).objects == ()
    # having is shown by drawing both ("I can't draw has yet" was said of this)
    scene = parse("The cat has a red ball.", resolver, wordnet)
    assert [(o.word, o.colour) for o in scene.objects] == [("cat", None), ("ball", "red")]
    assert scene.missing == ()
    assert Scene.from_json(scene.to_json()) == scene
    # "some" is no thing to say it cannot draw ("I can't draw eats and some yet")
    scene = parse("She eats some cake.", resolver, wordnet)
    assert [o.word for o in scene.objects] == ["cake"] and scene.missing == ("eats",)
    some = parse("I have some apples.", resolver, wordnet)
    assert [(o.word, o.count) for o in some.objects] == [("apple", 2)] and some.missing == ()


def test_an_irregular_plural_is_the_thing_not_another_word(dictionary: Dictionary) -> None:
    wordnet = dictionary.wordnet
    resolver = resolver_for("starter", wordnet)  # the bot's own: captions read by meaning

    def meanings(word: str) -> list[str]:
        return [m.sense_id for m in dictionary.everyday_senses(word)]

    scene = parse("Three leaves.", resolver, wordnet, meanings)  # leaf, not the noun "leave"
    assert [(o.word, o.count) for o in scene.objects] == [("leaf", 3)]
    scene = parse("Four wolves and two mice.", resolver, wordnet, meanings)
    assert [(o.word, o.count) for o in scene.objects] == [("wolf", 4), ("mouse", 2)]


def test_a_scene_is_drawn_as_one_picture_of_its_objects(tiny_engine: PictureEngine) -> None:
    scene = Scene((SceneObject("cat", "cat", 2), SceneObject("dog", "dog")))
    values = tiny_engine.defaults()
    request = GenerationRequest(
        model="tiny", prompt="two cats and a dog", negative_prompt="", seed=3,
        scene=scene.to_json(), **values,
    )  # type: ignore[arg-type]  # fmt: skip
    picture = tiny_engine.draw([request])[0]
    with Image.open(io.BytesIO(picture.png)) as image:
        assert image.size == (128, 128)  # the tiny model's display size
    assert picture.params["scene"] == scene.to_json()  # the scene travels with the picture


def test_colours_belong_to_their_object(resolver: ConceptResolver, dictionary: Dictionary) -> None:
    wordnet = dictionary.wordnet
    scene = parse("A green bus and a white boat.", resolver, wordnet)
    assert [(o.word, o.colour) for o in scene.objects] == [("bus", "green"), ("boat", "white")]
    scene = parse("Four yellow bananas.", resolver, wordnet)
    assert [(o.word, o.count, o.colour) for o in scene.objects] == [("banana", 4, "yellow")]
    scene = parse("The ball is red.", resolver, wordnet)  # a colour after "is"
    assert [(o.word, o.colour) for o in scene.objects] == [("ball", "red")]
    scene = parse("The dog is next to the chair.", resolver, wordnet)
    assert all(o.colour is None for o in scene.objects)  # no colour made up
    assert Scene.from_json(scene.to_json()) == scene


def test_a_describing_word_the_model_cannot_draw_is_said_not_taken_for_the_subject(
    resolver: ConceptResolver, dictionary: Dictionary
) -> None:
    """The word "old" is also a noun and "cat" also a verb: the scene was once empty
    ("I don't know how to draw any of its words")."""
    wordnet = dictionary.wordnet
    scene = parse("The old cat.", resolver, wordnet)
    assert [o.word for o in scene.objects] == ["cat"] and scene.missing == ("old",)
    scene = parse("The new car is under the tree.", resolver, wordnet)
    assert [o.word for o in scene.objects] == ["car", "tree"] and scene.relation == "under"
    assert scene.missing == ("new",)


def _meanings(dictionary: Dictionary) -> Callable[[str], list[str]]:
    return lambda word: [m.sense_id for m in dictionary.everyday_senses(word)]


def test_a_person_doing_something_is_drawn_doing_it(dictionary: Dictionary) -> None:
    """ "The boy runs." drew nothing ("I can't draw boy, runs yet"): the starter has no boy, but
    it has a person running."""
    wordnet, resolver = dictionary.wordnet, resolver_for("starter", dictionary.wordnet)
    meanings = _meanings(dictionary)
    for sentence in ("The boy runs.", "The boy is running."):
        scene = parse(sentence, resolver, wordnet, meanings)
        assert [(o.word, o.concept, o.action) for o in scene.objects] == [
            ("boy", "person running", "running")
        ] and scene.missing == ()
    scene = parse("They are climbing.", resolver, wordnet, meanings)
    assert [(o.word, o.count, o.action) for o in scene.objects] == [("person", 2, "climbing")]
    scene = parse("The dog runs.", resolver, wordnet, meanings)  # no running dog: said
    assert [o.concept for o in scene.objects] == ["dog"] and scene.missing == ("runs",)
    # a verb with a woman's and a man's picture only: drawn for a person said to be one
    for sentence, picture in (("The girl dances.", "woman dancing"), ("He dances.", "man dancing")):
        scene = parse(sentence, resolver, wordnet, meanings)
        assert [o.concept for o in scene.objects] == [picture] and scene.missing == ()
    assert parse("They dance.", resolver, wordnet, meanings).missing == ("dance",)
    # the verbs' table's whole-person pictures stand for a person; a face never does
    scene = parse("The girl meditates.", resolver, wordnet, meanings)
    assert [o.concept for o in scene.objects] == ["person in lotus position"]
    scene = parse("The baby cries.", resolver, wordnet, meanings)
    assert [o.concept for o in scene.objects] == ["baby"] and scene.missing == ("cries",)
    # a doer picture is a grown-up of no age: a grandma or a baby is drawn as herself, the verb
    # said (the young woman dancing is no grandma; the swimmer no baby)
    for sentence, picture, verb in (
        ("The grandma dances.", "old woman", "dances"),
        ("My grandfather runs.", "old man", "runs"),
        ("The baby swims.", "baby", "swims"),
    ):
        scene = parse(sentence, resolver, wordnet, meanings)
        assert [o.concept for o in scene.objects] == [picture] and scene.missing == (verb,)
    scene = parse("My grandpa rides a horse.", resolver, wordnet, meanings)
    assert [o.concept for o in scene.objects] == ["old man", "horse"]
    # a verb and its thing as one picture: a rider on a horse, not a girl beside a horse (and
    # never a person biking for a horse); only for a person
    scene = parse("The girl rides a horse.", resolver, wordnet, meanings)
    assert [(o.word, o.concept, o.action) for o in scene.objects] == [
        ("girl", "horse riding", "riding a horse")
    ] and scene.missing == ()
    scene = parse("Two boys ride bikes.", resolver, wordnet, meanings)
    assert [(o.word, o.concept, o.count, o.action) for o in scene.objects] == [
        ("boy", "person biking", 2, "riding bikes")
    ]
    # two rowers in one boat are no picture of two people each rowing a boat
    scene = parse("They row a boat.", resolver, wordnet, meanings)
    assert all(o.action is None for o in scene.objects) and "row" in scene.missing
    scene = parse("I can ride a bike.", resolver, wordnet, meanings)
    assert [(o.word, o.concept) for o in scene.objects] == [("person", "person biking")]
    scene = parse("The dog rides a bike.", resolver, wordnet, meanings)
    assert [o.concept for o in scene.objects] == ["dog", "bicycle"] and "rides" in scene.missing
    scene = parse("The girl rides a red bike.", resolver, wordnet, meanings)  # the red is drawn
    assert [(o.concept, o.colour) for o in scene.objects][-1] == ("bicycle", "red")
    # the sleeping picture is a person in bed: "in the bed" drew a second bed around it
    scene = parse("The girl sleeps in the bed.", resolver, wordnet, meanings)
    assert [(o.word, o.concept) for o in scene.objects] == [("girl", "person in bed")]
    assert scene.relation is None and scene.missing == ()
    # the person in bed is in a bed: never put on a sofa, under a tree or in a car
    for sentence, place in (
        ("The girl sleeps on the sofa.", "couch and lamp"),
        ("The man sleeps in the car.", "automobile"),
    ):
        scene = parse(sentence, resolver, wordnet, meanings)
        assert [o.concept for o in scene.objects] == [sentence.split()[1], place]
        assert scene.relation and scene.missing == ("sleeps",)
    scene = parse("The girl meditates on the sofa.", resolver, wordnet, meanings)  # no place
    assert scene.objects[0].concept == "person in lotus position"
    scene = parse("He sleeps under the tree.", resolver, wordnet, meanings)
    assert [o.concept for o in scene.objects] == ["deciduous tree"] and "sleeps" in scene.missing
    scene = parse("The baby sleeps in the bed.", resolver, wordnet, meanings)  # a baby is drawn
    assert [o.concept for o in scene.objects] == ["baby", "bed"] and scene.relation == "in"


def test_an_animal_is_never_drawn_as_a_person_doing_its_verb(dictionary: Dictionary) -> None:
    """WordNet's first "whale" is a very large person: "The whale swims under the ship." drew a
    person swimming beside the ship instead of the whale."""
    wordnet, resolver = dictionary.wordnet, resolver_for("starter", dictionary.wordnet)
    scene = parse("The whale swims under the ship.", resolver, wordnet, _meanings(dictionary))
    assert [(o.word, o.action) for o in scene.objects] == [("whale", None), ("ship", None)]
    assert "whale" in scene.objects[0].concept and scene.relation == "under"


def test_a_setting_is_where_the_scene_happens(dictionary: Dictionary) -> None:
    wordnet, resolver = dictionary.wordnet, resolver_for("starter", dictionary.wordnet)
    meanings = _meanings(dictionary)
    scene = parse("The dog is in the rain.", resolver, wordnet, meanings)
    assert [o.word for o in scene.objects] == ["dog"] and scene.setting == "rain"
    assert scene.relation is None and scene.missing == ()  # not "the dog inside a cloud"
    scene = parse("She swims in the sea.", resolver, wordnet, meanings)
    assert scene.setting == "in sea" and scene.objects[0].concept == "person swimming"
    scene = parse("The boat is on the water.", resolver, wordnet, meanings)
    assert scene.setting == "on water" and scene.missing == ()  # not "I can't draw on yet"
    assert parse("Two boys play on the beach.", resolver, wordnet, meanings).setting == "sea"
    assert parse("A cat sleeps at night.", resolver, wordnet, meanings).setting == "night"
    alone = parse("It is snowing.", resolver, wordnet, meanings)  # the setting is the picture
    assert [o.concept for o in alone.objects] == ["snowflake"] and alone.setting is None


def test_numbers_up_to_ten_are_drawn_and_more_are_many(
    resolver: ConceptResolver, dictionary: Dictionary
) -> None:
    wordnet = dictionary.wordnet
    scene = parse("Eight red balls.", resolver, wordnet)
    assert [(o.word, o.count, o.many) for o in scene.objects] == [("ball", 8, False)]
    assert scene.missing == ()  # "eight" was once "a word I can't draw", and 2 balls drawn
    for sentence in ("Twelve apples.", "Many apples.", "25 apples.", "A lot of apples."):
        (apples,) = parse(sentence, resolver, wordnet).objects
        assert apples.many and apples.count == MANY, sentence
    # "There are a lot of apples." drew two and said "I can't draw lot yet"; a lot is no
    # number where it is a place ("the parking lot")
    lots = parse("There are a lot of apples.", resolver, wordnet)
    assert [(o.word, o.many) for o in lots.objects] == [("apple", True)] and lots.missing == ()


def test_a_long_sentence_draws_six_things_and_says_what_it_left_out(
    resolver: ConceptResolver, dictionary: Dictionary
) -> None:
    sentence = "A cat, a dog, a bird, a fish, a cow, a pig and a duck."
    scene = parse(sentence, resolver, wordnet=dictionary.wordnet)
    assert len(scene.objects) == 6 and scene.left_out == ("duck",) and scene.missing == ()
    # the bowl left out for room: "in" is said with it, not as a word it can't draw
    scene = parse("Ten strawberries are in the bowl.", resolver, wordnet=dictionary.wordnet)
    assert scene.objects[0].count == 10 and scene.left_out == ("bowl",) and scene.missing == ()


def test_a_relation_to_a_thing_not_drawn_is_not_moved_to_another(
    resolver: ConceptResolver, dictionary: Dictionary
) -> None:
    """ "The cat is on the mat next to the dog." drew a cat on a dog (no mat in the model)."""
    scene = parse("The cat is on the mat next to the dog.", resolver, dictionary.wordnet)
    assert [o.word for o in scene.objects] == ["cat", "dog"] and scene.relation == "next to"
    assert scene.missing == ("on the mat",)  # "I can't draw on the mat yet."


def test_a_place_word_no_picture_shows_is_said_with_its_thing(
    resolver: ConceptResolver, dictionary: Dictionary
) -> None:
    """ "The lion is at the zoo." said "I can't draw at and zoo yet.": "at" is no thing."""
    scene = parse("The lion is at the zoo.", resolver, dictionary.wordnet)
    assert [o.word for o in scene.objects] == ["lion"] and scene.missing == ("at the zoo",)
    scene = parse("The dog runs across the bed.", resolver, dictionary.wordnet)
    assert [o.word for o in scene.objects] == ["dog", "bed"]
    assert scene.missing == ("runs across",)  # both drawn; "runs and across" was no English
    scene = parse("The cat jumps from under the bed.", resolver, dictionary.wordnet)
    assert scene.relation == "under" and scene.missing == ("jumps from",)  # "from" was lost
    assert parse("What is it for?", resolver, dictionary.wordnet).missing == ("what", "for")
    # a second relation, to a place not drawn: "I can't draw on and lake yet." was no English
    scene = parse("Two ducks and a goose are on the lake.", resolver, dictionary.wordnet)
    assert [o.word for o in scene.objects] == ["duck", "goose"]
    assert scene.missing == ("on the lake",)


def test_a_place_word_a_verb_acts_on_puts_nothing_there(dictionary: Dictionary) -> None:
    """ "The teacher writes on the blackboard." drew the teacher standing on the blackboard."""
    wordnet = dictionary.wordnet
    starter = resolver_for("starter", wordnet)
    for sentence, said in [
        ("The teacher writes on the blackboard.", "writes on"),
        ("The boy knocks on the door.", "knocks on"),
        ("The girl looks under the bed.", "looks under"),
        ("The girl writes in the notebook.", "writes in"),
    ]:
        scene = parse(sentence, starter, wordnet)
        assert len(scene.objects) == 2 and scene.relation is None, sentence
        assert scene.missing == (said,)  # "I can't draw knocks on yet."
    # where the doer is: still drawn there
    assert parse("The boy sits on the chair.", starter, wordnet).relation == "on"
    assert parse("The boy writes under the tree.", starter, wordnet).relation == "under"


def test_a_place_word_after_a_thing_not_drawn_is_that_things_place(
    dictionary: Dictionary,
) -> None:
    """ "The girl writes a letter on the table." drew the girl on the table (no letter)."""
    wordnet = dictionary.wordnet
    scene = parse(
        "The girl writes a letter on the table.", resolver_for("starter", wordnet), wordnet
    )
    assert [o.word for o in scene.objects] == ["girl", "table"] and scene.relation is None
    assert scene.missing == ("writes", "letter")


def test_a_two_word_picture_name_is_not_read_across_a_verb(dictionary: Dictionary) -> None:
    """ "The bus stops at the school." drew two bus stops."""
    wordnet = dictionary.wordnet
    starter = resolver_for("starter", wordnet)
    things = [
        (o.concept, o.count)
        for o in parse("The bus stops at the school.", starter, wordnet).objects
    ]
    assert things == [("bus", 1), ("school", 1)]
    for sentence in ("Two bus stops in the rain.", "The bus stops are red."):
        things = [(o.concept, o.count) for o in parse(sentence, starter, wordnet).objects]
        assert things == [("bus stop", 2)], sentence


def test_a_thing_drawn_on_a_coloured_disc_keeps_its_colour(dictionary: Dictionary) -> None:
    """ "A green towel." drew a white towel on a green disc (recolouring turns the disc)."""
    wordnet = dictionary.wordnet
    scene = parse(
        "A green towel and a yellow watering can.", resolver_for("starter", wordnet), wordnet
    )
    assert [(o.concept, o.colour) for o in scene.objects] == [
        ("towel", None),
        ("watering can", "yellow"),  # a line drawing takes the colour itself
    ]
    assert scene.missing == ("green",)  # said: "I can't draw green yet."


def test_things_have_their_real_world_size(
    resolver: ConceptResolver, dictionary: Dictionary
) -> None:
    mouse, elephant = parse("A mouse and an elephant.", resolver, dictionary.wordnet).objects
    assert mouse.size < elephant.size
    apple, car = parse("An apple and a car.", resolver, dictionary.wordnet).objects
    assert apple.size < car.size  # found through what they are (fruit, motor vehicle)


def test_between_relates_one_thing_to_two(
    resolver: ConceptResolver, dictionary: Dictionary
) -> None:
    wordnet = dictionary.wordnet
    scene = parse("The cat is between the dog and the tree.", resolver, wordnet)
    assert [o.word for o in scene.objects] == ["cat", "dog", "tree"]
    assert scene.relation == "between"
    scene = parse("The ball is between two chairs.", resolver, wordnet)
    assert scene.relation == "between" and scene.objects[1].count == 2
    scene = parse("The ball is between the chair.", resolver, wordnet)  # no place: said
    assert scene.relation is None and "between" in scene.missing
    # two things between two others are drawn as a row: "between" is said, not claimed
    scene = parse("Two frogs are between the flowers.", resolver, wordnet)
    assert scene.relation is None and "between" in scene.missing


def test_big_and_small_are_drawn_against_the_other_things(
    resolver: ConceptResolver, dictionary: Dictionary
) -> None:
    """Size words were only said ("I can't draw big yet"); next to another thing they show."""
    wordnet = dictionary.wordnet
    elephant, mouse = parse("A small elephant and a big mouse.", resolver, wordnet).objects
    assert (elephant.sized, mouse.sized) == ("small", "big") and elephant.size < mouse.size
    alone = parse("A big dog.", resolver, wordnet)  # big next to nothing: not shown, so said
    assert alone.objects[0].sized is None and alone.missing == ("big",)
    assert parse("A tall tree and a cat.", resolver, wordnet).missing == ("tall",)


def test_a_thing_named_only_by_its_picture_is_the_subject_not_its_verb(
    dictionary: Dictionary,
) -> None:
    """ "superhero" is not in WordNet but is a picture's own name: it is the thing, and
    "flies" after it is its verb (it was drawn as two flies)."""
    starter = resolver_for("starter", dictionary.wordnet)
    scene = parse("The superhero flies over the city.", starter, dictionary.wordnet)
    assert [o.concept for o in scene.objects] == ["superhero"]
    assert "flies" in scene.missing
    scene = parse("Two flies sit on the apple.", starter, dictionary.wordnet)
    assert (scene.objects[0].concept, scene.objects[0].count) == ("fly", 2)  # still insects


def test_a_thing_of_two_words_is_one_thing_when_a_picture_shows_it(
    dictionary: Dictionary,
) -> None:
    wordnet, resolver = dictionary.wordnet, resolver_for("starter", dictionary.wordnet)
    scene = parse("Two polar bears are near the iceberg.", resolver, wordnet)
    assert [(o.concept, o.count) for o in scene.objects] == [("polar bear", 2), ("iceberg", 1)]
    assert "polar" not in scene.missing  # not two brown bears and an unknown "polar"
    scene = parse("The boy eats a hot dog.", resolver, wordnet)
    assert [o.concept for o in scene.objects] == ["boy", "hot dog"]
    # "cat sleep" is a nap in WordNet, and no picture shows it: the cat sleeps
    scene = parse("The cat sleeps on the sofa.", resolver, wordnet)
    assert [o.concept for o in scene.objects][:1] == ["cat"]


def test_a_thing_of_two_words_with_no_picture_is_said_not_drawn_as_its_parts(
    dictionary: Dictionary,
) -> None:
    wordnet, resolver = dictionary.wordnet, resolver_for("starter", dictionary.wordnet)
    scene = parse("The sea lion is on the beach.", resolver, wordnet)
    assert "lion" not in [o.concept for o in scene.objects]  # no lion at the seaside
    assert "sea lion" in scene.missing
    scene = parse("The apple tree is big.", resolver, wordnet)
    assert "red apple" not in [o.concept for o in scene.objects]
    assert "apple tree" in scene.missing
    # after "cats" the next word may be their verb
    scene = parse("The cats sleep on the sofa.", resolver, wordnet)
    assert [(o.concept, o.count) for o in scene.objects][:1] == [("cat", 2)]


def test_a_helper_verb_is_no_thing_and_the_word_after_it_is_a_verb(dictionary: Dictionary) -> None:
    """ "Birds can fly." drew two birds and the insect; "Can birds fly?" a tin can and the
    insect, and "Does the dog run?" two female deer."""
    wordnet = dictionary.wordnet
    resolver = resolver_for("starter", wordnet)
    for sentence in ("Birds can fly.", "Can birds fly?", "Birds will fly."):
        scene = parse(sentence, resolver, wordnet)
        assert [(o.word, o.count) for o in scene.objects] == [("bird", 2)], sentence
        assert scene.missing == ("fly",), sentence
    scene = parse("Does the dog run?", resolver, wordnet)
    assert [o.word for o in scene.objects] == ["dog"] and scene.missing == ("run",)
    scene = parse("We should plant a tree.", resolver, wordnet)  # no potted plant
    assert [o.word for o in scene.objects] == ["tree"] and scene.missing == ("plant",)
    scene = parse("I'm eating an apple.", resolver, wordnet)  # "i'm" was said as a word
    assert [o.word for o in scene.objects] == ["apple"] and scene.missing == ("eating",)
    # a can is still a can after its article, and so are two does
    scene = parse("The can is on the table.", resolver, wordnet)
    assert [o.word for o in scene.objects] == ["can", "table"] and scene.relation == "on"


def test_nothing_said_not_to_be_so_is_drawn(dictionary: Dictionary) -> None:
    """ "I don't have a dog." drew a dog, "There is no apple on the table." an apple on it."""
    wordnet = dictionary.wordnet
    resolver = resolver_for("starter", wordnet)
    for sentence in ("I don't have a dog.", "There is no apple on the table.", "Never touch fire."):
        scene = parse(sentence, resolver, wordnet)
        assert scene.objects == () and scene.negated, sentence
    scene = parse("The boy doesn\u2019t like apples.", resolver, wordnet)  # a curly apostrophe
    assert [o.word for o in scene.objects] == ["boy"]
    assert scene.negated == "doesn't like apples" and scene.missing == ()
    scene = parse("A cat without a hat.", resolver, wordnet)
    assert [o.word for o in scene.objects] == ["cat"] and scene.negated == "without a hat"
    scene = parse("The elephant does not fly.", resolver, wordnet)  # said with its helper
    assert [o.word for o in scene.objects] == ["elephant"] and scene.negated == "does not fly"
    scene = parse("The cat is not on the mat.", resolver, wordnet)
    assert [o.word for o in scene.objects] == ["cat"] and scene.relation is None
    assert scene.missing == ()  # "on" is not said as a place it could not draw
    # a "not" says no to its own clause: the cat is drawn, and the girl's ball
    scene = parse("It isn't a dog, it's a cat.", resolver, wordnet)
    assert [o.word for o in scene.objects] == ["cat"] and scene.negated == "isn't a dog"
    scene = parse("The girl, not the boy, has a ball.", resolver, wordnet)
    assert [o.word for o in scene.objects] == ["girl", "ball"]
    scene = parse("The cat is not black, it is white.", resolver, wordnet)
    assert [(o.word, o.colour) for o in scene.objects] == [("cat", "white")]
    # two colours of one thing: none painted ("My dog is brown and white." drew it all brown)
    for sentence in ("My dog is brown and white.", "A brown and white dog."):
        scene = parse(sentence, resolver, wordnet)
        assert [(o.word, o.colour) for o in scene.objects] == [("dog", None)], sentence
        assert scene.missing == ("brown and white",), sentence
    scene = parse("How many apples are there?", resolver, wordnet)  # asked, not "many"
    assert [(o.word, o.many) for o in scene.objects] == [("apple", False)]
    # a "No," that answers is no "not"
    scene = parse("No, the cat is on the bed.", resolver, wordnet)
    assert [o.word for o in scene.objects] == ["cat", "bed"] and not scene.negated
    assert Scene.from_json(scene.to_json()) == scene


def test_what_a_thing_is_is_drawn_once_as_it(dictionary: Dictionary) -> None:
    """ "My mother is a doctor." drew two people, a mother and a doctor; "The dog is a puppy."
    two dogs. "The cat was on the bed." said "I can't draw was yet"."""
    wordnet = dictionary.wordnet
    resolver = resolver_for("starter", wordnet)
    for sentence, drawn in {
        "My mother is a doctor.": [("doctor", 1)],
        "The dog is a puppy.": [("puppy", 1)],
        "The dogs are puppies.": [("puppy", 2)],
        "The girl is a good student.": [("student", 1)],
        "The boy has a dog.": [("boy", 1), ("dog", 1)],  # two, and of two kinds
        "The cat is on a bed.": [("cat", 1), ("bed", 1)],
    }.items():
        scene = parse(sentence, resolver, wordnet)
        assert [(o.word, o.count) for o in scene.objects] == drawn, sentence
    scene = parse("The cat was on the bed.", resolver, wordnet)
    assert scene.relation == "on" and scene.missing == ()


def test_a_verb_after_to_leaves_its_thing_a_thing_and_a_pair_is_one_picture(
    dictionary: Dictionary,
) -> None:
    """ "He likes to read books." drew only the night: "books" was read as the verb of "read"
    (a noun here); "We eat rice with chopsticks." drew two pairs of chopsticks and said "2
    chopsticks"; "two glasses of milk" were two pairs of spectacles."""
    wordnet = dictionary.wordnet
    resolver = resolver_for("starter", wordnet)

    def meanings(word: str) -> list[str]:
        return [m.sense_id for m in dictionary.everyday_senses(word)]

    def drawn(sentence: str) -> list[tuple[str, str, int]]:
        scene = parse(sentence, resolver, wordnet, meanings)
        return [(o.word, o.concept, o.count) for o in scene.objects]

    scene = parse("He likes to read books.", resolver, wordnet, meanings)
    assert [(o.word, o.count) for o in scene.objects] == [("book", 2)]
    assert scene.missing == ("likes", "read")
    assert drawn("She wants to eat an apple.") == [("apple", "red apple", 1)]
    assert drawn("I go to school.") == [("school", "school", 1)]  # a place, not a verb
    assert drawn("We eat rice with chopsticks.")[1:] == [("chopsticks", "chopsticks", 1)]
    assert drawn("I see two glasses.") == [("glasses", "glass of milk", 2)]
    assert drawn("My glasses are on the table.")[0] == ("glasses", "glasses", 1)


def test_a_drink_served_in_its_vessel_is_one_thing(dictionary: Dictionary) -> None:
    """ "I see two glasses of milk." drew three glasses of milk (two glasses, and the milk as
    a third); "a cup of coffee" two cups. A vessel whose contents are drawn in it is one thing,
    counted as the vessel; one the contents are not drawn in stays two ("a plate of cookies")."""
    wordnet = dictionary.wordnet
    resolver = resolver_for("starter", wordnet)

    def drawn(sentence: str) -> list[tuple[str, str, int]]:
        scene = parse(sentence, resolver, wordnet)
        return [(o.word, o.concept, o.count) for o in scene.objects]

    assert drawn("I see two glasses of milk.") == [("glass of milk", "glass of milk", 2)]
    assert drawn("A cup of coffee.") == [("cup of coffee", "hot beverage", 1)]
    assert drawn("I drink a cup of tea.")[0][:2] == ("cup of tea", "teacup without handle")
    scene = parse("Two cups of coffee are on the table.", resolver, wordnet)
    assert [o.count for o in scene.objects] == [2, 1] and scene.relation == "on"
    assert [w for w, _, _ in drawn("A plate of cookies.")] == ["plate", "cookie"]


def test_a_vessel_whose_picture_holds_another_drink_is_said_not_drawn(
    dictionary: Dictionary,
) -> None:
    """ "I drink a glass of water." drew the glass, whose picture is a glass of milk: a learner
    saw milk for water. The glass and its water are said instead (nothing else is drawn)."""
    wordnet = dictionary.wordnet
    resolver = resolver_for("starter", wordnet)
    scene = parse("I drink a glass of water.", resolver, wordnet)
    assert scene.objects == () and scene.missing == ("drink", "glass of water")
    scene = parse("Two glasses of water are on the table.", resolver, wordnet)
    assert [o.word for o in scene.objects] == ["table"]
    assert "glasses of water" in scene.missing
    milk = parse("A glass of milk is on the table.", resolver, wordnet)
    assert [o.word for o in milk.objects] == ["glass of milk", "table"] and milk.relation == "on"
