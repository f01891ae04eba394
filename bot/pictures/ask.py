"""Asking for a picture, the same way for every command: history entry, queue, instant answer."""

from __future__ import annotations

from datetime import timedelta

from bot.conversation.context import Context
from bot.conversation.markup import bold
from bot.conversation.messages import Button, Picture, Reply
from bot.conversation.router import PICTURE_RENDERERS
from bot.conversation.texts import counted, say
from bot.logs import current_request_id
from bot.pictures.delivery import Delivery, job_handle
from engine.queue import QueueRefused, Refusal, Ticket
from engine.request import GenerationRequest
from storage.images import StoredImage


async def chat_style(context: Context) -> str | None:
    """The style chosen for this chat with /style, if the operator still offers it."""
    incoming = context.incoming
    style = await context.services.users.chat_style(incoming.platform, incoming.chat_id)
    return style if style in context.services.illustrator.style_names else None


async def request_picture(
    context: Context,
    *,
    kind: str,
    text: str,
    request: GenerationRequest,
    sense: str | None = None,
    again: bool = False,
) -> list[Reply]:
    """Queue the drawing and answer at once: the picture if cached, else the place in line.
    `again`: "Draw again" of a picture the learner already has.

    The caller has already run `safety_refusal` on `text` (or the text came from the
    learner's own history, which was checked when it was first asked).
    """
    services = context.services
    incoming = context.incoming
    delivery = Delivery(
        kind=kind,
        text=text,
        address=context.address,
        learner=context.learner,
        locale=incoming.locale,
        request_id=current_request_id(),
        sense=sense,
        again=again,
    )
    cached = await services.images.cached(request.cache_key())
    if cached is not None:
        entry_id = await services.history.add(
            context.learner, kind, text, job_id=None, image_id=cached.id
        )
        return await render_picture(context, delivery.with_entry(entry_id), cached)
    flood = services.flood
    if not incoming.is_admin:  # the operator (and the terminal) is never held back
        wait = flood.picture_wait(context.learner, incoming.chat_kind, incoming.chat_id)
        if wait is not None:
            return [
                context.tell(
                    f"One moment! You can ask for a new picture in {wait} seconds.",
                    f"请等 {wait} 秒再要新图片。",
                    ephemeral=True,
                )
            ]
    try:
        ticket = await services.queue.submit(
            request,
            owner=context.owner,
            purpose=kind,
            delivery=delivery.to_payload(),
            cache_checked=True,
        )
    except QueueRefused as refusal:
        return [Reply(refusal_text(context, refusal), ephemeral=True)]
    if ticket.job_id is not None:
        flood.picture_started(context.learner, incoming.chat_kind, incoming.chat_id)
    entry_id = await services.history.add(
        context.learner,
        kind,
        text,
        job_id=ticket.job_id,
        image_id=ticket.image.id if ticket.image else None,
    )
    if ticket.image is not None:
        return await render_picture(context, delivery.with_entry(entry_id), ticket.image)
    return [acknowledgement(context, ticket, text)]


async def render_picture(context: Context, delivery: Delivery, image: StoredImage) -> list[Reply]:
    """Show a finished picture the way its kind is shown (word card, sentence, challenge)."""
    renderer = PICTURE_RENDERERS.get(delivery.kind)
    if renderer is None:
        raise LookupError(f"no renderer for pictures of kind {delivery.kind!r}")
    return await renderer(context, delivery, image)


BREAK_AFTER_FLAGS = 3
BREAK_WINDOW = timedelta(minutes=10)


async def safety_refusal(context: Context, text: str) -> Reply | None:
    """A kind refusal when the words are not for a children's picture (the teacher can review)."""
    services = context.services
    incoming = context.incoming
    if await services.flags.recent_for(context.learner, BREAK_WINDOW) >= BREAK_AFTER_FLAGS:
        return context.tell(
            "Let's take a short break from drawing. Try again in 10 "
            "minutes, with a word for school.",
            "我们休息一下吧。10 分钟后再试。",
            ephemeral=True,
        )
    verdict = services.prompt_filter.check(text)
    if not verdict.blocked:
        return None
    await services.flags.add(
        user_id=context.learner,
        platform=incoming.platform,
        chat_id=incoming.chat_id,
        kind="prompt",
        text=text,
        reason=f"{verdict.category}: {verdict.term}",
    )
    return context.tell(
        "I can't draw that one. Let's pick a different word, like /word rainbow.",
        "这个我不能画。换一个词吧，比如 /word rainbow。",
        ephemeral=True,
    )


def acknowledgement(context: Context, ticket: Ticket, text: str) -> Reply:
    assert ticket.job_id is not None
    if ticket.position <= 1:
        place = say(context.incoming, "you are next.", "马上就轮到你。")
    else:
        place = say(
            context.incoming,
            f"you are #{ticket.position} in line.",
            f"你排在第 {ticket.position} 位。",
        )
    quota = ""
    if ticket.quota_left is not None and ticket.quota_left <= 5:
        quota = f"\n({counted(ticket.quota_left, 'picture')} left today)"
    return Reply(
        text=f"Drawing {bold(text)}… {place}{quota}",
        handle=job_handle(ticket.job_id),
        pending=True,
        reply_to=context.incoming.message_id,
        buttons=((Button("✖ Cancel", f"cancel:{ticket.job_id}"),),),
    )


def refusal_text(context: Context, refusal: QueueRefused) -> str:
    incoming = context.incoming
    if refusal.reason is Refusal.PENDING_LIMIT:
        return say(
            incoming,
            f"You already have {counted(refusal.limit, 'picture')} being drawn. Please wait "
            "for them, then ask again.",
            f"你已经有 {refusal.limit} 张图片在画了。请等它们画完再试。",
        )
    if refusal.reason is Refusal.DAILY_QUOTA:
        return say(
            incoming,
            f"You have used all {refusal.limit} pictures for today. Come back "
            "tomorrow! You can still use /history and /help.",
            f"今天的 {refusal.limit} 张图片已经用完了。明天再来吧！",
        )
    return say(
        incoming,
        f"I am very busy right now. Please try again in {refusal.retry_minutes} minute(s).",
        f"我现在很忙。请 {refusal.retry_minutes} 分钟后再试。",
    )


def picture_reply(
    context: Context,
    image: StoredImage,
    *,
    text: str,
    caption: str,
    delivery: Delivery,
    buttons: tuple[tuple[Button, ...], ...] = (),
) -> Reply:
    return Reply(
        text=text,
        images=(Picture(image.path, image.id, caption=caption, alt=caption),),
        clears=delivery.handle,
        buttons=buttons,
        reply_to=context.incoming.message_id,
    )


def only_picture(context: Context, image: StoredImage, kind: str) -> bool:
    """Not "Draw again" material: the starter would draw this very picture again (each thing
    in it is drawn truly in one look only). A word of many kinds draws other kinds; a plural
    drawn as copies of one thing ("dogs") is that thing's picture again."""
    from engine.scene import Scene

    raw = image.params.get("scene")
    scene = Scene.from_json(str(raw)) if raw else None
    subjects: list[str] = []
    if kind == "word" and (scene is None or scene.one_kind):
        subjects = [str(image.params.get("subject", ""))]
    elif kind != "word" and scene is not None:
        subjects = scene.concepts
    subjects = [subject for subject in subjects if subject]
    prompt = str(image.params.get("prompt", ""))
    return bool(subjects) and not context.services.illustrator.draws_another(subjects, prompt)
