"""Dashboard sections beyond the learner table: classes (schedule, word list, last challenge,
leaderboard) what the safety checks stopped, and the words the model could not draw yet."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from bot.adapters.web.pages import TEMPLATES
from bot.challenges.rounds import pseudonym, week_start
from bot.conversation.services import Services


async def classes_section(services: Services) -> Markup:
    store = services.challenges
    classes: list[dict[str, Any]] = []
    for platform, chat_id in await store.class_chats():
        schedule = await store.schedule_for("class", platform, chat_id)
        latest = await store.latest_round(platform, chat_id)
        answers = await store.answers(latest.id) if latest else []
        standings = await store.leaderboard(
            platform, chat_id, since=week_start(services.clock.now()), limit=5
        )
        classes.append(
            {
                "name": f"{platform} · {chat_id}",
                "schedule": schedule if schedule and schedule.active else None,
                "words": await store.words(platform, chat_id),
                "latest": latest,
                "right": sum(1 for _, _, correct in answers if correct),
                "answered": len(answers),
                "board": [(pseudonym(s.learner_id), s.points) for s in standings],
            }
        )
    return Markup(TEMPLATES.get_template("classes.html").render(classes=classes))


async def flags_section(services: Services) -> Markup:
    flags = await services.flags.latest(limit=20)
    return Markup(TEMPLATES.get_template("flags.html").render(flags=flags))


async def gaps_section(services: Services) -> Markup:
    model = services.settings.engine.model
    gaps = await services.gaps.most_asked(model, limit=30)
    return Markup(TEMPLATES.get_template("gaps.html").render(gaps=gaps, model=model))
