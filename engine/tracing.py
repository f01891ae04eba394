"""The request id of the message being served: set by the dialogue, carried by jobs to the
queue worker and the engine thread, read by the log formatter (bot/logs.py)."""

from __future__ import annotations

import contextvars

request_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")
