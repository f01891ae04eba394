"""The /stats chart: words learned per day, accuracy per day, reviews due in the coming week."""

from __future__ import annotations

import io
from datetime import date


def stats_chart(
    days: list[date],
    learned: list[int],
    accuracy: list[float | None],
    due_days: list[date],
    due: list[int],
) -> bytes:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure, axes = plt.subplots(3, 1, figsize=(6, 6.4))
    labels = [d.strftime("%d %b") for d in days]
    axes[0].bar(labels, learned, color="#4c9f70")
    axes[0].set_title("Words learned per day")
    points = [(i, a * 100) for i, a in enumerate(accuracy) if a is not None]
    axes[1].plot(
        [labels[i] for i, _ in points], [a for _, a in points], marker="o", color="#3b6fb6"
    )
    axes[1].set_ylim(0, 105)
    axes[1].set_title("Quiz accuracy (%)")
    axes[2].bar([d.strftime("%a %d") for d in due_days], due, color="#e0a030")
    axes[2].set_title("Reviews due")
    for axis in axes:
        axis.tick_params(axis="x", labelsize=7, rotation=45)
        axis.grid(axis="y", alpha=0.3)
        axis.spines[["top", "right"]].set_visible(False)
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=90)
    plt.close(figure)
    return buffer.getvalue()
