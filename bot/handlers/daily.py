"""/daily: one picture challenge a day in the learner's own chat; the answer buttons; /answer."""

from __future__ import annotations

from bot.challenges.rounds import answer as answer_round
from bot.challenges.timing import next_occurrence, parse_clock, parse_when, zone, zone_name
from bot.challenges.words import level_pool
from bot.conversation.context import Context
from bot.conversation.markup import bold
from bot.conversation.messages import Incoming, Reply
from bot.conversation.router import callback, command
from bot.conversation.texts import say


def unreadable_time(incoming: Incoming, word: str) -> str:
    """What to say when a word after /daily or /challenge is neither a time nor a time zone."""
    shown = word[:40] if word.isprintable() else "that"
    return say(
        incoming,
        f"I could not read {bold(shown)}. Write a time like 07:30 and, if you like, "
        "a time zone like Europe/London.",
        "看不懂。请写时间（如 07:30），也可以加时区（如 Asia/Shanghai）。",
    )


@command(
    "daily",
    usage="/daily on [HH:MM] [time zone] | /daily off",
    example="/daily on 07:30 Europe/London",
    zh="每日挑战",
    private=True,
)
async def daily(context: Context) -> list[Reply]:
    """Get a picture challenge every day at a time you choose.

    /daily on 07:30 Europe/London: start (the time and time zone are optional)
    /daily off: stop
    /daily: see when it comes
    """
    incoming = context.incoming
    services = context.services
    store = services.challenges
    if incoming.chat_kind == "group":
        return [
            context.tell(
                "/daily is for your own chat with me. Teachers can start a class "
                "challenge here with /challenge.",
                "/daily 只能在私聊里用。老师可以用 /challenge 开始班级挑战。",
                ephemeral=True,
            )
        ]
    words = incoming.args.split()
    action = words[0].lower() if words else ""
    current = await store.schedule_for("learner", incoming.platform, incoming.chat_id)
    if action == "off":
        stopped = await store.stop("learner", incoming.platform, incoming.chat_id)
        text = (
            say(
                incoming,
                "Daily challenges are off. Turn them on again with /daily on.",
                "每日挑战已关闭。",
            )
            if stopped
            else say(incoming, "Daily challenges were not on.", "每日挑战本来就没有开。")
        )
        return [Reply(text)]
    if action != "on":
        if current is None or not current.active:
            return [
                context.tell(
                    "You have no daily challenge yet. Start one with /daily on 07:30 "
                    "(and your time zone, like Europe/London).",
                    "你还没有每日挑战。发送 /daily on 07:30 开始。",
                )
            ]
        return [
            context.tell(
                f"Your daily challenge comes at {bold(current.post_time)} "
                f"({current.timezone}). Stop it with /daily off.",
                f"每日挑战在 {current.post_time}（{current.timezone}）。/daily off 关闭。",
            )
        ]
    settings = await services.users.settings(context.learner)
    fallback_zone = settings.get("timezone") or services.settings.challenges.default_timezone
    at, tz_name, unreadable = parse_when(
        words[1:], services.settings.challenges.default_time, fallback_zone
    )
    if unreadable is not None:
        return [Reply(unreadable_time(incoming, unreadable), ephemeral=True)]
    tz = zone(tz_name)
    clock = parse_clock(at)
    assert tz is not None and clock is not None
    first = next_occurrence(services.clock.now(), clock, tz)
    await store.save_schedule(
        kind="learner",
        platform=incoming.platform,
        chat_id=incoming.chat_id,
        chat_kind="private",
        learner_id=context.learner,
        post_time=at,
        timezone=tz_name,
        reveal_minutes=0,
        pool=level_pool(str(settings.get("level", "A1"))),
        locale=incoming.locale,
        next_post_at=first,
    )
    await services.users.set_chat_active(incoming.platform, incoming.chat_id, True)
    zone_too = zone_too_zh = ""
    if "timezone" not in settings and any(zone_name(word) for word in words[1:]):
        # the learner named where they are: their days (streaks, reviews due) are counted there too
        await services.users.update_settings(context.learner, timezone=tz_name)
        zone_too = f" Your time zone is now {tz_name} (change it with /settings)."
        zone_too_zh = f"你的时区已设为 {tz_name}（可用 /settings 修改）。"
    local = first.astimezone(tz)
    when = "today" if local.date() == services.clock.now().astimezone(tz).date() else "tomorrow"
    return [
        context.tell(
            f"☀️ Daily challenge on: every day at {bold(at)} ({tz_name}). "
            f"The first one comes {when}.{zone_too}",
            f"☀️ 每日挑战已开启：每天 {at}（{tz_name}）。{zone_too_zh}",
        )
    ]


@callback("chal")
async def challenge_button(context: Context) -> list[Reply]:
    round_id, _, index = context.args.partition(":")
    if not (round_id.isdecimal() and index.isdecimal()) or len(round_id) > 12:
        return [context.tell("That button is too old.", "这个按钮已经过期了。", ephemeral=True)]
    game = await context.services.challenges.round(int(round_id))
    choices = game.choices if game else []
    chosen = choices[int(index)] if int(index) < len(choices) else None
    return await answer_round(context, int(round_id), chosen)


@command(
    "answer", usage="/answer WORD", example="/answer apple", zh="回答挑战", needs_argument=True
)
async def answer(context: Context) -> list[Reply]:
    """Answer the challenge in this chat by typing the word."""
    incoming = context.incoming
    game = await context.services.challenges.latest_round(incoming.platform, incoming.chat_id)
    if game is None or game.state != "open":
        return [
            context.tell(
                "There is no challenge to answer here right now.",
                "现在没有可以回答的挑战。",
                ephemeral=True,
            )
        ]
    typed = " ".join(incoming.args.lower().split())
    for article in ("a ", "an ", "the "):
        typed = typed.removeprefix(article)
    return await answer_round(context, game.id, typed[:60])
