"""Turns a word or sentence into a full generation request with the model's defaults."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from bot.learning.forms import counted_singular
from engine.groups import pick, ringed
from engine.phrases import parse_sense
from engine.prompts import Prompt, sentence_prompt, word_prompt
from engine.request import GenerationRequest, seed_for
from engine.resolver import OpenResolver, Resolution, Resolver
from engine.scene import Scene, SceneObject, parse
from engine.scene_words import SETTING_ALONE, what_is_so

SEVERAL = 3  # copies a closed model draws for a plural word


@dataclass(frozen=True)
class DrawingDefaults:
    model: str
    steps: int
    guidance: float
    width: int
    height: int
    scheduler: str
    prompt_style: str
    seed_policy: str = "prompt"
    # style name → (prompt pattern with {}, LoRA adapters and weights)
    styles: dict[str, tuple[str, tuple[tuple[str, float], ...]]] = field(default_factory=dict)
    descriptions: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Variety:
    """A model with built-in styles (the starter): "Draw again" may draw in another of them."""

    # the looks a concept is drawn truly in; the first is how it looks when no style is asked
    styles_for: Callable[[str], tuple[str, ...]]
    style_of: Callable[[str], str | None]  # the built-in style a prompt asks for


Styles = dict[str, tuple[str, tuple[tuple[str, float], ...]]]


def built_in_styles(model: str) -> tuple[Styles, dict[str, str]]:
    """The starter's own art styles (asked for in words: "an apple, fluent style"), drawn by
    the grown model where it was measured to draw the concept truly in that style."""
    from engine.starter import BUILT_IN_STYLES, knows_styles, styled
    from engine.starter.additions import styles_available

    if model != "starter" or not (knows_styles() or styles_available()):
        return {}, {}
    none: tuple[tuple[str, float], ...] = ()
    styles = {name: (styled("{}", name), none) for name in BUILT_IN_STYLES}
    return styles, dict(BUILT_IN_STYLES)


def variety_for(model: str) -> Variety | None:
    """ "Draw again" in another built-in style (the starter with its styles), else None."""
    if not built_in_styles(model)[0]:
        return None
    from engine.starter import additions

    return Variety(additions.styles_for, additions.style_of)


class Illustrator:
    """Knows what the loaded model can draw (its resolver) and how to ask it (its defaults)."""

    def __init__(
        self,
        defaults: DrawingDefaults,
        resolver: Resolver | None = None,
        meanings: Callable[[str], list[str]] | None = None,
        variety: Variety | None = None,
    ) -> None:
        self.defaults = defaults
        self.resolver: Resolver = resolver or OpenResolver()
        # a noun's sense ids, the everyday one first (the dictionary's): a word in a sentence
        # is drawn as the same thing as with /word
        self.meanings = meanings
        self.variety = variety

    def another_style(self, subjects: list[str], previous_prompt: str) -> str | None:
        """For "Draw again" in a chat without a chosen style: the next built-in style after
        the picture before's that every subject is drawn truly in, so presses go round all of
        them (None: there is no other)."""
        if self.variety is None or not subjects:
            return None
        looks = self.variety.styles_for(subjects[0])  # in the model's own order
        before = self.variety.style_of(previous_prompt) or looks[0]
        shared = [s for s in looks if all(s in self.variety.styles_for(o) for o in subjects[1:])]
        if before not in shared:
            return shared[0] if shared else None
        following = shared[shared.index(before) + 1 :] + shared[: shared.index(before)]
        return following[0] if following else None

    def draws_another(self, subjects: list[str], prompt: str) -> bool:
        """Would "Draw again" show another picture of these things? On a model without built-in
        styles, yes (a new seed is a new picture); the starter has learnt one picture a concept
        in each of its looks, so only if it draws them all truly in another look."""
        return self.variety is None or self.another_style(subjects, prompt) is not None

    @property
    def guided(self) -> bool:
        """diffusers reads the negative prompt only with classifier-free guidance (> 1)."""
        return self.defaults.guidance > 1

    def _request(
        self,
        prompt: Prompt,
        *,
        new_seed: bool,
        style: str | None = None,
        subject: str = "",
        adapters: tuple[tuple[str, float], ...] = (),
    ) -> GenerationRequest:
        d = self.defaults
        if style and style in d.styles:
            pattern, style_adapters = d.styles[style]
            prompt = replace(prompt, text=pattern.replace("{}", prompt.text))
            adapters = adapters + style_adapters
        random_seed = new_seed or d.seed_policy == "random"
        seed = secrets.randbelow(2**31) if random_seed else seed_for(prompt.text)
        return GenerationRequest(
            model=d.model,
            prompt=prompt.text,
            negative_prompt=prompt.negative,
            width=d.width,
            height=d.height,
            steps=d.steps,
            guidance=d.guidance,
            seed=seed,
            scheduler=d.scheduler,
            adapters=adapters,
            subject=subject,
        )

    def for_word(
        self,
        word: str,
        *,
        drawing: Resolution | None = None,
        sense: str | None = None,
        lemma: str | None = None,
        new_seed: bool = False,
        style: str | None = None,
        again_after: str | None = None,
    ) -> GenerationRequest:
        """`drawing` is what the resolver chose (a closed model draws its concept); `sense`
        describes a meaning the learner chose, and small models get its most specific name.
        `again_after`: "Draw again" of a picture drawn with this prompt (a new look if any)."""
        subject = asked = word
        if drawing is None:  # a word already taught or chosen by the program: words alone
            drawing = self.resolver.resolve(word)
        if drawing is not None and drawing.kinds:
            return self._kinds(drawing, new_seed=new_seed, style=style, again_after=again_after)
        adapters: tuple[tuple[str, float], ...] = ()
        if drawing is not None and drawing.how != "open":
            word, subject = drawing.prompt, drawing.subject
            adapters = ((drawing.adapter, 1.0),) if drawing.adapter else ()
        elif self.defaults.prompt_style == "caption" and lemma:
            word = lemma
        if again_after is not None and style is None and drawing is not None:
            style = self.another_style([subject], again_after)
        request = self._request(
            word_prompt(word, sense=sense, style=self.defaults.prompt_style, guided=self.guided),
            new_seed=new_seed,
            style=style,
            subject=subject,
            adapters=adapters,
        )
        several = self._several(asked, drawing) if drawing is not None else None
        return replace(request, scene=several.to_json()) if several else request

    def _several(self, word: str, drawing: Resolution) -> Scene | None:
        """A closed model's picture is one thing, so a plural ("clocks") is drawn as three of
        it, as its card says "These are clocks."; "glasses" and "trousers" are words of their
        own, and a plural drawn as another picture than its singular ("eyes") stays as it is."""
        wordnet = getattr(self.resolver, "wordnet", None)
        if not self.resolver.closed or wordnet is None or drawing.how == "taught":
            return None
        if drawing.subject in ringed():
            return None  # "toes": one of them ringed on the foot, as the card's line says
        if drawing.subject.split()[-1] == word.lower():
            return None  # a picture made for the plural shows several (grapes, french fries)
        singular = counted_singular(wordnet, word)
        if singular is None:
            return None
        one = self.resolver.resolve(singular, [drawing.sense] if drawing.sense else [])
        if one is None or one.subject != drawing.subject:
            return None
        parsed = parse_sense(one.sense or drawing.sense)
        body = parsed and wordnet.synset(parsed[1], "n").lexname == "noun.body"
        count = 2 if body else SEVERAL  # eyes, hands, feet come in twos
        return Scene((SceneObject(singular, drawing.subject, count=count),))

    def _kinds(
        self, drawing: Resolution, *, new_seed: bool, style: str | None, again_after: str | None
    ) -> GenerationRequest:
        """A kind of thing with many kinds ("fruit"): four of them side by side, as a scene;
        the first four, and on "Draw again" four at random (and another look, if they share
        one)."""
        kinds = pick(drawing.kinds, secrets.randbelow(2**31) if new_seed else None)
        if again_after is not None and style is None:
            style = self.another_style([concept for concept, _ in kinds], again_after)
        prompt = word_prompt(drawing.prompt, style=self.defaults.prompt_style, guided=self.guided)
        request = self._request(prompt, new_seed=new_seed, style=style, subject=drawing.subject)
        colour = drawing.colour or None  # "red": red things
        scene = Scene(tuple(SceneObject(word, concept, colour=colour) for concept, word in kinds))
        return replace(request, scene=scene.to_json())

    def for_sentence(
        self,
        sentence: str,
        *,
        new_seed: bool = False,
        style: str | None = None,
        scene: Scene | None = None,
        again_after: str | None = None,
    ) -> GenerationRequest:
        """A closed model draws the sentence as a scene of its objects (see engine/scene.py);
        an open model draws the sentence, its scene's layout steering it (engine/regions.py)."""
        if scene is None:
            scene = self.scene_of(sentence)
        if again_after is not None and style is None and scene is not None:
            style = self.another_style(scene.concepts, again_after)
        # an open model is asked for what is so: "The boy doesn't like apples." drew apples
        shown = what_is_so(sentence) if scene is not None and scene.negated else None
        request = self._request(
            sentence_prompt(
                shown or sentence, style=self.defaults.prompt_style, guided=self.guided
            ),
            new_seed=new_seed,
            style=style,
        )
        if scene is not None and scene.objects:
            request = replace(request, scene=scene.to_json())
        elif self.resolver.closed:
            # nothing in it can be drawn (an old history entry): the check must fail it
            request = replace(request, subject=sentence)
        return request

    def scene_of(self, sentence: str) -> Scene | None:
        """The scene to draw for the sentence: for a closed model its drawable objects (maybe
        none); for an open model the things whose places steer it, or None when it has none
        (the model draws the whole sentence, so no word of it is said to be left out)."""
        wordnet = getattr(self.resolver, "wordnet", None)
        if wordnet is None:
            return None
        scene = parse(sentence, self.resolver, wordnet, self.meanings)
        if self.resolver.closed:
            return scene
        things = [o for o in scene.objects if SETTING_ALONE.get(o.word) != o.concept]
        if scene.negated and not things:  # "I don't have a dog.": no picture shows it
            return replace(scene, objects=(), missing=())
        return replace(scene, missing=()) if things else None  # "It is raining.": whole

    @property
    def style_names(self) -> list[str]:
        return sorted(self.defaults.styles)

    def style_description(self, name: str) -> str:
        return self.defaults.descriptions.get(name, "")
