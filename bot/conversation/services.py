"""Everything a handler may use, built once by the app and passed in (no globals, no platform)."""

from __future__ import annotations

import asyncio
import contextlib
from dataclasses import dataclass, field
from datetime import UTC, datetime

from bot.config import Settings
from bot.conversation.flood import FloodGuard
from bot.learning.dictionary import Dictionary
from bot.learning.quiz import QuizMaster
from bot.learning.remembered import Remembered
from bot.learning.speech import Speaker
from bot.pictures.illustrator import Illustrator
from engine.prompt_filter import PromptFilter
from engine.queue import GenerationQueue
from storage.buttons import ButtonStore
from storage.challenges import ChallengeStore
from storage.clock import Clock
from storage.db import Database
from storage.flags import FlagStore
from storage.gaps import GapStore
from storage.history import HistoryStore
from storage.images import ImageStore
from storage.jobs import JobStore
from storage.learning import LearningStore
from storage.links import LinkStore
from storage.privacy import PrivacyStore
from storage.reports import ReportStore
from storage.users import UserStore


class Readiness:
    """What is still loading after the app started answering (the dictionary, the picture
    model and what it can draw): commands that need it wait for it."""

    def __init__(self) -> None:
        self._done = asyncio.Event()
        self._begin = asyncio.Event()
        self.error: BaseException | None = None
        self.seconds = 0.0

    def begin(self) -> None:
        """The program answers now (its page or prompt is up): loading may take the cores.
        Loading threads started earlier held the GIL while the web server and the chat were
        still starting, and made the first answer 0.4 s later and twice as uneven."""
        self._begin.set()

    async def begun(self, at_most: float) -> None:
        """Until `begin` (or a command that needs what loads), but never longer than `at_most`."""
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._begin.wait(), at_most)

    @property
    def ready(self) -> bool:
        return self._done.is_set()

    def finish(self, seconds: float, error: BaseException | None = None) -> None:
        self.seconds, self.error = seconds, error
        self._done.set()

    async def wait(self) -> bool:
        """True once everything loaded; False if loading failed."""
        self._begin.set()  # somebody needs it now
        await self._done.wait()
        return self.error is None


@dataclass
class Services:
    settings: Settings
    clock: Clock
    db: Database
    users: UserStore
    history: HistoryStore
    images: ImageStore
    jobs: JobStore
    queue: GenerationQueue
    illustrator: Illustrator
    dictionary: Dictionary
    learning: LearningStore
    quizzes: QuizMaster
    speaker: Speaker
    flags: FlagStore
    gaps: GapStore
    buttons: ButtonStore
    links: LinkStore
    privacy: PrivacyStore
    reports: ReportStore
    challenges: ChallengeStore
    prompt_filter: PromptFilter
    flood: FloodGuard
    started_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    # None: everything was loaded before the first message
    loading: Readiness | None = None
    remembered: Remembered = field(default_factory=Remembered)
