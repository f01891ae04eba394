"""/challenge for teachers: a daily class challenge in this chat, or one right now."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, time, timedelta

from bot.challenges.posting import open_round
from bot.challenges.rounds import question, reveal
from bot.challenges.timing import local_date, next_occurrence, parse_clock, parse_when, zone
from bot.challenges.words import level_pool, picker_for
from bot.conversation.context import Context
from bot.conversation.markup import bold
from bot.conversation.messages import Reply
from bot.conversation.router import command, on_picture
from bot.conversation.texts import say
from bot.handlers.daily import unreadable_time
from bot.learning.dictionary import LEVELS
from bot.pictures.delivery import Delivery, job_handle
from storage.challenges import Schedule
from storage.images import StoredImage

USAGE = "/challenge on [HH:MM] [reveal HH:MM] [time zone] [level A2 | list] | off | now | reveal"


@command("challenge", usage=USAGE, example="/challenge on 08:30 reveal 15:00 level A1",
         zh="班级挑战", teacher_only=True)  # fmt: skip
async def challenge(context: Context) -> list[Reply]:
    """Run a daily class challenge in this chat.

    /challenge on 08:30 reveal 15:00 Europe/London level A1: every school day at 08:30, answers
    shown at 15:00 (use "list" instead of a level for your /wordlist)
    /challenge now: post a challenge at once
    /challenge reveal: show the answer of the open challenge now
    /challenge off: stop the daily challenge
    """
    incoming = context.incoming
    words = incoming.args.split()
    action = words[0].lower() if words else ""
    store = context.services.challenges
    if action == "off":
        stopped = await store.stop("class", incoming.platform, incoming.chat_id)
        return [
            Reply(
                say(incoming, "The class challenge is off.", "班级挑战已关闭。")
                if stopped
                else say(incoming, "There was no class challenge here.", "这里没有班级挑战。")
            )
        ]
    if action == "on":
        return await _start(context, words[1:])
    if action == "now":
        return await _now(context)
    if action == "reveal":
        game = await store.latest_round(incoming.platform, incoming.chat_id)
        if game is None or game.state != "open" or not await store.claim_reveal(game.id):
            return [context.tell("There is no open challenge here.", "这里没有进行中的挑战。")]
        return [await reveal(context.services, incoming, game)]
    current = await store.schedule_for("class", incoming.platform, incoming.chat_id)
    if current is None or not current.active:
        return [context.tell(f"No class challenge here yet. Start one: {USAGE}", USAGE)]
    pool = "your class word list" if current.pool == "list" else current.pool.split(":")[1]
    answer_at = _clock_after(current.post_time, current.reveal_minutes)
    return [
        context.tell(
            f"Class challenge: every day at {bold(current.post_time)}, answers at "
            f"{bold(answer_at)} ({current.timezone}), words from {pool}.",
            f"班级挑战：每天 {current.post_time}，{answer_at} 公布答案（{current.timezone}）。",
        )
    ]


def _clock_after(post_time: str, minutes: int) -> str:
    start = parse_clock(post_time) or time(8)
    moment = datetime.combine(datetime(2000, 1, 1), start) + timedelta(minutes=minutes)
    return moment.strftime("%H:%M")


async def _start(context: Context, words: list[str]) -> list[Reply]:
    incoming = context.incoming
    services = context.services
    config = services.settings.challenges
    pool = level_pool("A1")
    reveal_at: str | None = None
    rest: list[str] = []
    index = 0
    while index < len(words):
        word = words[index].lower()
        following = words[index + 1] if index + 1 < len(words) else ""
        if word == "level" and following.upper() in LEVELS:
            pool, index = level_pool(following), index + 2
        elif word.upper() in LEVELS:
            pool, index = level_pool(word), index + 1
        elif word == "list":
            pool, index = "list", index + 1
        elif word == "reveal" and parse_clock(following):
            reveal_at, index = following, index + 2
        else:
            rest.append(words[index])
            index += 1
    at, tz_name, unreadable = parse_when(rest, config.default_time, config.default_timezone)
    if unreadable is not None:
        return [Reply(unreadable_time(incoming, unreadable), ephemeral=True)]
    if pool == "list" and not await services.challenges.words(incoming.platform, incoming.chat_id):
        return [
            context.tell(
                "Your class word list is empty. Add words first: /wordlist add apple, cat, sun",
                "单词表是空的。请先用 /wordlist add 添加单词。",
                ephemeral=True,
            )
        ]
    minutes = config.reveal_minutes
    if reveal_at:
        start, end = parse_clock(at), parse_clock(reveal_at)
        assert start is not None and end is not None
        minutes = ((end.hour * 60 + end.minute) - (start.hour * 60 + start.minute)) % 1440 or 1440
    tz, clock = zone(tz_name), parse_clock(at)
    assert tz is not None and clock is not None
    await services.challenges.save_schedule(
        kind="class",
        platform=incoming.platform,
        chat_id=incoming.chat_id,
        chat_kind=incoming.chat_kind,
        learner_id=context.learner,
        post_time=at,
        timezone=tz_name,
        reveal_minutes=minutes,
        pool=pool,
        locale=incoming.locale,
        next_post_at=next_occurrence(services.clock.now(), clock, tz),
    )
    await services.users.set_chat_active(
        incoming.platform, incoming.chat_id, True, incoming.chat_kind
    )
    source = "the class word list" if pool == "list" else f"level {pool.split(':')[1]}"
    return [
        context.tell(
            f"🏆 Class challenge on: every day at {bold(at)} ({tz_name}), answers shown at "
            f"{bold(_clock_after(at, minutes))}, words from {source}. Try one now with "
            "/challenge now.",
            f"🏆 班级挑战已开启：每天 {at}（{tz_name}）。",
        )
    ]


async def _now(context: Context) -> list[Reply]:
    incoming = context.incoming
    services = context.services
    config = services.settings.challenges
    schedule = await services.challenges.schedule_for("class", incoming.platform, incoming.chat_id)
    if schedule is None or not schedule.active:
        schedule = Schedule(
            id=0, kind="class", platform=incoming.platform, chat_id=incoming.chat_id,
            chat_kind=incoming.chat_kind, learner_id=context.learner,
            post_time=config.default_time, timezone=config.default_timezone,
            reveal_minutes=config.reveal_minutes, pool=level_pool("A1"), locale=incoming.locale,
            next_post_at=services.clock.now(), active=False,
        )  # fmt: skip
    latest = await services.challenges.latest_round(incoming.platform, incoming.chat_id)
    if latest is not None and latest.state == "open":
        return [
            context.tell(
                "A challenge is still open here. Show its answer first with /challenge reveal.",
                "还有一个挑战没有结束。请先用 /challenge reveal 公布答案。",
                ephemeral=True,
            )
        ]
    tz = zone(schedule.timezone) or zone("UTC")
    assert tz is not None
    day = local_date(services.clock.now(), tz).isoformat()
    picker = picker_for(services.dictionary, services.prompt_filter)
    game = await open_round(services, picker, schedule, day, sent=True, ad_hoc=True)
    if game is None:
        return [context.tell("I have no words to ask. Add some with /wordlist add.", "")]
    request = services.illustrator.for_word(game.word)
    cached = await services.images.cached(request.cache_key())
    if cached is not None:
        await services.challenges.mark_sent(game.id, cached.id)
        return [question(incoming, game, cached)]
    ticket = await services.queue.submit(
        request,
        owner=context.owner,
        purpose="challenge",
        delivery=Delivery(
            kind="challenge",
            text="today's challenge",
            address=context.address,
            learner=context.learner,
            locale=incoming.locale,
            round=game.id,
        ).to_payload(),
    )
    if ticket.job_id is None and ticket.image is not None:
        return [question(incoming, game, ticket.image)]
    assert ticket.job_id is not None
    return [
        context.tell(
            "Drawing today's challenge…",
            "正在画今天的挑战…",
            handle=job_handle(ticket.job_id),
            pending=True,
        )
    ]


@on_picture("challenge")
async def challenge_picture(
    context: Context, delivery: Delivery, image: StoredImage
) -> list[Reply]:
    store = context.services.challenges
    game = await store.round(delivery.round or 0)
    if game is None:
        return []
    await store.mark_sent(game.id, image.id)
    return [replace(question(context.incoming, game, image), clears=delivery.handle)]
