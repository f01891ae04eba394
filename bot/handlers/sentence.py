"""/sentence: draw a whole English sentence as a simple scene."""

from __future__ import annotations

import asyncio

from bot.conversation.context import Context
from bot.conversation.markup import bold, clean
from bot.conversation.messages import Button, Reply
from bot.conversation.router import command, on_picture
from bot.conversation.validation import InputProblem, check_sentence
from bot.learning.grammar import Corrector
from bot.pictures.ask import chat_style, picture_reply, request_picture, safety_refusal
from bot.pictures.delivery import Delivery
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
    corrector = Corrector(context.services.dictionary)
    fixed = await asyncio.to_thread(corrector.correct, text)
    replies: list[Reply] = []
    if fixed is not None:
        # the corrected sentence is the one drawn, kept and quizzed
        text = fixed.text
        shown = "".join(bold(p) if changed else clean(p) for p, changed in fixed.pieces())
        replies.append(context.tell(f"✏️ Did you mean: {shown}", f"✏️ 你是想说：{shown}"))
    request = context.services.illustrator.for_sentence(text, style=await chat_style(context))
    return replies + await request_picture(context, kind="sentence", text=text, request=request)


@on_picture("sentence")
async def show_sentence(context: Context, delivery: Delivery, image: StoredImage) -> list[Reply]:
    text = delivery.text
    learning = context.services.learning
    item = await learning.remember_item(context.learner, "sentence", text, image.id)
    entry = delivery.entry
    buttons: list[tuple[Button, ...]] = [(Button("❓ Quiz me", f"quiz:{item.id}"),)]
    if entry:
        buttons.append((Button("🎨 Draw again", f"again:{entry}"),))
    return [
        picture_reply(
            context,
            image,
            text=bold(text),
            caption=text,
            delivery=delivery,
            buttons=tuple(buttons),
        )
    ]
