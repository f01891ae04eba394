"""One challenge round as the learners see it: the question, marking an answer, the reveal."""

from __future__ import annotations

import hashlib
import random
from datetime import datetime, timedelta

from bot.challenges.timing import zone
from bot.conversation.context import Context
from bot.conversation.markup import bold
from bot.conversation.messages import Button, Incoming, Picture, Reply
from bot.conversation.services import Services
from bot.conversation.texts import say
from bot.learning.cards import card_text
from bot.learning.countability import plural
from bot.learning.distractors import word_choices
from bot.learning.quiz import picture_question
from bot.learning.streaks import after_correct_answer, local_day
from engine.actions import actions, verb_of, wrong_answers
from engine.groups import other_places, place_words, ringed, ringed_wrong_answers
from storage.challenges import Round, Standing
from storage.images import StoredImage

_ADJECTIVES = (
    "Brave", "Calm", "Clever", "Cosy", "Curious", "Friendly", "Gentle", "Happy", "Jolly", "Kind",
    "Lucky", "Merry", "Quick", "Quiet", "Sunny", "Swift", "Bright", "Bold", "Cheerful", "Busy",
)  # fmt: skip
_ANIMALS = (
    "Otter", "Panda", "Koala", "Fox", "Owl", "Penguin", "Dolphin", "Rabbit", "Tiger", "Turtle",
    "Hedgehog", "Squirrel", "Zebra", "Giraffe", "Robin", "Seal", "Lynx", "Badger", "Duck", "Llama",
)  # fmt: skip


_ASKED_ZH = {
    "What is this?": "这是什么？",
    "What does the red circle show?": "红圈里是什么？",
    "What one word names all of these?": "哪个词能概括这些东西？",
    "Where do you find all of these?": "在哪里能找到这些东西？",
    "What colour are all of these?": "这些东西都是什么颜色？",
    "What are these?": "这些是什么？",
    "Which word goes with the picture?": "哪个词和这张图相配？",
}


def pseudonym(learner_id: int) -> str:
    """A friendly, stable name for a learner on boards: no real names are ever shown."""
    digest = hashlib.sha256(f"pictolingo-learner-{learner_id}".encode()).digest()
    return f"{_ADJECTIVES[digest[0] % len(_ADJECTIVES)]} {_ANIMALS[digest[1] % len(_ANIMALS)]}"


def choices_for(services: Services, word: str, key: str) -> list[str]:
    rng = random.Random(key)
    if word in ringed():  # drawn with a red circle on its whole: other parts, never the arm
        wrong = ringed_wrong_answers(word, rng)
    elif word in place_words():  # a teacher's list has "kitchen": other places, never "cafe"
        wrong = other_places(word, rng)
    elif verb := verb_of(word):  # "climbing": "swimming", not "moving"
        wrong = wrong_answers(word, actions()[verb].concept, rng) or []
    else:  # "fruit" is drawn as an apple, a banana …: none of them is a wrong answer
        drawing = services.illustrator.resolver.resolve(word)
        shown = {kind for _, kind in drawing.kinds} if drawing else set()
        avoid = shown | {plural(kind) for kind in shown}
        wrong = word_choices(services.dictionary, word, own_words=[], count=3, rng=rng, avoid=avoid)
    options = [word, *wrong]
    rng.shuffle(options)
    return options


def local_clock(moment: datetime, timezone: str) -> str:
    tz = zone(timezone)
    return moment.astimezone(tz).strftime("%H:%M") if tz else moment.strftime("%H:%M UTC")


def question(incoming: Incoming, game: Round, image: StoredImage | None) -> Reply:
    """'What is this?' (or what its red circle shows) with one button per choice."""
    buttons = tuple(
        (Button(choice, f"chal:{game.id}:{index}"),) for index, choice in enumerate(game.choices)
    )
    # what the quiz asks of the same picture: "What does the red circle show?" (a cat's tail),
    # "Where do you find all of these?" (a kitchen's stove, sink …)
    asked = picture_question(image.params) if image is not None else "What is this?"
    asked_zh = _ASKED_ZH.get(asked, "这是什么？")
    if game.reveal_at is not None:
        when = local_clock(game.reveal_at, game.timezone)
        head = say(
            incoming,
            f"🏆 Class challenge! {asked} Answer before {bold(when)}.",
            f"🏆 班级挑战！{asked_zh}请在 {when} 前回答。",
        )
    else:
        head = say(incoming, f"☀️ Daily challenge! {asked}", f"☀️ 每日挑战！{asked_zh}")
    if image is None:
        head += "\n" + say(incoming, "(No picture today, so here is a hint.)", "（今天没有图片。）")
        head += " " + _hint(incoming, game.word)
    pictures = (
        (Picture(image.path, image.id, caption=head, alt="a challenge picture"),) if image else ()
    )
    return Reply(head, images=pictures, buttons=buttons)


def _hint(incoming: Incoming, word: str) -> str:
    return say(
        incoming, f"It starts with {bold(word[0].upper())}.", f"首字母是 {word[0].upper()}。"
    )


async def answer(context: Context, round_id: int, chosen: str | None) -> list[Reply]:
    """A learner presses a choice or types /answer (None: a button that no longer fits)."""
    services = context.services
    store = services.challenges
    incoming = context.incoming
    game = await store.round(round_id)
    if game is None:
        return [
            Reply(
                say(incoming, "That challenge is over.", "这个挑战已经结束了。"),
                ephemeral=True,
            )
        ]
    if game.state == "revealed":
        return [
            Reply(
                say(
                    incoming,
                    f"That challenge is over: it was {bold(game.word)}.",
                    f"这个挑战已经结束了：答案是 {game.word}。",
                ),
                ephemeral=True,
            )
        ]
    if not chosen:
        return [
            Reply(say(incoming, "That button is too old.", "这个按钮已经过期了。"), ephemeral=True)
        ]
    correct = chosen.lower() == game.word.lower()
    if not await store.add_answer(game.id, context.learner, chosen, correct):
        return [
            Reply(
                say(incoming, "You have already answered this one.", "你已经回答过了。"),
                ephemeral=True,
            )
        ]
    if correct:
        await _reward(context)
    if game.reveal_at is not None:
        when = local_clock(game.reveal_at, game.timezone)
        return [
            Reply(
                say(
                    incoming,
                    f"Got it! You chose {bold(chosen)}. The answer is shown at {when}.",
                    f"收到！你选了 {chosen}。{when} 公布答案。",
                ),
                ephemeral=True,
            )
        ]
    card = services.dictionary.card(game.word, chinese=context.wants_chinese)
    progress = await services.learning.progress(context.learner)
    if correct:
        head = say(
            incoming,
            f"✅ Yes! It is {bold(game.word)}. +10 XP (XP: {progress.xp})",
            f"✅ 对！是 {game.word}。+10 XP（共 {progress.xp}）",
        )
    else:
        head = say(
            incoming,
            f"Not quite: it is {bold(game.word)}. See you tomorrow!",
            f"不对：答案是 {game.word}。明天见！",
        )
    return [Reply(head + ("\n\n" + card_text(card) if card else ""))]


async def _reward(context: Context) -> None:
    services = context.services
    settings = await services.users.settings(context.learner)
    day = local_day(services.clock.now(), settings.get("timezone"))
    progress = await services.learning.progress(context.learner)
    await services.learning.save_progress(
        context.learner, after_correct_answer(progress, day, helped=False)
    )


def standings_text(incoming: Incoming, title: str, standings: list[Standing]) -> str:
    if not standings:
        return title + "\n" + say(incoming, "No answers yet.", "还没有人回答。")
    medals = ["🥇", "🥈", "🥉"]
    lines = [title]
    for place, standing in enumerate(standings):
        mark = medals[place] if place < len(medals) else f"{place + 1}."
        lines.append(f"{mark} {pseudonym(standing.learner_id)} · {standing.points} XP")
    return "\n".join(lines)


def week_start(now: datetime) -> datetime:
    start = now - timedelta(days=now.weekday())
    return start.replace(hour=0, minute=0, second=0, microsecond=0)


async def reveal(services: Services, incoming: Incoming, game: Round) -> Reply:
    """The answer, the word card, who got it right, and this week's class standings."""
    card = services.dictionary.card(game.word, chinese=incoming.locale.startswith("zh"))
    answers = await services.challenges.answers(game.id)
    right = [learner for learner, _, correct in answers if correct]
    lines = [say(incoming, f"🔔 The answer was {bold(game.word)}!", f"🔔 答案是 {game.word}！")]
    if card:
        lines += ["", card_text(card)]
    lines.append("")
    if answers:
        names = ", ".join(pseudonym(learner) for learner in right[:20])
        more = f" +{len(right) - 20}" if len(right) > 20 else ""
        who = f" ({names}{more})" if names else ""
        lines.append(
            say(
                incoming,
                f"Right: {len(right)} of {len(answers)}{who}",
                f"答对：{len(right)}/{len(answers)}{who}",
            )
        )
    else:
        lines.append(say(incoming, "Nobody answered this time.", "这次没有人回答。"))
    standings = await services.challenges.leaderboard(
        game.platform, game.chat_id, since=week_start(services.clock.now()), limit=5
    )
    lines += ["", standings_text(incoming, say(incoming, "This week:", "本周排行："), standings)]
    image = await services.images.get(game.image_id) if game.image_id else None
    pictures = (Picture(image.path, image.id, alt=game.word),) if image else ()
    return Reply("\n".join(lines), images=pictures)
