"""Logging with a request id that follows one message from adapter to dialogue, queue and engine.

Message text is never logged unless `log.message_text` is on; secrets are blanked out; the
format is plain text or one JSON object per line (`log.format = "json"`) for log collectors.
"""

from __future__ import annotations

import collections
import json
import logging
import random
import time

from engine.tracing import request_id as _request_id


def new_request_id() -> str:
    # a label to follow one message through the logs, not a secret: no system call for it
    value = f"{random.getrandbits(32):08x}"
    _request_id.set(value)
    return value


def current_request_id() -> str:
    return _request_id.get()


def use_request_id(value: str | None) -> None:
    """Carry a message's request id into the queue worker, the engine thread, the courier."""
    _request_id.set(value or "-")


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = _request_id.get()
        return True


class SecretRedactor(logging.Filter):
    """Replaces every known secret (bot tokens, hashes) with *** in any log line."""

    def __init__(self, secrets: list[str]) -> None:
        super().__init__()
        self.secrets = [s for s in secrets if len(s) >= 6]

    def filter(self, record: logging.LogRecord) -> bool:
        if not self.secrets:
            return True
        message = record.getMessage()
        if any(secret in message for secret in self.secrets):
            for secret in self.secrets:
                message = message.replace(secret, "***")
            record.msg, record.args = message, None
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S"),
            "level": record.levelname,
            "logger": record.name,
            "request_id": getattr(record, "request_id", "-"),
            "message": record.getMessage(),
        }
        if record.exc_info:
            entry["error"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


class ErrorCounter(logging.Handler):
    """Counts ERROR records, for /status ("errors in the last hour")."""

    def __init__(self) -> None:
        super().__init__(level=logging.ERROR)
        self.times: collections.deque[float] = collections.deque(maxlen=10_000)

    def emit(self, record: logging.LogRecord) -> None:
        self.times.append(time.monotonic())

    def last_hour(self) -> int:
        cutoff = time.monotonic() - 3600
        return sum(1 for t in self.times if t >= cutoff)


ERRORS = ErrorCounter()


def configure_logging(
    level: str = "INFO", secrets: list[str] | None = None, fmt: str = "text"
) -> None:
    handler = logging.StreamHandler()
    handler.addFilter(RequestIdFilter())
    handler.addFilter(SecretRedactor(secrets or []))
    if fmt == "json":
        handler.setFormatter(JsonFormatter())
    else:
        handler.setFormatter(
            logging.Formatter("%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s")
        )
    root = logging.getLogger()
    root.handlers[:] = [handler, ERRORS]
    root.setLevel(level)
    quiet_libraries()


def quiet_libraries() -> None:
    """Libraries that would log message text (aiosqlite's SQL parameters) or request URLs
    (httpx, with the bot token in them) speak only about problems, even at DEBUG."""
    for noisy in (
        "httpx",
        "httpcore",
        "aiosqlite",
        "apscheduler.executors.default",
        "telegram.ext.ExtBot",
        "telegram.Bot",
    ):
        logging.getLogger(noisy).setLevel(logging.WARNING)
