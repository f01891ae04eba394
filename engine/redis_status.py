"""`pictolingo status`: what the operator needs to know about the GPU workers behind Redis."""

from __future__ import annotations

import json
import time
from typing import Any

import redis.asyncio as aioredis

from engine.redis_wire import WORKERS, Names
from engine.worker import REDIS_DOWN


async def redis_status(url: str, names: Names | None = None) -> dict[str, Any]:
    names = names or Names()
    client = aioredis.from_url(url, socket_timeout=5)
    try:
        workers = []
        async for key in client.scan_iter(match=names.worker("*")):
            raw = await client.get(key)
            if raw:
                workers.append(json.loads(raw))
        lag = pending = 0
        async for stream in client.scan_iter(match=names.all_jobs, _type="stream"):
            for group in await client.xinfo_groups(stream):
                if group["name"] in (WORKERS, WORKERS.encode()):
                    lag += int(group.get("lag") or 0)
                    pending += int(group.get("pending") or 0)
    except REDIS_DOWN as error:
        return {"redis": f"unreachable at {url} ({error})"}
    finally:
        await client.aclose()
    now = time.time()
    done = sum(int(w.get("done", 0)) for w in workers)
    minutes = sum(max(1 / 60, (now - float(w.get("started", now))) / 60) for w in workers)
    return {
        "redis": url,
        "workers_alive": len(workers),
        "workers": ", ".join(sorted(w["name"] for w in workers)) or "-",
        "waiting": lag,
        "being_drawn": pending,
        "jobs_per_minute": round(done / minutes, 1) if workers else 0,
        "failures": sum(int(w.get("failed", 0)) for w in workers),
    }
