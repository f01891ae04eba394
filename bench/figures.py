"""Small helpers for turning timings into the figures the benchmark reports."""

from __future__ import annotations


def percentile(values: list[float], share: float) -> float:
    """The value below which `share` of `values` fall (nearest rank; 0.99 → p99)."""
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))
    return ordered[index]
