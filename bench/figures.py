"""Small helpers of the benchmark: timings into figures, and a part run in its own process."""

from __future__ import annotations

import asyncio
import json
import sys
from typing import Any


def percentile(values: list[float], share: float) -> float:
    """The value below which `share` of `values` fall (nearest rank; 0.99 → p99)."""
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))
    return ordered[index]


async def in_own_process(module: str, *args: str) -> Any:
    """`python -m module args` and the JSON of its last line: a part of the bench that must
    not share this process's event loop (nor hold its GIL) with a broadcast paced beside it."""
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", module, *args,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    output, error = await process.communicate()
    if process.returncode:
        raise RuntimeError(f"bench: {module} failed: {error.decode()[-300:]}")
    return json.loads(output.decode().strip().splitlines()[-1])
