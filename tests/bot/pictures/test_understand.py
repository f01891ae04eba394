"""Picture truth as a learner meets it: a word the model cannot draw gets no job and no
picture but the honest answer; a picture that fails the check is drawn once more, then
answered honestly; the teacher dashboard lists what could not be drawn."""

from __future__ import annotations

import io
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import replace
from typing import Any

import pytest

from bot.adapters.terminal import TerminalAdapter
from bot.adapters.web.sections import gaps_section
from bot.app import App, open_app
from bot.config import Settings
from bot.learning.dictionary import Dictionary
from engine.pipeline import DrawnPicture, ProgressCallback
from engine.request import GenerationRequest
from engine.resolver import ConceptResolver, resolver_for, shown_by
from engine.starter.dataset import load
from tests.helpers import FakeClock, FakeDrawer, shown


@pytest.fixture(scope="module")
def starter_resolver(dictionary: Dictionary) -> ConceptResolver:
    _, concepts = load()
    return ConceptResolver(concepts, dictionary.wordnet)  # no embedder: fast, still closed


class CheckingDrawer(FakeDrawer):
    """A fake engine whose picture check fails the first `failures` pictures of each subject."""

    def __init__(self, failures: int, passes: int = 1_000) -> None:
        super().__init__()
        self.failures = failures
        self.passes = passes  # then every check fails again
        self.checked: list[str] = []

    def draw(
        self, requests: list[GenerationRequest], on_progress: ProgressCallback | None = None
    ) -> list[DrawnPicture]:
        pictures = super().draw(requests, on_progress)
        results = []
        for request, picture in zip(requests, pictures, strict=True):
            shows = True
            for attempt in range(2):  # the real engine: check, then one retry with a new seed
                self.checked.append(request.subject)
                shows = 0 <= self.checked.count(request.subject) - self.failures - 1 < self.passes
                if shows or attempt:
                    break
                request = request.retried()
            results.append(replace(picture, seed=request.seed, shows=shows))
        return results


@asynccontextmanager
async def _app(
    settings: Settings, clock: FakeClock, dictionary: Dictionary, drawer: FakeDrawer, resolver: Any
) -> AsyncIterator[tuple[App, TerminalAdapter]]:
    async with open_app(settings, drawer=drawer, clock=clock, dictionary=dictionary) as app:
        app.services.illustrator.resolver = resolver
        chat = TerminalAdapter(app.dialogue, out=io.StringIO(), settle_timeout=60)
        await app.courier.attach(chat)
        yield app, chat


async def test_a_word_the_model_cannot_draw_gets_no_job_but_the_whole_card(
    settings: Settings, clock: FakeClock, dictionary: Dictionary, starter_resolver: Any
) -> None:
    drawer = FakeDrawer()
    async with _app(settings, clock, dictionary, drawer, starter_resolver) as (app, chat):
        replies = await chat.say("/word uncle")
        text = shown(replies[0])
        assert "can't draw uncle yet" in text
        assert "brother of your mother" in text and "/ˈʌŋkəl/" in text  # the card
        assert not replies[0].images
        assert await app.services.jobs.waiting_count() == 0 and drawer.batches == []
        # practice that needs no picture: the meaning, and the word to choose
        await chat.press("Practise")
        question = chat.transcript.replies[-1]
        assert "Which word means" in shown(question) and "uncle" not in shown(question)
        assert not question.images
        section = str(await gaps_section(app.services))
        assert "uncle" in section


async def test_a_word_it_can_draw_is_drawn_as_its_concept(
    settings: Settings, clock: FakeClock, dictionary: Dictionary, starter_resolver: Any
) -> None:
    drawer = FakeDrawer()
    async with _app(settings, clock, dictionary, drawer, starter_resolver) as (_, chat):
        await chat.say("/word puppy")
        await chat.settle()
        assert drawer.batches == [["a dog"]]  # resolved to the dog the model knows
        picture = chat.transcript.replies[-1]
        assert picture.images and "puppy" in shown(picture)


async def test_a_wrong_picture_is_retried_once_then_answered_honestly(
    settings: Settings, clock: FakeClock, dictionary: Dictionary, starter_resolver: Any
) -> None:
    drawer = CheckingDrawer(failures=2)
    async with _app(settings, clock, dictionary, drawer, starter_resolver) as (app, chat):
        await chat.say("/word cat")
        await chat.settle()
        assert drawer.checked == ["cat", "cat"]  # checked, drawn again, checked again
        last = chat.transcript.replies[-1]
        assert "can't draw cat yet" in shown(last) and not last.images
        stored = await app.services.db.fetchval("SELECT COUNT(*) FROM images")
        assert stored == 0  # never stored, never cached, never quizzed
        items = await app.services.db.fetchall("SELECT image_id FROM items")
        assert [row["image_id"] for row in items] == [None]


async def test_a_checked_picture_is_served_from_the_cache_without_a_new_check(
    settings: Settings, clock: FakeClock, dictionary: Dictionary, starter_resolver: Any
) -> None:
    drawer = CheckingDrawer(failures=1)  # the first try fails, the retry passes
    async with _app(settings, clock, dictionary, drawer, starter_resolver) as (_, chat):
        await chat.say("/word cat")
        await chat.settle()
        assert chat.transcript.replies[-1].images
        assert drawer.checked == ["cat", "cat"]
        again = await chat.say("/word cat")
        assert again[0].images and drawer.checked == ["cat", "cat"]


async def test_did_you_mean_offers_a_picture_only_for_what_can_be_drawn(
    settings: Settings, clock: FakeClock, dictionary: Dictionary, starter_resolver: Any
) -> None:
    async with _app(settings, clock, dictionary, FakeDrawer(), starter_resolver) as (_, chat):
        labels = [b.label for row in (await chat.say("/word elefant"))[0].buttons for b in row]
        assert "🖼 elephant" in labels
        labels = [b.label for row in (await chat.say("/word uncel"))[0].buttons for b in row]
        assert "uncle" in labels and "🖼 uncle" not in labels


async def test_other_meanings_is_a_button_under_the_card(
    settings: Settings, clock: FakeClock, dictionary: Dictionary, starter_resolver: Any
) -> None:
    async with _app(settings, clock, dictionary, FakeDrawer(), starter_resolver) as (_, chat):
        await chat.say("/word fish")
        await chat.settle()
        card = chat.transcript.replies[-1]
        assert card.images and "aquatic vertebrates" in shown(card)  # drawn at once
        await chat.press("Other meanings")
        others = chat.transcript.replies[-1]
        assert "Other meanings of fish" in shown(others)
        await chat.press("flesh")
        await chat.settle()
        # drawn or not, the card now leads with the meaning chosen
        chosen = shown(chat.transcript.replies[-1]).split("\n")
        assert any(line.startswith("1. the flesh of fish") for line in chosen), chosen

    from engine.starter.additions import drawable_concepts

    grown = ConceptResolver(drawable_concepts(), dictionary.wordnet, shown_by=shown_by())
    async with _app(settings, clock, dictionary, FakeDrawer(), grown) as (_, chat):
        await chat.say("/word father")
        await chat.settle()
        await chat.press("Other meanings")
        await chat.press("organized crime")
        await chat.settle()
        # not the father feeding a baby, nor "a man who has a child" above it
        card = chat.transcript.replies[-1]
        said = shown(card)
        assert not card.images and "I can't draw father in this meaning yet" in said
        assert "1. the head of an organized crime family" in said
        assert "a man who has a child" not in said.lower()


async def test_a_homograph_question_marks_the_meanings_that_can_be_drawn(
    settings: Settings, clock: FakeClock, dictionary: Dictionary, starter_resolver: Any
) -> None:
    async with _app(settings, clock, dictionary, FakeDrawer(), starter_resolver) as (_, chat):
        ask = (await chat.say("/word bat"))[0]
        labels = [b.label for row in ask.buttons for b in row]
        assert [label for label in labels if label.startswith("🖼")] == [
            label for label in labels if "🐾" in label
        ], labels  # the animal can be drawn; the cricket bat cannot
        await chat.press("🔧")
        assert "can't draw bat in this meaning yet" in shown(chat.transcript.replies[-1])


async def test_a_scene_that_fails_its_check_is_not_sent(
    settings: Settings, clock: FakeClock, dictionary: Dictionary, starter_resolver: Any
) -> None:
    drawer = CheckingDrawer(failures=99)  # every picture fails the check
    async with _app(settings, clock, dictionary, drawer, starter_resolver) as (app, chat):
        await chat.say("/sentence The cat is on the bed.")
        await chat.settle()
        last = chat.transcript.replies[-1]
        assert "won't show you a wrong picture" in shown(last) and not last.images
        assert await app.services.db.fetchval("SELECT COUNT(*) FROM images") == 0


def test_a_word_mostly_a_verb_drawn_as_a_thing_gets_the_things_card(
    dictionary: Dictionary,
) -> None:
    """ "watch" is mostly "to look"; its picture is a wristwatch, so the card must be the
    wristwatch's, or the learner reads one meaning under a picture of another."""
    from bot.pictures.understand import understand
    from engine.starter.additions import drawable_concepts

    resolver = ConceptResolver(drawable_concepts(), dictionary.wordnet)
    assert dictionary.everyday_senses("watch") == []  # the verb comes first
    watch = understand(dictionary, resolver, "watch")
    assert watch.drawing is not None and watch.drawing.subject == "watch"
    meaning = dictionary.sense(watch.sense_id or "")
    assert meaning is not None and meaning.part_of_speech == "noun"
    assert "time" in meaning.definition
    saw = understand(dictionary, resolver, "saw")
    meaning = dictionary.sense(saw.sense_id or "")
    assert meaning is not None and meaning.part_of_speech == "noun" and "tool" in meaning.definition


def test_a_picture_is_not_drawn_for_another_meaning_of_its_name(dictionary: Dictionary) -> None:
    """ "📖 Other meanings" of father, then "the head of an organized crime family", drew the
    father feeding a baby: its captions match every meaning of the same kind of thing. The
    meaning the card leads with still draws, and draws again (egg, book, star: their
    pictures' names stand for a sibling meaning)."""
    from bot.pictures.understand import understand
    from engine.starter.additions import drawable_concepts

    resolver = ConceptResolver(drawable_concepts(), dictionary.wordnet, shown_by=shown_by())

    def drawn(word: str, definition: str) -> str | None:
        (sense,) = [s for s in dictionary.wordnet.senses(word, "n") if definition in s.definition]
        found = understand(dictionary, resolver, word, f"n{sense.offset:08d}").drawing
        return found.subject if found else None

    assert drawn("father", "a male parent") == "man feeding baby"
    assert drawn("father", "organized crime") is None
    assert drawn("shoe", "U-shaped plate") is None  # a horse's shoe
    assert drawn("bed", "under a body of water") is None  # a river bed
    for word in ("egg", "book", "star", "banana"):
        usual = understand(dictionary, resolver, word)
        again = understand(dictionary, resolver, word, usual.sense_id)
        assert usual.drawing and again.drawing and again.drawing.subject == usual.drawing.subject


@pytest.mark.parametrize(
    ("word", "prompt", "taught"),
    [
        ("wave", "a water wave", "A line of water that moves across the sea."),
        ("dance", "a woman dancing", "move in a graceful"),
    ],
)
async def test_draw_again_draws_the_meaning_the_card_taught(
    settings: Settings,
    clock: FakeClock,
    dictionary: Dictionary,
    word: str,
    prompt: str,
    taught: str,
) -> None:
    """ "wave" alone reads as the waving hand; the card taught the sea's wave, so "Draw
    again" must draw that one too, under the same card. A verb's "Draw again" drew nothing:
    the meaning it passed on was a verb's, which the nouns' resolver refused."""
    from engine.starter.additions import drawable_concepts

    resolver = ConceptResolver(drawable_concepts(), dictionary.wordnet, shown_by=shown_by())
    drawer = FakeDrawer()
    async with _app(settings, clock, dictionary, drawer, resolver) as (_, chat):
        await chat.say(f"/word {word}")
        await chat.settle()
        await chat.press("Draw again")
        await chat.settle()
        assert drawer.batches == [[prompt], [prompt]]
        card = shown(chat.transcript.replies[-1])
        assert chat.transcript.replies[-1].images and taught in card


async def test_a_draw_again_that_fails_its_check_leaves_the_learner_their_picture(
    settings: Settings, clock: FakeClock, dictionary: Dictionary, starter_resolver: Any
) -> None:
    drawer = CheckingDrawer(failures=0, passes=1)  # the first picture passes, no other does
    async with _app(settings, clock, dictionary, drawer, starter_resolver) as (app, chat):
        await chat.say("/word cat")
        await chat.settle()
        first = chat.transcript.replies[-1]
        assert first.images
        await chat.press("Draw again")
        await chat.settle()
        last = shown(chat.transcript.replies[-1])
        assert "did not come out right" in last and "can't draw" not in last
        assert not chat.transcript.replies[-1].images
        items = await app.services.db.fetchall("SELECT image_id FROM items")
        assert [row["image_id"] for row in items] == [first.images[0].image_id]
        assert "cat" not in str(await gaps_section(app.services))  # the model can draw cats


def test_a_word_mostly_a_verb_drawn_as_a_rare_noun_of_its_own_leads_with_that_noun(
    dictionary: Dictionary,
) -> None:
    """ "pick" is "to choose" first; its picture is the pickaxe, a rare noun meaning of it: the
    card leads with the pickaxe, never "choose" under a pickaxe."""
    from bot.pictures.understand import understand
    from engine.starter.additions import drawable_concepts

    resolver = ConceptResolver(drawable_concepts(), dictionary.wordnet, shown_by=shown_by())
    understood = understand(dictionary, resolver, "pick")
    assert understood.drawing is not None and understood.drawing.subject == "pick"
    sense = dictionary.sense(understood.sense_id or "")
    assert sense is not None and "heavy iron tool" in sense.definition


def test_a_heart_is_drawn_as_the_shape_and_its_card_says_so(dictionary: Dictionary) -> None:
    """The plain meaning is the organ, which no picture shows; the red heart is the shape a
    child draws, so the card leads with the shape (and its Chinese is 心形, not 心脏)."""
    from bot.learning.cards import drawn_as
    from bot.pictures.understand import understand
    from engine.starter.additions import drawable_concepts

    resolver = ConceptResolver(drawable_concepts(), dictionary.wordnet, shown_by=shown_by())
    heart = understand(dictionary, resolver, "heart")
    assert heart.drawing is not None and heart.drawing.subject == "red heart"
    meaning = dictionary.sense(heart.drawing.sense or "")
    card = drawn_as(dictionary, dictionary.card("heart", chinese=True), meaning)
    assert card is not None and "plane figure" in card.meanings[0].definition
    assert card.chinese == "心形"
    assert resolver.resolve("heart", [dictionary.everyday_senses("heart")[0].sense_id]) is None


def test_a_plural_that_is_also_a_verbs_form_is_drawn_by_its_nouns(
    dictionary: Dictionary,
) -> None:
    """ "saws" (he saws) has no everyday meaning of its own: such a word was refused ("presents"
    while "gifts" drew the wrapped gift); its noun meanings are tried now. ("presents" also
    takes its singular's plain meaning now.)"""
    from bot.pictures.understand import understand
    from engine.starter.additions import drawable_concepts

    resolver = ConceptResolver(drawable_concepts(), dictionary.wordnet, shown_by=shown_by())
    assert not dictionary.everyday_senses("saws")
    saws = understand(dictionary, resolver, "saws")
    assert saws.drawing is not None and saws.drawing.subject == "saw"
    tool = dictionary.sense(saws.sense_id or "")
    assert tool is not None and "toothed blade" in tool.definition
    presents = understand(dictionary, resolver, "presents")
    assert presents.drawing is not None and presents.drawing.subject == "wrapped gift"
    sense = dictionary.sense(presents.sense_id or "")
    assert sense is not None and "gift" in sense.definition
    # an act is no thing: the person running is not drawn under "runs" as its first noun
    # meaning, a baseball score; it is the verb's picture, under the verb's meaning
    for word, picture in (("thinks", "thinking face"), ("runs", "person running")):
        drawn = understand(dictionary, resolver, word)
        assert drawn.drawing is not None and drawn.drawing.subject == picture
        assert (drawn.sense_id or "").startswith("v"), word
    assert understand(dictionary, resolver, "sits").drawing is None  # no picture of sitting
    engine_own = resolver_for("starter", dictionary.wordnet)  # finds it by similar words
    runs = understand(dictionary, engine_own, "runs")
    meaning = dictionary.sense(runs.sense_id or "")
    assert meaning is None or "baseball" not in meaning.definition, meaning


def test_a_word_mostly_another_part_of_speech_is_not_drawn_as_a_rare_noun(
    dictionary: Dictionary,
) -> None:
    """Only a plural's noun meanings are tried when the word is mostly a verb or adjective:
    "permit" drew a fish and "primary" a feather (WordNet's game fish and flight feather).
    A meaning a person pinned is still drawn ("lift", the elevator)."""
    from bot.pictures.understand import understand

    resolver = resolver_for("starter", dictionary.wordnet)
    for word in ("permit", "primary", "miss", "down"):
        assert understand(dictionary, resolver, word).drawing is None, word
    lift = understand(dictionary, resolver, "lift")
    assert lift.drawing is not None and lift.drawing.subject == "elevator"


def test_a_verb_is_drawn_as_the_picture_a_person_judged_to_show_it(
    dictionary: Dictionary,
) -> None:
    """ "/word swim" said "I can't draw swim yet" beside a picture of a person swimming."""
    from bot.pictures.understand import understand
    from engine.starter.additions import drawable_concepts

    resolver = ConceptResolver(drawable_concepts(), dictionary.wordnet)
    for word in ("swim", "swam", "swimming"):
        swim = understand(dictionary, resolver, word)
        assert swim.drawing is not None and swim.drawing.subject == "person swimming", word
        meaning = dictionary.sense(swim.sense_id or "")
        assert meaning is not None and meaning.definition == "travel through water"
    # a noun that no picture shows does not stand in the way: not the symptom, the face
    sneeze = understand(dictionary, resolver, "sneeze")
    assert sneeze.drawing is not None and sneeze.drawing.subject == "sneezing face"
    sneezing = dictionary.sense(sneeze.sense_id or "")
    assert sneezing is not None and sneezing.part_of_speech == "verb"
    # judged unclear in other looks: said, not drawn; nouns keep their own pictures
    assert understand(dictionary, resolver, "kneel").drawing is None
    apple = understand(dictionary, resolver, "apple").drawing
    assert apple is not None and apple.how != "action"


def test_a_chinese_verb_picks_the_verbs_meaning_where_the_picture_is_a_things(
    dictionary: Dictionary,
) -> None:
    """/word lift draws the elevator (its card leads with the verb), but 举 is "to lift";
    滑雪 "to ski; skiing" is the person skiing, 挥手 "to wave" the waving hand (the wave
    of the sea for /word wave), and 跑 "to run" keeps the run the picture shows."""
    from bot.pictures.understand import meant_in_chinese, understand

    resolver = resolver_for("starter", dictionary.wordnet)
    lifted = meant_in_chinese(dictionary, resolver, "举", "lift")
    meaning = dictionary.sense(lifted or "")
    assert meaning is not None and meaning.part_of_speech == "verb", lifted
    weights = understand(dictionary, resolver, "lift", lifted).drawing
    assert weights is not None and weights.subject == "person lifting weights"
    drawn = {}
    for chinese, english in {"滑雪": "ski", "挥手": "wave", "鞠躬": "bow"}.items():
        sense = meant_in_chinese(dictionary, resolver, chinese, english)
        drawing = understand(dictionary, resolver, english, sense).drawing
        drawn[chinese] = drawing.subject if drawing else None
    assert drawn == {"滑雪": "skier", "挥手": "waving hand", "鞠躬": "person bowing"}
    sea = understand(dictionary, resolver, "wave").drawing
    assert sea is not None and sea.subject == "water wave"
    # the waving hand is a wave of the hand, no longer the hairdo's wave (its caption "wave")
    assert understand(dictionary, resolver, "wave", "n05259240").drawing is None
    hand = understand(dictionary, resolver, "wave", "n07274027").drawing
    assert hand is not None and hand.subject == "waving hand"
    assert meant_in_chinese(dictionary, resolver, "跑", "run") is None
    assert meant_in_chinese(dictionary, resolver, "苹果", "apple") is None


def test_a_chinese_things_word_is_the_things_meaning_where_the_card_teaches_a_verb(
    dictionary: Dictionary,
) -> None:
    """零钱 "change; small change; pocket money" taught "to become different", 支票 "check;
    cheque" "to examine", 点 "point; dot" "to show with your finger". Not where the verb's
    picture shows the thing too (舞蹈 "dance": the dancer), nor an adjective said bare (冷静
    "calm"), nor where nothing tells which thing (回报 "return; payback" is no tax return)."""
    from bot.pictures.understand import meant_in_chinese

    resolver = resolver_for("starter", dictionary.wordnet)
    said = {"零钱": "change", "支票": "check", "点": "point"}
    meant = {
        z: dictionary.sense(meant_in_chinese(dictionary, resolver, z, e) or "")
        for z, e in said.items()
    }
    defined = {z: m.definition[:30] if m else None for z, m in meant.items()}
    assert defined == {
        "零钱": "the balance of money received ",
        "支票": "a written order directing a ba",
        "点": "a very small circular shape",
    }
    for chinese, english in {"舞蹈": "dance", "冷静": "calm", "回报": "return"}.items():
        assert meant_in_chinese(dictionary, resolver, chinese, english) is None, chinese


def test_a_person_is_drawn_as_the_person(dictionary: Dictionary) -> None:
    """/word person, an A1 word, said "I can't draw person yet" while /word adult drew the
    picture named "person" (its sense was filed as adult); a man stays the man. Other words a
    child names, whose own pictures no rule reached, are drawn too."""
    from bot.pictures.understand import understand
    from engine.starter.additions import drawable_concepts

    resolver = ConceptResolver(drawable_concepts(), dictionary.wordnet, shown_by=shown_by())
    words = ("person", "humans", "man", "ghost", "fire", "wood", "medal", "people")
    drawn = {w: understand(dictionary, resolver, w).drawing for w in words}
    assert {w: d.subject if d else None for w, d in drawn.items()} == {
        "person": "person",
        "humans": "person",
        "man": "man",
        "ghost": "ghost",  # its card's meaning was "a mental representation of …"
        "fire": "fire",
        "wood": "wood",
        "medal": "sports medal",
        "people": None,  # two people holding hands: a quiz offered "team", right too
    }
    ghost = dictionary.card("ghost")
    assert ghost is not None and "disembodied soul" in ghost.meanings[0].definition
