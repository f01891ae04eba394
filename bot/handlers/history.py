"""/history: the learner's words and sentences, newest first, searchable, any one sent again."""

from __future__ import annotations

from datetime import datetime

from bot.conversation.context import Context
from bot.conversation.markup import bold
from bot.conversation.messages import Button, Picture, Reply
from bot.conversation.router import callback, command
from bot.conversation.texts import say
from bot.conversation.validation import is_number
from bot.pictures.ask import request_picture
from engine.request import GenerationRequest

PAGE_SIZE = 10
SEARCH_KEY = "history.search"


@command(
    "history",
    usage="/history [search] [page]",
    example="/history apple",
    zh="我的历史",
    private=True,
    autocomplete="history",
)
async def history(context: Context) -> list[Reply]:
    """See the words and sentences you asked for, newest first.

    Add a word to search (/history cat) and a number for older pages (/history 2).
    """
    search, page = parse_arguments(context.args)
    await context.services.users.set_session(context.learner, SEARCH_KEY, search)
    return await history_page(context, search, page)


def parse_arguments(args: str) -> tuple[str, int]:
    words = args.split()
    page = 1
    if words and words[-1].isascii() and words[-1].isdecimal():  # any length: capped below
        page = max(1, min(int(words.pop()[:6]), 100_000))
    return " ".join(words)[:100], page


def ago(now: datetime, then: datetime) -> str:
    seconds = max(0, int((now - then).total_seconds()))
    for size, unit in ((86400, "day"), (3600, "hour"), (60, "minute")):
        if seconds >= size:
            count = seconds // size
            return f"{count} {unit}{'s' if count > 1 else ''} ago"
    return "just now"


async def history_page(context: Context, search: str, page: int) -> list[Reply]:
    services = context.services
    result = await services.history.page(
        context.learner, page, size=PAGE_SIZE, search=search or None
    )
    incoming = context.incoming
    if not result.entries:
        if search and page > 1:
            text = say(
                incoming,
                f"There are no more pictures for {bold(search)}. "
                f"Send /history {search} for the first page.",
                "没有更多了。",
            )
        elif search:
            text = say(
                incoming,
                f"I found nothing for {bold(search)}. Try another word, or "
                "/history to see everything.",
                "没有找到。换个词试试。",
            )
        elif page > 1:
            text = say(
                incoming,
                "There are no older pictures. Send /history for the newest.",
                "没有更早的图片了。",
            )
        else:
            text = say(
                incoming,
                "You have no pictures yet. Try /word apple!",
                "你还没有图片。试试 /word apple！",
            )
        return [Reply(text, ephemeral=True)]
    now = services.clock.now()
    title = f"Your pictures matching {bold(search)}" if search else "Your pictures"
    lines = [f"{title} (page {page}):"]
    show: list[Button] = []
    first = (page - 1) * PAGE_SIZE
    for number, entry in enumerate(result.entries, start=first + 1):
        mark = "" if entry.image_id else " (not drawn yet)"
        lines.append(
            f"{number}. {bold(entry.text)} · {entry.kind} · {ago(now, entry.created_at)}{mark}"
        )
        show.append(Button(f"🖼 {number}", f"hist:show:{entry.id}"))
    lines.append(
        say(incoming, "Press a number to see that picture again.", "按数字再看一次那张图片。")
    )
    rows = [tuple(show[i : i + 5]) for i in range(0, len(show), 5)]
    nav = []
    if page > 1:
        nav.append(Button("◀ Newer", f"hist:page:{page - 1}"))
    if result.has_next:
        nav.append(Button("Older ▶", f"hist:page:{page + 1}"))
    if nav:
        rows.append(tuple(nav))
    return [Reply("\n".join(lines), buttons=tuple(rows), ephemeral=True)]


@callback("hist")
async def history_button(context: Context) -> list[Reply]:
    action, _, value = context.args.partition(":")
    if not is_number(value):
        return []
    if action == "page":
        search = await context.services.users.session(context.learner, SEARCH_KEY) or ""
        return await history_page(context, search, int(value))
    if action == "show":
        return await show_entry(context, int(value))
    return []


async def show_entry(context: Context, entry_id: int) -> list[Reply]:
    services = context.services
    entry = await services.history.get(context.learner, entry_id)
    if entry is None:
        return [
            context.tell(
                "I cannot find that picture any more.", "找不到那张图片了。", ephemeral=True
            )
        ]
    image = await services.images.get(entry.image_id) if entry.image_id else None
    if image is not None and image.path.exists():
        return [
            Reply(
                bold(entry.text),
                images=(Picture(image.path, image.id, caption=entry.text, alt=entry.text),),
            )
        ]
    # The file is gone (or was never drawn): draw it again, exactly, from the recorded parameters.
    job = await services.jobs.get(entry.job_id) if entry.job_id else None
    if image is not None:
        request = GenerationRequest.from_params(image.params)
    elif job is not None:
        request = GenerationRequest.from_dict(job.request)
    elif entry.kind == "word":
        request = services.illustrator.for_word(entry.text)
    else:
        request = services.illustrator.for_sentence(entry.text)
    return await request_picture(context, kind=entry.kind, text=entry.text, request=request)
