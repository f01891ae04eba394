"""The /stats chart: words learned per day, accuracy per day, reviews due in the coming week."""

from __future__ import annotations

import io
import math
from datetime import date
from typing import Any

EMPTY = {
    0: "No words learned yet: answer a quiz question right to learn one.",
    1: "No quizzes yet: send /quiz.",
    2: "No reviews due this week.",
}


def stats_figure(
    days: list[date],
    learned: list[int],
    accuracy: list[float | None],
    due_days: list[date],
    due: list[int],
) -> Any:
    """The three panels; a panel with nothing in it says so instead of showing empty axes
    (a new learner's chart had counts from -0.05 and accuracy days of -0.04)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.ticker import MaxNLocator

    figure, axes = plt.subplots(3, 1, figsize=(6, 6.4))
    labels = [d.strftime("%d %b") for d in days]
    axes[0].bar(labels, learned, color="#4c9f70")
    axes[0].set_title("Words learned per day")
    percent = [math.nan if a is None else a * 100 for a in accuracy]
    where = range(len(labels))
    axes[1].plot(where, percent, marker="o", color="#3b6fb6")  # a gap on a day with no quiz
    axes[1].set_xticks(where, labels)
    axes[1].set_xlim(-0.5, len(labels) - 0.5)  # every day, with a quiz or not
    axes[1].set_ylim(0, 105)
    axes[1].set_title("Quiz accuracy (%)")
    axes[2].bar([d.strftime("%a %d") for d in due_days], due, color="#e0a030")
    axes[2].set_title("Reviews due")
    for index, counts in ((0, learned), (2, due)):
        axes[index].set_ylim(0, max(1, *counts) * 1.15)
        axes[index].yaxis.set_major_locator(MaxNLocator(integer=True))  # no "0.5 words"
    nothing = (not any(learned), all(a is None for a in accuracy), not any(due))
    for index, axis in enumerate(axes):
        axis.tick_params(axis="x", labelsize=7, rotation=45)
        axis.grid(axis="y", alpha=0.3)
        axis.spines[["top", "right"]].set_visible(False)
        if nothing[index]:
            axis.text(
                0.5, 0.55, EMPTY[index], transform=axis.transAxes, ha="center", color="#666666"
            )
    figure.tight_layout()
    return figure


def stats_chart(
    days: list[date],
    learned: list[int],
    accuracy: list[float | None],
    due_days: list[date],
    due: list[int],
) -> bytes:
    import matplotlib.pyplot as plt

    figure = stats_figure(days, learned, accuracy, due_days, due)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=90)
    plt.close(figure)
    return buffer.getvalue()
