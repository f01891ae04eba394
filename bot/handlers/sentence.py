"""/sentence: draw a whole English sentence as a simple scene."""

from __future__ import annotations

from bot.conversation.context import Context
from bot.conversation.markup import bold, clean
from bot.conversation.messages import Button, Reply
from bot.conversation.router import command, on_no_picture, on_picture
from bot.conversation.validation import InputProblem, check_sentence
from bot.learning.countability import plural
from bot.learning.grammar import Corrector
from bot.pictures.ask import (
    chat_style,
    only_picture,
    picture_reply,
    request_picture,
    safety_refusal,
)
from bot.pictures.delivery import Delivery
from engine.actions import verb_of
from engine.groups import place_words
from engine.scene import Scene, SceneObject
from engine.scene_words import COLOURS, RELATIONS
from storage.images import StoredImage


@command(
    "sentence",
    usage="/sentence <sentence>",
    example="/sentence The cat sleeps on the sofa.",
    zh="画一句话",
    needs_argument=True,
)
async def sentence(context: Context) -> list[Reply]:
    """Draw a picture of an English sentence.

    Write one sentence in English, up to 300 characters.
    """
    limits = context.services.settings.limits
    try:
        text = check_sentence(context.args, limits.sentence_max_chars)
    except InputProblem as problem:
        return [context.tell(problem.english, problem.chinese, ephemeral=True)]
    unsafe = await safety_refusal(context, text)
    if unsafe is not None:
        return [unsafe]
    # Parsing runs on the loop: about a millisecond of pure Python for a school sentence. In a
    # thread it took as long (the GIL) plus two hops, and in a burst of learners every hop let
    # the others' work and the hand-back of the interpreter in between (`bench`: ack_p99_ms).
    fixed = Corrector(context.services.dictionary).correct(text)
    replies: list[Reply] = []
    if fixed is not None:
        # the corrected sentence is the one drawn, kept and quizzed
        text = fixed.text
        shown = "".join(bold(p) if changed else clean(p) for p, changed in fixed.pieces())
        replies.append(context.tell(f"✏️ Did you mean: {shown}", f"✏️ 你是想说：{shown}"))
    illustrator = context.services.illustrator
    scene = illustrator.scene_of(text)
    if scene is not None and not scene.objects:
        # no picture, still something to learn: a gap to fill in the learner's own sentence
        item = await context.services.learning.remember_item(
            context.learner, "sentence", text, None
        )
        quiz = ((Button("❓ Quiz me", f"quiz:{item.id}"),),)
        if scene.negated:  # "I don't have a dog.": a picture of it would show a dog
            replies.append(
                context.tell(
                    f"A picture can't show {NOT}, so a picture of this sentence would show the "
                    "opposite: I won't draw it. Practise it without a picture:",
                    "图片画不出“不”的意思，画出来反而是相反的意思，所以这句话我不画。"
                    "不用图片练习这句话吧：",
                    buttons=quiz,
                )
            )
            return replies
        # name what could not be drawn ("apple tree", "school bus") when the sentence has it
        unknown, (english, chinese) = _unknown(scene), _parts_said(scene)
        said = "I can't draw this sentence yet"  # not the sentence again, with its own "."
        if unknown or not (scene.parts or any(map(_place_in, scene.missing))):
            said += f": I don't know how to draw {_listed(unknown) or 'any of its words'}"
        replies.append(
            context.tell(
                f"{said}.{english} Try a sentence with things in it, like /sentence The cat is "
                "on the bed. "
                "Or practise this one without a picture:",
                f"这句话我还画不出来。{chinese}试试有东西的句子，比如 /sentence The cat is on "
                "the bed.，或者不用图片练习这句话：",
                buttons=quiz,
            )
        )
        return replies
    request = illustrator.for_sentence(text, style=await chat_style(context), scene=scene)
    return replies + await request_picture(context, kind="sentence", text=text, request=request)


@on_picture("sentence")
async def show_sentence(context: Context, delivery: Delivery, image: StoredImage) -> list[Reply]:
    text = delivery.text
    learning = context.services.learning
    item = await learning.remember_item(context.learner, "sentence", text, image.id)
    entry = delivery.entry
    buttons: list[tuple[Button, ...]] = [(Button("❓ Quiz me", f"quiz:{item.id}"),)]
    if entry and not only_picture(context, image, "sentence"):
        buttons.append((Button("🎨 Draw again", f"again:{entry}"),))
    return [
        picture_reply(
            context,
            image,
            text=bold(text) + drawn_and_not(image),
            caption=text,
            delivery=delivery,
            buttons=tuple(buttons),
        )
    ]


@on_no_picture("sentence")
async def sentence_not_shown(context: Context, delivery: Delivery) -> list[Reply]:
    """A scene whose pictures did not pass the check: said kindly, no wrong picture sent."""
    return [
        context.tell(
            f"I could not draw {bold(delivery.text)} well enough this time, so I won't show "
            "you a wrong picture. Try /word with one of its words.",
            "这次没有画好，所以不给你看错误的图片。试试用 /word 画其中的一个词。",
            clears=delivery.handle,
        )
    ]


NOT = '"not"'


def _coloured(colour: str | None) -> str:
    return f"{colour} " if colour else ""


SETTING_WORDS = {
    "night": "at night",
    "rain": "in the rain",
    "snow": "in the snow",
    "sea": "by the sea",
    "in sea": "in the sea",
    "in water": "in the water",
    "on sea": "on the sea",
    "on water": "on the water",
    "over sea": "above the sea",
}


def _named(thing: SceneObject) -> str:
    """ "the red ball", "3 cats", "4 fish" (not "fishes"), "many apples", "the boy running"."""
    looks = _coloured(thing.sized) + _coloured(thing.colour)
    if thing.many:
        name = f"many {looks}{plural(thing.word)}"
    elif thing.count > 1:
        name = f"{thing.count} {looks}{plural(thing.word)}"
    else:
        name = f"the {looks}{thing.word}"
    return f"{name} {thing.action}" if thing.action else name


def drawn_and_not(image: StoredImage) -> str:
    """What a scene shows and what it leaves out ("I drew the cat and the sofa. I can't draw
    sleeps yet."); nothing for a picture drawn from the whole sentence at once."""
    raw = image.params.get("scene")
    if not raw:
        return ""
    scene = Scene.from_json(str(raw))
    text = "\nI drew " + _placed(scene)
    text += f" {SETTING_WORDS[scene.setting]}." if scene.setting in SETTING_WORDS else "."
    if any(o.many for o in scene.objects):
        text += " (That is too many to draw one by one, so I drew many.)"  # "a lot of", "12"
    if scene.left_out and scene.relation:  # "… and the dog is under the table"
        text += f" I left out {_listed(scene.left_out)}: one picture shows one place at a time."
    elif scene.left_out:
        text += f" I left out {_listed(scene.left_out)} to keep the picture clear."
    if unknown := _unknown(scene):
        text += f" I can't draw {_listed(unknown)} yet."
    if second := [SETTING_WORDS[w] for w in scene.missing if w in SETTING_WORDS]:
        # "A turtle swims in the sea at night.": night can be drawn, just not with the sea
        text += f" One picture shows one setting, so {bold(second[0])} is in words only."
    if two := [w for w in scene.missing if _two_colours(w)]:  # "My dog is brown and white."
        text += f" A thing is drawn in one colour or its own, so {bold(two[0])} is in words only."
    if scene.negated:  # "The boy doesn't like apples.": the boy, and no apples
        text += f" A picture can't show {NOT}, so {bold(scene.negated)} is in words only."
    return text + _parts_said(scene)[0]


def _placed(scene: Scene) -> str:
    """ "the cat on the sofa", "the cat between the dog and the box"; "the cat and the dog"
    when the picture places them no way in particular."""
    named = [_named(o) for o in scene.objects]
    if scene.relation == "between" and len(named) == 3:
        return f"{named[0]} between {named[1]} and {named[2]}"
    if scene.relation and len(named) == 2:
        return f"{named[0]} {scene.relation} {named[1]}"
    return _series(named)


def _unknown(scene: Scene) -> tuple[str, ...]:
    """What the scene left out that no picture shows (a part or a place is shown alone: said
    apart; a second place, "under" after "on", is left out with its things, not undrawable)."""
    second_place = set(RELATIONS) if scene.relation and scene.left_out else set()
    return tuple(
        w
        for w in scene.missing
        if w.split()[-1] not in scene.parts
        and w not in second_place
        and not _place_in(w)
        and not _two_colours(w)
        and not verb_of(w)
        and w not in SETTING_WORDS
    )


def _two_colours(phrase: str) -> bool:
    """ "brown and white": two colours of one thing, which one picture does not paint."""
    first, _, second = phrase.partition(" and ")
    return first in COLOURS and second in COLOURS


def _place_in(phrase: str) -> str:
    """The room or place a missing phrase names ("at the restaurant" → restaurant), drawn by
    `/word` as things found there; "" for any other."""
    return next((p for p in place_words() if phrase == p or phrase.endswith(f" {p}")), "")


def _parts_said(scene: Scene) -> tuple[str, str]:
    """A part of something ("cheek") or a place ("kitchen") is not put in a scene: `/word`
    shows it alone (ringed on its whole, or as things found there), so the learner is told
    where to see it (English, Chinese)."""
    english = chinese = ""
    if scene.parts:
        word = scene.parts[0]
        named = _series([f"the {bold(w)}" for w in scene.parts])
        english = f" Parts like {named} are drawn alone, with a red circle: try /word {word}."
        chinese = f"{word} 这样的部位只单独画，用红圈标出来：试试 /word {word}。"
    if places := list(dict.fromkeys(p for p in map(_place_in, scene.missing) if p)):
        named = _series([f"the {bold(p)}" for p in places])
        english += (
            f" Places like {named} are drawn on their own, as things found there: "
            f"try /word {places[0]}."
        )
        chinese += f"{places[0]} 这样的地方单独画成那里常见的东西：试试 /word {places[0]}。"
    if verbs := list(dict.fromkeys(v for v in map(verb_of, scene.missing) if v)):
        named = _series([bold(v) for v in verbs])
        lead = (
            f"Verbs like {named} are drawn on their own"
            if len(verbs) > 1
            else f"A verb like {named} is drawn on its own"
        )
        english += f" {lead}: try /word {verbs[0]}."
        chinese += f"{verbs[0]} 这样的动作单独画：试试 /word {verbs[0]}。"
    return english, chinese


def _listed(words: tuple[str, ...]) -> str:
    """ "like and fruit", "duck, goose and swan" (it read "I can't draw like, fruit yet")."""
    return _series([bold(word) for word in words])


def _series(items: list[str]) -> str:
    """ "the monkey, the banana and the tree" (it read "the monkey and the banana and the
    tree")."""
    return ", ".join(items[:-1]) + " and " + items[-1] if len(items) > 1 else items[0]
