"""What the illustrator asks an open model for when a learner sends a sentence."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from bot.learning.dictionary import Dictionary
from bot.pictures.illustrator import DrawingDefaults, Illustrator
from engine.resolver import resolver_for
from engine.scene import Scene

SD15 = DrawingDefaults(
    model="stable-diffusion-v1-5/stable-diffusion-v1-5", steps=25, guidance=7.0,
    width=512, height=512, scheduler="dpm++2m", prompt_style="illustration",
)  # fmt: skip


def _open_illustrator(dictionary: Dictionary) -> Illustrator:
    resolver = resolver_for(SD15.model, dictionary.wordnet)
    assert not resolver.closed
    return Illustrator(SD15, resolver)


def test_an_open_model_gets_the_sentence_and_the_places_of_its_things(
    dictionary: Dictionary,
) -> None:
    request = _open_illustrator(dictionary).for_sentence("The cat sleeps on the sofa.")
    assert "The cat sleeps on the sofa" in request.prompt  # the whole sentence is drawn
    scene = Scene.from_json(request.scene)
    assert [o.concept for o in scene.objects] == ["cat", "sofa"] and scene.relation == "on"
    assert scene.missing == ()  # "sleeps" is in the prompt: never said to be left out


def test_counts_and_colours_reach_an_open_models_layout(dictionary: Dictionary) -> None:
    request = _open_illustrator(dictionary).for_sentence("Three red apples and a blue car.")
    scene = Scene.from_json(request.scene)
    assert [(o.concept, o.count, o.colour) for o in scene.objects] == [
        ("apple", 3, "red"),
        ("car", 1, "blue"),
    ]


def test_a_sentence_without_things_is_drawn_whole_with_no_layout(dictionary: Dictionary) -> None:
    request = _open_illustrator(dictionary).for_sentence("It is raining.")
    assert request.scene == "" and "It is raining" in request.prompt


def test_an_open_model_is_never_asked_for_what_a_sentence_says_is_not_so(
    dictionary: Dictionary,
) -> None:
    """Stable Diffusion draws the apples of "The boy doesn't like apples." (it reads no "not"):
    it is asked for the boy only, and a sentence of nothing but "not" is not drawn at all."""
    illustrator = _open_illustrator(dictionary)
    request = illustrator.for_sentence("The boy doesn't like apples.")
    assert "The boy." in request.prompt and "apple" not in request.prompt
    scene = Scene.from_json(request.scene)
    assert [o.concept for o in scene.objects] == ["boy"]
    assert scene.negated == "doesn't like apples"
    nothing = illustrator.scene_of("I don't have a dog.")
    assert nothing is not None and nothing.objects == () and nothing.negated


def test_a_word_for_many_kinds_is_asked_for_as_four_of_them_side_by_side(
    dictionary: Dictionary,
) -> None:
    starter = DrawingDefaults(
        model="starter", steps=6, guidance=2.0, width=64, height=64, scheduler="dpm++2m",
        prompt_style="caption",
    )  # fmt: skip
    illustrator = Illustrator(starter, resolver_for("starter", dictionary.wordnet))
    first = illustrator.for_word("fruit")
    scene = Scene.from_json(first.scene)
    assert [(o.word, o.concept) for o in scene.objects] == [
        ("apple", "red apple"), ("banana", "banana"), ("grapes", "grapes"),
        ("strawberry", "strawberry"),
    ]  # fmt: skip
    assert first.subject == "kinds of fruit" and scene.relation is None
    again = [Scene.from_json(illustrator.for_word("fruit", new_seed=True).scene) for _ in range(6)]
    assert any(s.objects != scene.objects for s in again)  # "Draw again": other fruit
    assert all(len(s.objects) == 4 for s in again)


def test_a_colour_is_drawn_as_four_things_all_in_it(dictionary: Dictionary) -> None:
    """ "red" on the starter: a ball, a car, a balloon and a T-shirt, each painted red, as the
    picture check reads their pixels (and the same picture is no picture of blue things)."""
    import io

    from PIL import Image

    from engine.options import EngineOptions
    from engine.pipeline import PictureEngine
    from engine.scene_check import SceneChecker

    engine = PictureEngine(EngineOptions(model="starter"))
    engine.load()
    defaults = DrawingDefaults(model="starter", **engine.defaults(), prompt_style="caption")
    illustrator = Illustrator(defaults, resolver_for("starter", dictionary.wordnet))
    checker = SceneChecker.for_starter()
    for colour in ("red", "white"):
        request = illustrator.for_word(colour)
        scene = Scene.from_json(request.scene)
        assert request.subject == f"{colour} things"
        assert {o.colour for o in scene.objects} == {colour} and len(scene.objects) == 4
        picture = engine.draw([request])[0]
        assert picture.shows is not False
        with Image.open(io.BytesIO(picture.png)) as image:
            rgb = image.convert("RGB")
        verdict = checker.check(rgb, scene)
        assert verdict.objects and verdict.colours, (colour, verdict)
        blue = Scene(tuple(replace(o, colour="blue") for o in scene.objects))
        assert checker.check(rgb, blue).colours is False


def test_a_scenes_thing_no_sentence_seed_drew_is_drawn_as_its_word(dictionary: Dictionary) -> None:
    """ "The boy kicks the ball." once said "I could not draw … well enough this time": the boy
    failed the check at the sentence's three seeds, though `/word boy` draws him. The thing is
    drawn once more as its word is ("a boy", at that word's seed), and the scene is sent."""
    from engine.options import EngineOptions
    from engine.pipeline import PictureEngine

    engine = PictureEngine(EngineOptions(model="starter"))
    engine.load()
    defaults = DrawingDefaults(model="starter", **engine.defaults(), prompt_style="caption")
    illustrator = Illustrator(defaults, resolver_for("starter", dictionary.wordnet))
    asked: list[str] = []
    draw = engine.draw

    def recorded(requests: list[Any], on_progress: Any = None) -> list[Any]:
        asked.extend(r.prompt for r in requests)
        return draw(requests, on_progress)

    engine.draw = recorded  # type: ignore[method-assign]
    picture = engine.draw([illustrator.for_sentence("The boy kicks the ball.")])[0]
    assert picture.shows is True
    assert "boy" in asked and "a boy" in asked  # the sentence's boy failed; the word's passed
