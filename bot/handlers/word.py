"""/word: draw one English word, then show it with its word card and a quiz button."""

from __future__ import annotations

import asyncio
import re
from dataclasses import replace

from bot.conversation.context import Context
from bot.conversation.markup import bold
from bot.conversation.messages import Button, Reply
from bot.conversation.router import callback, command, on_no_picture, on_picture
from bot.conversation.validation import InputProblem, check_word, is_number
from bot.handlers.not_a_word import (
    a_letter,
    a_number,
    did_you_mean,
    unknown_word,
    with_apostrophe,
)
from bot.learning.cards import (
    card_text,
    drawn_as,
    in_colour,
    in_place,
    of_kinds,
    of_several,
    plural_of,
    sense_label,
    shows_several,
)
from bot.learning.emoji_words import emoji_word
from bot.learning.letters import letter_of
from bot.learning.typed_chinese import english_for
from bot.pictures.ask import (
    chat_style,
    only_picture,
    picture_reply,
    request_picture,
    safety_refusal,
)
from bot.pictures.delivery import Delivery
from bot.pictures.understand import meant_in_chinese, understand
from engine.groups import colour_of, kinds_line, place_of, ringed, ringed_line
from engine.scene import Scene, SceneObject
from engine.scene_words import MODALS, is_negation
from storage.images import StoredImage


@command(
    "word",
    usage="/word <word>",
    example="/word apple",
    zh="画一个单词",
    needs_argument=True,
    autocomplete="dictionary",
)
async def word(context: Context) -> list[Reply]:
    """Draw a picture of an English word, with its meaning and pronunciation.

    Type one word (or a short phrase like "ice cream") in English letters.
    """
    limits = context.services.settings.limits
    typed = context.args.strip()
    from_han = await from_chinese(context, typed)  # the English word for a Chinese one typed
    english = from_han or await from_emoji(context, context.args)
    if english is not None:  # /word 苹果 → apple, /word 🍎 → apple
        context = Context(
            replace(context.incoming, args=english), context.learner, context.services
        )
    if (digits := context.args.strip()).isascii() and digits.isdigit():  # "/word 5": "five"
        return [a_number(context, digits)]
    try:
        text = check_word(context.args, limits.word_max_chars)
    except InputProblem as problem:
        return [context.tell(problem.english, problem.chinese, ephemeral=True)]
    unsafe = await safety_refusal(context, text)  # before any card or suggestion
    if unsafe is not None:
        return [unsafe]
    if letter := letter_of(text):  # "/word b": a letter, not WordNet's unit of area
        return [await a_letter(context, letter)]
    if full := with_apostrophe(text):  # "dont": WordNet has no meaning of it, cefrpy a level
        return [did_you_mean(context, text, [full])]
    dictionary = context.services.dictionary
    remembered = context.services.remembered
    if ("-" in text or text.count(" ") == 1) and not await remembered(dictionary.known, text):
        # ice-cream, e-mail; "post box", "tooth brush" written as one word
        for joined in (text.replace("-", " "), text.replace("-", "").replace(" ", "")):
            if await remembered(dictionary.known, joined):
                text = joined
                break
    if not await remembered(dictionary.known, text):
        return [await unknown_word(context, text)]
    resolver = context.services.illustrator.resolver
    if from_han and (
        meant := await remembered(meant_in_chinese, dictionary, resolver, typed, text)
    ):
        return await draw_word(context, text, meant)  # 飞 "to fly": flying, not the insect
    senses = await remembered(dictionary.picture_senses, text)
    if senses:
        drawable = await asyncio.to_thread(
            lambda: {
                m.sense_id
                for m in senses
                if understand(dictionary, resolver, text, m.sense_id).drawing
            }
        )
        # 🖼: the model can draw this meaning; the others get the card without a picture
        buttons = tuple(
            (
                Button(
                    ("🖼 " if m.sense_id in drawable else "") + sense_label(m),
                    f"sense:{m.sense_id}:{text}",
                ),
            )
            for m in senses
        )
        return [
            context.tell(
                f"Which {bold(text)} do you mean?", f"你说的 {text} 是哪一个？", buttons=buttons
            )
        ]
    return await draw_word(context, text)


_HAN = re.compile(r"^[\u4e00-\u9fff]{1,8}$")
_LATIN = re.compile(r"[A-Za-z0-9]")

# Words no one picture shows: "I can't draw the yet" promised a picture one day.
GRAMMAR_WORDS = {
    "determiner": "限定词",
    "preposition": "介词",
    "pronoun": "代词",
    "conjunction": "连词",
}


async def from_chinese(context: Context, raw: str) -> str | None:
    """The English word for a Chinese word typed after /word (苹果 → apple), if known."""
    text = raw.strip()
    chinese = context.services.dictionary.chinese
    if not _HAN.match(text) or not chinese.available():
        return None
    return await asyncio.to_thread(english_for, context.services.dictionary, text)


async def from_emoji(context: Context, raw: str) -> str | None:
    """The English word for an emoji typed after /word (🍎 → apple), if its picture is one."""
    if not raw.strip() or _LATIN.search(raw):
        return None
    services = context.services

    def draws(word: str) -> str | None:
        if not services.dictionary.known(word):
            return None  # "red apple" draws, but is no word to teach
        drawing = understand(services.dictionary, services.illustrator.resolver, word).drawing
        return drawing.subject if drawing else None

    return await asyncio.to_thread(emoji_word, raw, draws)


async def draw_word(
    context: Context, text: str, chosen_sense: str | None = None, *, again_after: str | None = None
) -> list[Reply]:
    """Draw `text` if the model can (the card leads with the meaning drawn), else say so
    kindly and teach it without a picture. A meaning the learner chose also shapes the
    prompt ("cricket bat"); the everyday one picked for them leaves the prompt as it is.
    `again_after`: "Draw again" of a picture drawn with this prompt (a new seed and look)."""
    services = context.services
    dictionary = services.dictionary
    understood = await services.remembered(
        understand, dictionary, services.illustrator.resolver, text, chosen_sense
    )
    if understood.drawing is None:
        chosen = chosen_sense is not None
        return await cannot_draw(
            context, text, understood.sense_id, reason="unknown", chosen=chosen
        )
    meaning = dictionary.sense(chosen_sense) if chosen_sense else None
    sense_hint = meaning.definition.split(";")[0] if meaning else None
    lemma = dictionary.sense_name(chosen_sense, text) if chosen_sense else None
    request = services.illustrator.for_word(
        text,
        drawing=understood.drawing,
        sense=sense_hint,
        lemma=lemma,
        new_seed=again_after is not None,
        style=await chat_style(context),
        again_after=again_after,
    )
    return await request_picture(
        context,
        kind="word",
        text=text,
        request=request,
        sense=understood.sense_id,
        again=again_after is not None,
    )


async def cannot_draw(
    context: Context, text: str, sense_id: str | None, *, reason: str, chosen: bool = False
) -> list[Reply]:
    """The honest answer: no picture, the whole card, and practice that needs no picture.
    `chosen`: a meaning the learner picked, whose card leads with it alone (the head of a
    crime family is not "a man who has a child")."""
    services = context.services
    await services.gaps.add(services.settings.engine.model, text, context.learner, reason)
    learner_settings = await services.users.settings(context.learner)
    chinese = learner_settings.get("chinese", context.wants_chinese)
    card = await asyncio.to_thread(services.dictionary.card, text, chinese=chinese)
    meaning = services.dictionary.sense(sense_id) if sense_id else None
    card = drawn_as(services.dictionary, card, meaning, pictured=False)
    why = "name" if card is None or card.teaches else services.dictionary.untaught(text)
    if why == "misspelt":  # "fone", only in a level list: "Did you mean phone?"
        return [await unknown_word(context, text)]
    if why == "for adults":
        return [
            context.tell(
                f"I don't teach {bold(text)} here. Let's pick another word, like /word rainbow.",
                "这个词我在这里不教。换一个词吧，比如 /word rainbow。",
            )
        ]
    if card is None or not card.teaches:  # a name ("david"), a Latin genus
        return [
            context.tell(
                f"I know {bold(text)}, but I have no meaning of it to teach you yet (it may be "
                "a name). Let's pick another word, like /word rainbow.",
                f"我认识 {text}，但还没有可以教你的意思（它可能是一个名字）。"
                "换一个词吧，比如 /word rainbow。",
            )
        ]
    if chosen and card.plain and meaning and card.plain.sense_id != meaning.sense_id:
        card = replace(card, plain=None)
    if plural_of(card):  # "mittens": "These are mittens.", not "This is a mitten."
        card = of_several(card, services.dictionary.wordnet)
    body = card_text(card, meaning=meaning)
    item = await services.learning.remember_item(context.learner, "word", text, None, sense_id)
    said = card.word if card.word.lower() == text.lower() else text  # "English"
    draw = "make a picture of" if said.lower() in ("draw", "drawing") else "draw"  # not "draw draw"
    honest = context.tell(
        f"I can't {draw} {bold(said)} in this meaning yet, but here is the word:"
        if chosen
        else f"I can't {draw} {bold(said)} yet, but here is the word:",
        f"我还不会画 {said} 的这个意思，不过我们可以学这个词："
        if chosen
        else f"我还不会画 {said}，不过我们可以学这个词：",
    )
    if card.plain is not None and card.plain.given_name:  # no picture could show a name
        honest = context.tell(
            f"{bold(said)} is a name, so there is no picture, but here is the word:",
            f"{said} 是一个名字，没有图片，不过我们可以学这个词：",
        )
    elif card.plain is not None and card.plain.part_of_speech == "number":  # "five"
        things = f"{said.capitalize()} {'apple' if said == 'one' else 'apples'}."
        honest = context.tell(
            f"{bold(said)} is a number, so it has no picture of its own: try /sentence {things} "
            "Here is the word:",
            f"{said} 是数字，没有单独的图片：试试 /sentence {things} 这是这个词：",
        )
    elif card.plain is not None and card.plain.part_of_speech == "short form":  # "don't"
        honest = context.tell(
            f"{bold(said)} is a short form, so there is no picture, but here is the word:",
            f"{said} 是一个缩写形式，没有图片，不过我们可以学这个词：",
        )
    elif said.lower() in MODALS and card.plain is not None and card.plain.part_of_speech == "verb":
        # ("does" is a verb of its own, and keeps its card)
        honest = context.tell(  # "will", "may": "I can't draw will yet" promised a picture
            f"{bold(said)} is a helper verb (it goes with another verb: I {said.lower()} go), so "
            "there is no picture, but here is the word:",
            f"{said} 是助动词（和别的动词一起用），没有图片，不过我们可以学这个词：",
        )
    elif is_negation(said.lower()):  # "not", "never"
        honest = context.tell(
            f"{bold(said)} says that something is not so, and a picture can only show what is, "
            "so there is no picture, but here is the word:",
            f"{said} 表示否定，图片只能画出有的东西，所以没有图片，不过我们可以学这个词：",
        )
    elif card.plain is not None and card.plain.part_of_speech in GRAMMAR_WORDS:  # "the", "of"
        kind = card.plain.part_of_speech
        honest = context.tell(
            f"{bold(said)} is a small grammar word (a {kind}), so there is no picture, "
            "but here is the word:",
            f"{said} 是一个语法小词（{GRAMMAR_WORDS[kind]}），没有图片，不过我们可以学这个词：",
        )
    row = [Button("✍️ Practise", f"quiz:{item.id}")]
    if services.speaker.available:
        row.append(Button("🔊 Hear it", f"say:{text}"))
    return [Reply(f"{honest.text}\n\n{body}", buttons=(tuple(row),))]


@callback("word")
async def suggested_word(context: Context) -> list[Reply]:
    """A "did you mean" button: draw the suggested word."""
    again = Context(
        replace(context.incoming, command="word", args=context.args),
        context.learner,
        context.services,
    )
    return await word(again)


@callback("sense")
async def chosen_sense(context: Context) -> list[Reply]:
    sense_id, _, text = context.args.partition(":")
    try:
        text = check_word(text)
    except InputProblem:
        return []
    unsafe = await safety_refusal(context, text)  # button data can be made up
    if unsafe is not None:
        return [unsafe]
    return await draw_word(context, text, sense_id or None)


@on_picture("word")
async def show_word(context: Context, delivery: Delivery, image: StoredImage) -> list[Reply]:
    services = context.services
    text = delivery.text
    sense_id = delivery.sense
    learner_settings = await services.users.settings(context.learner)
    chinese = learner_settings.get("chinese", context.wants_chinese)
    card = await services.remembered(services.dictionary.card, text, chinese=chinese)
    meaning = services.dictionary.sense(str(sense_id)) if sense_id else None
    card = drawn_as(services.dictionary, card, meaning)
    kinds = kinds_drawn(image)
    subject = str(image.params.get("subject", "")) or f"kinds of {text}"
    wordnet = services.dictionary.wordnet
    if card and kinds and subject.startswith("kinds of "):
        card = of_kinds(card)  # "These are animals." (a family stays "a family")
    elif card and kinds and place_of(subject):
        card = in_place(card, place_of(subject))  # "These things are in a kitchen."
    elif card and kinds and colour_of(subject):
        card = in_colour(card, colour_of(subject))  # "These things are red."
    elif card and not kinds and image.params.get("scene"):
        card = of_several(card, wordnet)  # "cats" drawn as three cats: "These are cats."
    elif card and (shows_several(wordnet, subject) or (plural_of(card) and not kinds)):
        # "glove" drawn as a pair, "noodles" as a bowl of them (a plural not drawn as three of
        # its singular has a picture of its own): not "This is a glove.", "This is a noodle."
        card = of_several(card, wordnet)
    body = card_text(card, meaning=meaning) if card else bold(text)
    item = await services.learning.remember_item(
        context.learner, "word", text, image.id, str(sense_id) if sense_id else None
    )
    entry = delivery.entry
    row = [Button("❓ Quiz me", f"quiz:{item.id}")]
    if services.speaker.available:
        row.append(Button("🔊 Hear it", f"say:{text}"))
    buttons: list[tuple[Button, ...]] = [tuple(row)]
    if subject in ringed() and services.illustrator.resolver.closed:  # a neck: ringed on a man
        body += "\n" + ringed_line(text, plural=bool(card and plural_of(card)))
    if kinds:  # "fruit" drawn as four fruits: which is which, and a button to learn each
        body += "\n" + kinds_line(subject, [kind.word for kind in kinds])
        learnable = await drawn_alone(context, kinds)
        if learnable:
            buttons.append(tuple(Button(f"🖼 {word}", f"word:{word}") for word in learnable))
    more = [Button("📖 Other meanings", f"meanings:{text}")] if card and card.meanings else []
    if entry and not only_picture(context, image, "word"):
        buttons.append((Button("🎨 Draw again", f"again:{entry}"), *more))
    elif more:
        buttons.append(tuple(more))
    return [
        picture_reply(
            context,
            image,
            text=body,
            caption=text,
            delivery=delivery,
            buttons=tuple(buttons),
        )
    ]


def kinds_drawn(image: StoredImage) -> tuple[SceneObject, ...]:
    """The kinds a word's picture shows side by side (engine/groups.py), else none (also for
    a plural drawn as copies of one thing: "clocks")."""
    scene = image.params.get("scene")
    drawn = Scene.from_json(str(scene)) if scene else None
    return drawn.objects if drawn and not drawn.one_kind else ()


async def drawn_alone(context: Context, kinds: tuple[SceneObject, ...]) -> list[str]:
    """The kinds whose own /word draws the same picture ("🖼 apple"); "nesting dolls" is no
    word the dictionary knows, so it gets no button. Asked as `/word` asks (remembered: the
    button's own /word then finds its answer ready)."""
    services = context.services
    dictionary, resolver = services.dictionary, services.illustrator.resolver
    words = []
    for kind in kinds:
        if await services.remembered(dictionary.known, kind.word):
            understood = await services.remembered(
                understand, dictionary, resolver, kind.word, None
            )
            if understood.drawing is not None and understood.drawing.subject == kind.concept:
                words.append(kind.word)
    return words


@on_no_picture("word")
async def word_not_shown(context: Context, delivery: Delivery) -> list[Reply]:
    """Drawn twice and the picture did not show the word: the honest answer instead (after
    "Draw again", the learner keeps the picture they have)."""
    if delivery.again:
        return [
            context.tell(
                f"I tried to draw {bold(delivery.text)} again, but the new picture did not come "
                "out right, so I kept it back. The picture you have is still the one to learn.",
                f"我又画了一次 {delivery.text}，但新图片画得不对，所以没有发给你。"
                "请继续看上面那张图片。",
                clears=delivery.handle,
            )
        ]
    replies = await cannot_draw(context, delivery.text, delivery.sense, reason="not_shown")
    return [replace(reply, clears=delivery.handle) for reply in replies]


@callback("meanings")
async def other_meanings(context: Context) -> list[Reply]:
    """📖 Other meanings: the word's other noun meanings, each a button that draws it."""
    try:
        text = check_word(context.args)
    except InputProblem:
        return []
    meanings = await asyncio.to_thread(context.services.dictionary.everyday_senses, text)
    if len(meanings) < 2:
        return [
            context.tell(
                f"{bold(text)} has no other meanings I can show.",
                f"{text} 没有别的意思可以显示。",
                ephemeral=True,
            )
        ]
    buttons = tuple((Button(sense_label(m), f"sense:{m.sense_id}:{text}"),) for m in meanings[1:6])
    return [
        context.tell(
            f"Other meanings of {bold(text)}. Pick one to see it:",
            f"{text} 的其他意思，选一个看看：",
            buttons=buttons,
        )
    ]


@callback("say")
async def pronounce(context: Context) -> list[Reply]:
    """The 🔊 button: hear the word spoken."""
    try:
        text = check_word(context.args)
    except InputProblem:
        return []
    if not await asyncio.to_thread(context.services.dictionary.known, text):
        return []  # made-up button data: only words the dictionary knows are spoken
    audio = await context.services.speaker.say(text)
    if audio is None:
        return [
            context.tell("Sorry, I cannot speak right now.", "抱歉，现在不能发音。", ephemeral=True)
        ]
    return [Reply(f"🔊 {bold(text)}", audio=audio)]


@callback("again")
async def draw_again(context: Context) -> list[Reply]:
    """A new picture of the same word or sentence, with a fresh seed."""
    if not is_number(context.args):
        return []  # made-up button data
    entry_id = int(context.args)
    entry = await context.services.history.get(context.learner, entry_id)
    if entry is None:
        return [
            context.tell(
                "I cannot find that picture any more.", "找不到那张图片了。", ephemeral=True
            )
        ]
    before = await context.services.images.get(entry.image_id) if entry.image_id else None
    after = str(before.params.get("prompt", "")) if before else ""  # a new look, if any
    if before is not None and only_picture(context, before, entry.kind):
        return [
            context.tell(
                f"This is the only picture of {bold(entry.text)} I can draw so far.",
                f"{bold(entry.text)}：我目前只会画这一张图。",
                ephemeral=True,
            )
        ]
    if entry.kind == "word":  # the meaning the card taught, not whatever the word alone reads as
        item = await context.services.learning.item_for(context.learner, "word", entry.text)
        return await draw_word(context, entry.text, item.sense if item else None, again_after=after)
    request = context.services.illustrator.for_sentence(
        entry.text, new_seed=True, style=await chat_style(context), again_after=after
    )
    return await request_picture(context, kind=entry.kind, text=entry.text, request=request)
