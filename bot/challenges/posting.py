"""Opening a schedule's round for a day: the pool's word, its choices, when it is revealed."""

from __future__ import annotations

import logging
import random
from datetime import date, timedelta

from bot.challenges.rounds import choices_for
from bot.challenges.words import WordPicker, list_pool
from bot.conversation.services import Services
from storage.challenges import Round, Schedule

log = logging.getLogger(__name__)


async def word_for(
    services: Services, picker: WordPicker, schedule: Schedule, day: str
) -> str | None:
    store = services.challenges
    when = date.fromisoformat(day)
    if schedule.pool == "list":
        words = await store.words(schedule.platform, schedule.chat_id)
        pool = list_pool(schedule.platform, schedule.chat_id)
        return await picker.word_for(store, pool, when, words)
    return await picker.word_for(store, schedule.pool, when)


async def _another_word(
    services: Services, picker: WordPicker, schedule: Schedule, day: str
) -> str | None:
    """A teacher's extra round: the class list when there is one, never a word this chat was
    already asked today (a second /challenge now is a new question)."""
    store = services.challenges
    listed = await store.words(schedule.platform, schedule.chat_id)
    candidates = listed or picker.level_words(schedule.pool.removeprefix("level:"))
    used = set(await store.round_words(schedule.platform, schedule.chat_id, day))
    fresh = sorted(w for w in candidates if w not in used) or sorted(candidates)
    if not fresh:
        return None
    return random.Random(f"{schedule.chat_id}:{day}:{len(used)}").choice(fresh)


async def open_round(
    services: Services,
    picker: WordPicker,
    schedule: Schedule,
    day: str,
    *,
    sent: bool = False,
    ad_hoc: bool = False,
) -> Round | None:
    """This schedule's round for `day` (None if it already has one, or has no words).

    An ad-hoc round (a teacher's /challenge now) belongs to no schedule, so it never takes the
    place of the scheduled one.
    """
    if ad_hoc:
        word = await _another_word(services, picker, schedule, day)
    else:
        word = await word_for(services, picker, schedule, day)
    if word is None:
        log.warning("challenge %d has no words to ask (empty class list?)", schedule.id)
        return None
    reveal_at = None
    if schedule.reveal_minutes:
        reveal_at = services.clock.now() + timedelta(minutes=schedule.reveal_minutes)
    return await services.challenges.add_round(
        None if ad_hoc else schedule,
        platform=schedule.platform,
        chat_id=schedule.chat_id,
        day=day,
        word=word,
        choices=choices_for(services, word, f"{word}:{day}"),
        image_id=None,
        reveal_at=reveal_at,
        sent=sent,
        timezone=schedule.timezone,
    )
