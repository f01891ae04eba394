"""The core scheduler (APScheduler 3, in our event loop): nightly purges, daily challenges.

Owned by the app rather than a platform's job queue, so it can post through every adapter.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from datetime import UTC, datetime, timedelta
from typing import Any

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

from bot.challenges.runner import ChallengeRunner
from bot.conversation.services import Services

log = logging.getLogger(__name__)


class CoreScheduler:
    def __init__(self, services: Services, challenges: ChallengeRunner | None = None) -> None:
        self.services = services
        self.challenges = challenges
        self.scheduler = AsyncIOScheduler(timezone=UTC)
        self._ticking: asyncio.Task[Any] | None = None

    async def __aenter__(self) -> CoreScheduler:
        self.scheduler.add_job(
            self.purge_idle_learners,
            CronTrigger(hour=3, minute=17),
            id="privacy-retention",
            replace_existing=True,
            misfire_grace_time=6 * 3600,
            coalesce=True,
        )
        if self.challenges is not None:
            # Every minute, and once right away: anything missed while stopped is caught up
            # (within challenges.grace_hours), and the database makes each posting happen once.
            self.scheduler.add_job(
                self._challenge_tick,
                IntervalTrigger(minutes=1),
                id="challenges",
                next_run_time=datetime.now(UTC),
                replace_existing=True,
                coalesce=True,
                max_instances=1,
                misfire_grace_time=self.services.settings.challenges.grace_hours * 3600 or None,
            )
        self.scheduler.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self.scheduler.running:
            self.scheduler.shutdown(wait=False)
        # A tick still running must end before storage closes (the next start catches up).
        ticking = self._ticking
        if ticking is not None and not ticking.done():
            ticking.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await ticking

    async def _challenge_tick(self) -> None:
        assert self.challenges is not None
        self._ticking = asyncio.current_task()
        try:
            await self.challenges.tick()
        except asyncio.CancelledError:
            log.info("challenges: a tick was stopped by shutdown; the next start catches up")
        finally:
            self._ticking = None

    async def purge_idle_learners(self) -> int:
        """Delete learners idle for longer than privacy.retention_days."""
        services = self.services
        days = services.settings.privacy.retention_days
        before = services.clock.now() - timedelta(days=days)
        learners = await services.privacy.idle_learners(before)
        # web visitors who never asked for anything go after a day (anyone can open the page)
        day_ago = services.clock.now() - timedelta(days=1)
        learners += [
            v for v in await services.privacy.idle_visitors("web", day_ago) if v not in learners
        ]
        for learner in learners:
            await services.privacy.forget(learner, services.images.root, services.settings.data.dir)
        if learners:
            log.info("retention: deleted %d learner(s) idle for over %d days", len(learners), days)
        return len(learners)
