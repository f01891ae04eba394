"""Quizzes: build questions from a learner's own pictures, ask them, check answers, give feedback.

Every answer feeds spaced review (FSRS), the review log, XP and the streak. State lives in the
database (quizzes/questions), so a restart or a switch of platform loses nothing.
"""

from __future__ import annotations

import asyncio
import random
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import partial
from typing import Any

from bot.conversation.markup import bold
from bot.conversation.messages import Button, Picture, Reply
from bot.conversation.validation import is_number
from bot.learning.answers import Verdict, check_typed
from bot.learning.countability import plural
from bot.learning.dictionary import Dictionary
from bot.learning.distractors import sentence_choices, word_choices
from bot.learning.grid import compose_grid
from bot.learning.plain import learner_definitions
from bot.learning.review import rating_for, rating_for_verdict, review
from bot.learning.streaks import after_correct_answer, current_streak, local_day
from engine.actions import (
    acted_subjects,
    both_true,
    doing_swapped,
    done_alone,
    wrong_answers,
)
from engine.groups import (
    colour_of,
    other_places,
    place_of,
    ringed_picture,
    ringed_wrong_answers,
)
from engine.scene import Scene
from engine.scene_words import NUMBERS as NUMBER_WORDS
from engine.scene_words import RELATIONS
from storage.clock import Clock
from storage.images import ImageStore, StoredImage
from storage.learning import Item, LearningStore, Question
from storage.users import UserStore

ROTATION = ("pick_word", "type_word", "pick_picture", "pick_word", "type_word")
PROMPTS = {
    "pick_word": "What is this?",
    "pick_picture": "Which picture shows {word}?",
    "pick_sentence": "Which sentence matches the picture?",
    "type_word": "What is this? Type the word.",
    # In a class chat only a reply to the question is read as an answer (never chatter).
    "type_word_group": "What is this? Reply to this message with the word.",
}


def picture_question(params: Mapping[str, Any], *, word: bool = True) -> str:
    """What a picture asks instead of "What is this?": a word's four kinds ("fruit") ask for
    the one word, its three copies ("clocks") ask in the plural, and a part ringed on its
    whole asks what the circle shows (a neck's man has a head and a shirt too)."""
    raw = params.get("scene") if word else None
    scene = Scene.from_json(str(raw)) if raw else None
    if scene and not scene.one_kind:
        subject = str(params.get("subject", ""))
        ask = "What one word names"
        if place_of(subject):
            ask = "Where do you find"  # a kitchen drawn as a stove, a sink …
        elif colour_of(subject):
            ask = "What colour are"
        return f"{ask} all of these?"
    if scene:
        return "What are these?"
    if ringed_picture(params):
        return "What does the red circle show?"
    if str(params.get("subject", "")) in acted_subjects():
        return "Which word goes with the picture?"  # a person swimming: not "What is this?"
    return "What is this?"


@dataclass(frozen=True)
class Outcome:
    correct: bool
    helped: bool
    feedback: str


class QuizMaster:
    def __init__(
        self,
        learning: LearningStore,
        images: ImageStore,
        users: UserStore,
        dictionary: Dictionary,
        clock: Clock,
    ) -> None:
        self.learning = learning
        self.images = images
        self.users = users
        self.dictionary = dictionary
        self.clock = clock

    # ---- building
    async def build(
        self, user_id: int, items: list[Item], source: str, kinds: list[str] | None = None
    ) -> int | None:
        own = await self.learning.items(user_id, kind="word", limit=50)
        pictured = [i for i in [*own, *items] if i.kind == "word" and i.image_id]
        shows = await self.images.subjects([i.image_id for i in pictured if i.image_id])
        subjects = {i.text: shows.get(i.image_id or 0, "") for i in pictured}  # word → its thing
        questions = []
        for position, item in enumerate(items):
            kind = (
                "pick_sentence"
                if item.kind == "sentence"
                else (kinds[position % len(kinds)] if kinds else ROTATION[position % len(ROTATION)])
            )
            question = await self._question(user_id, item, kind, own, subjects)
            if question is not None:
                questions.append(question)
        if not questions:
            return None
        return await self.learning.new_quiz(user_id, source, questions)

    async def _question(
        self, user_id: int, item: Item, kind: str, own: list[Item], subjects: dict[str, str]
    ) -> dict[str, Any] | None:
        rng = random.Random(f"{item.id}:{self.clock.now().date()}")
        if kind == "pick_sentence" and item.image_id is None:
            return await self._written_question(item, rng)  # nothing drawn: text only
        if kind == "pick_sentence":
            wrong = await asyncio.to_thread(
                sentence_choices, self.dictionary, item.text, count=6, rng=rng
            )
            stored = await self._picture(item)
            drawn = self._drawn_words(stored)
            if drawn is not None:
                # a scene: a wrong choice may only differ in what the picture shows
                wrong = [w for w in wrong if _differs_only_in(item.text, w, drawn)]
                doings = self._other_doings(item.text, stored, rng)  # "The boy sleeps."
                wrong = [*doings[:2], *wrong, *doings[2:]]
            if not wrong:  # "The boy doesn't like apples.": the picture shows only the boy
                return await self._written_question(item, rng)
            return self._choice(item, kind, item.text, wrong[:3], rng)
        if kind == "pick_picture":
            picture = await self._picture_choice(user_id, item, rng)
            if picture is not None:
                return picture
            kind = "pick_word"
        if kind == "type_word":
            return {
                "item_id": item.id,
                "kind": kind,
                "image_id": item.image_id,
                "answer": item.text,
            }
        stored = await self._picture(item)
        if stored is not None and place_of(str(stored.params.get("subject", ""))):
            # "Where do you find all of these?": the other places are the wrong answers
            return self._choice(item, "pick_word", item.text, other_places(item.text, rng), rng)
        if stored is not None and ringed_picture(stored.params):
            # "What does the red circle show?": other parts, never the arm round the elbow
            part = str(stored.params["subject"])
            wrong = ringed_wrong_answers(part, rng)
            if item.text != part:  # "toes": one of the toes is ringed
                wrong = [plural(w) for w in wrong]
            return self._choice(item, "pick_word", item.text, wrong, rng)
        acting = wrong_answers(
            item.text,
            str(stored.params.get("subject", "")) if stored is not None else "",
            rng,
        )
        if acting:  # "swam" under the person swimming: other things people do ("slept")
            return self._choice(item, "pick_word", item.text, acting, rng)
        # the learner's words drawn as the same thing ("sea" and "wave") are no wrong answer,
        # nor is a thing the picture shows ("stove" under things in a kitchen)
        shown = subjects.get(item.text, "")
        alike = {w for w, thing in subjects.items() if shown and thing == shown and w != item.text}
        alike |= self._drawn_words(stored) or set()
        # the picture's own name: "king" is drawn as the crowned man the emoji calls "prince"
        drawn_as = str(stored.params.get("subject", "")) if stored is not None else ""
        alike |= {drawn_as, *drawn_as.split()} - {""}
        wrong = await asyncio.to_thread(
            word_choices,
            self.dictionary,
            item.text,
            own_words=[i.text for i in own],
            rng=rng,
            avoid=alike,
            sense_id=item.sense,
        )
        raw = stored.params.get("scene") if stored is not None else None
        if raw and Scene.from_json(str(raw)).one_kind:  # "apples" drawn as three apples
            wrong = [plural(w) for w in wrong]  # among "pears", not "pear"
        return self._choice(item, "pick_word", item.text, wrong, rng)

    async def _written_question(self, item: Item, rng: random.Random) -> dict[str, Any] | None:
        """Nothing was drawn: "Which sentence is written correctly?", the others each with one
        beginner's mistake that the corrector would put right (never a second right answer)."""
        from bot.learning.grammar import Corrector, mistakes

        wrong = await asyncio.to_thread(mistakes, Corrector(self.dictionary), item.text)
        question = self._choice(
            item, "pick_sentence", item.text, rng.sample(wrong, len(wrong)), rng
        )
        # asked without the picture: it is about the English, not what was drawn
        return question and question | {"image_id": None}

    def _choice(
        self, item: Item, kind: str, right: str, wrong: list[str], rng: random.Random
    ) -> dict[str, Any] | None:
        if not wrong:
            return None
        options = [right, *wrong[:3]]
        rng.shuffle(options)
        return {
            "item_id": item.id,
            "kind": kind,
            "image_id": item.image_id,
            "options": options,
            "answer": str(options.index(right)),
        }

    async def _picture_choice(
        self, user_id: int, item: Item, rng: random.Random
    ) -> dict[str, Any] | None:
        if item.image_id is None:
            return None
        candidates = await self.learning.other_pictures(user_id, [item.text])
        shows = await self.images.subjects([item.image_id, *(i for _, i in candidates)])
        shown = shows.get(item.image_id, "")
        others: list[tuple[str, int]] = []
        for text, image_id in candidates:
            if len(others) == 3 or self.dictionary.related(item.text, text):
                continue
            if shown and shows.get(image_id) == shown:
                continue  # "sea" and "wave" are both drawn as the wave: not a wrong answer
            if both_true(shown, shows.get(image_id, "")):
                continue  # "Which picture shows cry?": the laughing face cries too
            others.append((text, image_id))
        if len(others) < 3:
            return None
        cells = [(item.text, item.image_id), *others]
        rng.shuffle(cells)
        paths = []
        for _, image_id in cells:
            stored = await self.images.get(image_id)
            if stored is None or not stored.path.exists():
                return None
            paths.append(stored.path)
        png = await asyncio.to_thread(compose_grid, paths)
        grid = await self.images.save(
            png, width=390, height=390, seed=0, params={"grid": [c[1] for c in cells]}
        )
        return {
            "item_id": item.id,
            "kind": "pick_picture",
            "image_id": grid.id,
            "options": [c[0] for c in cells],
            "answer": str([c[0] for c in cells].index(item.text)),
        }

    # ---- asking
    async def ask(
        self, question: Question, *, number: int = 0, total: int = 0, in_group: bool = False
    ) -> Reply:
        await self.learning.mark_asked(question.id)
        item = await self.learning.item_by_id(question.item_id) if question.item_id else None
        word = item.text if item else ""
        prompt = PROMPTS[question.kind]
        if in_group:
            prompt = PROMPTS.get(f"{question.kind}_group", prompt)
        text = prompt.format(word=bold(word))
        if question.kind == "pick_sentence" and question.image_id is None:
            text = "Which sentence is written correctly?"
        elif question.image_id is None and question.kind in ("pick_word", "type_word") and item:
            # A word taught without a picture is practised from its meaning.
            clue = await asyncio.to_thread(self._clue, item)  # reads the dictionary
            text = (
                f"Which word means: {clue}?"
                if question.kind == "pick_word"
                else f"Type the word that means: {clue}"
            )
        stored = await self.images.get(question.image_id) if question.image_id else None
        if stored is not None:
            is_word = bool(item and item.kind == "word")
            text = text.replace("What is this?", picture_question(stored.params, word=is_word))
        if total > 1:
            text = f"Question {number} of {total}: {text}"
        buttons: list[tuple[Button, ...]] = []
        if question.kind == "pick_sentence":
            text += "\n" + "\n".join(f"{i + 1}. {o}" for i, o in enumerate(question.options))
            buttons = [
                tuple(
                    Button(str(i + 1), f"qa:{question.id}:{i}")
                    for i in range(len(question.options))
                )
            ]
        elif question.kind == "pick_picture":
            buttons = [
                tuple(Button(str(i + 1), f"qa:{question.id}:{i}") for i in range(2)),
                tuple(Button(str(i + 1), f"qa:{question.id}:{i}") for i in range(2, 4)),
            ]
        elif question.kind == "pick_word":
            labels = [Button(o, f"qa:{question.id}:{i}") for i, o in enumerate(question.options)]
            buttons = [tuple(labels[:2]), tuple(labels[2:])]
        else:
            buttons = [(Button("🤷 I don't know", f"qa:{question.id}:skip"),)]
        images: tuple[Picture, ...] = ()
        if stored is not None:
            images = (Picture(stored.path, stored.id, caption="?", alt="quiz picture"),)
        return Reply(text, images=images, buttons=tuple(buttons))

    async def _picture(self, item: Item) -> StoredImage | None:
        return await self.images.get(item.image_id) if item.image_id else None

    @staticmethod
    def _drawn_words(image: StoredImage | None) -> set[str] | None:
        """The words a scene picture shows (objects, counts, the relation); None when the
        picture was drawn from the whole sentence at once."""
        raw = image.params.get("scene") if image else None
        if not raw:
            return None
        scene = Scene.from_json(str(raw))
        # a person drawn doing something is anyone doing it: "boy" is not what it shows
        words = {o.word for o in scene.objects if not o.action}
        if not any(o.many for o in scene.objects):  # "twelve" and "eleven" look the same
            words |= set(NUMBER_WORDS)
        words |= {o.colour for o in scene.objects if o.colour}  # a colour the picture shows
        words |= {
            form for o in scene.objects if not o.action for form in (o.word + "s", o.word + "es")
        }
        if scene.relation:
            words |= {scene.relation, *scene.relation.split()}
            words |= {w for phrase in RELATIONS for w in phrase.split()}
        return words

    def _other_doings(
        self, sentence: str, image: StoredImage | None, rng: random.Random
    ) -> list[str]:
        """A person drawn doing something ("The boy runs." as the person running): the same
        sentence with another verb whose picture is not that one is plainly wrong."""
        raw = image.params.get("scene") if image else None
        objects = Scene.from_json(str(raw)).objects if raw else ()
        doings = [o.action for o in objects if o.action and o.concept in acted_subjects()]
        wordnet = self.dictionary.wordnet
        alone = partial(done_alone, wordnet)
        return [w for doing in doings[:1] for w in doing_swapped(sentence, doing, alone, rng)]

    def _clue(self, item: Item) -> str:
        meaning = self.dictionary.sense(item.sense) if item.sense else None
        plain = learner_definitions().get(item.text.lower())
        if meaning is not None and plain is not None and plain.sense_id == item.sense:
            clue = plain.meaning.split(": ")[0]  # "a thought or a plan in your head", not
        elif meaning is not None:  # WordNet's "the content of cognition"
            clue = meaning.definition.split(";")[0]
        else:
            card = self.dictionary.card(item.text)
            if card is not None and card.plain is not None:
                # the project's own meaning, without its example ("a name for a boy or a man")
                clue = card.plain.meaning.split(": ")[0]
            elif card is not None and card.meanings:
                clue = card.meanings[0].definition.split(";")[0]
            else:
                return "(no meaning known)"
        # the meaning must not give the answer away ("a male parent … your father")
        return re.sub(rf"\b{re.escape(item.text)}\w*", "___", clue, flags=re.IGNORECASE)

    # ---- answering
    async def answer_choice(
        self, user_id: int, question: Question, choice: str, *, in_group: bool = False
    ) -> list[Reply]:
        if question.answered:
            return [Reply("You already answered that one.", ephemeral=True)]
        right_index = int(question.answer) if question.kind != "type_word" else -1
        right = question.options[right_index] if right_index >= 0 else question.answer
        correct = is_number(choice) and int(choice) == right_index
        if not await self.learning.answer(question.id, correct):
            return [Reply("You already answered that one.", ephemeral=True)]
        if correct:
            feedback = f"✅ Right! {bold(right)}"
        elif question.kind == "pick_sentence" and question.image_id is None:
            feedback = f"❌ Not quite. The right one is: {bold(right)}"
        elif question.kind == "pick_sentence":  # a whole sentence: quote it as it is
            feedback = f"❌ Not quite. The picture shows: {bold(right)}"
        else:
            feedback = f"❌ Not quite. The answer is {bold(right)}."  # "It is apple." is no English
        return await self._after(
            user_id, question, Outcome(correct, False, feedback), in_group=in_group
        )

    async def answer_typed(
        self, user_id: int, question: Question, text: str, *, in_group: bool = False
    ) -> list[Reply]:
        checked = check_typed(text, question.answer, base_forms=self._forms)
        if checked.verdict is Verdict.CLOSE and question.tries == 0:
            await self.learning.add_try(question.id)
            return [Reply(f"🤏 {checked.hint}")]
        correct = checked.verdict in (Verdict.RIGHT, Verdict.TYPO)
        if not await self.learning.answer(question.id, correct):
            return []
        if checked.verdict is Verdict.RIGHT:
            feedback = f"✅ Right! {bold(question.answer)}"
        elif checked.verdict is Verdict.TYPO:
            feedback = f"✅ Yes! {checked.hint}"
        else:
            feedback = f"❌ Not quite. The answer is {bold(question.answer)}."
        helped = checked.verdict is Verdict.TYPO or question.tries > 0
        return await self._after(
            user_id,
            question,
            Outcome(correct, helped, feedback),
            rating=int(rating_for_verdict(checked.verdict, question.tries)),
            in_group=in_group,
        )

    def _forms(self, word: str) -> set[str]:
        return {f for f, _ in self.dictionary.wordnet.base_forms(word)} | {word}

    async def _after(
        self,
        user_id: int,
        question: Question,
        outcome: Outcome,
        rating: int | None = None,
        *,
        in_group: bool = False,
    ) -> list[Reply]:
        settings = await self.users.settings(user_id)
        now = self.clock.now()
        day = local_day(now, settings.get("timezone"))
        item = await self.learning.item_by_id(question.item_id) if question.item_id else None
        if item is not None:
            chosen = rating or int(rating_for(outcome.correct, helped=outcome.helped))
            card, due = review(await self.learning.card(item.id), chosen, now)  # type: ignore[arg-type]
            await self.learning.save_card(item.id, card, due)
            await self.learning.log_review(
                item_id=item.id,
                user_id=user_id,
                rating=chosen,
                correct=outcome.correct,
                question=question.kind,
                local_day=day.isoformat(),
            )
        text = outcome.feedback
        if outcome.correct:
            progress = after_correct_answer(
                await self.learning.progress(user_id), day, helped=outcome.helped
            )
            await self.learning.save_progress(user_id, progress)
        images: tuple[Picture, ...] = ()
        if (
            item is not None
            and item.image_id
            and (not outcome.correct or question.kind == "pick_picture")
        ):
            stored = await self.images.get(item.image_id)
            if stored is not None:
                images = (Picture(stored.path, stored.id, caption=item.text, alt=item.text),)
        replies = [Reply(text, images=images)]
        following = await self.learning.next_question(question.quiz_id)
        if following is not None:
            _, total = await self.learning.quiz_score(question.quiz_id)
            replies.append(
                await self.ask(
                    following, number=following.position + 1, total=total, in_group=in_group
                )
            )
        else:
            replies.append(await self._summary(user_id, question.quiz_id, day))
        return replies

    async def _summary(self, user_id: int, quiz_id: int, day: Any) -> Reply:
        await self.learning.finish_quiz(quiz_id)
        score, total = await self.learning.quiz_score(quiz_id)
        progress = await self.learning.progress(user_id)
        streak = current_streak(progress, day)
        flame = f" · {streak}-day streak 🔥" if streak else ""
        head = f"Quiz done: {score} of {total} right." if total > 1 else "That was the quiz."
        buttons = ((Button("🔁 Another quiz", "quiz:round"),),) if total > 1 else ()
        return Reply(f"{head} XP: {progress.xp}{flame}", buttons=buttons)


def _differs_only_in(original: str, changed: str, allowed: set[str]) -> bool:
    """Does `changed` differ from `original` only in words from `allowed` (both sides)?"""
    before = original.lower().rstrip(".!?").split()
    after = changed.lower().rstrip(".!?").split()
    if len(before) != len(after):
        return False
    pairs = [(a, b) for a, b in zip(before, after, strict=True) if a != b]
    return bool(pairs) and all(a in allowed and b.strip(",") for a, b in pairs)
