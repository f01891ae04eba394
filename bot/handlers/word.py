"""/word: draw one English word, then show it with its card."""

from __future__ import annotations

from bot.context import Context
from bot.markup import bold
from bot.messages import Button, Reply
from bot.picturing import entry_for, job_handle, picture_reply, request_picture
from bot.router import callback, command, on_picture
from bot.texts import say
from bot.validation import InputProblem, check_word
from storage.images import StoredImage
from storage.jobs import JobRecord


@command("word", usage="/word <word>", example="/word apple", zh="画一个单词", needs_argument=True)
async def word(context: Context) -> list[Reply]:
    """Draw a picture of an English word.

    Type one word (or a short phrase like "ice cream") in English letters.
    """
    limits = context.services.settings.limits
    try:
        text = check_word(context.args, limits.word_max_chars)
    except InputProblem as problem:
        return [Reply(say(context.incoming, problem.english, problem.chinese), ephemeral=True)]
    request = context.services.illustrator.for_word(text)
    return await request_picture(context, kind="word", text=text, purpose="word", request=request)


@on_picture("word")
async def show_word(context: Context, job: JobRecord, image: StoredImage) -> list[Reply]:
    text = str(job.delivery.get("text", ""))
    entry = await entry_for(context, job)
    buttons: tuple[tuple[Button, ...], ...] = ()
    if entry:
        buttons = ((Button("🎨 Draw again", f"again:{entry}"),),)
    return [
        picture_reply(
            context,
            image,
            text=bold(text),
            caption=text,
            handle=job_handle(job.id) if job.id else None,
            buttons=buttons,
        )
    ]


@callback("again")
async def draw_again(context: Context) -> list[Reply]:
    """A new picture of the same word or sentence, with a fresh seed."""
    try:
        entry_id = int(context.args)
    except ValueError:
        return []
    entry = await context.services.history.get(context.learner, entry_id)
    if entry is None:
        return [
            Reply(
                say(context.incoming, "I cannot find that picture any more.", "找不到那张图片了。"),
                ephemeral=True,
            )
        ]
    illustrator = context.services.illustrator
    if entry.kind == "word":
        request = illustrator.for_word(entry.text, new_seed=True)
    else:
        request = illustrator.for_sentence(entry.text, new_seed=True)
    return await request_picture(
        context, kind=entry.kind, text=entry.text, purpose=entry.kind, request=request
    )
