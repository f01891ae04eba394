"""Everything a handler may use, built once by the app and passed in (no globals, no platform)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

from bot.config import Settings
from bot.conversation.flood import FloodGuard
from bot.learning.dictionary import Dictionary
from bot.learning.quiz import QuizMaster
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
