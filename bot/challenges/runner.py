"""Running the challenges on time: prepare pictures ahead, post due rounds once, reveal answers.

``tick(now)`` does everything that is due at ``now`` and is safe to call any number of times,
from any number of processes: APScheduler calls it every minute and once at start (catching up
after a restart), tests call it with an injected clock. Postings later than
``challenges.grace_hours`` are skipped, and several missed days coalesce into one posting.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import defaultdict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from bot.challenges.posting import open_round, word_for
from bot.challenges.rounds import question, reveal
from bot.challenges.timing import local_date, next_occurrence, parse_clock, zone
from bot.challenges.words import picker_for
from bot.conversation.messages import Address, Incoming, Reply
from bot.conversation.services import Services
from bot.pictures.broadcast import Broadcaster, BroadcastReport, Post
from bot.pictures.courier import Courier
from bot.pictures.delivery import Delivery
from engine.queue import JobEvent
from storage.challenges import Round, Schedule
from storage.images import StoredImage
from storage.jobs import BACKGROUND

log = logging.getLogger(__name__)

OWNER = "challenges"
LEASE = timedelta(minutes=10)  # a round claimed longer ago than this is sent again


@dataclass
class TickReport:
    posted: int = 0
    missed: int = 0
    revealed: int = 0
    prepared: int = 0
    broadcast: BroadcastReport = field(default_factory=BroadcastReport)


def schedule_incoming(schedule: Schedule | None, game: Round) -> Incoming:
    """The chat a scheduled message goes to, as the reply builders expect it."""
    return Incoming(
        platform=game.platform,
        chat_id=game.chat_id,
        user_id="",
        chat_kind="group" if schedule and schedule.chat_kind == "group" else "private",
        locale=schedule.locale if schedule else "en",
    )


class ChallengeRunner:
    def __init__(self, services: Services, courier: Courier) -> None:
        self.services = services
        self.settings = services.settings.challenges
        self.words = picker_for(services.dictionary, services.prompt_filter)
        self.broadcaster = Broadcaster(
            courier.sender, services.users, concurrency=self.settings.broadcast_concurrency
        )
        self.last_report: BroadcastReport | None = None
        self._lock = asyncio.Lock()
        self._waiting: dict[int, asyncio.Future[StoredImage | None]] = {}
        services.queue.subscribe(self._on_job)

    # ---- the one entry point -------------------------------------------------------------
    async def tick(self, now: datetime | None = None) -> TickReport:
        async with self._lock:  # one tick at a time in this process; the database guards others
            now = now or self.services.clock.now()
            report = TickReport()
            report.prepared = await self.prepare(now)
            await self._open_due_rounds(now, report)
            await self._send_unsent(now, report)
            report.revealed = await self._reveal_due(now)
            return report

    # ---- pictures ahead of time ----------------------------------------------------------
    async def prepare(self, now: datetime) -> int:
        """Start drawing the words of postings due within the preparation window (no waiting)."""
        horizon = now + timedelta(minutes=self.settings.prepare_minutes)
        started = 0
        seen: set[str] = set()
        for schedule in await self.services.challenges.due(horizon):
            word = await word_for(self.services, self.words, schedule, self._day(schedule))
            if word and word not in seen:
                seen.add(word)
                started += await self._start_picture(word)
        return started

    async def _start_picture(self, word: str) -> int:
        cached, job_id = await self._request_picture(word)
        return 0 if cached is not None or job_id is None else 1

    async def _request_picture(self, word: str) -> tuple[StoredImage | None, int | None]:
        """The cached picture of `word`, or the job now drawing it (background priority)."""
        request = self.services.illustrator.for_word(word)
        cached = await self.services.images.cached(request.cache_key())
        if cached is not None:
            return cached, None
        ticket = await self.services.queue.submit(
            request,
            owner=OWNER,
            purpose="challenge",
            delivery=Delivery(kind="challenge", text=word).to_payload(),
            priority=BACKGROUND,
        )
        return ticket.image, ticket.job_id

    async def picture(self, word: str, *, wait_seconds: float = 600) -> StoredImage | None:
        """The word's picture: from the cache, or drawn now (waiting up to `wait_seconds`)."""
        image, job_id = await self._request_picture(word)
        if image is not None or job_id is None:
            return image
        future = self._waiting.setdefault(job_id, asyncio.get_running_loop().create_future())
        job = await self.services.jobs.get(job_id)
        if job is not None and job.state in ("done", "failed") and not future.done():
            image = await self.services.images.get(job.image_id) if job.image_id else None
            future.set_result(image)
        try:
            return await asyncio.wait_for(asyncio.shield(future), wait_seconds)
        except TimeoutError:
            log.warning("the picture of %r was not ready in time", word)
            return None
        finally:
            self._waiting.pop(job_id, None)

    def _on_job(self, event: JobEvent) -> None:
        if event.job.owner != OWNER or event.kind not in ("done", "failed"):
            return
        future = self._waiting.get(event.job.id)
        if future is not None and not future.done():
            future.set_result(event.image if event.kind == "done" else None)
        with contextlib.suppress(RuntimeError):
            asyncio.get_running_loop().create_task(
                self.services.jobs.confirm_delivery(event.job.id)
            )

    # ---- posting -------------------------------------------------------------------------
    def _zone(self, schedule: Schedule) -> ZoneInfo:
        return zone(schedule.timezone) or ZoneInfo("UTC")

    def _day(self, schedule: Schedule) -> str:
        return local_date(schedule.next_post_at, self._zone(schedule)).isoformat()

    async def _open_due_rounds(self, now: datetime, report: TickReport) -> None:
        store = self.services.challenges
        grace = timedelta(hours=self.settings.grace_hours)
        for schedule in await store.due(now):
            at = parse_clock(schedule.post_time)
            if at is None:
                continue
            late = now - schedule.next_post_at
            if late <= grace:
                # the round first: if we stop right after, the next tick finds and sends it
                if await open_round(self.services, self.words, schedule, self._day(schedule)):
                    report.posted += 1
            else:
                report.missed += 1
                log.info("challenge %d: skipped a posting %s late", schedule.id, late)
            following = next_occurrence(now, at, self._zone(schedule))
            await store.advance(schedule.id, schedule.next_post_at, following)

    async def _send_unsent(self, now: datetime, report: TickReport) -> None:
        store = self.services.challenges
        by_word: dict[str, list[Round]] = defaultdict(list)
        for game in await store.unsent(now - LEASE):
            if await store.claim_send(game.id, now - LEASE):
                by_word[game.word].append(game)
        posts: list[Post] = []
        for word, games in by_word.items():
            image = await self.picture(word)  # one picture per word, shared by every chat
            for game in games:
                schedule = await store.schedule(game.schedule_id) if game.schedule_id else None
                incoming = schedule_incoming(schedule, game)
                posts.append(
                    Post(
                        Address(game.platform, game.chat_id, incoming.chat_kind),
                        (question(incoming, game, image),),
                        on_sent=_marker(self, game.id, image),
                    )
                )
        if posts:
            result = await self.broadcaster.send_all(posts, label="daily challenge")
            for games in by_word.values():  # handled, delivered or not: never sent twice
                for game in games:
                    await store.mark_sent(game.id, None)
            for platform, chat_id in result.blocked_chats:
                await store.stop("learner", platform, chat_id)
            report.broadcast = result
            self.last_report = result

    # ---- reveals -------------------------------------------------------------------------
    async def _reveal_due(self, now: datetime) -> int:
        store = self.services.challenges
        revealed = 0
        posts: list[Post] = []
        for game in await store.due_reveals(now):
            if not await store.claim_reveal(game.id):
                continue
            schedule = await store.schedule(game.schedule_id) if game.schedule_id else None
            incoming = schedule_incoming(schedule, game)
            reply: Reply = await reveal(self.services, incoming, game)
            posts.append(Post(Address(game.platform, game.chat_id, incoming.chat_kind), (reply,)))
            revealed += 1
        if posts:
            await self.broadcaster.send_all(posts, label="challenge reveal")
        return revealed


def _marker(
    runner: ChallengeRunner, round_id: int, image: StoredImage | None
) -> Callable[[], Awaitable[None]]:
    async def mark() -> None:
        await runner.services.challenges.mark_sent(round_id, image.id if image else None)

    return mark
