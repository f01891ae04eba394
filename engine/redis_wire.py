"""What the bot and the GPU workers say to each other through Redis Streams.

Jobs go out on ``<prefix>:jobs`` (consumer group ``workers``); what happens to them comes back
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

    @property
    def jobs(self) -> str:
        return f"{self.prefix}:jobs"

    @property
    def events(self) -> str:
        return f"{self.prefix}:events"

    def worker(self, name: str) -> str:
        return f"{self.prefix}:worker:{name}"


def job_fields(job_id: int, batch_key: str, request: dict[str, Any]) -> dict[str, str]:
    return {"job": str(job_id), "batch": batch_key, "request": json.dumps(request)}


def event_fields(job_id: int, kind: str, worker: str, **extra: Any) -> dict[str, Any]:
    fields: dict[str, Any] = {"job": str(job_id), "kind": kind, "worker": worker}
    for key, value in extra.items():
        fields[key] = value if isinstance(value, bytes | str) else json.dumps(value)
    return fields


def picture_fields(picture: DrawnPicture) -> dict[str, Any]:
    meta = {
        "width": picture.width,
        "height": picture.height,
        "seed": picture.seed,
        "params": picture.params,
        "safe": picture.safe,
        "check": picture.check,
        "shows": picture.shows,
    }
    return {"png": picture.png, "meta": json.dumps(meta)}


def picture_from(fields: dict[bytes, bytes]) -> DrawnPicture:
    meta = json.loads(fields[b"meta"])
    return DrawnPicture(
        png=fields[b"png"],
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
