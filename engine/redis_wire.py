"""What the bot and the GPU workers say to each other through Redis Streams.

Jobs go out on ``<prefix>:jobs:<model>`` (consumer group ``workers``; a worker reads only
its own model's stream); what happens to them comes back
on ``<prefix>:events`` (consumer group ``bot``). A worker announces itself with a key that
expires: ``<prefix>:worker:<name>``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from engine.pipeline import DrawnPicture

WORKERS = "workers"
BOT = "bot"
HEARTBEAT_SECONDS = 5
HEARTBEAT_TTL = 15


@dataclass(frozen=True)
class Names:
    prefix: str = "pictolingo"

    def jobs(self, model: str) -> str:
        """The jobs for one model: a worker reads only the stream of the model it loaded."""
        return f"{self.prefix}:jobs:{model}"

    @property
    def all_jobs(self) -> str:
        """The pattern matching every model's jobs stream."""
        return f"{self.prefix}:jobs:*"

    @property
    def events(self) -> str:
        return f"{self.prefix}:events"

    def picture(self, job_id: int) -> str:
        """The PNG of a finished job, kept apart from the events stream until delivered."""
        return f"{self.prefix}:png:{job_id}"

    @property
    def all_pictures(self) -> str:
        return f"{self.prefix}:png:*"

    def worker(self, name: str) -> str:
        return f"{self.prefix}:worker:{name}"


def job_fields(job_id: int, batch_key: str, request: dict[str, Any]) -> dict[str, str]:
    return {"job": str(job_id), "batch": batch_key, "request": json.dumps(request)}


def event_fields(job_id: int, kind: str, worker: str, **extra: Any) -> dict[str, Any]:
    fields: dict[str, Any] = {"job": str(job_id), "kind": kind, "worker": worker}
    for key, value in extra.items():
        fields[key] = value if isinstance(value, bytes | str) else json.dumps(value)
    return fields


# How long a finished picture waits in Redis for the bot (a bot down for the night still gets it).
PICTURE_TTL_SECONDS = 24 * 3600
# Events are small (the PNGs are stored apart): a few thousand cover any backlog the bot reads.
EVENTS_MAXLEN = 10_000


def picture_fields(picture: DrawnPicture) -> dict[str, Any]:
    """A done event's fields: what the picture is; its PNG bytes travel under `Names.picture`."""
    meta = {
        "width": picture.width,
        "height": picture.height,
        "seed": picture.seed,
        "params": picture.params,
        "safe": picture.safe,
        "check": picture.check,
        "shows": picture.shows,
    }
    return {"meta": json.dumps(meta)}


def picture_from(fields: dict[bytes, bytes], png: bytes) -> DrawnPicture:
    meta = json.loads(fields[b"meta"])
    return DrawnPicture(
        png=png,
        width=int(meta["width"]),
        height=int(meta["height"]),
        seed=int(meta["seed"]),
        params=dict(meta["params"]),
        safe=meta["safe"],
        check=str(meta["check"]),
        shows=meta.get("shows"),
    )


def text(fields: dict[bytes, bytes], key: str, default: str = "") -> str:
    value = fields.get(key.encode())
    return default if value is None else value.decode()
