"""`pictolingo eval`, the `scenes` figures: are sentences drawn as the scenes they state?

Each sentence goes the learner's way (parsed, laid out, drawn by the starter, its objects
checked); the finished picture is then judged by the layout-blind checker against what the
sentence *states* (written down beside it, never taken from the parser): every thing found,
how many, their colours, the relation. A sentence whose picture would not be sent, or that
names a thing the model cannot draw, counts as not shown.

Sentences: 200 from templates over the model's drawable beginner nouns (50 each for count,
colour, spatial and two_objects; a fixed random seed) and the beginner sentences of
``engine/data/scene_sentences.tsv`` (``learner_sentences``).
"""

from __future__ import annotations

import io
import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.learning.dictionary import Dictionary
from bot.learning.forms import form_of, plural_noun
from bot.pictures.truth_eval import word_list
from bot.pictures.understand import understand
from engine.datafiles import rows
from engine.groups import ringed
from engine.pipeline import PictureEngine
from engine.request import GenerationRequest
from engine.resolver import Resolver
from engine.scene import Scene, SceneObject, parse
from engine.scene_check import SceneChecker
from engine.scene_words import COLOURS, RELATIONS

SENTENCES = Path(__file__).parents[2] / "engine" / "data" / "scene_sentences.tsv"
NUMBER_WORDS = ["two", "three", "four", "five", "six"]
PER_CATEGORY = 50


@dataclass(frozen=True)
class Case:
    category: str
    sentence: str
    states: Scene  # what the sentence says, concepts resolved ("" where none can be drawn)


def template_cases(things: list[tuple[str, str]], seed: int = 7) -> list[Case]:
    """Sentences of four kinds over (noun, concept) pairs; a noun with no concept ("") is never
    used, but it keeps its place: each sentence draws its nouns from the whole list with its
    own random stream, so a word that starts or stops resolving changes only the sentences
    that meet it, not all 200 (the figures stay comparable from one resolver to the next)."""
    from lemminflect import getInflection

    if len({thing for thing in things if thing[1]}) < 3:
        raise ValueError("the template sentences need at least three nouns that can be drawn")
    colours = [c for c in COLOURS if c != "gray"]
    relations = sorted(set(RELATIONS.values()))

    def plural(word: str) -> str:
        return (getInflection(word, "NNS") or (word + "s",))[0]

    def article(word: str) -> str:
        return "An" if word[0] in "aeiou" else "A"

    def pick(rng: random.Random, count: int) -> list[tuple[str, str]]:
        chosen: list[tuple[str, str]] = []
        while len(chosen) < count:
            thing = rng.choice(things)
            if thing[1] and thing not in chosen:
                chosen.append(thing)
        return chosen

    def stream(category: str, number: int) -> random.Random:
        return random.Random(f"{seed}/{category}/{number}")

    cases = []
    for number in range(PER_CATEGORY):
        rng = stream("count", number)
        ((word, concept),), n = pick(rng, 1), rng.randint(2, 6)
        text = f"{NUMBER_WORDS[n - 2].capitalize()} {plural(word)}."
        cases.append(Case("count", text, Scene((SceneObject(word, concept, n),))))
    for number in range(PER_CATEGORY):
        rng = stream("colour", number)
        ((word, concept),) = pick(rng, 1)
        colour, n = rng.choice(colours), rng.choice([1, 1, 2, 3])
        text = (
            f"{article(colour)} {colour} {word}."
            if n == 1
            else f"{NUMBER_WORDS[n - 2].capitalize()} {colour} {plural(word)}."
        )
        cases.append(Case("colour", text, Scene((SceneObject(word, concept, n, colour),))))
    for number in range(PER_CATEGORY):
        rng = stream("spatial", number)
        relation = rng.choice(relations)
        if relation == "between":
            (a, ca), (b, cb), (c, cc) = pick(rng, 3)
            text = f"The {a} is between the {b} and the {c}."
            scene = Scene((SceneObject(a, ca), SceneObject(b, cb), SceneObject(c, cc)), relation)
        else:
            (a, ca), (b, cb) = pick(rng, 2)
            text = f"The {a} is {relation} the {b}."
            scene = Scene((SceneObject(a, ca), SceneObject(b, cb)), relation)
        cases.append(Case("spatial", text, scene))
    for number in range(PER_CATEGORY):
        (a, ca), (b, cb) = pick(stream("two_objects", number), 2)
        text = f"{article(a)} {a} and {article(b).lower()} {b}."
        cases.append(Case("two_objects", text, Scene((SceneObject(a, ca), SceneObject(b, cb)))))
    return cases


def learner_cases(resolve: Callable[[str], str]) -> list[Case]:
    """The committed beginner sentences, with what each states."""
    cases = []
    for sentence, states in rows(SENTENCES):
        things, _, relation = states.partition("|")
        objects = []
        for part in things.split(";"):
            name, _, rest = part.partition("*")
            count, _, colour = rest.partition(":")
            objects.append(SceneObject(name, resolve(name), int(count), colour or None))
        scene = Scene(tuple(objects), None if relation in ("", "-") else relation)
        cases.append(Case("learner_sentences", sentence, scene))
    return cases


def scene_figures(
    dictionary: Dictionary,
    resolver: Resolver,
    engine: PictureEngine,
    checker: SceneChecker,
    *,
    cases: list[Case] | None = None,
    sheet: Path | None = None,
    progress: Callable[[str], None] = print,
) -> dict[str, Any]:
    """The share of sentences shown per category (and speed); `cases` replaces the lists."""

    def meanings(word: str) -> list[str]:
        return [m.sense_id for m in dictionary.everyday_senses(word)]

    def resolve(word: str) -> str:
        """A word for many kinds ("fruit") is drawn as its kinds for /word only, and a part as
        its whole ringed ("ankle"), and a verb as someone doing it ("wash"): in a sentence they
        are said, so the templates do not use them."""
        drawing = understand(dictionary, resolver, word).drawing
        if drawing is None or drawing.kinds or drawing.how == "action":
            return ""
        if resolver.closed and drawing.subject in ringed():
            return ""
        return drawing.subject

    things = []  # every lemma keeps its place in the list; "" where nothing is drawn
    for word in word_list():  # the templates inflect nouns themselves: lemmas only
        if " " not in word and form_of(dictionary.wordnet, word) is None:
            # "stairs", "steps": lemmas, but the templates would say "a stairs", "three stepses"
            plural = plural_noun(dictionary.wordnet, word)
            things.append((word, "" if plural else resolve(word)))
    if cases is None:
        cases = template_cases(things) + learner_cases(resolve)
    progress(f"scenes: drawing and checking {len(cases)} sentences")
    passed: dict[str, list[bool]] = {}
    drawn: list[tuple[Case, bytes | None, bool]] = []
    scene_seconds: list[float] = []
    for number, case in enumerate(cases):
        scene = parse(case.sentence, resolver, dictionary.wordnet, meanings)
        png = None
        ok = False
        if scene.objects:
            request = GenerationRequest(
                model=engine.model_name, prompt=case.sentence, negative_prompt="",
                seed=number, scene=scene.to_json(), **engine.defaults(),
            )  # fmt: skip
            start = time.perf_counter()
            picture = engine.draw([request])[0]
            scene_seconds.append(time.perf_counter() - start)
            if picture.shows is not False:  # a picture that fails its check is never sent
                png = picture.png
                ok = all(o.concept for o in case.states.objects) and _shows(checker, png, case)
        passed.setdefault(case.category, []).append(ok)
        drawn.append((case, png, ok))
        if number % 50 == 49:
            progress(f"scenes: {number + 1} of {len(cases)}")
    word_seconds = _word_seconds(engine, [thing for thing in things if thing[1]][:10])
    result: dict[str, Any] = {
        category: round(sum(oks) / len(oks), 3) for category, oks in passed.items()
    }
    result["sentences"] = len(cases)
    result["scene_seconds"] = round(sum(scene_seconds) / max(1, len(scene_seconds)), 3)
    result["word_seconds"] = round(word_seconds, 3)
    result["scene_to_word"] = round(result["scene_seconds"] / max(word_seconds, 1e-6), 2)
    result["missed"] = [c.sentence for c, _, ok in drawn if not ok][:40]
    if sheet is not None:
        learner = [d for d in drawn if d[0].category == "learner_sentences"][:30]
        contact_sheet(learner, sheet)
        result["sheet"] = str(sheet)
    return result


def _shows(checker: SceneChecker, png: bytes, case: Case) -> bool:
    from PIL import Image

    with Image.open(io.BytesIO(png)) as image:
        verdict = checker.check(image.convert("RGB"), case.states)
    return verdict.shows and verdict.objects


def _word_seconds(engine: PictureEngine, things: list[tuple[str, str]]) -> float:
    """Seconds for one /word picture on this engine (the mean of a few)."""
    took = []
    for number, (_, concept) in enumerate(things):
        request = GenerationRequest(
            model=engine.model_name, prompt=concept, negative_prompt="", seed=number,
            subject=concept, **engine.defaults(),
        )  # fmt: skip
        start = time.perf_counter()
        engine.draw([request])
        took.append(time.perf_counter() - start)
    return sum(took) / max(1, len(took))


def contact_sheet(drawn: list[tuple[Case, bytes | None, bool]], path: Path) -> None:
    """The pictures with their sentences; a ✗ (red) where the checker says not shown."""
    from PIL import Image, ImageDraw

    cell, label, columns = 128, 30, 6
    count = max(1, len(drawn))
    sheet = Image.new("RGB", (columns * cell, -(-count // columns) * (cell + label)), "white")
    draw = ImageDraw.Draw(sheet)
    for n, (case, png, ok) in enumerate(drawn):
        x, y = (n % columns) * cell, (n // columns) * (cell + label)
        if png is not None:
            with Image.open(io.BytesIO(png)) as image:
                sheet.paste(image.convert("RGB").resize((cell - 8, cell - 8)), (x + 4, y + 2))
        colour = "black" if ok else "red"
        text = ("" if ok else "x ") + case.sentence
        draw.text((x + 3, y + cell - 4), text[:21], fill=colour)
        draw.text((x + 3, y + cell + 8), text[21:42], fill=colour)
    path.parent.mkdir(parents=True, exist_ok=True)
    sheet.quantize(256).save(path, optimize=True)
